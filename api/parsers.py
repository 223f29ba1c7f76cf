"""The API's body parser, on its own: DRF loads parsers while defining its views, so this
module must not import ``rest_framework.views`` (``api.errors`` does)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import JSONParser


class CappedJSONParser(JSONParser):
    """JSON bodies above ``DATA_UPLOAD_MAX_MEMORY_SIZE`` are refused before they are read;
    one nested past the interpreter's recursion limit is a 400 too."""

    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: dict[str, Any] | None = None) -> Any:
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request is not None and limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise exceptions.ParseError("The request body is too large.")
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:  # "[[[[...": DRF only turns ValueError into a 400
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from exc
