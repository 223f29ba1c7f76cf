"""Where the placer would put a week's strength sessions, and applying one of its slots."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import YEARS_1900_TO_2199, Id, LocalDate, LocalTime

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


@extend_schema_field({
    "type": "string", "pattern": rf"^{YEARS_1900_TO_2199}-W(0[1-9]|[1-4]\d|5[0-3])$",
    "example": "2026-W09",
})
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
    rules = serializers.ListField(
        child=serializers.CharField(),
        help_text="The rule codes a placement here still breaks (a warning or a note it "
                  "leaves; never an error), as the reasons say them in words.")


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
    week = IsoWeek()
    proposals = ProposalSerializer(many=True)


class PlacementApplySerializer(serializers.Serializer):
    week = IsoWeek()
    session = Id(allow_null=True, help_text="The planned session to move; null: a new one.")
    date = LocalDate()
    start_time = LocalTime()
