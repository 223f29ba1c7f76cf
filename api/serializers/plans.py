"""Planned sessions, their prescriptions, and the bulk sync from another planner."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import Id, Int, LocalDate, LocalTime, Text, hh_mm, iso_datetime
from scheduling.models import Intensity, Kind, PlannedSession, Prescription
from scheduling.selectors import PRESCRIPTION_FIELDS
from scheduling.services import PrescriptionInput
from scheduling.services.compliance import compliance_for_plans
from training.models import RunType

BULK_MAX = 500


class PrescriptionLineSerializer(serializers.Serializer):
    exercise = serializers.SlugField(max_length=80, help_text="Exercise slug.")
    sets = Int(min_value=1, max_value=20, default=3)
    reps_min = Int(min_value=1, max_value=100, required=False, allow_null=True,
                   help_text="Required unless the line is a hold (then leave it out).")
    reps_max = Int(min_value=1, max_value=100, required=False, allow_null=True)
    load_kg = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0,
                                       max_value=1000, required=False, allow_null=True)
    pct_e1rm = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=Decimal("0.01"),
                                        max_value=110, required=False, allow_null=True,
                                        help_text="% of the athlete's current e1RM.")
    rir = Int(min_value=0, max_value=10, required=False, allow_null=True)
    ground_contacts = Int(max_value=10_000, required=False, allow_null=True,
                          help_text="Per set (plyometrics).")
    hold_s = Int(min_value=1, max_value=3600, required=False, allow_null=True,
                 help_text="A hold (a plank): seconds a set. A hold line has no reps.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """A hold line has ``hold_s`` and no reps; a rep line has ``reps_min``."""
        if attrs.get("hold_s") is not None:
            errors = {name: "A hold is given in seconds (hold_s), not reps: leave this out."
                      for name in ("reps_min", "reps_max") if attrs.get(name) is not None}
            if errors:
                raise serializers.ValidationError(errors)
            return {**attrs, "reps_min": None, "reps_max": None}
        if attrs.get("reps_min") is None:
            raise serializers.ValidationError(
                {"reps_min": "How many reps? A hold gives its seconds in hold_s instead."})
        return attrs


class PrescriptionOutSerializer(serializers.ModelSerializer):
    exercise = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    load_kg = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    pct_e1rm = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)

    class Meta:
        model = Prescription
        fields = ["exercise", "sets", "reps_min", "reps_max", "load_kg", "pct_e1rm", "rir",
                  "ground_contacts", "hold_s"]
        read_only_fields = fields


class LoggedRefSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["strength", "run"])
    id = serializers.IntegerField()


class PlannedSessionSerializer(serializers.ModelSerializer):
    date = LocalDate()
    start_time = LocalTime(allow_null=True)
    run_type = serializers.ChoiceField(choices=RunType.choices, allow_blank=True,
                                       read_only=True, help_text="Blank for strength.")
    intensity = serializers.ChoiceField(choices=Intensity.choices, allow_blank=True,
                                        read_only=True, help_text="Blank for a run.")
    prescription = PrescriptionOutSerializer(many=True, read_only=True)
    logged = serializers.SerializerMethodField(
        help_text="The logged session that fulfils this plan, if any.")
    compliance = serializers.SerializerMethodField(help_text=(
        "Planned against done: done, partial, off or missed; null while the session is "
        "not past (today or later). See docs/rules.md, Compliance."))

    class Meta:
        model = PlannedSession
        fields = ["id", "athlete", "date", "start_time", "order", "kind", "run_type",
                  "intensity", "duration_min", "distance_m", "planned_rpe", "title", "notes",
                  "external_id", "locked", "prescription", "logged", "compliance",
                  "created_at", "updated_at", "version"]
        read_only_fields = fields

    @extend_schema_field(LoggedRefSerializer(allow_null=True))
    def get_logged(self, obj: PlannedSession) -> dict[str, Any] | None:
        if obj.logged_strength_id:
            return {"type": "strength", "id": obj.logged_strength_id}
        if obj.logged_run_id:
            return {"type": "run", "id": obj.logged_run_id}
        return None

    @extend_schema_field(serializers.ChoiceField(
        choices=["done", "partial", "off", "missed"], allow_null=True))
    def get_compliance(self, obj: PlannedSession) -> str | None:
        """From the list's verdicts (``compliance`` in the context: ``compliance_for_plans``)
        when given, else judged for this session alone."""
        found = self.context.get("compliance")
        if found is None:
            found = compliance_for_plans([obj])
        verdict = found.get(obj.pk)
        return verdict.status.value if verdict is not None else None

    def to_representation(self, obj: PlannedSession) -> dict[str, Any]:
        """The same output as the declared fields (a test holds them equal), built directly:
        the week's list is the API's hottest read."""
        return {
            "id": obj.pk, "athlete": obj.athlete_id, "date": obj.date.isoformat(),
            "start_time": hh_mm(obj.start_time), "order": obj.order, "kind": obj.kind,
            "run_type": obj.run_type, "intensity": obj.intensity,
            "duration_min": obj.duration_min, "distance_m": obj.distance_m,
            "planned_rpe": obj.planned_rpe, "title": obj.title, "notes": obj.notes,
            "external_id": obj.external_id, "locked": obj.locked,
            "prescription": self._prescription(obj),
            "logged": self.get_logged(obj),
            "compliance": self.get_compliance(obj),
            "created_at": iso_datetime(obj.created_at),
            "updated_at": iso_datetime(obj.updated_at),
            "version": obj.version,
        }

    def _prescription(self, obj: PlannedSession) -> list[dict[str, Any]]:
        """From the list's rows (``prescriptions`` in the context: see the selector
        ``prescriptions_by_session``) when given, else from the session's own lines."""
        rows = self.context.get("prescriptions")
        if rows is not None:
            return rows[obj.pk]
        return [
            {"exercise": line.exercise.slug,
             **{name: getattr(line, name) for name in PRESCRIPTION_FIELDS[1:]}}
            for line in obj.prescription.all()
        ]

    def declared_representation(self, obj: PlannedSession) -> dict[str, Any]:
        return dict(super().to_representation(obj))


