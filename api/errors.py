"""The API's one error handler, and its JSON 404 for unknown paths.

The handler is the API's half of DESIGN.md habit 4: a ``DomainError`` is a 400 with field
messages; a ``NotFound`` about the object in the path is a 404; a ``NotFound`` about a foreign
key in the body (its ``field`` is set) is a 400 on that field, as if the id did not exist. A
``Conflict`` with another writer is a 409 (on its field when it names one), an ``If-Match``
the object no longer matches a 412 (``PreconditionFailed``), and a change the caller's role
may not make to an object it sees (a locked session) a 403 on its field (``Forbidden``).
Every message carries a machine-readable code: DRF's own (``required``, ``invalid_choice``,
``not_authenticated``, ...), the domain error's, or a model ValidationError's.
The database out of reach (restarting, failing over) is a 503 with ``Retry-After``.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import Conflict, DomainError, Forbidden, NotFound, PreconditionFailed

CODES = "codes"  # the reserved key of a 400's codes; no input of the API has a field so named


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[ErrorDetail]]:
    """DRF's nested error structure as flat ``{"sets[1].reps": [ErrorDetail, ...]}`` paths,
    each message keeping its code."""
    out: dict[str, list[ErrorDetail]] = {}
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
            out[prefix or "non_field_errors"] = [_detail(item) for item in detail]
        else:
            for i, item in enumerate(detail):
                for k, v in flatten_errors(item, f"{prefix}[{i}]").items():
                    out.setdefault(k, []).extend(v)
    else:
        out[prefix or "non_field_errors"] = [_detail(detail)]
    return out


def _detail(item: Any) -> ErrorDetail:
    code = getattr(item, "code", None) or "invalid"
    return ErrorDetail(str(item), code=code)


def field_errors_body(errors: dict[str, list[ErrorDetail]]) -> dict[str, Any]:
    """``{"<path>": ["message", ...], ..., "codes": {"<path>": ["code", ...], ...}}``: the
    messages by field path, and under ``codes`` their codes, index by index."""
    body: dict[str, Any] = {path: [str(e) for e in details] for path, details in errors.items()}
    body[CODES] = {path: [e.code for e in details] for path, details in errors.items()}
    return _no_surrogates(body)


def _domain_error_body(exc: DomainError) -> dict[str, Any]:
    field = exc.field or "non_field_errors"
    return field_errors_body({field: [ErrorDetail(exc.message, code=exc.code)]})


def _model_error_body(exc: DjangoValidationError) -> dict[str, Any]:
    """A model's ValidationError, each message with its own code (``invalid`` if none)."""
    by_field = exc.error_dict if hasattr(exc, "error_dict") else {
        "non_field_errors": exc.error_list}
    return field_errors_body({
        ("non_field_errors" if field == NON_FIELD_ERRORS else field): [
            ErrorDetail(message, code=error.code or "invalid")
            for error in errors for message in error
        ]
        for field, errors in by_field.items()
    })


DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_S = 30
UNAVAILABLE = {"detail": "The service is briefly unavailable. Try again in a minute.",
               "code": "service_unavailable"}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The API's one error handler (REST_FRAMEWORK["EXCEPTION_HANDLER"]): field errors as
    :func:`field_errors_body`, any other error as ``{"detail": "...", "code": "..."}``."""
    if isinstance(exc, DATABASE_DOWN):
        return Response(UNAVAILABLE, status=status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": str(RETRY_AFTER_S)})
    if isinstance(exc, NotFound) and exc.field is None:
        return Response({"detail": exc.message, "code": exc.code},
                        status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PreconditionFailed):  # If-Match named a version the object left
        return Response({"detail": exc.message, "code": exc.code},
                        status=status.HTTP_412_PRECONDITION_FAILED)
    if isinstance(exc, Conflict):  # another writer took what this one asked for
        return Response(_domain_error_body(exc) if exc.field else
                        {"detail": exc.message, "code": exc.code},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Forbidden):  # seen, but not the caller's to change (a locked session)
        return Response(_domain_error_body(exc) if exc.field else
                        {"detail": exc.message, "code": exc.code},
                        status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DomainError):
        return Response(_domain_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):  # a model's full_clean() a service let through
        return Response(_model_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        exc = exceptions.ParseError("The request body is too large.")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = field_errors_body(flatten_errors(response.data))
    elif isinstance(response.data, dict) and isinstance(response.data.get("detail"), ErrorDetail):
        response.data["code"] = response.data["detail"].code
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


class NotFoundView(APIView):
    """Any other path under /api/v1/: a JSON 404 like every other one of the API (not the
    site's HTML page), whoever asks and however."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    schema = None  # not an operation of the API

    def _not_found(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise exceptions.NotFound()

    get = post = put = patch = delete = _not_found
