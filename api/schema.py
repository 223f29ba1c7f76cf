"""What the OpenAPI schema says of every operation: the errors any view can answer."""

from __future__ import annotations

from typing import Any

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
