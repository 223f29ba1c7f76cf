"""An athlete's races (``/athletes/{id}/races/``) and phase blocks (``.../phases/``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body, query
from api.idempotency import idempotent
from api.serializers.races import (
    PhaseFilter,
    PhaseSerializer,
    RaceInputSerializer,
    RaceSerializer,
)
from api.versions import IF_MATCH_PARAMETER, if_match, with_etag
from athletes.selectors import athlete_get_for_user
from core.errors import NotFound
from scheduling import selectors, services
from scheduling.models import Race


class RaceViewSet(ApiViewSet):
    serializer_class = RaceSerializer

    def _race(self, athlete_id: Any, race_id: Any) -> Race:
        athlete = athlete_get_for_user(user=self.request.user, athlete_id=athlete_id)
        race = selectors.race_get_for_user(user=self.request.user, race_id=race_id)
        if race.athlete_id != athlete.pk:
            raise NotFound("Race not found.")
        return race

    def list(self, request: Request, athlete_id: Any) -> Response:
        athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
        qs = selectors.races_for_user(user=request.user).filter(athlete=athlete)
        return self.page(qs, RaceSerializer)

    @extend_schema(request=RaceInputSerializer, responses={201: RaceSerializer})
    @idempotent
    def create(self, request: Request, athlete_id: Any) -> Response:
        athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
        race = services.race_create(athlete=athlete, **body(RaceInputSerializer, request))
        return with_etag(Response(RaceSerializer(race).data, status=status.HTTP_201_CREATED),
                         race)

    def retrieve(self, request: Request, athlete_id: Any, pk: Any) -> Response:
        race = self._race(athlete_id, pk)
        return with_etag(Response(RaceSerializer(race).data), race)

    @extend_schema(request=RaceInputSerializer, parameters=[IF_MATCH_PARAMETER],
                   responses={200: RaceSerializer})
    def partial_update(self, request: Request, athlete_id: Any, pk: Any) -> Response:
        """Change the fields given, and only those."""
        race = self._race(athlete_id, pk)
        race = services.race_update(race=race, version=if_match(request),
                                    **body(RaceInputSerializer, request, partial=True))
        return with_etag(Response(RaceSerializer(race).data), race)

    @extend_schema(parameters=[IF_MATCH_PARAMETER],
                   responses={204: OpenApiResponse(description="Deleted.")})
    def destroy(self, request: Request, athlete_id: Any, pk: Any) -> Response:
        services.race_delete(race=self._race(athlete_id, pk), version=if_match(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PhaseViewSet(ApiViewSet):
    serializer_class = PhaseSerializer

    @extend_schema(parameters=[PhaseFilter])
    def list(self, request: Request, athlete_id: Any) -> Response:
        """The athlete's phase blocks overlapping the dates; dates no block covers are base."""
        athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
        filters = query(PhaseFilter, request)
        qs = selectors.phase_blocks_for_user(user=request.user).filter(athlete=athlete)
        if "date_from" in filters:
            qs = qs.filter(end__gte=filters["date_from"])
        if "date_to" in filters:
            qs = qs.filter(start__lte=filters["date_to"])
        return self.page(qs, PhaseSerializer)
