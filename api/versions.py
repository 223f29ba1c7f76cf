"""Optimistic concurrency: an object's ``ETag`` and the ``If-Match`` of a write.

A versioned object (a planned session, a race, a logged session, a check-in) answers its
reads and writes with ``ETag: W/"<version>"``, its row's version, bumped by every write. A
``PATCH``, ``PUT`` or ``DELETE`` that sends that ETag back in ``If-Match`` is applied only if
the object is still at that version (checked under the row's lock), else it answers 412
Precondition Failed (code ``precondition_failed``) and changes nothing: read it again.
Without ``If-Match`` the last writer wins, on the fields it sent only.
"""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response

IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    # Printable ASCII, as a header must be; what is not one of our ETags never matches.
    {"type": "string", "pattern": r"^ *[!-~]([ -~]{0,253}[!-~])? *$"},
    OpenApiParameter.HEADER, required=False,
    description='The `ETag` of the object as you read it (`W/"3"`): the write is applied only '
                "if nobody changed the object since, else it is a 412 and nothing changes. "
                "`*` or no header: the write is applied whatever the version (to the fields "
                "sent only).",
)
ETAG_HEADER = {
    "ETag": {
        "description": 'The object\'s version (`W/"3"`): send it back in `If-Match` to '
                       "write only if nobody changed the object since.",
        "schema": {"type": "string"},
    }
}
_TAG = re.compile(r'^(?:W/)?"?(\d{1,18})"?$')
NEVER = 0  # versions start at 1: an If-Match naming no version of ours matches none


def etag(obj: Any) -> str:
    return f'W/"{obj.version}"'


def with_etag(response: Response, obj: Any) -> Response:
    response["ETag"] = etag(obj)
    return response


def if_match(request: Request) -> int | None:
    """The version ``If-Match`` names (weak or strong, quoted or not); ``None`` without the
    header or with ``*``; a header naming none of ours (several tags, anything else) is
    :data:`NEVER`, which no object has: a 412."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    tag = _TAG.match(header.strip())
    return int(tag[1]) if tag else NEVER
