"""The cache on Redis, failing soft: when Redis is down or frozen, the cache acts as Django's
dummy cache (nothing is kept, every ``add`` succeeds) instead of raising.

The cache holds only rate limits (allauth's login limits, the API token route's throttle), so
a missing cache means "allow", which keeps signing in working through an outage of Redis; an
error would have been a 500 on every login. After a failure the cache does not try Redis again
for ``RETRY_AFTER_S`` seconds, so a frozen Redis costs one socket timeout, not one per call.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

RETRY_AFTER_S = 10.0


def _fail_soft(method: Callable[..., Any]) -> Callable[..., Any]:
    name = method.__name__

    @functools.wraps(method)
    def wrapper(self: FailSoftRedisCache, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self.down_until:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except RedisError as exc:
            self.down_until = time.monotonic() + RETRY_AFTER_S
            log.warning("The cache (Redis) failed on %s: %s. Rate limits kept in it are "
                        "not enforced for the next %.0f s.", name, exc, RETRY_AFTER_S)
            return getattr(self.fallback, name)(*args, **kwargs)

    return wrapper


class FailSoftRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.fallback = DummyCache(server, params)
        self.down_until = 0.0

    add = _fail_soft(RedisCache.add)
    get = _fail_soft(RedisCache.get)
    set = _fail_soft(RedisCache.set)
    touch = _fail_soft(RedisCache.touch)
    delete = _fail_soft(RedisCache.delete)
    get_many = _fail_soft(RedisCache.get_many)
    has_key = _fail_soft(RedisCache.has_key)
    incr = _fail_soft(RedisCache.incr)
    set_many = _fail_soft(RedisCache.set_many)
    delete_many = _fail_soft(RedisCache.delete_many)
    clear = _fail_soft(RedisCache.clear)
