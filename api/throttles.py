"""Rate limits of the API's sensitive routes."""

from __future__ import annotations

from rest_framework.throttling import ScopedRateThrottle


class TokenRouteThrottle(ScopedRateThrottle):
    """Guessing passwords through the token route: a few tries a minute per client address
    (the socket's, or behind ``TRUSTED_PROXIES`` proxies the one they saw: DRF's NUM_PROXIES)."""

    scope_attr = "throttle_scope"
