"""Scoping for the coach admin: a coach sees and edits only their rosters' athletes."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest

from athletes.models import AthleteProfile
from athletes.selectors import athletes_for_user

log = logging.getLogger(__name__)


class RosterScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows are limited to athletes the user may see; so are athlete foreign-key choices.

    ``athlete_path`` is the lookup from the model to its AthleteProfile.
    """

    athlete_path = "athlete"

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        """A date filter out of the calendar (``?date__year=9999`` in the date hierarchy,
        ``year=0``) makes Django raise ValueError; the admin's own answer to a bad filter is
        to drop the filters and say so (``?e=1``), so it gets the error it handles."""
        try:
            return super().get_changelist_instance(request)
        except (ValueError, OverflowError) as exc:
            log.info("admin filter refused on %s: %s", request.get_full_path(), exc)
            raise IncorrectLookupParameters(exc) from exc

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        scope = athletes_for_user(user=request.user).values("id")  # type: ignore[arg-type]
        return qs.filter(**{f"{self.athlete_path}__in": scope})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is AthleteProfile and not request.user.is_superuser:
            kwargs["queryset"] = athletes_for_user(user=request.user)  # type: ignore[arg-type]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is AthleteProfile and not request.user.is_superuser:
            kwargs["queryset"] = athletes_for_user(user=request.user)  # type: ignore[arg-type]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
