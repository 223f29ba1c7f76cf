"""Idempotent creates: the ``Idempotency-Key`` header and the responses kept under it."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from api.models import IdempotencyKey

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    # Printable ASCII, 1 to 255 characters once the surrounding spaces are stripped.
    {"type": "string", "pattern": r"^ *[!-~]([ -~]{0,253}[!-~])? *$"},
    OpenApiParameter.HEADER, required=False,
    description="Any unique string (max 255) per create: a retry with the same key and body "
                "replays the first response and creates nothing; the same key with another "
                "body is a 422. Keys are scoped to the caller.",
)


def _fingerprint(request: Request) -> str:
    try:
        body = json.dumps(request.data, sort_keys=True, default=str, separators=(",", ":"))
    except (TypeError, ValueError):
        body = repr(request.data)
    raw = f"{request.method} {request.path}\n{body}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def idempotent(method: Callable[..., Response]) -> Callable[..., Response]:
    """A create that honours ``Idempotency-Key``: a retry with the same key and body replays
    the first response and creates nothing; the same key with another body is a 422. Keys
    are scoped per user, and stored only for successful creates (a failed try may be retried)."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key is None or not request.user.is_authenticated:
            return method(self, request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > 255 or not key.isprintable():
            raise exceptions.ValidationError(
                {IDEMPOTENCY_HEADER: ["Use a key of 1 to 255 printable characters."]})
        fingerprint = _fingerprint(request)
        seen = IdempotencyKey.objects.filter(user=request.user, key=key).first()
        if seen is not None:
            return _replay(seen, fingerprint)
        try:
            with transaction.atomic():
                response = method(self, request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    body = json.loads(JSONRenderer().render(response.data) or b"null")
                    IdempotencyKey.objects.create(
                        user=request.user, key=key, fingerprint=fingerprint,
                        status_code=response.status_code, body=body,
                    )
        except IntegrityError:
            # A concurrent retry with the same key won the race: replay its response.
            seen = IdempotencyKey.objects.filter(user=request.user, key=key).first()
            if seen is None:
                raise
            return _replay(seen, fingerprint)
        return response

    return extend_schema(parameters=[IDEMPOTENCY_PARAMETER])(wrapper)


class IdempotencyKeyReused(exceptions.ValidationError):
    """The same key with another body: a 422 on the header, in the shape of every field error."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"


def _replay(seen: IdempotencyKey, fingerprint: str) -> Response:
    if seen.fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            {IDEMPOTENCY_HEADER: ["This key was used with another request body."]})
    response = Response(seen.body, status=seen.status_code)
    response["Idempotent-Replayed"] = "true"
    return response
