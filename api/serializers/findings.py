"""Findings: what the coach engine flags."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.fields import Id, LocalDate, LocalTime, iso_datetime
from scheduling import engine
from scheduling.models import Finding, FindingStatus, Severity


class SessionRefSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["planned", "strength", "run"])
    id = serializers.IntegerField()


class FixSerializer(serializers.Serializer):
    """One one-click fix (RULES.md, "Suggestions"): apply it with
    ``POST /api/v1/findings/{id}/apply/`` and ``{"fix": "<id>"}``."""

    id = serializers.CharField(help_text="Stable for the same fix of the same plan, e.g. "
                                         "move:planned:12@2026-12-08T13:30.")
    kind = serializers.ChoiceField(choices=[k.value for k in engine.FixKind])
    text = serializers.CharField(help_text="What it does, in words, dates in full.")
    leaves = serializers.CharField(help_text="What the week has after it, in words.")
    session = SessionRefSerializer(help_text="The planned session it changes.")
    date = serializers.DateField(required=False, help_text="A move's target date.")
    start_time = LocalTime(required=False, allow_null=True,
                           help_text="A move's target time (null: none set).")


class FixApplySerializer(serializers.Serializer):
    fix = serializers.CharField(max_length=120, help_text="The id of one of the finding's fixes.")


class FindingSerializer(serializers.ModelSerializer):
    sessions = SessionRefSerializer(many=True, read_only=True)
    dates = serializers.ListField(child=serializers.DateField(), read_only=True)
    fixes = FixSerializer(many=True, read_only=True,
                          help_text="Its one-click fixes: at least one for an error or a "
                                    "warning about a session that can still change.")

    class Meta:
        model = Finding
        fields = ["id", "athlete", "rule", "severity", "status", "sessions", "dates", "title",
                  "explanation", "suggestion", "fixes", "first_seen", "last_seen",
                  "acknowledged_at", "resolved_at"]
        read_only_fields = fields

    def to_representation(self, obj: Finding) -> dict[str, Any]:
        """The same output as the declared fields (a test holds them equal), built directly:
        the findings list is a hot read."""
        return {
            "id": obj.pk, "athlete": obj.athlete_id, "rule": obj.rule, "severity": obj.severity,
            "status": obj.status,
            "sessions": [{"type": ref["type"], "id": ref["id"]} for ref in obj.sessions],
            "dates": list(obj.dates), "title": obj.title, "explanation": obj.explanation,
            "suggestion": obj.suggestion, "fixes": [_fix(f) for f in obj.fixes],
            "first_seen": iso_datetime(obj.first_seen),
            "last_seen": iso_datetime(obj.last_seen),
            "acknowledged_at": iso_datetime(obj.acknowledged_at),
            "resolved_at": iso_datetime(obj.resolved_at),
        }

    def declared_representation(self, obj: Finding) -> dict[str, Any]:
        return dict(super().to_representation(obj))


def _fix(fix: dict[str, Any]) -> dict[str, Any]:
    out = {"id": fix["id"], "kind": fix["kind"], "text": fix["text"], "leaves": fix["leaves"],
           "session": {"type": fix["session"]["type"], "id": fix["session"]["id"]}}
    if fix["kind"] == "move":
        out["date"] = fix["date"]
        out["start_time"] = fix.get("start_time")
    return out


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
