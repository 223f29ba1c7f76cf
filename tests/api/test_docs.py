"""The documented contract: the OpenAPI schema and its docs page, and the contract's names."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
import yaml
from django.core import mail
from rest_framework.test import APIClient

from api.fields import DATE_PATTERN
from api.idempotency import IDEMPOTENCY_PARAMETER
from api.serializers.findings import FindingSerializer
from api.serializers.plans import PlannedSessionSerializer
from athletes.models import User
from core.dates import MAX_DATE, MIN_DATE
from scheduling.services import run_create
from tests.api.conftest import World


def schema() -> dict[str, Any]:
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def json_schema(node: Any) -> Any:
    """OpenAPI 3.0's schema dialect as JSON Schema: ``nullable`` becomes ``null`` allowed."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: json_schema(value) for key, value in node.items() if key != "nullable"}
    return {"anyOf": [out, {"type": "null"}]} if node.get("nullable") else out


def assert_conforms(body: Any, path: str, method: str, status: int) -> None:
    """The body is what the schema declares for this operation and status."""
    document = schema()
    response = document["paths"][path][method]["responses"][str(status)]
    declared = response["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator(
        {**json_schema(declared), "components": json_schema(document["components"])}
    ).validate(body)


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, operation) for path, item in document["paths"].items()
            for method, operation in item.items() if isinstance(operation, dict)]


def test_the_schema_documents_every_route_of_the_contract(db: None) -> None:
    paths = set(schema()["paths"])
    for path in [
        "/api/v1/auth/token/", "/api/v1/auth/token/revoke/", "/api/v1/me/", "/api/v1/athletes/",
        "/api/v1/athletes/{id}/", "/api/v1/athletes/{id}/availability/",
        "/api/v1/athletes/{athlete_id}/races/", "/api/v1/athletes/{athlete_id}/races/{id}/",
        "/api/v1/athletes/{athlete_id}/phases/", "/api/v1/exercises/",
        "/api/v1/planned-sessions/", "/api/v1/planned-sessions/{id}/",
        "/api/v1/planned-sessions/bulk/", "/api/v1/strength-sessions/",
        "/api/v1/strength-sessions/{id}/", "/api/v1/runs/", "/api/v1/runs/{id}/",
        "/api/v1/check-ins/", "/api/v1/check-ins/{id}/", "/api/v1/comments/",
        "/api/v1/findings/", "/api/v1/findings/{id}/", "/api/v1/findings/{id}/acknowledge/",
        "/api/v1/athletes/{id}/check/", "/api/v1/athletes/{athlete_id}/placement/",
        "/api/v1/athletes/{athlete_id}/placement/apply/", "/api/v1/athletes/{id}/progress/",
        "/api/v1/athletes/{id}/next-targets/", "/api/v1/athletes/{athlete_id}/calendar.ics",
        "/api/v1/athletes/{id}/load/",
        "/api/v1/webhooks/", "/api/v1/webhooks/{id}/",
        "/api/v1/imports/", "/api/v1/imports/{id}/", "/api/v1/imports/{id}/mapping/",
        "/api/v1/imports/{id}/units/", "/api/v1/imports/{id}/confirm/",
        "/api/v1/athletes/{athlete_id}/export/",
    ]:
        assert path in paths, path


def test_the_upload_of_an_import_is_documented_as_multipart(db: None) -> None:
    operation = schema()["paths"]["/api/v1/imports/"]["post"]
    assert list(operation["requestBody"]["content"]) == ["multipart/form-data"]
    assert {"202", "413"} <= set(operation["responses"])
    export = schema()["paths"]["/api/v1/athletes/{athlete_id}/export/"]["get"]
    assert "application/zip" in export["responses"]["200"]["content"]


def test_the_planned_session_fields_are_the_contracts(db: None) -> None:
    fields = set(schema()["components"]["schemas"]["PlannedSession"]["properties"])
    assert {"id", "athlete", "date", "start_time", "order", "kind", "run_type", "intensity",
            "duration_min", "distance_m", "planned_rpe", "title", "notes", "prescription",
            "external_id"} <= fields


