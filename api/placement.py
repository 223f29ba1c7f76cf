"""The strength-session placer for one athlete's ISO week: proposals, and applying one."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body, query
from api.idempotency import idempotent
from api.serializers.placement import (
    PlacementApplySerializer,
    PlacementSerializer,
    WeekQuery,
)
from api.serializers.plans import PlannedSessionSerializer
from athletes.selectors import athlete_get_for_user
from core.errors import DomainError
from scheduling import selectors
from scheduling.models import Kind
from scheduling.services.placement import placement_apply, placement_proposals


class PlacementViewSet(ApiViewSet):
    serializer_class = PlacementSerializer

    @extend_schema(parameters=[WeekQuery], responses={200: PlacementSerializer})
    def retrieve(self, request: Request, athlete_id: Any) -> Response:
        """Where each strength session of the week could go, best slot first, with reasons;
        a session that cannot go anywhere without an error comes back with the reason.
        One object per week, not a page of a list."""
        athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
        monday = query(WeekQuery, request).get("week") or selectors.monday_of(
            selectors.athlete_today(athlete=athlete))
        proposals = placement_proposals(athlete=athlete, week_monday=monday)
        return Response(PlacementSerializer({
            "week": monday,
            "proposals": [_proposal(p) for p in proposals],
        }).data)

    @extend_schema(request=PlacementApplySerializer,
                   responses={200: PlannedSessionSerializer, 201: PlannedSessionSerializer})
    @idempotent
    def apply(self, request: Request, athlete_id: Any) -> Response:
        """Apply one offered slot: move that planned session (200), or create the session
        the week lacks when ``session`` is null (201)."""
        athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
        data = body(PlacementApplySerializer, request)
        session_id = data["session"]
        if session_id is not None:
            session = selectors.planned_session_get_for_user(
                user=request.user, session_id=session_id, field="session")
            if session.athlete_id != athlete.pk or session.kind != Kind.STRENGTH:
                raise DomainError("Not a planned strength session of this athlete.",
                                  field="session")
        placed = placement_apply(
            actor=request.user, athlete=athlete, week_monday=data["week"],
            session_id=session_id, date=data["date"], start_time=data["start_time"],
        )
        out = selectors.planned_session_get_for_user(user=request.user, session_id=placed.pk)
        code = status.HTTP_201_CREATED if session_id is None else status.HTTP_200_OK
        return Response(PlannedSessionSerializer(out).data, status=code)


def _proposal(p: Any) -> dict[str, Any]:
    return {
        "session": None if p.session is None else {"type": p.session.type.value,
                                                   "id": p.session.id},
        "intensity": p.intensity.value,
        "slots": [{"date": s.date, "start_time": s.start_time, "score": s.score,
                   "reasons": list(s.reasons), "rules": [r.value for r in s.rules]}
                  for s in p.slots],
        "unplaced_reason": p.unplaced_reason,
    }
