"""Idempotent creates, the all-or-nothing bulk sync, and writes that re-check the athlete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
from rest_framework.test import APIClient

from api.models import IdempotencyKey
from athletes.models import AthleteProfile
from scheduling.models import FindingStatus, PlannedSession, Prescription
from tests.api.conftest import World
from training.models import Run

PLANNED = "/api/v1/planned-sessions/"
BULK = "/api/v1/planned-sessions/bulk/"


@pytest.fixture
def rechecks() -> Iterator[mock.MagicMock]:
    """Every re-check the services queue (one call per ``athlete_recheck_on_commit``)."""
    with mock.patch("scheduling.services.recheck.send_on_commit") as queued:
        yield queued


def run_body(w: World, **extra: Any) -> dict[str, Any]:
    return {"athlete": w.athlete.pk, "date": w.today.isoformat(), "run_type": "easy",
            "distance_m": 6000, **extra}


# --- Idempotency-Key --------------------------------------------------------------------


def test_a_retry_with_the_same_key_replays_the_first_response_and_creates_nothing(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    first = client.post("/api/v1/runs/", run_body(world), format="json",
                        HTTP_IDEMPOTENCY_KEY="sync-1")
    assert first.status_code == 201
    count = Run.objects.count()
    again = client.post("/api/v1/runs/", run_body(world), format="json",
                        HTTP_IDEMPOTENCY_KEY="sync-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Run.objects.count() == count


def test_the_same_key_with_another_body_is_a_422(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    client.post("/api/v1/runs/", run_body(world), format="json", HTTP_IDEMPOTENCY_KEY="k")
    count = Run.objects.count()
    other = client.post("/api/v1/runs/", run_body(world, distance_m=9000), format="json",
                        HTTP_IDEMPOTENCY_KEY="k")
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()
    assert Run.objects.count() == count


def test_keys_are_scoped_per_user(world: World, client_for: Callable[[str], APIClient]) -> None:
    body = run_body(world)
    assert client_for("coach").post("/api/v1/runs/", body, format="json",
                                    HTTP_IDEMPOTENCY_KEY="same").status_code == 201
    body.pop("athlete")
    response = client_for("athlete").post("/api/v1/runs/", body, format="json",
                                          HTTP_IDEMPOTENCY_KEY="same")
    assert response.status_code == 201
    assert IdempotencyKey.objects.filter(key="same").count() == 2


def test_a_failed_create_does_not_burn_its_key(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    bad = client.post("/api/v1/runs/", run_body(world, rpe=99), format="json",
                      HTTP_IDEMPOTENCY_KEY="retry-me")
    assert bad.status_code == 400
    good = client.post("/api/v1/runs/", run_body(world), format="json",
                       HTTP_IDEMPOTENCY_KEY="retry-me")
    assert good.status_code == 201


# --- the bulk sync ------------------------------------------------------------------------


def item(ext: str, day: int, w: World, **extra: Any) -> dict[str, Any]:
    return {"external_id": ext, "date": (w.today + dt.timedelta(days=day)).isoformat(),
            "kind": "run", "run_type": "easy", "distance_m": 5000 + day, **extra}


def test_bulk_creates_then_updates_by_external_id_and_rechecks_once(
    world: World, client_for: Callable[[str], APIClient], rechecks: mock.MagicMock
) -> None:
    client = client_for("coach")
    items = [item(f"tp-{i}", i, world) for i in range(5)]
    items[0] = {**items[0], "kind": "strength", "run_type": None, "intensity": "heavy",
                "prescription": [{"exercise": "back-squat", "sets": 3, "reps_min": 5}]}
    response = client.post(BULK, {"athlete": world.athlete.pk, "sessions": items},
                           format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["created"], response.json()["updated"]) == (5, 0)
    assert rechecks.call_count == 1

    rechecks.reset_mock()
    items[1] = {**items[1], "distance_m": 12_000}
    response = client.post(BULK, {"athlete": world.athlete.pk, "sessions": items[:3]},
                           format="json")
    assert (response.json()["created"], response.json()["updated"]) == (0, 3)
    assert PlannedSession.objects.get(athlete=world.athlete, external_id="tp-1").distance_m \
        == 12_000
    assert rechecks.call_count == 1


def test_one_bad_item_writes_nothing_and_names_its_index_and_field(
    world: World, client_for: Callable[[str], APIClient], rechecks: mock.MagicMock
) -> None:
    before = (PlannedSession.objects.count(), Prescription.objects.count())
    items = [item(f"tp-{i}", i, world) for i in range(4)]
    items[2] = {**items[2], "kind": "strength", "run_type": None,
                "prescription": [{"exercise": "moon-squat", "sets": 3, "reps_min": 5}]}
    response = client_for("coach").post(BULK, {"athlete": world.athlete.pk, "sessions": items},
                                        format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["sessions[2].prescription[0].exercise", "codes"]
    assert (PlannedSession.objects.count(), Prescription.objects.count()) == before
    assert rechecks.call_count == 0


def test_a_shape_error_in_a_bulk_item_names_its_index(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    items = [item("a", 0, world), item("b", 1, world, date="2026-13-01")]
    response = client_for("coach").post(BULK, {"athlete": world.athlete.pk, "sessions": items},
                                        format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["sessions[1].date", "codes"]
    assert not PlannedSession.objects.filter(external_id="a").exists()


def test_a_duplicate_external_id_in_one_sync_is_refused(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    items = [item("dup", 0, world), item("dup", 1, world)]
    response = client_for("coach").post(BULK, {"athlete": world.athlete.pk, "sessions": items},
                                        format="json")
    assert response.json() == {"sessions[1].external_id": ["This external id is given twice."],
                               "codes": {"sessions[1].external_id": ["invalid"]}}


def test_external_id_is_unique_per_athlete_on_single_routes(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    body = {"athlete": world.athlete.pk, **item("x-1", 0, world)}
    assert client.post(PLANNED, body, format="json").status_code == 201
    response = client.post(PLANNED, body, format="json")
    assert response.status_code == 409
    assert response.json() == {"external_id": ["Another planned session has this external id."],
                               "codes": {"external_id": ["conflict"]}}


# --- writes re-check through the services ------------------------------------------------


def test_every_write_queues_a_recheck(
    world: World, client_for: Callable[[str], APIClient], rechecks: mock.MagicMock
) -> None:
    client = client_for("coach")
    client.patch(f"{PLANNED}{world.planned.pk}/", {"start_time": "07:30"}, format="json")
    client.post("/api/v1/runs/", run_body(world), format="json")
    client.delete(f"/api/v1/runs/{world.run.pk}/")
    client.patch(f"/api/v1/athletes/{world.athlete.pk}/", {"timezone": "Europe/London"},
                 format="json")
    assert rechecks.call_count == 4


def test_a_new_availability_is_stored_answered_and_rechecked(
    world: World, client_for: Callable[[str], APIClient], rechecks: mock.MagicMock
) -> None:
    days = [{"weekday": 4, "earliest": "17:00", "latest": "20:00"},
            {"weekday": 1, "earliest": "06:00", "latest": "08:30"}]
    url = f"/api/v1/athletes/{world.athlete.pk}/availability/"
    response = client_for("coach").put(url, {"days": days}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"days": days}  # as sent
    assert client_for("coach").get(url).json() == {"days": days[::-1]}  # by weekday
    rechecks.assert_called_once_with("scheduling.tasks.athlete_check_task", world.athlete.pk)


def test_check_now_returns_every_open_finding(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("athlete").post(f"/api/v1/athletes/{world.athlete.pk}/check/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == len(data["results"]) >= 1
    assert all(f["status"] == FindingStatus.OPEN for f in data["results"])
    assert "next" not in data


def test_acknowledge_a_finding(world: World, client_for: Callable[[str], APIClient]) -> None:
    response = client_for("coach").post(f"/api/v1/findings/{world.finding.pk}/acknowledge/")
    assert response.json()["status"] == "acknowledged"
    listed = client_for("coach").get("/api/v1/findings/?status=acknowledged").json()
    assert [f["id"] for f in listed["results"]] == [world.finding.pk]


def test_put_replaces_a_planned_session(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    url = f"{PLANNED}{world.planned.pk}/"
    body = {"date": world.planned.date.isoformat(), "kind": "run", "run_type": "easy"}
    response = client_for("coach").put(url, body, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["intensity"], data["title"], data["prescription"]) == (
        "run", "", "", [])


def test_the_list_shows_each_sessions_prescription_as_its_own_route_does(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    lines = [{"exercise": "back-squat", "sets": 4, "reps_min": 3, "reps_max": 5,
              "load_kg": 120.5, "rir": 2},
             {"exercise": "box-jumps", "sets": 3, "reps_min": 5, "ground_contacts": 5},
             {"exercise": "romanian-deadlift", "sets": 3, "reps_min": 6, "pct_e1rm": 75},
             {"exercise": "plank", "sets": 3, "hold_s": 45}]
    created = client.patch(f"{PLANNED}{world.planned.pk}/", {"prescription": lines},
                           format="json")
    assert created.status_code == 200, created.json()
    listed = client.get(PLANNED, {"athlete": world.athlete.pk}).json()["results"]
    by_id = {row["id"]: row for row in listed}
    for pk in (world.planned.pk, world.planned_run.pk):
        assert by_id[pk] == client.get(f"{PLANNED}{pk}/").json()
    assert [line["exercise"] for line in by_id[world.planned.pk]["prescription"]] == [
        "back-squat", "box-jumps", "romanian-deadlift", "plank"]
    assert by_id[world.planned_run.pk]["prescription"] == []


def test_a_hold_line_goes_in_and_comes_out_in_seconds_without_reps(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    lines = [{"exercise": "plank", "sets": 3, "hold_s": 45},
             {"exercise": "back-squat", "sets": 3, "reps_min": 5}]
    response = client.patch(f"{PLANNED}{world.planned.pk}/", {"prescription": lines},
                            format="json")
    assert response.status_code == 200, response.json()
    plank, squat = response.json()["prescription"]
    assert (plank["reps_min"], plank["reps_max"], plank["hold_s"]) == (None, None, 45)
    assert (squat["reps_min"], squat["reps_max"], squat["hold_s"]) == (5, 5, None)
    # What the API gives back goes back in as it is.
    again = client.put(f"{PLANNED}{world.planned.pk}/", {
        "date": world.planned.date.isoformat(), "kind": "strength",
        "prescription": response.json()["prescription"]}, format="json")
    assert again.status_code == 200, again.json()
    assert again.json()["prescription"] == response.json()["prescription"]


def test_the_api_switch_of_units_carries_the_step_unless_one_is_given(
    athlete: AthleteProfile, client_for: Callable[[str], APIClient]
) -> None:
    url = f"/api/v1/athletes/{athlete.pk}/"
    response = client_for("coach").patch(url, {"units": "imperial"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["plate_step_kg"] == 2.27
    response = client_for("coach").patch(url, {"units": "metric", "plate_step_kg": "1.25"},
                                         format="json")
    assert response.json()["plate_step_kg"] == 1.25
    # A kg step for a pound lifter lands on whole quarter pounds: 2.5 kg is 5.5 lb, 2.49 kg.
    response = client_for("coach").patch(url, {"units": "imperial", "plate_step_kg": "2.5"},
                                         format="json")
    assert response.json()["plate_step_kg"] == 2.49
    # Below the least pound step (0.25 kg is 0.55 lb): 0.75 lb, which the settings form takes.
    response = client_for("coach").patch(url, {"plate_step_kg": "0.25"}, format="json")
    assert response.json()["plate_step_kg"] == 0.34
    body = {"email": "lb@example.com", "name": "Lb", "units": "imperial"}
    created = client_for("coach").post("/api/v1/athletes/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["plate_step_kg"] == 2.27
