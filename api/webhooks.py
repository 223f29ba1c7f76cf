"""Webhook subscriptions of the caller: list, create (the secret is shown once), delete."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body
from api.idempotency import idempotent
from api.serializers.webhooks import (
    WebhookCreatedSerializer,
    WebhookInputSerializer,
    WebhookSerializer,
)
from core.scoping import scoped_get
from scheduling.services.webhooks import (
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscriptions_for_user,
)


class WebhookViewSet(ApiViewSet):
    serializer_class = WebhookSerializer

    def list(self, request: Request) -> Response:
        return self.page(webhook_subscriptions_for_user(user=request.user), WebhookSerializer)

    @extend_schema(request=WebhookInputSerializer, responses={201: WebhookCreatedSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        """Subscribe a URL to events about the athletes you may see. Deliveries are signed
        with the returned ``secret``, which is shown only in this response."""
        data = body(WebhookInputSerializer, request)
        subscription, secret = webhook_subscription_create(owner=request.user, **data)
        out = WebhookCreatedSerializer(subscription).data
        out["secret"] = secret
        return Response(out, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: OpenApiResponse(description="Deleted.")})
    def destroy(self, request: Request, pk: Any) -> Response:
        subscription = scoped_get(webhook_subscriptions_for_user(user=request.user), pk,
                                  what="Webhook subscription")
        webhook_subscription_delete(subscription=subscription)
        return Response(status=status.HTTP_204_NO_CONTENT)
