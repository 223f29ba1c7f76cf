"""The cache on Redis fails soft: with Redis gone it acts as an empty cache, logs a warning,
and leaves Redis alone for a while (tests/faults/ has the real outage)."""

from __future__ import annotations

import socket
from typing import Any
from unittest import mock

import pytest
from django.conf import settings

from apexzone.cache import FailSoftRedisCache


@pytest.fixture
def gone() -> FailSoftRedisCache:
    """The production cache settings, on a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return FailSoftRedisCache(f"redis://127.0.0.1:{port}/0",
                              {"OPTIONS": settings.REDIS_CACHE["OPTIONS"]})


def test_with_redis_gone_it_answers_as_an_empty_cache_that_takes_every_add(
    gone: FailSoftRedisCache, caplog: Any
) -> None:
    assert gone.get("throttle", "missing") == "missing"
    assert gone.add("lock", True) is True  # allauth's lock: taken, so the login goes on
    gone.set("throttle", [1.0], 60)
    assert gone.get_many(["a", "b"]) == {}
    assert "Rate limits kept in it are not enforced" in caplog.text


def test_after_a_failure_it_leaves_redis_alone_for_a_while(gone: FailSoftRedisCache) -> None:
    gone.get("throttle")
    with mock.patch.object(gone._cache, "get") as redis_get:
        assert gone.get("throttle", "missing") == "missing"
    redis_get.assert_not_called()
    later = gone.down_until + 0.1
    with mock.patch("apexzone.cache.time.monotonic", return_value=later), \
            mock.patch.object(gone._cache, "get", return_value="back") as redis_get:
        assert gone.get("throttle") == "back"
    redis_get.assert_called_once()