def test_the_docs_page_renders(db: None) -> None:
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_a_created_athlete_gets_an_email_to_set_a_password(
    world: World, coach: User, client_for: Callable[[str], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = {"email": "new.runner@example.com", "name": "New Runner", "timezone": "Europe/Paris",
            "level": "beginner", "units": "metric", "equipment": "home",
            "home_items": ["dumbbells", "band"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coach").post("/api/v1/athletes/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["home_items"] == ["dumbbells", "band"]
    assert [m.to for m in mail.outbox] == [["new.runner@example.com"]]
    assert "password" in mail.outbox[0].body
    listed = client_for("coach").get("/api/v1/athletes/").json()
    assert "new.runner@example.com" in [a["email"] for a in listed["results"]]


def test_an_unknown_time_zone_is_a_400(world: World, client_for: Callable[[str], APIClient]
                                       ) -> None:
    body = {"email": "tz@example.com", "name": "Tz", "timezone": "Mars/Olympus"}
    response = client_for("coach").post("/api/v1/athletes/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["timezone", "codes"]


def test_the_fast_representations_equal_the_declared_fields(world: World) -> None:
    run_create(actor=world.coach, athlete=world.athlete, date=world.today,
               planned_session=world.planned_run)
    world.planned_run.refresh_from_db()
    world.finding.acknowledged_at = world.finding.first_seen
    for serializer, obj in [
        (PlannedSessionSerializer(), world.planned),
        (PlannedSessionSerializer(), world.planned_run),
        (FindingSerializer(), world.finding),
    ]:
        assert serializer.to_representation(obj) == serializer.declared_representation(obj)


def test_the_placement_of_a_week_is_the_one_object_its_schema_declares(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("coach").get(f"/api/v1/athletes/{world.athlete.pk}/placement/")
    assert response.status_code == 200
    assert set(response.json()) == {"week", "proposals"}
    assert_conforms(response.json(), "/api/v1/athletes/{athlete_id}/placement/", "get", 200)
    slots = [slot for p in response.json()["proposals"] for slot in p["slots"]]
    assert slots and all(set(slot) == {"date", "start_time", "score", "reasons", "rules"}
                         for slot in slots)


def test_the_placement_is_not_documented_as_a_page(db: None) -> None:
    operation = schema()["paths"]["/api/v1/athletes/{athlete_id}/placement/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["athlete_id", "week"]


def test_every_list_documents_its_page_and_page_size_with_their_bounds(db: None) -> None:
    lists = [op for _, method, op in operations(schema()) if method == "get"
             and "Paginated" in str(op["responses"]["200"]["content"])]
    assert len(lists) >= 9
    for operation in lists:
        params = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert params["page"]["minimum"] == 1, operation["operationId"]
        assert (params["page_size"]["minimum"], params["page_size"]["maximum"]) == (1, 200)


def test_the_date_pattern_takes_exactly_the_years_the_api_takes() -> None:
    takes = re.compile(DATE_PATTERN).match
    assert takes(MIN_DATE.isoformat()) and takes(MAX_DATE.isoformat())
    assert not takes("1899-12-31") and not takes("2200-01-01") and not takes("2026-13-01")


@pytest.mark.parametrize(("week", "taken"), [
    ("2026-W09", True), ("1900-W01", True), ("2199-W52", True),
    ("2026-W60", False), ("1899-W52", False), ("2200-W02", False), ("2026-9", False),
])
def test_the_documented_iso_week_is_what_the_placement_takes(
    world: World, client_for: Callable[[str], APIClient], week: str, taken: bool
) -> None:
    path = "/api/v1/athletes/{athlete_id}/placement/"
    params = schema()["paths"][path]["get"]["parameters"]
    pattern = next(p["schema"]["pattern"] for p in params if p["name"] == "week")
    assert bool(re.match(pattern, week)) is taken
    response = client_for("coach").get(f"/api/v1/athletes/{world.athlete.pk}/placement/",
                                       {"week": week})
    assert response.status_code == (200 if taken else 400)


def test_every_date_range_filter_documents_a_date_in_range(db: None) -> None:
    seen = 0
    for _, _, operation in operations(schema()):
        for param in operation.get("parameters", []):
            if param["name"] in ("date_from", "date_to"):
                seen += 1
                assert param["schema"]["format"] == "date"
                assert param["schema"]["pattern"] == DATE_PATTERN
                assert param["description"], operation["operationId"]
    # planned sessions, strength sessions, runs, findings, phases, check-ins, load
    assert seen == 2 * 7


@pytest.mark.parametrize(("key", "taken"), [
    ("k", True), ("order-42/retry", True), (" padded ", True), ("x" * 255, True),
    ("", False), ("   ", False), ("x" * 256, False), ("tab\there", False), ("a\x00b", False),
])
def test_the_documented_idempotency_key_is_what_the_api_takes(
    world: World, client_for: Callable[[str], APIClient], key: str, taken: bool
) -> None:
    pattern = IDEMPOTENCY_PARAMETER.type["pattern"]  # type: ignore[index]
    assert bool(re.match(pattern, key)) is taken
    body = {"name": "R", "date": world.today.isoformat(), "distance_m": 5000}
    response = client_for("coach").post(f"/api/v1/athletes/{world.athlete.pk}/races/", body,
                                        format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == (201 if taken else 400), response.content


def test_a_create_links_to_the_reads_and_writes_of_what_it_created(db: None) -> None:
    paths = schema()["paths"]

    def links(path: str, method: str, status: str) -> dict[str, Any]:
        return paths[path][method]["responses"][status]["links"]

    created = {"id": "$response.body#/id"}
    planned = links("/api/v1/planned-sessions/", "post", "201")
    assert {name: link["parameters"] for name, link in planned.items()} == {
        f"planned_sessions_{action}": created
        for action in ["retrieve", "update", "partial_update", "destroy"]}
    for resource in ["strength_sessions", "runs"]:
        path = f"/api/v1/{resource.replace('_', '-')}/"
        assert set(links(path, "post", "201")) == {
            f"{resource}_retrieve", f"{resource}_partial_update", f"{resource}_destroy"}
    assert links("/api/v1/webhooks/", "post", "201") == {
        "webhooks_destroy": {"operationId": "webhooks_destroy", "parameters": created}}
    race = links("/api/v1/athletes/{athlete_id}/races/", "post", "201")["athletes_races_destroy"]
    assert race["parameters"] == {"athlete_id": "$request.path.athlete_id", **created}


def test_a_list_links_its_first_object_and_an_athlete_the_creates_for_it(db: None) -> None:
    paths = schema()["paths"]
    findings = paths["/api/v1/findings/"]["get"]["responses"]["200"]["links"]
    assert findings["findings_acknowledge_create"]["parameters"] == {
        "id": "$response.body#/results/0/id"}
    athletes = paths["/api/v1/athletes/"]["get"]["responses"]["200"]["links"]
    for create in ["planned_sessions_create", "strength_sessions_create", "runs_create"]:
        assert athletes[create]["requestBody"] == {"athlete": "$response.body#/results/0/id"}
    assert athletes["athletes_races_create"]["parameters"] == {
        "athlete_id": "$response.body#/results/0/id"}
    assert "athletes_races_retrieve" not in athletes  # a race's own id is not in the list
