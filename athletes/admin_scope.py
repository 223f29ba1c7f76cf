"""Scoping for the coach admin: a coach sees and edits only their rosters' athletes."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest

from athletes.models import AthleteProfile
from athletes.selectors import athletes_for_user

log = logging.getLogger(__name__)

# Fields named after their unit (``distance_m``) read "Distance m" in the admin: the label
# with the unit in parentheses instead, on forms and list columns alike.
UNIT_LABELS = {
    "distance_m": "Distance (m)", "duration_s": "Duration (s)", "duration_min": "Duration (min)",
    "hold_s": "Hold (s)", "load_kg": "Load (kg)", "body_weight_kg": "Body weight (kg)",
    "plate_step_kg": "Plate step (kg)", "pct_e1rm": "% of e1RM",
}


@cache
def unit_column(name: str) -> Any:
    """A list column showing field ``name`` under its label with the unit, sorted by it."""

    def column(obj: Any) -> Any:
        return getattr(obj, name)

    column.__name__ = name
    return admin.display(description=UNIT_LABELS[name], ordering=name)(column)


def _is_default_label(db_field: Any) -> bool:
    """True when the model gives no verbose_name of its own (Django made it from the name)."""
    return bool(str(db_field.verbose_name) == db_field.name.replace("_", " "))


class UnitLabels:
    """Admin mixin: the unit-named fields' labels say their unit ("Distance (m)")."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is not None and db_field.name in UNIT_LABELS and _is_default_label(
                db_field):
            formfield.label = UNIT_LABELS[db_field.name]
        return formfield

    def get_list_display(self, request: HttpRequest) -> Any:
        return [unit_column(name) if isinstance(name, str) and name in UNIT_LABELS else name
                for name in super().get_list_display(request)]  # type: ignore[misc]


class RosterScopedAdmin(UnitLabels, admin.ModelAdmin):  # type: ignore[type-arg]
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


class ScopedInline(UnitLabels, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is AthleteProfile and not request.user.is_superuser:
            kwargs["queryset"] = athletes_for_user(user=request.user)  # type: ignore[arg-type]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