class PlannedSessionFieldsSerializer(serializers.Serializer):
    """The writable fields of a planned session (no athlete)."""

    date = LocalDate()
    start_time = LocalTime(required=False, allow_null=True)
    order = Int(max_value=1000, required=False)
    kind = serializers.ChoiceField(choices=Kind.choices)
    run_type = serializers.ChoiceField(choices=RunType.choices, required=False,
                                       allow_blank=True, allow_null=True)
    intensity = serializers.ChoiceField(choices=Intensity.choices, required=False,
                                        allow_blank=True, allow_null=True)
    duration_min = Int(max_value=1440, required=False, allow_null=True)
    distance_m = Int(max_value=500_000, required=False, allow_null=True)
    planned_rpe = Int(min_value=1, max_value=10, required=False, allow_null=True)
    title = Text(max_length=120, required=False, allow_blank=True)
    notes = Text(max_length=10_000, required=False, allow_blank=True)
    external_id = Text(max_length=120, required=False, allow_blank=True, allow_null=True,
                       help_text="Your planner's id, unique per athlete (used by the sync).")
    locked = serializers.BooleanField(required=False, help_text=(
        "Locked by the coach: the athlete still logs it, but may not move it (date, "
        "start_time) or delete it: a 403 with code `locked` on the field. Only a coach sets "
        "it; left out, a coach's new session takes the roster's default, and a PUT keeps "
        "the lock as it is."))
    prescription = PrescriptionLineSerializer(many=True, required=False, max_length=50)

    # What PUT resets a field to when the body leaves it out.
    PUT_DEFAULTS: dict[str, Any] = {
        "start_time": None, "order": 0, "run_type": "", "intensity": "", "duration_min": None,
        "distance_m": None, "planned_rpe": None, "title": "", "notes": "", "external_id": None,
        "prescription": [],
    }


class PlannedSessionInputSerializer(PlannedSessionFieldsSerializer):
    athlete = Id(required=False, help_text="Required for a coach; an athlete: themself.")


class BulkItemSerializer(PlannedSessionFieldsSerializer):
    external_id = Text(max_length=120, help_text="Your planner's id, unique per athlete.")


class BulkSyncSerializer(serializers.Serializer):
    athlete = Id(required=False, help_text="Required for a coach; an athlete: themself.")
    sessions = BulkItemSerializer(many=True, max_length=BULK_MAX, allow_empty=False)


class BulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    results = PlannedSessionSerializer(many=True)


class PlannedSessionFilter(serializers.Serializer):
    athlete = Id(required=False)
    date_from = LocalDate(required=False, help_text="Sessions on this date or later.")
    date_to = LocalDate(required=False, help_text="Sessions on this date or earlier.")
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)


def prescription_inputs(lines: list[dict[str, Any]] | None) -> list[PrescriptionInput] | None:
    if lines is None:
        return None
    return [PrescriptionInput(**line) for line in lines]
