"""Signing in to the API: tokens and ``/me/``."""

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

from api.serializers.athletes import (
    MeSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    me_data,
)
from api.throttles import TokenAccountThrottle, TokenRouteThrottle
from athletes import selectors
from core.errors import DomainError


class TokenView(APIView):
    """Trade an email and password for an API token (throttled against guessing: per client
    address, and per account whatever the address)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenRouteThrottle, TokenAccountThrottle]
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
            TokenAccountThrottle().failure(request)
            raise DomainError("Unable to sign in with this email and password.",
                              code="authorization")
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
