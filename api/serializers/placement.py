"""An athlete's computed views: placement proposals, progress, next targets, calendar."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rest_framework import serializers

from athletes.api_support import Id, LocalDate, LocalTime

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


class IsoWeek(serializers.CharField):
    """An ISO week, ``YYYY-Www``; its value is the week's Monday."""

    default_error_messages = {"invalid": "Enter an ISO week such as 2026-W09."}

    def to_internal_value(self, data: Any) -> dt.date:  # type: ignore[override]
        text = super().to_internal_value(data)
        match = WEEK_RE.match(text)
        if not match:
            self.fail("invalid")
        try:
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            self.fail("invalid")
        if not 1900 <= monday.year <= 2199:
            self.fail("invalid")
        return monday

    def to_representation(self, value: Any) -> str:
        if isinstance(value, dt.date):
            year, week, _ = value.isocalendar()
            return f"{year}-W{week:02d}"
        return str(value)


class WeekQuery(serializers.Serializer):
    week = IsoWeek(required=False, help_text="ISO week, YYYY-Www (default: this week).")


class SlotSerializer(serializers.Serializer):
    date = serializers.DateField()
    start_time = LocalTime()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class ProposalSessionSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()


class ProposalSerializer(serializers.Serializer):
    session = ProposalSessionSerializer(
        allow_null=True, help_text="The planned session; null: one the week lacks.")
    intensity = serializers.CharField()
    slots = SlotSerializer(many=True)
    unplaced_reason = serializers.CharField(allow_blank=True)


class PlacementSerializer(serializers.Serializer):
    week = serializers.CharField()
    proposals = ProposalSerializer(many=True)


class PlacementApplySerializer(serializers.Serializer):
    week = IsoWeek()
    session = Id(allow_null=True, help_text="The planned session to move; null: a new one.")
    date = LocalDate()
    start_time = LocalTime()


class ProgressQuery(serializers.Serializer):
    exercise = serializers.SlugField(max_length=80)


class _E1rmPoint(serializers.Serializer):
    date = serializers.DateField()
    e1rm = serializers.FloatField()


class _HeaviestPoint(serializers.Serializer):
    date = serializers.DateField()
    load_kg = serializers.FloatField()
    reps = serializers.IntegerField()


class _PR(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["e1rm", "load", "reps"])
    date = serializers.DateField()
    value = serializers.FloatField()
    reps = serializers.IntegerField()
    load_kg = serializers.FloatField()


class _WeekVolume(serializers.Serializer):
    week = serializers.DateField(help_text="The Monday of the ISO week.")
    volume_kg = serializers.FloatField()


class ProgressSerializer(serializers.Serializer):
    exercise = serializers.CharField()
    e1rm = _E1rmPoint(many=True)
    heaviest = _HeaviestPoint(many=True)
    prs = _PR(many=True)
    weekly_volume = _WeekVolume(many=True)


class TargetSerializer(serializers.Serializer):
    exercise = serializers.CharField()
    sets = serializers.IntegerField()
    reps_min = serializers.IntegerField()
    reps_max = serializers.IntegerField()
    load_kg = serializers.FloatField(allow_null=True)
    rir = serializers.IntegerField()
    reason = serializers.CharField()
    based_on = serializers.CharField(allow_blank=True)
    tempo = serializers.CharField(allow_blank=True)


class TargetListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = TargetSerializer(many=True)


class CalendarTokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    url = serializers.CharField(help_text="The iCal feed URL to subscribe to.")


class CalendarQuery(serializers.Serializer):
    token = serializers.CharField(max_length=64)
