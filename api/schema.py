"""What the OpenAPI schema says of every operation: the errors any view can answer."""

from __future__ import annotations

from typing import Any

MESSAGES = {"type": "array", "items": {"type": "string"}}
ERROR_SCHEMA = {
    "type": "object",
    "description": "A 400 or 422 holds one list of messages per field path (`date`, "
                   "`sets[1].reps`, `non_field_errors`) and, under `codes`, the code of each "
                   "message at the same index. Any other error (401, 403, 404, 405, 406, 415, "
                   "429, 503, a malformed body) holds `detail` and its `code`.",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in words."},
        "code": {
            "type": "string",
            "description": "The machine-readable reason for `detail`: `not_authenticated`, "
                           "`authentication_failed`, `permission_denied`, `not_found`, "
                           "`method_not_allowed`, `not_acceptable`, `unsupported_media_type`, "
                           "`throttled`, `parse_error`, `service_unavailable`.",
        },
        "codes": {
            "type": "object",
            "description": "Per field path, the code of each of its messages, in their order: "
                           "`required`, `null`, `blank`, `invalid`, `invalid_choice`, "
                           "`min_value`, `max_value`, `max_length`, `does_not_exist` (an id "
                           "outside the caller's scope), `idempotency_key_reused` (422), ...",
            "additionalProperties": MESSAGES,
        },
    },
    "additionalProperties": MESSAGES,
}
ERROR_STATUSES = {
    "400": "Bad input: messages and their codes per field path, or a malformed body.",
    "401": "Not signed in.",
    "403": "Signed in, but this role may not do this.",
    "404": "Absent, or outside the caller's scope (the same thing to the outside).",
    "503": "The database is briefly out of reach: try again after `Retry-After` seconds.",
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
