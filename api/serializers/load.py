"""An athlete's training load: the daily series with fitness, fatigue, form and the ratio."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rest_framework import serializers

from api.fields import LocalDate

MAX_DAYS = 3 * 365 + 1  # at most 3 years per call
DEFAULT_DAYS = 90  # no range given: the 90 days that end today


class LoadQuery(serializers.Serializer):
    date_from = LocalDate(required=False, help_text=(
        "First day of the series (default: 89 days before date_to)."))
    date_to = LocalDate(required=False, help_text=(
        "Last day of the series (default: the athlete's today). At most 3 years after "
        "date_from."))

    def window(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The validated window, with the defaults filled in (a 400 per field otherwise)."""
        data: dict[str, Any] = self.validated_data  # type: ignore[assignment]
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_to is None:
            date_to = today if date_from is None or date_from <= today else date_from
        if date_from is None:
            date_from = date_to - dt.timedelta(days=DEFAULT_DAYS - 1)
        if date_from > date_to:
            raise serializers.ValidationError(
                {"date_to": ["Must be on or after date_from."]})
        if (date_to - date_from).days + 1 > MAX_DAYS:
            field = "date_to" if "date_to" in data else "date_from"
            raise serializers.ValidationError(
                {field: [f"At most 3 years ({MAX_DAYS} days) per call."]})
        return date_from, date_to


class LoadPointSerializer(serializers.Serializer):
    date = serializers.DateField()
    load = serializers.FloatField(help_text="Session-RPE load of the day (RPE x minutes).")
    run_load = serializers.FloatField()
    strength_load = serializers.FloatField()
    ctl = serializers.FloatField(help_text="Fitness: 42-day weighted mean of daily load.")
    atl = serializers.FloatField(help_text="Fatigue: 7-day weighted mean of daily load.")
    form = serializers.FloatField(help_text="Yesterday's fitness less yesterday's fatigue.")
    acwr = serializers.FloatField(
        allow_null=True, help_text=("7:28 acute:chronic ratio; null before 28 days of "
                                    "history. A trend, not an injury prediction."))
    estimated = serializers.BooleanField(
        help_text="A session of the day had no RPE (or no duration): its load is estimated.")


class LoadSerializer(serializers.Serializer):
    athlete = serializers.IntegerField()
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    acwr_limits = serializers.CharField(help_text="What the ratio can and cannot tell.")
    results = LoadPointSerializer(many=True)
