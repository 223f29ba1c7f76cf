"""The coach admin for plans, logs, races and findings. Every save or delete goes through the
model's public service, as in the portal and the API: a race added here lays its phases, a
logged session is linked and announced, and the athlete is re-checked once per save."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpRequest
from django.utils.dateformat import format as date_format

from athletes.admin import AthleteProfileAdmin as ProfileAdmin
from athletes.admin_scope import RosterScopedAdmin, ScopedInline
from athletes.admin_services import RefusalShownAdmin, ServiceAdmin, inline_rows, mark_saved
from athletes.models import AthleteProfile
from scheduling import services
from scheduling.models import (
    CheckRun,
    Finding,
    FindingStatus,
    PhaseBlock,
    PlannedSession,
    Prescription,
    Race,
)
from scheduling.services.profile import PERSONAL_FIELDS
from training.admin import ExerciseAdmin as LibraryAdmin
from training.models import Exercise, Run, StrengthSession, StrengthSet
from training.services import SetInput, exercise_create


class ExerciseScopedInline(ScopedInline):
    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Exercise and not request.user.is_superuser:
            kwargs["queryset"] = Exercise.objects.filter(
                Q(owner__isnull=True) | Q(owner=request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _fields(form: forms.ModelForm, *, add: bool) -> dict[str, Any]:
    """The form's fields for the service: all of them for a new object (its athlete apart),
    the changed ones for a change."""
    names = [n for n in form.fields if n != "athlete"] if add else form.changed_data
    return {name: form.cleaned_data[name] for name in names}


# The athletes app may not reach the services that re-check: its profile admin is registered
# again here.
admin.site.unregister(AthleteProfile)


@admin.register(AthleteProfile)
class AthleteProfileAdmin(RefusalShownAdmin, ProfileAdmin):
    """Saved by the profile service, with the availability, as the portal and the API do: a
    change of units carries the plate step to the new units' nearest usual step, a pound
    step is kept on quarter pounds, and a change the engine reads (zone, level, equipment,
    step, availability) re-checks the athlete, once. The athlete's personal settings are
    theirs alone (shown, not editable)."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), *sorted(PERSONAL_FIELDS)]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing yet: written with the availability in ``save_related`` (no add: see
        has_add_permission)."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        (days,) = formsets
        saved = AthleteProfile.objects.get(pk=form.instance.pk)
        services.athlete_profile_update(
            athlete=saved, actor=request.user,
            availability=[(row["weekday"], row["earliest"], row["latest"])
                          for row in inline_rows(days)] if days.has_changed() else None,
            **{name: getattr(form.instance, name) for name in form.changed_data})
        for name in [*form.changed_data, "plate_step_kg", "home_items"]:
            setattr(form.instance, name, getattr(saved, name))  # what the service made of them
        mark_saved(days)


class PrescriptionInline(ExerciseScopedInline):
    model = Prescription


def _prescription(rows: list[dict[str, Any]]) -> list[services.PrescriptionInput]:
    return [services.PrescriptionInput(
        row["exercise"].slug, sets=row["sets"], reps_min=row["reps_min"],
        reps_max=row["reps_max"], load_kg=row["load_kg"], pct_e1rm=row["pct_e1rm"],
        rir=row["rir"], ground_contacts=row["ground_contacts"], hold_s=row.get("hold_s"))
        for row in rows]


@admin.register(PlannedSession)
class PlannedSessionAdmin(ServiceAdmin):
    list_display = ["date", "start_time", "athlete", "kind", "run_type", "intensity", "title",
                    "locked"]
    list_filter = ["kind", "run_type", "intensity", "locked", "date"]
    search_fields = ["title", "athlete__user__email", "athlete__user__name"]
    date_hierarchy = "date"
    list_select_related = ["athlete__user"]
    inlines = [PrescriptionInline]
    readonly_fields = ["logged_strength", "logged_run"]  # the logging services keep these
    exclude = ["created_by"]

    def service_create(self, request: HttpRequest, form: Any, rows: Any) -> PlannedSession:
        fields = _fields(form, add=True)
        if not fields.get("locked"):  # left unticked: the roster's default decides
            fields.pop("locked", None)
        return services.planned_session_create(
            actor=request.user, athlete=form.cleaned_data["athlete"],
            prescription=_prescription(rows), **fields)

    def service_update(self, request: HttpRequest, obj: PlannedSession, form: Any,
                       rows: Any) -> PlannedSession:
        return services.planned_session_update(
            session=obj, actor=request.user,
            prescription=None if rows is None else _prescription(rows),
            **_fields(form, add=False))

    def service_delete(self, obj: PlannedSession) -> None:
        services.planned_session_delete(session=obj)


