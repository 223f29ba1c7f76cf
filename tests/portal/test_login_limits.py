"""allauth's login limits behind reverse proxies: they count the client, never the proxy, and a
forged X-Forwarded-For buys nothing when no proxy is trusted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client

from athletes.models import User
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()  # allauth's rate limits live in the cache


def logs_in(email: str, password: str, **headers: str) -> bool:
    client = Client(REMOTE_ADDR=PROXY, **headers)
    client.post(LOGIN, {"login": email, "password": password})
    return "_auth_user_id" in client.session


def test_behind_a_proxy_the_login_limits_count_the_client_not_the_proxy(
    coach: User, trusted_proxies: Callable[[int], None],
) -> None:
    trusted_proxies(1)
    for i in range(11):  # past allauth's 10 failed logins a minute per address
        logs_in(f"nobody{i}@example.com", "guess", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert not logs_in(coach.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert logs_in(coach.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")


def test_without_proxies_a_forged_forwarded_for_does_not_escape_the_login_limits(
    coach: User, trusted_proxies: Callable[[int], None],
) -> None:
    trusted_proxies(0)
    for i in range(11):
        logs_in(f"nobody{i}@example.com", "guess", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert not logs_in(coach.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200")
