"""Findings: list with filters, read one, acknowledge one, apply one of its fixes."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body, query
from api.idempotency import idempotent
from api.serializers.findings import (
    FindingFilter,
    FindingListSerializer,
    FindingSerializer,
    FixApplySerializer,
)
from scheduling import selectors, services
from scheduling.models import FindingStatus


class FindingViewSet(ApiViewSet):
    serializer_class = FindingSerializer

    @extend_schema(parameters=[FindingFilter])
    def list(self, request: Request) -> Response:
        filters = query(FindingFilter, request)
        qs = selectors.findings_for_user(user=request.user).select_related(None)
        for name in ("status", "severity", "rule"):
            if name in filters:
                qs = qs.filter(**{name: filters[name]})
        if "athlete" in filters:
            qs = qs.filter(athlete_id=filters["athlete"])
        if "date_from" in filters:
            qs = qs.filter(last_date__gte=filters["date_from"])
        if "date_to" in filters:
            qs = qs.filter(first_date__lte=filters["date_to"])
        return self.page(qs, FindingSerializer)

    def retrieve(self, request: Request, pk: Any) -> Response:
        finding = selectors.finding_get_for_user(user=request.user, finding_id=pk)
        return Response(FindingSerializer(finding).data)

    @extend_schema(request=None, responses={200: FindingSerializer})
    def acknowledge(self, request: Request, pk: Any) -> Response:
        """Seen and accepted: it stays acknowledged while its cause stays the same. For a
        MISSED_SESSION this is "let it go": the session stays missed, the plan goes on."""
        finding = selectors.finding_get_for_user(user=request.user, finding_id=pk)
        finding = services.finding_acknowledge(finding=finding, actor=request.user)
        return Response(FindingSerializer(finding).data)

    @extend_schema(request=FixApplySerializer, responses={200: FindingListSerializer})
    @idempotent
    def apply(self, request: Request, pk: Any) -> Response:
        """Apply one of the finding's one-click fixes (``fixes[].id``): move, lighten or drop
        its session, re-check the athlete, and answer every open finding of the athlete
        after it (unpaginated). A 400 on ``fix`` when the finding has no such fix or it no
        longer fits the plan (its slot has gone, its date has a strength session now, it
        would make an error): re-read the finding for its fixes now."""
        finding = selectors.finding_get_for_user(user=request.user, finding_id=pk)
        fix_id = body(FixApplySerializer, request)["fix"]
        services.finding_apply_fix(finding=finding, fix_id=fix_id)
        services.athlete_check(athlete_id=finding.athlete_id)
        findings = list(selectors.findings_for_user(user=request.user).filter(
            athlete_id=finding.athlete_id, status=FindingStatus.OPEN).order_by(
            "first_date", "id"))
        return Response({"count": len(findings),
                         "results": FindingSerializer(findings, many=True).data})
