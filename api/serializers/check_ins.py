"""The daily readiness check-in: five items 1-5 (5 best) and the optional morning figures."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import Id, Int, LocalDate
from training.models import (
    BODY_WEIGHT_RANGE,
    HRV_RANGE,
    ITEM_RANGE,
    RESTING_HR_RANGE,
    CheckIn,
)


def _item(help_text: str, **kwargs: object) -> serializers.IntegerField:
    return Int(min_value=ITEM_RANGE[0], max_value=ITEM_RANGE[1], help_text=help_text,
               **kwargs)


class CheckInSerializer(serializers.ModelSerializer):
    date = LocalDate()
    body_weight_kg = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    readiness = serializers.FloatField(help_text="The mean of the five items, 1-5.")

    class Meta:
        model = CheckIn
        fields = ["id", "athlete", "date", "sleep", "energy", "soreness", "stress", "mood",
                  "readiness", "resting_hr", "hrv_ms", "body_weight_kg", "created_at",
                  "updated_at", "version"]
        read_only_fields = fields


class CheckInInputSerializer(serializers.Serializer):
    athlete = Id(required=False, help_text="Required for a coach; an athlete: themself.")
    date = LocalDate(help_text="The athlete's local date: today or a day gone by.")
    sleep = _item("1 very poor ... 5 great.")
    energy = _item("1 exhausted ... 5 full of energy.")
    soreness = _item("Leg soreness: 1 very sore ... 5 fresh.")
    stress = _item("1 very stressed ... 5 relaxed.")
    mood = _item("1 very low ... 5 great.")
    resting_hr = Int(min_value=RESTING_HR_RANGE[0], max_value=RESTING_HR_RANGE[1],
                     required=False, allow_null=True, help_text="Resting heart rate, bpm.")
    hrv_ms = Int(min_value=HRV_RANGE[0], max_value=HRV_RANGE[1], required=False,
                 allow_null=True, help_text="Heart-rate variability (rMSSD), ms.")
    body_weight_kg = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=BODY_WEIGHT_RANGE[0],
        max_value=BODY_WEIGHT_RANGE[1], required=False, allow_null=True)


class CheckInFilter(serializers.Serializer):
    athlete = Id(required=False)
    date_from = LocalDate(required=False)
    date_to = LocalDate(required=False)