class StrengthSetInline(ExerciseScopedInline):
    model = StrengthSet


def _sets(rows: list[dict[str, Any]]) -> list[SetInput]:
    return [SetInput(
        row["exercise"].slug, reps=row["reps"], load_kg=row["load_kg"],
        rir=row["rir"], is_warmup=row["is_warmup"], ground_contacts=row["ground_contacts"],
        hold_s=row["hold_s"], order=row["order"]) for row in rows]


@admin.register(StrengthSession)
class StrengthSessionAdmin(ServiceAdmin):
    list_display = ["date", "start_time", "athlete", "title", "rpe", "duration_min"]
    list_filter = ["date"]
    search_fields = ["title", "athlete__user__email", "athlete__user__name"]
    date_hierarchy = "date"
    list_select_related = ["athlete__user"]
    inlines = [StrengthSetInline]
    exclude = ["created_by"]

    def service_create(self, request: HttpRequest, form: Any, rows: Any) -> StrengthSession:
        return services.strength_session_create(
            actor=request.user, athlete=form.cleaned_data["athlete"], sets=_sets(rows),
            **_fields(form, add=True))

    def service_update(self, request: HttpRequest, obj: StrengthSession, form: Any,
                       rows: Any) -> StrengthSession:
        return services.strength_session_update(
            session=obj, sets=None if rows is None else _sets(rows), **_fields(form, add=False))

    def service_delete(self, obj: StrengthSession) -> None:
        services.strength_session_delete(session=obj)


@admin.register(Run)
class RunAdmin(ServiceAdmin):
    list_display = ["date", "start_time", "athlete", "run_type", "distance_m", "duration_s", "rpe"]
    list_filter = ["run_type", "date"]
    search_fields = ["athlete__user__email", "athlete__user__name"]
    date_hierarchy = "date"
    list_select_related = ["athlete__user"]
    exclude = ["created_by"]

    def service_create(self, request: HttpRequest, form: Any, rows: Any) -> Run:
        return services.run_create(actor=request.user, athlete=form.cleaned_data["athlete"],
                                   **_fields(form, add=True))

    def service_update(self, request: HttpRequest, obj: Run, form: Any, rows: Any) -> Run:
        return services.run_update(run=obj, **_fields(form, add=False))

    def service_delete(self, obj: Run) -> None:
        services.run_delete(run=obj)


@admin.register(Race)
class RaceAdmin(ServiceAdmin):
    """An A race lays its default phases and a moved one moves them, as through the API."""

    list_display = ["date", "name", "athlete", "distance_m", "priority"]
    list_filter = ["priority"]
    search_fields = ["name", "athlete__user__email"]
    list_select_related = ["athlete__user"]

    def service_create(self, request: HttpRequest, form: Any, rows: Any) -> Race:
        return services.race_create(athlete=form.cleaned_data["athlete"],
                                    **_fields(form, add=True))

    def service_update(self, request: HttpRequest, obj: Race, form: Any, rows: Any) -> Race:
        return services.race_update(race=obj, **_fields(form, add=False))

    def service_delete(self, obj: Race) -> None:
        services.race_delete(race=obj)


@admin.register(PhaseBlock)
class PhaseBlockAdmin(ServiceAdmin):
    """A block saved here is the coach's own: a moved race no longer replaces it."""

    list_display = ["athlete", "phase", "start", "end", "auto"]
    list_filter = ["phase", "auto"]
    list_select_related = ["athlete__user"]
    readonly_fields = ["race", "auto"]

    def service_create(self, request: HttpRequest, form: Any, rows: Any) -> PhaseBlock:
        return services.phase_block_create(athlete=form.cleaned_data["athlete"],
                                           **_fields(form, add=True))

    def service_update(self, request: HttpRequest, obj: PhaseBlock, form: Any,
                       rows: Any) -> PhaseBlock:
        return services.phase_block_update(block=obj, **_fields(form, add=False))

    def service_delete(self, obj: PhaseBlock) -> None:
        services.phase_block_delete(block=obj)


SESSION_WORDS = {"planned": "planned session", "strength": "logged strength session",
                 "run": "logged run"}


