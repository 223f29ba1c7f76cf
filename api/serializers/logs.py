"""Logged work: strength sessions with their sets, and runs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import Id, Int, LocalDate, LocalTime, Text
from training.drafts import run_is_draft, strength_is_draft
from training.models import Run, RunType, StrengthSession, StrengthSet
from training.services import SetInput


def _planned_id(obj: Any) -> int | None:
    planned = getattr(obj, "planned", None)
    return planned.pk if planned is not None else None


class SetSerializer(serializers.ModelSerializer):
    exercise = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    load_kg = serializers.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        model = StrengthSet
        fields = ["id", "exercise", "order", "reps", "load_kg", "rir", "is_warmup",
                  "ground_contacts", "hold_s"]
        read_only_fields = fields


class StrengthSessionSerializer(serializers.ModelSerializer):
    date = LocalDate()
    start_time = LocalTime(allow_null=True)
    sets = SetSerializer(many=True, read_only=True)
    planned_session = serializers.SerializerMethodField()
    is_draft = serializers.SerializerMethodField(
        help_text="No working set yet: a draft (RULES.md, Logged), counted nowhere until "
                  "finished; discarded after a day if still empty.")

    class Meta:
        model = StrengthSession
        fields = ["id", "athlete", "date", "start_time", "duration_min", "rpe", "title",
                  "notes", "planned_session", "sets", "is_draft", "created_at", "updated_at",
                  "version"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_planned_session(self, obj: StrengthSession) -> int | None:
        return _planned_id(obj)

    @extend_schema_field(serializers.BooleanField())
    def get_is_draft(self, obj: StrengthSession) -> bool:
        return strength_is_draft(obj)


class RunSerializer(serializers.ModelSerializer):
    date = LocalDate()
    start_time = LocalTime(allow_null=True)
    planned_session = serializers.SerializerMethodField()
    is_draft = serializers.SerializerMethodField(
        help_text="Neither a duration nor a distance yet: a draft (RULES.md, Logged), "
                  "counted nowhere until finished; discarded after a day if still empty.")

    class Meta:
        model = Run
        fields = ["id", "athlete", "date", "start_time", "run_type", "distance_m",
                  "duration_s", "rpe", "notes", "planned_session", "is_draft", "created_at",
                  "updated_at", "version"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_planned_session(self, obj: Run) -> int | None:
        return _planned_id(obj)

    @extend_schema_field(serializers.BooleanField())
    def get_is_draft(self, obj: Run) -> bool:
        return run_is_draft(obj)


class SetInputSerializer(serializers.Serializer):
    exercise = serializers.SlugField(max_length=80, help_text="Exercise slug.")
    reps = Int(min_value=1, max_value=1000)
    load_kg = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0,
                                       max_value=1000, default=0)
    rir = Int(max_value=10, required=False, allow_null=True)
    is_warmup = serializers.BooleanField(default=False)
    ground_contacts = Int(max_value=10_000, required=False, allow_null=True)
    hold_s = Int(max_value=86_400, required=False, allow_null=True)
    order = Int(max_value=10_000, required=False, allow_null=True)


class _LoggedFields(serializers.Serializer):
    athlete = Id(required=False, help_text="Required for a coach; an athlete: themself.")
    date = LocalDate()
    start_time = LocalTime(required=False, allow_null=True)
    rpe = Int(min_value=1, max_value=10, required=False, allow_null=True)
    notes = Text(max_length=10_000, required=False, allow_blank=True)
    planned_session = Id(required=False, allow_null=True,
                         help_text="The planned session this fulfils (null unlinks it).")


class StrengthSessionInputSerializer(_LoggedFields):
    duration_min = Int(max_value=600, required=False, allow_null=True)
    title = Text(max_length=120, required=False, allow_blank=True)
    sets = SetInputSerializer(many=True, required=False, max_length=200)


class RunInputSerializer(_LoggedFields):
    run_type = serializers.ChoiceField(choices=RunType.choices, required=False)
    distance_m = Int(max_value=500_000, required=False, allow_null=True)
    duration_s = Int(max_value=7 * 86_400, required=False, allow_null=True)


class LogFilter(serializers.Serializer):
    athlete = Id(required=False)
    date_from = LocalDate(required=False, help_text="Sessions on this date or later.")
    date_to = LocalDate(required=False, help_text="Sessions on this date or earlier.")


def set_inputs(rows: list[dict[str, Any]] | None) -> list[SetInput] | None:
    if rows is None:
        return None
    return [SetInput(**row) for row in rows]
