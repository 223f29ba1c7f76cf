"""What every DRF view of the API shares: the one error handler, pagination, the role
permission, idempotent creates, the request-size cap and the field types of the contract.

The handler is the API's half of DESIGN.md habit 4: a ``DomainError`` is a 400 with field
messages; a ``NotFound`` about the object in the path is a 404; a ``NotFound`` about a foreign
key in the body (its ``field`` is set) is a 400 on that field, as if the id did not exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from athletes.dates import MAX_DATE, MIN_DATE, RANGE_MESSAGE
from athletes.errors import DomainError, NotFound
from athletes.models import IdempotencyKey

MAX_INT = 2_000_000_000


# --- errors ------------------------------------------------------------------------------


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as flat ``{"sets[1].reps": ["..."]}`` paths."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key)
            if isinstance(key, int):  # a list serializer's errors, keyed by item index
                path = f"{prefix}[{key}]"
            else:
                path = name if not prefix else (
                    prefix if name == "non_field_errors" else f"{prefix}.{name}")
            for k, v in flatten_errors(value, path).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            out[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for i, item in enumerate(detail):
                for k, v in flatten_errors(item, f"{prefix}[{i}]").items():
                    out.setdefault(k, []).extend(v)
    else:
        out[prefix or "non_field_errors"] = [str(detail)]
    return out


def domain_error_response(exc: DomainError, *, prefix: str = "") -> Response:
    field = exc.field or "non_field_errors"
    if prefix:
        field = prefix if field == "non_field_errors" else f"{prefix}.{field}"
    return Response({field: [exc.message]}, status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The API's one error handler (REST_FRAMEWORK["EXCEPTION_HANDLER"])."""
    if isinstance(exc, NotFound) and exc.field is None:
        return Response({"detail": exc.message}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DomainError):
        return domain_error_response(exc)
    if isinstance(exc, DjangoValidationError):  # a model's full_clean() a service let through
        detail = exc.message_dict if hasattr(exc, "error_dict") else {
            "non_field_errors": exc.messages}
        detail = {("non_field_errors" if k == "__all__" else k): v for k, v in detail.items()}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        exc = exceptions.ParseError("The request body is too large.")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = _no_surrogates(flatten_errors(response.data))
    return response


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(data: Any) -> Any:
    """A message that echoes the input ('"\ud800" is not a valid choice.') with its lone
    surrogates replaced: they cannot be encoded as UTF-8 (a 500) and strict JSON decoders
    reject them escaped."""
    if isinstance(data, str):
        return _SURROGATE.sub("\ufffd", data)
    if isinstance(data, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_no_surrogates(v) for v in data]
    return data


# --- pagination, permission, negotiation, throttling -------------------------------------


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class IsCoachToWrite(BasePermission):
    """Reads for anyone signed in; writes for coaches (and superusers) only."""

    message = "Only coaches may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or user.is_coach or user.is_superuser


class FirstRenderer(BaseContentNegotiation):
    """Always the view's first renderer (a calendar client's Accept header is not our API)."""

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: list[Any],
                        format_suffix: str | None = None) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type


class TokenRouteThrottle(ScopedRateThrottle):
    """Guessing passwords through the token route: a few tries a minute per client address."""

    scope_attr = "throttle_scope"


# --- idempotency -------------------------------------------------------------------------

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER, str, OpenApiParameter.HEADER, required=False,
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


def _replay(seen: IdempotencyKey, fingerprint: str) -> Response:
    if seen.fingerprint != fingerprint:
        return Response(
            {IDEMPOTENCY_HEADER: ["This key was used with another request body."]},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    response = Response(seen.body, status=seen.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


# --- field types of the contract ---------------------------------------------------------


class Text(serializers.CharField):
    """A string that the database can store: no NUL (DRF's default), no lone surrogates."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("invalid")
        return value


class LocalDate(serializers.DateField):
    """An athlete-local calendar date, ``YYYY-MM-DD``, within the years the product handles."""

    default_error_messages = {
        "range": RANGE_MESSAGE,
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> dt.date:
        result = super().to_internal_value(value)
        if not MIN_DATE <= result <= MAX_DATE:
            self.fail("range")
        return result


@extend_schema_field({
    "type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", "example": "18:30",
})
class LocalTime(serializers.TimeField):
    """An athlete-local wall-clock time, ``HH:MM`` (``HH:MM:SS`` accepted on input)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%H:%M")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)


def Int(*, min_value: int = 0, max_value: int = MAX_INT, **kwargs: Any) -> serializers.IntegerField:
    """An integer with bounds, always: the database's range is never the validator."""
    return serializers.IntegerField(min_value=min_value, max_value=max_value, **kwargs)


def Id(**kwargs: Any) -> serializers.IntegerField:
    """An object id in a body: shape only; the scoped getter decides whether it exists."""
    return serializers.IntegerField(min_value=1, max_value=2**63 - 1, **kwargs)


class ErrorSerializer(serializers.Serializer):
    """A 400: one list of messages per field path (``sets[1].reps``, ``non_field_errors``)."""

    field = serializers.ListField(child=serializers.CharField())


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# --- schema ------------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail` (401, 403, 404, 429, a malformed body) or one list of messages "
                   "per field path (400, 422).",
    "additionalProperties": {
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    },
}
ERROR_STATUSES = {
    "400": "Bad input: a message per field.",
    "401": "Not signed in.",
    "403": "Signed in, but this role may not do this.",
    "404": "Absent, or outside the caller's scope (the same thing to the outside).",
}


def document_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: every operation documents the errors every view can answer."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            statuses = dict(ERROR_STATUSES)
            if method == "post":
                statuses["422"] = "Idempotency-Key reused with another body."
                statuses["429"] = "Too many requests."
            for code, text in statuses.items():
                operation["responses"].setdefault(
                    code, {"description": text, "content": {"application/json": {"schema": ref}}}
                )
    return result


class NotFoundView(APIView):
    """Any other path under /api/v1/: a JSON 404 like every other one of the API (not the
    site's HTML page), whoever asks and however."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    schema = None  # not an operation of the API

    def _not_found(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise exceptions.NotFound()

    get = post = put = patch = delete = _not_found


# --- fast output for the hot lists -------------------------------------------------------


def iso_datetime(value: dt.datetime | None) -> str | None:
    """What DRF's DateTimeField renders (UTC, ``Z``), without its per-field machinery."""
    if value is None:
        return None
    text = value.astimezone(dt.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def hh_mm(value: dt.time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")
