"""What the OpenAPI schema says of every operation: the errors any view can answer, and
the links from the objects a response holds to the operations that take them."""

from __future__ import annotations

import re
from typing import Any

from api.versions import ETAG_HEADER

MESSAGES = {"type": "array", "items": {"type": "string"}}
ERROR_SCHEMA = {
    "type": "object",
    "description": "A 400 or 422 (and a 409 about a field) holds one list of messages per "
                   "field path (`date`, `sets[1].reps`, `non_field_errors`) and, under "
                   "`codes`, the code of each message at the same index. Any other error "
                   "(401, 403, 404, 405, 406, 412, 415, 429, 503, a malformed body) holds "
                   "`detail` and its `code`.",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in words."},
        "code": {
            "type": "string",
            "description": "The machine-readable reason for `detail`: `not_authenticated`, "
                           "`authentication_failed`, `permission_denied`, `not_found`, "
                           "`method_not_allowed`, `not_acceptable`, `unsupported_media_type`, "
                           "`throttled`, `parse_error`, `service_unavailable`, "
                           "`precondition_failed` (412), `conflict` (409).",
        },
        "codes": {
            "type": "object",
            "description": "Per field path, the code of each of its messages, in their order: "
                           "`required`, `null`, `blank`, `invalid`, `invalid_choice`, "
                           "`min_value`, `max_value`, `max_length`, `does_not_exist` (an id "
                           "outside the caller's scope), `idempotency_key_reused` (422), "
                           "`conflict` (409), ...",
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
            if any(p.get("in") == "header" and p.get("name") == "If-Match"
                   for p in operation.get("parameters", [])):
                statuses["412"] = ("`If-Match` names a version the object has left: read it "
                                   "again (code `precondition_failed`).")
            for code, text in statuses.items():
                operation["responses"].setdefault(
                    code, {"description": text, "content": {"application/json": {"schema": ref}}}
                )
            for code, response in operation["responses"].items():
                if code.startswith("4") and "content" not in response:  # declared by a view
                    response["content"] = {"application/json": {"schema": ref}}
        _document_etags(path_item)
    return result


def _document_etags(path_item: dict[str, Any]) -> None:
    """An object whose writes take ``If-Match`` answers its reads and writes with its
    ``ETag`` (api/versions.py)."""
    operations = [op for op in path_item.values() if isinstance(op, dict)]
    if not any(p.get("name") == "If-Match" for op in operations
               for p in op.get("parameters", [])):
        return
    for operation in operations:
        response = operation.get("responses", {}).get("200")
        if response is not None:
            response.setdefault("headers", {}).update(ETAG_HEADER)


PATH_PARAM = re.compile(r"\{(\w+)\}")
OBJECT_PATH = re.compile(r"\{(\w+)\}/")  # an object's paths, after its collection's path


def document_links(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: OpenAPI links, so a client (and Schemathesis's stateful phase)
    knows which answer feeds which request. An object a create answers (its 201, ``#/id``)
    or a list shows (its 200, ``#/results/0/id``) links to every operation on that object's
    own paths; an athlete also links to the creates that name it in their body."""
    paths = result.get("paths", {})
    bodies = result.get("components", {}).get("schemas", {})
    for path, item in paths.items():
        for method, status, pointer in [("post", "201", "#/id"), ("get", "200", "#/results/0/id")]:
            response = item.get(method, {}).get("responses", {}).get(status)
            if response is None or (
                    method == "get" and "/Paginated" not in _schema_ref(response)):
                continue  # only a page of a list holds objects at #/results
            value = f"$response.body{pointer}"
            links = _object_links(paths, path, value)
            if path == "/api/v1/athletes/":
                links.update(_athlete_body_links(paths, bodies, value))
            if links:
                response["links"] = links
    return result


def _object_links(paths: dict[str, Any], path: str, value: str) -> dict[str, Any]:
    """Links to the operations on ``{path}{param}/...``, with ``value`` as ``param``; the
    collection's own path parameters pass on as they were sent."""
    links = {}
    for target_path, target_item in paths.items():
        param = OBJECT_PATH.match(target_path[len(path):])
        if not target_path.startswith(path) or param is None:
            continue
        parameters = {name: f"$request.path.{name}" for name in PATH_PARAM.findall(path)}
        parameters[param[1]] = value
        if set(PATH_PARAM.findall(target_path)) != set(parameters):
            continue  # an object of the object (a race of an athlete): its own id is unknown
        for operation in target_item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                links[operation["operationId"]] = {
                    "operationId": operation["operationId"], "parameters": parameters}
    return links


def _athlete_body_links(paths: dict[str, Any], bodies: dict[str, Any],
                        value: str) -> dict[str, Any]:
    """Links to the creates whose body names an ``athlete``: the link's body is that one
    field (a client, or Schemathesis, fills in the rest)."""
    links = {}
    for item in paths.values():
        operation = item.get("post", {})
        ref = _schema_ref(operation.get("requestBody", {}))
        if "athlete" in bodies.get(ref.rpartition("/")[2], {}).get("properties", {}):
            links[operation["operationId"]] = {
                "operationId": operation["operationId"], "requestBody": {"athlete": value}}
    return links


def _schema_ref(holder: dict[str, Any]) -> str:
    """The component a request body or response refers to (``""`` if none)."""
    schema = holder.get("content", {}).get("application/json", {}).get("schema", {})
    return str(schema.get("$ref", ""))
