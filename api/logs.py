"""Logged work: strength sessions (with nested sets) and runs. Writes go through
``scheduling.services.logs`` so the plan link is kept and the athlete is re-checked."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, athlete_for_body, body, date_range, query
from api.idempotency import idempotent
from api.serializers.logs import (
    LogFilter,
    RunInputSerializer,
    RunSerializer,
    StrengthSessionInputSerializer,
    StrengthSessionSerializer,
    set_inputs,
)
from api.versions import IF_MATCH_PARAMETER, if_match, with_etag
from core.errors import DomainError
from scheduling import selectors as plan_selectors
from scheduling import services
from training import selectors


def _planned(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    """Resolve ``planned_session`` through the scoped getter: a foreign id is a 400 on it."""
    if "planned_session" not in data:
        return {}
    pk = data.pop("planned_session")
    if pk is None:
        return {"planned_session": None}
    return {"planned_session": plan_selectors.planned_session_get_for_user(
        user=request.user, session_id=pk, field="planned_session")}


def _same_athlete(data: dict[str, Any], athlete_id: int) -> None:
    given = data.pop("athlete", None)
    if given is not None and given != athlete_id:
        raise DomainError("A logged session stays with its athlete.", field="athlete")


class StrengthSessionViewSet(ApiViewSet):
    serializer_class = StrengthSessionSerializer

    def _qs(self) -> Any:
        return selectors.strength_sessions_for_user(user=self.request.user).select_related(
            None).select_related("planned")

    def _get(self, pk: Any) -> Any:
        return selectors.strength_session_get_for_user(user=self.request.user, session_id=pk)

    def _out(self, pk: Any, *, code: int = status.HTTP_200_OK) -> Response:
        obj = self._qs().get(pk=pk)
        return with_etag(Response(StrengthSessionSerializer(obj).data, status=code), obj)

    @extend_schema(parameters=[LogFilter])
    def list(self, request: Request) -> Response:
        filters = query(LogFilter, request)
        qs = self._qs()
        if "athlete" in filters:
            qs = qs.filter(athlete_id=filters["athlete"])
        return self.page(date_range(qs, filters), StrengthSessionSerializer)

    @extend_schema(request=StrengthSessionInputSerializer,
                   responses={201: StrengthSessionSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        data = body(StrengthSessionInputSerializer, request)
        athlete = athlete_for_body(user=request.user, athlete_id=data.pop("athlete", None))
        link = _planned(request, data)
        sets = set_inputs(data.pop("sets", None)) or []
        session = services.strength_session_create(
            actor=request.user, athlete=athlete, sets=sets, **link, **data)
        return self._out(session.pk, code=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: Any) -> Response:
        self._get(pk)
        return self._out(pk)

    @extend_schema(request=StrengthSessionInputSerializer, parameters=[IF_MATCH_PARAMETER],
                   responses={200: StrengthSessionSerializer})
    def partial_update(self, request: Request, pk: Any) -> Response:
        """Change the fields given, and only those; given ``sets`` replace all the
        session's sets."""
        session = self._get(pk)
        data = body(StrengthSessionInputSerializer, request, partial=True)
        _same_athlete(data, session.athlete_id)
        link = _planned(request, data)
        sets = set_inputs(data.pop("sets", None))
        services.strength_session_update(session=session, sets=sets, version=if_match(request),
                                         **link, **data)
        return self._out(pk)

    @extend_schema(parameters=[IF_MATCH_PARAMETER],
                   responses={204: OpenApiResponse(description="Deleted.")})
    def destroy(self, request: Request, pk: Any) -> Response:
        services.strength_session_delete(session=self._get(pk), version=if_match(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RunViewSet(ApiViewSet):
    serializer_class = RunSerializer

    def _qs(self) -> Any:
        return selectors.runs_for_user(user=self.request.user).select_related(
            None).select_related("planned")

    def _get(self, pk: Any) -> Any:
        return selectors.run_get_for_user(user=self.request.user, run_id=pk)

    def _out(self, pk: Any, *, code: int = status.HTTP_200_OK) -> Response:
        obj = self._qs().get(pk=pk)
        return with_etag(Response(RunSerializer(obj).data, status=code), obj)

    @extend_schema(parameters=[LogFilter])
    def list(self, request: Request) -> Response:
        filters = query(LogFilter, request)
        qs = self._qs()
        if "athlete" in filters:
            qs = qs.filter(athlete_id=filters["athlete"])
        return self.page(date_range(qs, filters), RunSerializer)

    @extend_schema(request=RunInputSerializer, responses={201: RunSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        data = body(RunInputSerializer, request)
        athlete = athlete_for_body(user=request.user, athlete_id=data.pop("athlete", None))
        link = _planned(request, data)
        run = services.run_create(actor=request.user, athlete=athlete, **link, **data)
        return self._out(run.pk, code=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: Any) -> Response:
        self._get(pk)
        return self._out(pk)

    @extend_schema(request=RunInputSerializer, parameters=[IF_MATCH_PARAMETER],
                   responses={200: RunSerializer})
    def partial_update(self, request: Request, pk: Any) -> Response:
        """Change the fields given, and only those."""
        run = self._get(pk)
        data = body(RunInputSerializer, request, partial=True)
        _same_athlete(data, run.athlete_id)
        link = _planned(request, data)
        services.run_update(run=run, version=if_match(request), **link, **data)
        return self._out(pk)

    @extend_schema(parameters=[IF_MATCH_PARAMETER],
                   responses={204: OpenApiResponse(description="Deleted.")})
    def destroy(self, request: Request, pk: Any) -> Response:
        services.run_delete(run=self._get(pk), version=if_match(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
