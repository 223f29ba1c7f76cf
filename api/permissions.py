"""Role permissions of the API (scope is the selectors' business, not a permission's)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


class IsCoachToWrite(BasePermission):
    """Reads for anyone signed in; writes for coaches (and superusers) only."""

    message = "Only coaches may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or user.is_coach or user.is_superuser
