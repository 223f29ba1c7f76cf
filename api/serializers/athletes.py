"""Shapes of the people part of the API: auth, me, athletes, availability.

Input serializers check shape only; the services apply the rules.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from api.fields import Id, LocalTime, Text
from athletes.models import AthleteProfile, EquipmentMode, HomeItem, Level, Units, User


class TokenRequestSerializer(serializers.Serializer):
    email = Text(max_length=254)
    password = Text(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField()
    is_coach = serializers.BooleanField()
    athlete_id = serializers.IntegerField(allow_null=True)


class AthleteSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.name", read_only=True)
    plate_step_kg = serializers.DecimalField(max_digits=4, decimal_places=2, read_only=True)

    class Meta:
        model = AthleteProfile
        fields = ["id", "email", "name", "timezone", "level", "units", "equipment",
                  "home_items", "plate_step_kg"]
        read_only_fields = fields


class _ProfileFields(serializers.Serializer):
    timezone = Text(max_length=64)
    level = serializers.ChoiceField(choices=Level.choices)
    units = serializers.ChoiceField(choices=Units.choices)
    equipment = serializers.ChoiceField(choices=EquipmentMode.choices)
    home_items = serializers.ListField(
        child=serializers.ChoiceField(choices=HomeItem.choices), max_length=len(HomeItem.values)
    )
    plate_step_kg = serializers.DecimalField(
        max_digits=4, decimal_places=2, min_value=Decimal("0.25"), max_value=25,
        help_text="The least the athlete can add to a bar, in kg (a pound lifter's 5 lb is "
                  "2.27): next targets are rounded to it, in pounds for an imperial athlete. "
                  "A change of units without it carries it to the nearest usual step of the "
                  "new units (2.5 kg <-> 5 lb); a new imperial athlete starts at 5 lb.",
    )


class AthleteCreateSerializer(_ProfileFields):
    email = serializers.EmailField(max_length=254)
    name = Text(max_length=150)
    roster = Id(required=False, help_text="One of your rosters (default: your first).")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("timezone", "level", "units", "equipment", "home_items", "plate_step_kg"):
            self.fields[name].required = False


class AthleteUpdateSerializer(_ProfileFields):
    digest_opt_out = serializers.BooleanField()


class AvailabilityDaySerializer(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="0 = Monday")
    earliest = LocalTime()
    latest = LocalTime()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["earliest"] > attrs["latest"]:
            raise serializers.ValidationError({"earliest": ["Earliest start is after the latest."]})
        return attrs


class AvailabilitySerializer(serializers.Serializer):
    days = AvailabilityDaySerializer(many=True, max_length=7)


def me_data(user: User, athlete_id: int | None) -> dict[str, Any]:
    return {"id": user.pk, "email": user.email, "name": user.name,
            "is_coach": user.is_coach, "athlete_id": athlete_id}
