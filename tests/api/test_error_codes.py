"""Every error of the API carries a machine-readable code beside its message: a 400 (or 422)
has ``codes``, by the same field paths and in the same order as the messages; any other error
has ``code`` beside ``detail``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import yaml
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ErrorDetail
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.test import APIClient

from api.errors import exception_handler, field_errors_body, flatten_errors
from athletes.models import AthleteProfile, User
from scheduling.services import planned_session_create
from tests.api.conftest import World

PLANNED = "/api/v1/planned-sessions/"
STRENGTH = "/api/v1/strength-sessions/"
RUNS = "/api/v1/runs/"
TOKEN = "/api/v1/auth/token/"


def run_body(w: World, **extra: Any) -> dict[str, Any]:
    return {"athlete": w.athlete.pk, "date": w.today.isoformat(), "run_type": "easy", **extra}


# --- 400: a code per message, by field path ---------------------------------------------


def test_a_missing_field_is_coded_required(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    body = run_body(world)
    body.pop("date")
    response = client_for("coach").post(RUNS, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"date": ["This field is required."],
                               "codes": {"date": ["required"]}}


def test_a_value_outside_the_choices_is_coded_invalid_choice(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("coach").post(RUNS, run_body(world, run_type="jog"), format="json")
    assert response.status_code == 400
    assert response.json() == {"run_type": ['"jog" is not a valid choice.'],
                               "codes": {"run_type": ["invalid_choice"]}}


def test_a_nested_list_item_is_coded_at_its_path(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    sets = [{"exercise": "back-squat", "reps": 5},
            {"exercise": "back-squat", "reps": 0, "rir": 11}]
    body = {"athlete": world.athlete.pk, "date": world.today.isoformat(), "sets": sets}
    response = client_for("coach").post(STRENGTH, body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "sets[1].reps": ["Ensure this value is greater than or equal to 1."],
        "sets[1].rir": ["Ensure this value is less than or equal to 10."],
        "codes": {"sets[1].reps": ["min_value"], "sets[1].rir": ["max_value"]},
    }


def test_a_domain_error_from_a_service_carries_its_code(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    body = {"athlete": world.athlete.pk, "date": world.today.isoformat(), "kind": "run"}
    response = client_for("coach").post(PLANNED, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"run_type": ["A run needs a run type."],
                               "codes": {"run_type": ["invalid"]}}


def test_a_wrong_password_is_coded_authorization(coach: User) -> None:
    response = APIClient().post(TOKEN, {"email": coach.email, "password": "guess"},
                                format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Unable to sign in with this email and password."],
        "codes": {"non_field_errors": ["authorization"]},
    }


def test_a_smuggled_foreign_key_is_coded_does_not_exist(
    world: World, other_athlete: AthleteProfile, other_coach: User,
    client_for: Callable[[str], APIClient],
) -> None:
    foreign = planned_session_create(actor=other_coach, athlete=other_athlete,
                                     date=world.today, kind="run", run_type="easy")
    response = client_for("coach").post(RUNS, run_body(world, planned_session=foreign.pk),
                                        format="json")
    assert response.status_code == 400
    assert response.json() == {"planned_session": ["Planned session not found."],
                               "codes": {"planned_session": ["does_not_exist"]}}


def test_an_unknown_exercise_in_a_bulk_item_keeps_does_not_exist_at_its_path(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    item = {"external_id": "x-1", "date": world.today.isoformat(), "kind": "strength",
            "prescription": [{"exercise": "moon-squat", "sets": 3, "reps_min": 5}]}
    response = client_for("coach").post(
        PLANNED + "bulk/", {"athlete": world.athlete.pk, "sessions": [item]}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "sessions[0].prescription[0].exercise": ["Unknown exercise 'moon-squat'."],
        "codes": {"sessions[0].prescription[0].exercise": ["does_not_exist"]},
    }


def test_the_same_idempotency_key_with_another_body_is_coded_as_reused(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    client.post(RUNS, run_body(world), format="json", HTTP_IDEMPOTENCY_KEY="k")
    response = client.post(RUNS, run_body(world, distance_m=9000), format="json",
                           HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 422
    assert response.json() == {
        "Idempotency-Key": ["This key was used with another request body."],
        "codes": {"Idempotency-Key": ["idempotency_key_reused"]},
    }


def test_codes_stay_aligned_with_several_messages_on_one_path() -> None:
    detail = DRFValidationError({"sets": [{}, {"reps": [
        ErrorDetail("Too few.", code="min_value"), ErrorDetail("Not a set.", code="invalid"),
    ]}], "non_field_errors": ["Bad."]}).detail
    assert field_errors_body(flatten_errors(detail)) == {
        "sets[1].reps": ["Too few.", "Not a set."],
        "non_field_errors": ["Bad."],
        "codes": {"sets[1].reps": ["min_value", "invalid"], "non_field_errors": ["invalid"]},
    }


def test_a_model_validation_error_keeps_the_codes_of_its_messages() -> None:
    exc = DjangoValidationError({
        "date": [DjangoValidationError("Out of range.", code="range"),
                 DjangoValidationError("Not %(what)s.", code="invalid_day",
                                       params={"what": "a Monday"})],
        "__all__": [DjangoValidationError("Overlaps.")],
    })
    response = exception_handler(exc, {})
    assert response is not None and response.status_code == 400
    assert response.data == {
        "date": ["Out of range.", "Not a Monday."],
        "non_field_errors": ["Overlaps."],
        "codes": {"date": ["range", "invalid_day"], "non_field_errors": ["invalid"]},
    }


# --- any other error: detail and code -----------------------------------------------------


def test_an_object_outside_the_callers_scope_is_coded_not_found(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("other_coach").get(f"{PLANNED}{world.planned.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Planned session not found.", "code": "not_found"}


def test_an_unknown_api_path_is_coded_not_found(db: None) -> None:
    response = APIClient().get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_request_without_credentials_is_coded_not_authenticated(db: None) -> None:
    response = APIClient().get(PLANNED)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided.",
                               "code": "not_authenticated"}
    response = APIClient().get(PLANNED, HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token.", "code": "authentication_failed"}


def test_a_write_the_role_may_not_make_is_coded_permission_denied(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    body = {"name": "Box jump", "pattern": "plyo", "category": "accessory"}
    response = client_for("athlete").post("/api/v1/exercises/", body, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only coaches may do this.",
                               "code": "permission_denied"}


def test_guessing_passwords_is_coded_throttled(coach: User) -> None:
    client = APIClient()
    for i in range(20):
        response = client.post(TOKEN, {"email": coach.email, "password": f"guess-{i}"},
                               format="json")
        if response.status_code != 400:
            break
    assert response.status_code == 429
    body = response.json()
    assert body["detail"].startswith("Request was throttled. Expected available in ")
    assert body["code"] == "throttled"
    assert set(body) == {"detail", "code"}


def test_a_malformed_body_is_coded_parse_error(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("coach").generic("POST", RUNS, "{not json",
                                           content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("JSON parse error")
    assert body["code"] == "parse_error"
    assert set(body) == {"detail", "code"}


def test_a_wrong_method_or_media_type_is_coded(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    response = client.delete(RUNS)
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.',
                               "code": "method_not_allowed"}
    response = client.get(RUNS, HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert json.loads(response.content) == {
        "detail": "Could not satisfy the request Accept header.", "code": "not_acceptable"}
    response = client.generic("POST", RUNS, "date=today", content_type="text/plain")
    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "text/plain" in request.',
                               "code": "unsupported_media_type"}


# --- the contract -------------------------------------------------------------------------

RESERVED = {"detail", "code", "codes"}  # top-level keys of the Error body the schema declares


def _input_names(schema: dict[str, Any]) -> set[str]:
    """Every parameter and every property of every request body the schema documents, at
    any depth (a nested one would only make a path like ``sets[0].codes``, but none is
    simpler to check than only some)."""
    components = schema["components"]["schemas"]
    names: set[str] = set()
    seen: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref not in seen:
                seen.add(ref)
                walk(components[ref.rsplit("/", 1)[-1]])
            properties = node.get("properties")
            if isinstance(properties, dict):
                names.update(properties)
            for value in node.values():
                walk(value)

    for path_item in schema["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict):
                names.update(p["name"] for p in operation.get("parameters", []))
                walk(operation.get("requestBody", {}))
    return names


def test_no_input_of_the_api_is_named_like_a_reserved_error_key(db: None) -> None:
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    names = _input_names(yaml.safe_load(response.content))
    # The walk reaches bodies, nested list items, query parameters and headers.
    assert {"athlete", "sets", "reps", "prescription", "week", "Idempotency-Key"} <= names
    assert not names & RESERVED, names & RESERVED


def test_the_error_schema_declares_detail_code_and_codes(db: None) -> None:
    response = APIClient().get("/api/schema/")
    error = yaml.safe_load(response.content)["components"]["schemas"]["Error"]
    assert error["properties"]["detail"]["type"] == "string"
    assert error["properties"]["code"]["type"] == "string"
    assert error["properties"]["codes"]["additionalProperties"] == {
        "type": "array", "items": {"type": "string"}}
    assert error["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
