"""The coach's lock through the API: an athlete's PATCH of a locked session's date or time, or
its DELETE, is a 403 naming the field with code ``locked``; the coach may; only a coach sets
the lock; a roster's default locks what its coach creates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from athletes.services import roster_update
from scheduling.models import PlannedSession
from scheduling.services import planned_session_update
from tests.api.conftest import World


def _detail(world: World) -> str:
    return reverse("api-planned-session-detail", args=[world.planned.pk])


@pytest.fixture
def locked(world: World) -> World:
    planned_session_update(session=world.planned, actor=world.coach, locked=True)
    return world


@pytest.mark.parametrize(("body", "field"), [
    (lambda w: {"date": (w.planned.date + dt.timedelta(days=1)).isoformat()}, "date"),
    (lambda w: {"start_time": "06:15"}, "start_time"),
    (lambda w: {"locked": False}, "locked"),
])
def test_the_athletes_move_or_unlock_is_a_403_on_the_field(
        locked: World, client_for, body, field: str) -> None:
    response = client_for("athlete").patch(_detail(locked), body(locked), format="json")
    assert response.status_code == 403
    data = response.json()
    assert data["codes"] == {field: ["locked"]}
    assert "coach" in data[field][0]
    session = PlannedSession.objects.get(pk=locked.planned.pk)
    assert (session.date, session.start_time, session.locked) == (
        locked.planned.date, dt.time(18, 0), True)


def test_the_athletes_delete_of_a_locked_session_is_a_403(locked: World, client_for) -> None:
    response = client_for("athlete").delete(_detail(locked))
    assert response.status_code == 403
    assert response.json()["code"] == "locked"
    assert PlannedSession.objects.filter(pk=locked.planned.pk).exists()


def test_the_athlete_still_changes_the_rest_and_reads_the_lock(locked: World,
                                                               client_for) -> None:
    response = client_for("athlete").patch(_detail(locked), {"notes": "Knee fine"},
                                           format="json")
    assert response.status_code == 200
    assert response.json()["locked"] is True


def test_the_coach_moves_unlocks_and_deletes(locked: World, client_for) -> None:
    coach = client_for("coach")
    new_day = (locked.planned.date + dt.timedelta(days=1)).isoformat()
    assert coach.patch(_detail(locked), {"date": new_day}, format="json").status_code == 200
    response = coach.patch(_detail(locked), {"locked": False}, format="json")
    assert response.json()["locked"] is False
    assert coach.delete(_detail(locked)).status_code == 204


def test_an_athlete_cannot_create_a_locked_session(world: World, client_for) -> None:
    response = client_for("athlete").post(reverse("api-planned-session-list"), {
        "date": world.today.isoformat(), "kind": "run", "run_type": "easy", "locked": True,
    }, format="json")
    assert response.status_code == 403
    assert response.json()["codes"] == {"locked": ["locked"]}


def test_a_roster_default_locks_what_its_coach_creates(world: World, client_for) -> None:
    roster_update(actor=world.coach, roster=world.coach.rosters.get(), lock_sessions=True)
    response = client_for("coach").post(reverse("api-planned-session-list"), {
        "athlete": world.athlete.pk, "date": world.today.isoformat(), "kind": "run",
        "run_type": "easy"}, format="json")
    assert response.status_code == 201
    assert response.json()["locked"] is True
    mine = client_for("athlete").post(reverse("api-planned-session-list"), {
        "date": world.today.isoformat(), "kind": "run", "run_type": "easy"}, format="json")
    assert mine.json()["locked"] is False


def test_a_bulk_sync_by_the_athlete_cannot_move_a_locked_session(world: World,
                                                                 client_for) -> None:
    planned_session_update(session=world.planned, actor=world.coach, locked=True,
                           external_id="tp-9")
    response = client_for("athlete").post(reverse("api-planned-session-bulk"), {"sessions": [
        {"external_id": "tp-9", "kind": "strength",
         "date": (world.planned.date + dt.timedelta(days=1)).isoformat(),
         "start_time": "18:00"}]}, format="json")
    assert response.status_code == 403
    assert response.json()["codes"] == {"sessions[0].date": ["locked"]}
