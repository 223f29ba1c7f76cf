"""Rate limits of the API's sensitive routes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle


class TokenRouteThrottle(ScopedRateThrottle):
    """Guessing passwords through the token route: a few tries a minute per client address
    (the socket's, or behind ``TRUSTED_PROXIES`` proxies the one they saw: DRF's NUM_PROXIES)."""

    scope_attr = "throttle_scope"


class TokenAccountThrottle(SimpleRateThrottle):
    """Guessing one account's password from many addresses: ``auth-token-account`` wrong
    passwords per account (10 in 15 minutes), counted on the normalised email whatever address
    they come from. Only wrong passwords count (the view calls ``failure``); once the account is
    over, even the right password waits (a 429 with Retry-After) until the oldest one expires."""

    scope = "auth-token-account"

    def parse_rate(self, rate: str | None) -> tuple[int | None, int | None]:
        """DRF's ``number/period`` with a count of periods too: ``10/15m``."""
        if rate is None:
            return None, None
        number, period = rate.split("/")
        match = re.fullmatch(r"(\d*)([smhd])\w*", period)
        if match is None:
            raise ValueError(f"Unknown throttle period {period!r}.")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[match[2]]
        return int(number), int(match[1] or 1) * seconds

    def get_cache_key(self, request: Request, view: Any = None) -> str | None:
        email = request.data.get("email") if isinstance(request.data, Mapping) else None
        if not isinstance(email, str) or not email.strip():
            return None  # no account named: the serializer answers 400
        ident = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def throttle_success(self) -> bool:
        return True  # a try counts only when its password was wrong: see failure()

    def failure(self, request: Request) -> None:
        """Count one wrong password against the account ``request`` names."""
        key = self.get_cache_key(request)
        if key is None or self.duration is None:
            return
        now = self.timer()
        history = [t for t in self.cache.get(key, []) if t > now - self.duration]
        self.cache.set(key, [now, *history], self.duration)
