"""Goal races and the phase blocks around them."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import Int, LocalDate, LocalTime, Text
from scheduling.models import PhaseBlock, Priority, Race


class RaceSerializer(serializers.ModelSerializer):
    date = LocalDate()
    start_time = LocalTime(allow_null=True)

    class Meta:
        model = Race
        fields = ["id", "athlete", "name", "date", "start_time", "distance_m", "priority",
                  "version"]
        read_only_fields = fields


class RaceInputSerializer(serializers.Serializer):
    name = Text(max_length=120)
    date = LocalDate()
    start_time = LocalTime(required=False, allow_null=True)
    distance_m = Int(min_value=100, max_value=500_000)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)


class PhaseSerializer(serializers.ModelSerializer):
    start = LocalDate()
    end = LocalDate()

    class Meta:
        model = PhaseBlock
        fields = ["id", "athlete", "phase", "start", "end", "race", "auto"]
        read_only_fields = fields


class PhaseFilter(serializers.Serializer):
    date_from = LocalDate(required=False, help_text="Blocks ending on this date or later.")
    date_to = LocalDate(required=False, help_text="Blocks starting on this date or earlier.")