def _session_words(ref: dict[str, Any]) -> str:
    """``{"type": "planned", "id": 12}`` -> "planned session #12"."""
    return f"{SESSION_WORDS.get(ref.get('type', ''), 'session')} #{ref.get('id', '?')}"


def _day_words(value: str) -> str:
    """``"2026-12-08"`` -> "Tue 8 Dec 2026" (as it is, if it is no date)."""
    try:
        return date_format(dt.date.fromisoformat(value), "D j M Y")
    except (TypeError, ValueError):
        return str(value)


@admin.register(Finding)
class FindingAdmin(RefusalShownAdmin, RosterScopedAdmin):
    """Findings are read here, and acknowledged by the action, as in the portal: the checks
    open and resolve them (one resolved or deleted by hand would come back as new, and be
    emailed again), and when one was emailed is the digests' to say."""

    list_display = ["first_date", "athlete", "rule", "severity", "status", "title", "last_seen"]
    list_filter = ["severity", "status", "rule"]
    search_fields = ["title", "athlete__user__email", "athlete__user__name"]
    list_select_related = ["athlete__user"]
    actions = ["acknowledge"]
    # The engine's JSON (sessions, dates, the move) shown in words, not as raw JSON.
    exclude = ["sessions", "dates", "move"]
    readonly_fields = [
        "athlete", "rule", "severity", "fingerprint", "sessions_shown", "dates_shown",
        "first_date", "last_date", "title", "explanation", "suggestion", "move_shown",
        "first_seen", "last_seen", "resolved_at", "acknowledged_at", "acknowledged_by",
    ]

    @admin.display(description="Sessions")
    def sessions_shown(self, obj: Finding) -> str:
        return "; ".join(_session_words(ref) for ref in obj.sessions or []) or "-"

    @admin.display(description="Dates")
    def dates_shown(self, obj: Finding) -> str:
        return ", ".join(_day_words(day) for day in obj.dates or []) or "-"

    @admin.display(description="One-click fixes")
    def move_shown(self, obj: Finding) -> str:
        return " / ".join(f"{fix['text']} {fix['leaves']}".strip() for fix in obj.fixes) or "-"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_acknowledge_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    @admin.action(description="Acknowledge selected findings", permissions=["acknowledge"])
    def acknowledge(self, request: HttpRequest, queryset: Any) -> None:
        done, resolved = 0, 0
        for finding in queryset.order_by("pk"):
            if finding.status == FindingStatus.RESOLVED:
                resolved += 1
                continue
            services.finding_acknowledge(finding=finding, actor=request.user)
            done += 1
        if done:
            self.message_user(request, f"Acknowledged {done} finding(s).")
        if resolved:
            self.message_user(request, f"{resolved} resolved finding(s) left as they are.",
                              messages.WARNING)


# Training may not reach the services that re-check: its exercise admin is registered again.
admin.site.unregister(Exercise)


@admin.register(Exercise)
class ExerciseAdmin(RefusalShownAdmin, LibraryAdmin):
    """A coach's exercise is added by the exercise service (its slug made from its name, as
    through the API), changed and deleted by the services that re-check the athletes whose
    plans and logs hold it. Its slug and owner stay what they were made."""

    DESCRIPTION = ["name", "pattern", "category", "lower_body", "unilateral", "equipment"]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {}

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        owner = ["owner"] if request.user.is_superuser or obj is not None else []
        return [*self.DESCRIPTION, *(["slug"] if obj is not None else []), *owner]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else ["slug", "owner"]

    def save_model(self, request: HttpRequest, obj: Exercise, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            services.exercise_update(
                actor=request.user, exercise=Exercise.objects.get(pk=obj.pk),
                **{name: data[name] for name in form.changed_data if name in self.DESCRIPTION})
            return
        made = exercise_create(
            coach=data.get("owner") or request.user, name=data["name"], pattern=data["pattern"],
            category=data["category"], lower_body=data["lower_body"],
            unilateral=data["unilateral"], equipment=data["equipment"] or [])
        obj.pk, obj.slug, obj.owner = made.pk, made.slug, made.owner

    def delete_model(self, request: HttpRequest, obj: Exercise) -> None:
        services.exercise_delete(actor=request.user, exercise=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for exercise in queryset:
            services.exercise_delete(actor=request.user, exercise=exercise)


@admin.register(CheckRun)
class CheckRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["started_at", "trigger", "athletes_checked", "findings_new",
                    "findings_kept", "findings_resolved", "errors", "finished_at"]
    list_filter = ["trigger"]
    readonly_fields = [f.name for f in CheckRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
