"""Shapes of the exercise library in the API."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import Text
from training.models import Category, Exercise, Pattern

EQUIPMENT_ITEMS = ["barbell", "trap_bar", "dumbbells", "kettlebell", "backpack", "band", "box"]


class ExerciseSerializer(serializers.ModelSerializer):
    custom = serializers.SerializerMethodField()

    class Meta:
        model = Exercise
        fields = ["id", "slug", "name", "pattern", "category", "lower_body", "unilateral",
                  "equipment", "custom"]
        read_only_fields = fields

    def get_custom(self, obj: Exercise) -> bool:
        return obj.owner_id is not None


class ExerciseCreateSerializer(serializers.Serializer):
    name = Text(max_length=60)
    pattern = serializers.ChoiceField(choices=Pattern.choices)
    category = serializers.ChoiceField(choices=Category.choices)
    lower_body = serializers.BooleanField(required=False, allow_null=True, default=None)
    unilateral = serializers.BooleanField(required=False, default=False)
    equipment = serializers.ListField(
        child=serializers.ChoiceField(choices=EQUIPMENT_ITEMS), required=False, default=list,
        max_length=len(EQUIPMENT_ITEMS), help_text="Items it needs; any one will do.",
    )
