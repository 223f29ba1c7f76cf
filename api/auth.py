"""The people part of the API: tokens, ``/me/``, the athlete list and creating athletes.

Detail routes of an athlete (profile changes, availability, plans) re-check the engine and
live in ``scheduling.api`` (athletes imports no sibling app).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from athletes import selectors, services
from athletes.api_support import IsCoachToWrite, Pagination, TokenRouteThrottle, idempotent
from athletes.errors import DomainError
from athletes.serializers import (
    AthleteCreateSerializer,
    AthleteSerializer,
    MeSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    me_data,
)


class TokenView(APIView):
    """Trade an email and password for an API token (throttled against guessing)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenRouteThrottle]
    throttle_scope = "auth-token"

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer},
                   auth=[], tags=["auth"])
    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request, username=data.validated_data["email"],
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise DomainError("Unable to sign in with this email and password.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class TokenRevokeView(APIView):
    """Revoke the caller's API token (the next request with it is a 401)."""

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Revoked.")},
                   tags=["auth"])
    def post(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(responses={200: MeSerializer}, tags=["auth"])
    def get(self, request: Request) -> Response:
        own = selectors.athlete_for_self(user=request.user)
        return Response(me_data(request.user, own.pk if own else None))


class AthleteListViewSet(GenericViewSet):
    """A coach: the athletes on their rosters; an athlete: themself."""

    serializer_class = AthleteSerializer
    pagination_class = Pagination
    permission_classes = [IsCoachToWrite]

    def get_queryset(self) -> Any:
        return selectors.athletes_for_user(user=self.request.user).order_by("id")

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(AthleteSerializer(page, many=True).data)

    @extend_schema(request=AthleteCreateSerializer, responses={201: AthleteSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        """Create an athlete account on one of your rosters; they get an email to set a
        password."""
        data = AthleteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        roster_id = fields.pop("roster", None)
        if roster_id is None:
            roster = selectors.rosters_for_user(user=request.user).first()
            if roster is None:
                raise DomainError("You have no roster yet.", field="roster")
        else:
            roster = selectors.roster_get_for_user(
                user=request.user, roster_id=roster_id, field="roster")
        athlete = services.athlete_create(
            email=fields.pop("email"), name=fields.pop("name"), roster=roster,
            invited_by=request.user, **fields,
        )
        return Response(AthleteSerializer(athlete).data, status=status.HTTP_201_CREATED)
