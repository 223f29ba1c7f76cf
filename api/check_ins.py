"""Daily readiness check-ins: one per athlete and local date. A POST for a date that has one
updates it (200) instead of creating one (201); every write re-checks the athlete
(``scheduling.services.check_in_save``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, athlete_for_body, body, date_range, query
from api.idempotency import idempotent
from api.serializers.check_ins import CheckInFilter, CheckInInputSerializer, CheckInSerializer
from api.versions import IF_MATCH_PARAMETER, if_match, with_etag
from core.errors import DomainError
from scheduling import services
from training import selectors
from training.models import CheckIn


class CheckInViewSet(ApiViewSet):
    serializer_class = CheckInSerializer

    def _get(self, pk: Any) -> CheckIn:
        return selectors.check_in_get_for_user(user=self.request.user, check_in_id=pk)

    @extend_schema(parameters=[CheckInFilter])
    def list(self, request: Request) -> Response:
        filters = query(CheckInFilter, request)
        qs = selectors.check_ins_for_user(user=request.user)
        if "athlete" in filters:
            qs = qs.filter(athlete_id=filters["athlete"])
        return self.page(date_range(qs, filters), CheckInSerializer)

    @extend_schema(request=CheckInInputSerializer,
                   responses={201: CheckInSerializer, 200: CheckInSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        """The athlete's check-in of ``date``: created (201), or, when the date has one,
        updated (200) with the fields given (an optional figure left out is kept)."""
        data = body(CheckInInputSerializer, request)
        athlete = athlete_for_body(user=request.user, athlete_id=data.pop("athlete", None))
        row, created = services.check_in_save(actor=request.user, athlete=athlete, **data)
        return with_etag(Response(CheckInSerializer(row).data, status=status.HTTP_201_CREATED
                                  if created else status.HTTP_200_OK), row)

    def retrieve(self, request: Request, pk: Any) -> Response:
        row = self._get(pk)
        return with_etag(Response(CheckInSerializer(row).data), row)

    @extend_schema(request=CheckInInputSerializer, parameters=[IF_MATCH_PARAMETER],
                   responses={200: CheckInSerializer})
    def partial_update(self, request: Request, pk: Any) -> Response:
        """Change the fields given; a check-in stays with its athlete and on its date."""
        row = self._get(pk)
        data = body(CheckInInputSerializer, request, partial=True)
        athlete_id, date = data.pop("athlete", None), data.pop("date", None)
        if athlete_id is not None and athlete_id != row.athlete_id:
            raise DomainError("A check-in stays with its athlete.", field="athlete")
        if date is not None and date != row.date:
            raise DomainError("A check-in stays on its date: save that day's instead.",
                              field="date")
        row, _ = services.check_in_save(actor=request.user, athlete=row.athlete, date=row.date,
                                        version=if_match(request), **data)
        return with_etag(Response(CheckInSerializer(row).data), row)

    @extend_schema(parameters=[IF_MATCH_PARAMETER],
                   responses={204: OpenApiResponse(description="Deleted.")})
    def destroy(self, request: Request, pk: Any) -> Response:
        services.check_in_delete(check_in=self._get(pk), version=if_match(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
