"""Findings: what the coach engine flags."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.fields import Id, LocalDate, iso_datetime
from scheduling import engine
from scheduling.models import Finding, FindingStatus, Severity


class SessionRefSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["planned", "strength", "run"])
    id = serializers.IntegerField()


class FindingSerializer(serializers.ModelSerializer):
    sessions = SessionRefSerializer(many=True, read_only=True)
    dates = serializers.ListField(child=serializers.DateField(), read_only=True)

    class Meta:
        model = Finding
        fields = ["id", "athlete", "rule", "severity", "status", "sessions", "dates", "title",
                  "explanation", "suggestion", "first_seen", "last_seen", "acknowledged_at",
                  "resolved_at"]
        read_only_fields = fields

    def to_representation(self, obj: Finding) -> dict[str, Any]:
        """The same output as the declared fields (a test holds them equal), built directly:
        the findings list is a hot read."""
        return {
            "id": obj.pk, "athlete": obj.athlete_id, "rule": obj.rule, "severity": obj.severity,
            "status": obj.status,
            "sessions": [{"type": ref["type"], "id": ref["id"]} for ref in obj.sessions],
            "dates": list(obj.dates), "title": obj.title, "explanation": obj.explanation,
            "suggestion": obj.suggestion, "first_seen": iso_datetime(obj.first_seen),
            "last_seen": iso_datetime(obj.last_seen),
            "acknowledged_at": iso_datetime(obj.acknowledged_at),
            "resolved_at": iso_datetime(obj.resolved_at),
        }

    def declared_representation(self, obj: Finding) -> dict[str, Any]:
        return dict(super().to_representation(obj))


class FindingListSerializer(serializers.Serializer):
    """Every open finding of an athlete, unpaginated."""

    count = serializers.IntegerField()
    results = FindingSerializer(many=True)


class FindingFilter(serializers.Serializer):
    athlete = Id(required=False)
    status = serializers.ChoiceField(choices=FindingStatus.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    rule = serializers.ChoiceField(choices=[r.value for r in engine.Rule], required=False)
    date_from = LocalDate(required=False, help_text="Findings about this date or later.")
    date_to = LocalDate(required=False, help_text="Findings about this date or earlier.")
