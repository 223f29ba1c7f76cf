"""The page for an error no view handled (``handler500``): the database out of reach is a 503
with ``Retry-After``, the API's JSON one under /api/ and a plain page elsewhere, since the
request may come back in a minute; anything else is Django's 500."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

from api.errors import DATABASE_DOWN, RETRY_AFTER_S, UNAVAILABLE


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this while it handles the exception, which ``sys.exc_info()`` gives.
    The 503 page is rendered without a request context: no user, no session, no database."""
    if not isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return defaults.server_error(request)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(UNAVAILABLE, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_S)
    return response
