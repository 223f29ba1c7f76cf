"""Planned against done: an ISO week's compliance and each session's verdict."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.serializers.findings import SessionRefSerializer
from api.serializers.placement import IsoWeek
from scheduling.engine.compliance import Measure, SessionCompliance, Status

STATUS_HELP = ("done (80-120 % of the plan), partial (50-79 % or 121-150 %), off (below 50 % "
               "or above 150 %), missed (past, nothing fulfils it) or unplanned (a logged "
               "session fulfilling no plan); see docs/rules.md, Compliance.")


class ComplianceQuery(serializers.Serializer):
    week = IsoWeek(required=False, help_text="ISO week, YYYY-Www (default: this week).")


class SessionComplianceSerializer(serializers.Serializer):
    session = SessionRefSerializer()
    date = serializers.DateField()
    status = serializers.ChoiceField(choices=[s.value for s in Status], help_text=STATUS_HELP)
    key = serializers.BooleanField(help_text="A planned key run.")
    measure = serializers.ChoiceField(choices=[m.value for m in Measure], allow_null=True,
                                      help_text="What was compared (null: nothing to "
                                                "compare, or nothing logged).")
    planned = serializers.FloatField(allow_null=True, help_text="Minutes, metres or sets.")
    logged = serializers.FloatField(allow_null=True)
    percent = serializers.FloatField(allow_null=True, help_text="Logged over planned, %.")
    fulfilled_by = SessionRefSerializer(
        allow_null=True, help_text="A plan: the logged session that fulfils it; a log: the "
                                   "plan it fulfils.")


class ComplianceSerializer(serializers.Serializer):
    athlete = serializers.IntegerField()
    week = IsoWeek()
    planned = serializers.IntegerField(help_text="Planned sessions of the week before today.")
    done = serializers.IntegerField()
    compliance = serializers.FloatField(allow_null=True,
                                        help_text="done / planned (null: none planned yet).")
    key_planned = serializers.IntegerField(help_text="Key runs among them.")
    key_done = serializers.IntegerField()
    key_compliance = serializers.FloatField(allow_null=True)
    results = SessionComplianceSerializer(many=True)


def verdict_data(v: SessionCompliance) -> dict[str, Any]:
    return {
        "session": {"type": v.ref.type.value, "id": v.ref.id}, "date": v.date.isoformat(),
        "status": v.status.value, "key": v.key,
        "measure": v.measure.value if v.measure is not None else None,
        "planned": v.planned, "logged": v.logged, "percent": v.percent,
        "fulfilled_by": ({"type": v.other.type.value, "id": v.other.id}
                         if v.other is not None else None),
    }
