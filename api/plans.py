"""Planned sessions: list, create, read, change, delete, and the bulk sync by external id."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, athlete_for_body, body, date_range, query
from api.idempotency import idempotent
from api.serializers.plans import (
    BulkResultSerializer,
    BulkSyncSerializer,
    PlannedSessionFieldsSerializer,
    PlannedSessionFilter,
    PlannedSessionInputSerializer,
    PlannedSessionSerializer,
    prescription_inputs,
)
from api.versions import IF_MATCH_PARAMETER, if_match, with_etag
from core.errors import DomainError
from scheduling import selectors, services
from scheduling.services.compliance import compliance_for_plans
from scheduling.services.plans import planned_sessions_sync

EXTERNAL_ID_TAKEN = OpenApiResponse(
    description="The `external_id` is another planned session's of the athlete, maybe one a "
                "concurrent write created a moment ago (code `conflict` on `external_id`).")
LOCKED = OpenApiResponse(
    description="The athlete asked to move (`date`, `start_time`) or delete a session their "
                "coach locked, or to lock or unlock one (`locked`): code `locked`, on the field.")


class PlannedSessionViewSet(ApiViewSet):
    serializer_class = PlannedSessionSerializer

    def _get(self, pk: Any) -> Any:
        return selectors.planned_session_get_for_user(user=self.request.user, session_id=pk)

    @extend_schema(parameters=[PlannedSessionFilter])
    def list(self, request: Request) -> Response:
        filters = query(PlannedSessionFilter, request)
        # The list shows athlete ids only: no need to join athletes and users per row; the
        # page's prescriptions come in one plain query rather than Django's prefetch.
        qs = selectors.planned_sessions_for_user(user=request.user).select_related(
            None).prefetch_related(None)
        if "athlete" in filters:
            qs = qs.filter(athlete_id=filters["athlete"])
        if "kind" in filters:
            qs = qs.filter(kind=filters["kind"])
        rows = self.paginate_queryset(date_range(qs, filters))
        lines = selectors.prescriptions_by_session(session_ids=[row.pk for row in rows])
        verdicts = compliance_for_plans(rows)
        data = PlannedSessionSerializer(
            rows, many=True, context={"prescriptions": lines, "compliance": verdicts}).data
        return self.get_paginated_response(data)

    @extend_schema(request=PlannedSessionInputSerializer,
                   responses={201: PlannedSessionSerializer, 403: LOCKED,
                              409: EXTERNAL_ID_TAKEN})
    @idempotent
    def create(self, request: Request) -> Response:
        data = body(PlannedSessionInputSerializer, request)
        athlete = athlete_for_body(user=request.user, athlete_id=data.pop("athlete", None))
        prescription = prescription_inputs(data.pop("prescription", None))
        session = services.planned_session_create(
            actor=request.user, athlete=athlete, prescription=prescription, **data
        )
        return self._out(session.pk, code=status.HTTP_201_CREATED)

    def _out(self, pk: Any, *, code: int = status.HTTP_200_OK) -> Response:
        session = self._get(pk)
        return with_etag(Response(PlannedSessionSerializer(session).data, status=code),
                         session)

    def retrieve(self, request: Request, pk: Any) -> Response:
        return self._out(pk)

    @extend_schema(request=PlannedSessionInputSerializer, parameters=[IF_MATCH_PARAMETER],
                   responses={200: PlannedSessionSerializer, 403: LOCKED,
                              409: EXTERNAL_ID_TAKEN})
    def update(self, request: Request, pk: Any) -> Response:
        """Replace the session: fields left out go back to their defaults."""
        return self._change(request, pk, partial=False)

    @extend_schema(request=PlannedSessionInputSerializer, parameters=[IF_MATCH_PARAMETER],
                   responses={200: PlannedSessionSerializer, 403: LOCKED,
                              409: EXTERNAL_ID_TAKEN})
    def partial_update(self, request: Request, pk: Any) -> Response:
        """Change the fields given, and only those; a given ``prescription`` replaces the
        whole one."""
        return self._change(request, pk, partial=True)

    def _change(self, request: Request, pk: Any, *, partial: bool) -> Response:
        session = self._get(pk)
        data = body(PlannedSessionInputSerializer, request, partial=partial)
        athlete_id = data.pop("athlete", None)
        if athlete_id is not None and athlete_id != session.athlete_id:
            raise DomainError("A planned session stays with its athlete.", field="athlete")
        if not partial:
            data = {**PlannedSessionFieldsSerializer.PUT_DEFAULTS, **data}
        prescription = prescription_inputs(data.pop("prescription", None))
        services.planned_session_update(session=session, actor=request.user,
                                        prescription=prescription, version=if_match(request),
                                        **data)
        return self._out(pk)

    @extend_schema(parameters=[IF_MATCH_PARAMETER],
                   responses={204: OpenApiResponse(description="Deleted."), 403: LOCKED})
    def destroy(self, request: Request, pk: Any) -> Response:
        services.planned_session_delete(session=self._get(pk), actor=request.user,
                                        version=if_match(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=BulkSyncSerializer, responses={200: BulkResultSerializer, 403: LOCKED})
    @idempotent
    def bulk(self, request: Request) -> Response:
        """Sync from another planner: create or update each item by its ``external_id``, all
        or nothing (one bad item: a 400 naming ``sessions[i].<field>``, nothing written); the
        athlete is re-checked once. Each item is a whole session."""
        data = body(BulkSyncSerializer, request)
        athlete = athlete_for_body(user=request.user, athlete_id=data.get("athlete"))
        items = []
        for item in data["sessions"]:
            fields = {**PlannedSessionFieldsSerializer.PUT_DEFAULTS, **item}
            fields["prescription"] = prescription_inputs(fields["prescription"])
            items.append(fields)
        sessions, created = planned_sessions_sync(actor=request.user, athlete=athlete,
                                                  items=items)
        ids = [s.pk for s in sessions]
        rows = {s.pk: s for s in selectors.planned_sessions_for_user(user=request.user)
                .filter(pk__in=ids)}
        ordered = [rows[i] for i in ids]
        context = {"compliance": compliance_for_plans(ordered)}
        return Response({
            "created": created, "updated": len(sessions) - created,
            "results": PlannedSessionSerializer(ordered, many=True, context=context).data,
        })
