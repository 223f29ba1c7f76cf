"""Optimistic concurrency (api/versions.py): every versioned object answers its ETag, and a
PATCH, PUT or DELETE with an If-Match it no longer matches is a 412 that changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from scheduling.models import PlannedSession, Race
from tests.api.conftest import World
from training.models import CheckIn, Run, StrengthSession

# route -> (the detail URL of world's object, a PATCH body of one field, that field)
ROUTES: dict[str, tuple[Callable[[World], str], dict[str, Any], str]] = {
    "planned": (lambda w: f"/api/v1/planned-sessions/{w.planned.pk}/", {"title": "Moved"},
                "title"),
    "race": (lambda w: f"/api/v1/athletes/{w.athlete.pk}/races/{w.race.pk}/",
             {"name": "Harbour 10k"}, "name"),
    "strength": (lambda w: f"/api/v1/strength-sessions/{w.strength.pk}/", {"rpe": 9}, "rpe"),
    "run": (lambda w: f"/api/v1/runs/{w.run.pk}/", {"distance_m": 9100}, "distance_m"),
    "check-in": (lambda w: f"/api/v1/check-ins/{w.check_in.pk}/", {"sleep": 2}, "sleep"),
}
MODELS = {"planned": PlannedSession, "race": Race, "strength": StrengthSession, "run": Run,
          "check-in": CheckIn}
STALE = {"detail": "The object changed since you read it: read it again.",
         "code": "precondition_failed"}


@pytest.mark.parametrize("route", ROUTES)
def test_a_read_answers_the_objects_etag_and_every_write_moves_it(
    route: str, world: World, client_for: Callable[[str], APIClient]
) -> None:
    url, change, _ = ROUTES[route]
    client = client_for("coach")
    first = client.get(url(world))
    assert first["ETag"] == 'W/"1"'
    changed = client.patch(url(world), change, format="json")
    assert changed.status_code == 200
    assert changed["ETag"] == 'W/"2"' == client.get(url(world))["ETag"]


@pytest.mark.parametrize("route", ROUTES)
def test_a_patch_with_the_etag_read_applies_and_a_stale_one_is_a_412(
    route: str, world: World, client_for: Callable[[str], APIClient]
) -> None:
    url, change, field = ROUTES[route]
    client = client_for("coach")
    etag = client.get(url(world))["ETag"]
    assert client.patch(url(world), change, format="json", HTTP_IF_MATCH=etag).status_code == 200
    before = client.get(url(world)).json()
    stale = client.patch(url(world), {field: before[field]}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json() == STALE
    assert client.get(url(world)).json() == before


@pytest.mark.parametrize("route", ROUTES)
def test_a_delete_with_a_stale_etag_is_a_412_and_deletes_nothing(
    route: str, world: World, client_for: Callable[[str], APIClient]
) -> None:
    url, change, _ = ROUTES[route]
    client = client_for("coach")
    etag = client.get(url(world))["ETag"]
    client.patch(url(world), change, format="json")  # another writer, meanwhile
    stale = client.delete(url(world), HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json() == STALE
    fresh = client.get(url(world))["ETag"]
    assert client.delete(url(world), HTTP_IF_MATCH=fresh).status_code == 204
    assert not MODELS[route].objects.filter(pk=int(url(world).rstrip("/").split("/")[-1])
                                            ).exists()


@pytest.mark.parametrize("header,status", [
    ('W/"1"', 200), ('"1"', 200), ("1", 200), ("*", 200),
    ('W/"2"', 412), ('"abc"', 412), ('W/"1", W/"2"', 412), ("", 412),
])
def test_if_match_takes_our_etag_weak_or_strong_and_anything_else_never_matches(
    header: str, status: int, world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("coach").patch(f"/api/v1/planned-sessions/{world.planned.pk}/",
                                         {"title": "x"}, format="json", HTTP_IF_MATCH=header)
    assert response.status_code == status


def test_a_put_honours_if_match_too(world: World, client_for: Callable[[str], APIClient]) -> None:
    url = f"/api/v1/planned-sessions/{world.planned.pk}/"
    body = {"date": world.planned.date.isoformat(), "kind": "strength", "intensity": "light"}
    client = client_for("coach")
    assert client.put(url, body, format="json", HTTP_IF_MATCH='W/"7"').status_code == 412
    response = client.put(url, body, format="json", HTTP_IF_MATCH='W/"1"')
    assert response.status_code == 200
    assert response["ETag"] == 'W/"2"'


def test_a_stranger_with_any_if_match_still_gets_a_404(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("other_coach").patch(f"/api/v1/planned-sessions/{world.planned.pk}/",
                                               {"title": "x"}, format="json",
                                               HTTP_IF_MATCH='W/"9"')
    assert response.status_code == 404


def test_logging_a_plan_moves_the_plans_etag(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    url = f"/api/v1/planned-sessions/{world.planned.pk}/"
    etag = client.get(url)["ETag"]
    client.patch(f"/api/v1/strength-sessions/{world.strength.pk}/",
                 {"planned_session": world.planned.pk}, format="json")
    assert client.get(url)["ETag"] != etag
    assert client.patch(url, {"title": "x"}, format="json", HTTP_IF_MATCH=etag).status_code == 412


def test_a_duplicate_external_id_on_a_single_route_is_a_409_conflict(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    client.patch(f"/api/v1/planned-sessions/{world.planned.pk}/", {"external_id": "tp-1"},
                 format="json")
    response = client.patch(f"/api/v1/planned-sessions/{world.planned_run.pk}/",
                            {"external_id": "tp-1"}, format="json")
    assert response.status_code == 409
    assert response.json() == {"external_id": ["Another planned session has this external id."],
                               "codes": {"external_id": ["conflict"]}}


def test_the_schema_documents_etag_if_match_412_and_409(
    client_for: Callable[[str], APIClient]
) -> None:
    paths = client_for("anonymous").get("/api/schema/?format=json").json()["paths"]
    for path in ["/api/v1/planned-sessions/{id}/", "/api/v1/athletes/{athlete_id}/races/{id}/",
                 "/api/v1/strength-sessions/{id}/", "/api/v1/runs/{id}/",
                 "/api/v1/check-ins/{id}/"]:
        item = paths[path]
        assert "ETag" in item["get"]["responses"]["200"]["headers"]
        assert "ETag" in item["patch"]["responses"]["200"]["headers"]
        for method in ("patch", "delete"):
            assert "If-Match" in [p["name"] for p in item[method]["parameters"]]
            assert "412" in item[method]["responses"]
    planned = paths["/api/v1/planned-sessions/{id}/"]
    assert "412" in planned["put"]["responses"]
    assert "409" in planned["patch"]["responses"]
    assert "409" in paths["/api/v1/planned-sessions/"]["post"]["responses"]
    assert "412" not in paths["/api/v1/planned-sessions/"]["post"]["responses"]


@pytest.mark.parametrize("route", ROUTES)
def test_the_body_says_the_version_the_etag_names_in_lists_too(
    route: str, world: World, client_for: Callable[[str], APIClient]
) -> None:
    url, change, _ = ROUTES[route]
    client = client_for("coach")
    client.patch(url(world), change, format="json")
    one = client.get(url(world))
    assert one["ETag"] == f'W/"{one.json()["version"]}"' == 'W/"2"'
    listing = client.get(url(world).rstrip("/").rsplit("/", 1)[0] + "/").json()["results"]
    assert [row["version"] for row in listing if row["id"] == one.json()["id"]] == [2]
