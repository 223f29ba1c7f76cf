"""Hostile bodies and headers an audit found turning into 500s: each is a 400 on its field."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import World

pytestmark = pytest.mark.django_db


def raw(client: APIClient, path: str, body: str, **headers: str):
    client.raise_request_exception = False
    return client.post(path, body, content_type="application/json", **headers)


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/api/v1/runs/", '{{"athlete": {a}, "date": "{d}", "run_type": "\\ud800"}}', "run_type"),
    ("/api/v1/planned-sessions/", '{{"athlete": {a}, "date": "{d}", "kind": "\\ud800"}}',
     "kind"),
    ("/api/v1/exercises/", '{{"name": "Z", "pattern": "\\ud800", "category": "main"}}',
     "pattern"),
    ("/api/v1/webhooks/", '{{"url": "https://93.184.216.34/h", "events": ["\\ud800"]}}',
     "events[0]"),
])
def test_a_lone_surrogate_in_a_choice_is_a_400_on_it(
        world: World, client_for: Callable[[str], APIClient], path: str, body: str,
        field: str) -> None:
    day = (world.today + dt.timedelta(days=1)).isoformat()
    response = raw(client_for("coach"), path, body.format(a=world.athlete.pk, d=day))
    assert response.status_code == 400
    errors = json.loads(response.content.decode("utf-8"))  # strict: valid UTF-8 and JSON
    assert "\ufffd" in errors[field][0]


@pytest.mark.parametrize("port", ["99999", "0"])
def test_a_webhook_port_out_of_range_is_a_400_on_url(
        client_for: Callable[[str], APIClient], port: str) -> None:
    response = client_for("coach").post(
        "/api/v1/webhooks/", {"url": f"https://93.184.216.34:{port}/h",
                              "events": ["finding.created"]}, format="json")
    assert response.status_code == 400
    assert "port" in response.json()["url"][0]


def test_json_nested_past_the_recursion_limit_is_a_400(
        client_for: Callable[[str], APIClient]) -> None:
    response = raw(client_for("anonymous"), "/api/v1/auth/token/",
                   "[" * 50_000 + "]" * 50_000)
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize("key", ["a\x00b", "tab\there"])
def test_an_unprintable_idempotency_key_is_a_400(
        world: World, client_for: Callable[[str], APIClient], key: str) -> None:
    client = client_for("coach")
    response = client.post(
        f"/api/v1/athletes/{world.athlete.pk}/races/",
        {"name": "R", "date": (world.today + dt.timedelta(days=30)).isoformat(),
         "distance_m": 5000}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


def test_non_ascii_text_reads_back_as_utf8(
        world: World, client_for: Callable[[str], APIClient]) -> None:
    client = client_for("coach")
    created = client.post(f"/api/v1/athletes/{world.athlete.pk}/races/", {
        "name": "Course de l'Été 🏃", "date": (world.today + dt.timedelta(days=30)).isoformat(),
        "distance_m": 5000}, format="json")
    assert created.status_code == 201
    assert "Course de l'Été 🏃".encode() in created.content
    assert created.json()["name"] == "Course de l'Été 🏃"
