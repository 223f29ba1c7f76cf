"""The coach admin for plans, logs and findings. Every save or delete of something that can
change a verdict re-checks the athlete after commit, as the services do."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from athletes.admin import AthleteProfileAdmin as ProfileAdmin
from athletes.admin_scope import RosterScopedAdmin, ScopedInline
from athletes.models import AthleteProfile
from athletes.writers import athlete_profile_update
from scheduling.models import CheckRun, Finding, PhaseBlock, PlannedSession, Prescription, Race
from scheduling.services import athlete_recheck_on_commit
from scheduling.services.profile import ENGINE_FIELDS, PERSONAL_FIELDS
from training.models import Exercise, Run, StrengthSession, StrengthSet


class ExerciseScopedInline(ScopedInline):
    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Exercise and not request.user.is_superuser:
            kwargs["queryset"] = Exercise.objects.filter(
                Q(owner__isnull=True) | Q(owner=request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RecheckingAdmin(RosterScopedAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        athlete_recheck_on_commit(athlete_id=obj.athlete_id)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        athlete_id = obj.athlete_id
        super().delete_model(request, obj)
        athlete_recheck_on_commit(athlete_id=athlete_id)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        athlete_recheck_on_commit(athlete_id=form.instance.athlete_id)


# The athletes app may not reach the engine: its profile admin is registered again here, to
# re-check the athlete after a change.
admin.site.unregister(AthleteProfile)


@admin.register(AthleteProfile)
class AthleteProfileAdmin(ProfileAdmin):
    """Saved by the profile service, as the portal and the API do: a change of units carries
    the plate step to the new units' nearest usual step, a pound step is kept on quarter
    pounds. A change the engine reads (zone, level, equipment, step, availability) re-checks
    the athlete, once. The athlete's personal settings are theirs alone (shown, not editable)."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), *sorted(PERSONAL_FIELDS)]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        saved = AthleteProfile.objects.get(pk=obj.pk)  # no add: see has_add_permission
        athlete_profile_update(athlete=saved,
                               **{name: getattr(obj, name) for name in form.changed_data})
        for name in [*form.changed_data, "plate_step_kg", "home_items"]:
            setattr(obj, name, getattr(saved, name))  # what the service made of them

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if ENGINE_FIELDS & set(form.changed_data) or any(f.has_changed() for f in formsets):
            athlete_recheck_on_commit(athlete_id=form.instance.pk)


class PrescriptionInline(ExerciseScopedInline):
    model = Prescription


@admin.register(PlannedSession)
class PlannedSessionAdmin(RecheckingAdmin):
    list_display = ["date", "start_time", "athlete", "kind", "run_type", "intensity", "title"]
    list_filter = ["kind", "run_type", "intensity", "date"]
    search_fields = ["title", "athlete__user__email", "athlete__user__name"]
    date_hierarchy = "date"
    list_select_related = ["athlete__user"]
    inlines = [PrescriptionInline]
    readonly_fields = ["logged_strength", "logged_run"]  # the logging services keep these
    exclude = ["created_by"]


class StrengthSetInline(ExerciseScopedInline):
    model = StrengthSet


@admin.register(StrengthSession)
class StrengthSessionAdmin(RecheckingAdmin):
    list_display = ["date", "start_time", "athlete", "title", "rpe", "duration_min"]
    list_filter = ["date"]
    search_fields = ["title", "athlete__user__email", "athlete__user__name"]
    date_hierarchy = "date"
    list_select_related = ["athlete__user"]
    inlines = [StrengthSetInline]
    exclude = ["created_by"]


@admin.register(Run)
class RunAdmin(RecheckingAdmin):
    list_display = ["date", "start_time", "athlete", "run_type", "distance_m", "duration_s", "rpe"]
    list_filter = ["run_type", "date"]
    search_fields = ["athlete__user__email", "athlete__user__name"]
    date_hierarchy = "date"
    list_select_related = ["athlete__user"]
    exclude = ["created_by"]


@admin.register(Race)
class RaceAdmin(RecheckingAdmin):
    list_display = ["date", "name", "athlete", "distance_m", "priority"]
    list_filter = ["priority"]
    search_fields = ["name", "athlete__user__email"]
    list_select_related = ["athlete__user"]


@admin.register(PhaseBlock)
class PhaseBlockAdmin(RecheckingAdmin):
    list_display = ["athlete", "phase", "start", "end", "auto"]
    list_filter = ["phase", "auto"]
    list_select_related = ["athlete__user"]
    readonly_fields = ["race", "auto"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.auto = False  # an edited block is the coach's own
        super().save_model(request, obj, form, change)


@admin.register(Finding)
class FindingAdmin(RosterScopedAdmin):
    list_display = ["first_date", "athlete", "rule", "severity", "status", "title", "last_seen"]
    list_filter = ["severity", "status", "rule"]
    search_fields = ["title", "athlete__user__email", "athlete__user__name"]
    list_select_related = ["athlete__user"]
    readonly_fields = [
        "athlete", "rule", "severity", "fingerprint", "sessions", "dates", "first_date",
        "last_date", "title", "explanation", "suggestion", "move", "first_seen", "last_seen",
        "resolved_at", "acknowledged_at", "acknowledged_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # findings come from the engine


@admin.register(CheckRun)
class CheckRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["started_at", "trigger", "athletes_checked", "findings_new",
                    "findings_kept", "findings_resolved", "errors", "finished_at"]
    list_filter = ["trigger"]
    readonly_fields = [f.name for f in CheckRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
