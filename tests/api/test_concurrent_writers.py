"""Concurrent writers, for real: threads, each with its own PostgreSQL connection, send
requests at one object at once (issue 14, "Concurrent writers").

To make the bad interleaving happen every time rather than now and then, the two requests
meet at a barrier inside the model's ``full_clean``, which every write path calls between
reading its object and saving it. Code that saves what it read earlier lets both requests
through the barrier before either saves, and one change is lost; code that reads the row
again under a lock holds the second request at the lock, so the first waits out the
barrier's timeout alone, commits, and the second then writes on what the first saved.

PostgreSQL only (SQLite has no row locks): they skip without it, except in CI where they
fail (tests/conftest.py, ``postgres``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from rest_framework.test import APIClient

from athletes.models import User
from scheduling.models import PlannedSession, Race
from tests.api.conftest import World
from training.models import Run, StrengthSession

pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = 30
MEET_S = 0.3  # how long the first writer waits at the barrier for the second


@pytest.fixture(autouse=True)
def _no_rechecks() -> Iterator[None]:
    """The re-check after each write is not what these tests race."""
    with mock.patch("scheduling.services.recheck.send_on_commit"):
        yield


class Meeting:
    """Writers of ``model`` meet inside its ``full_clean`` (see the module's docstring)."""

    def __init__(self) -> None:
        self.barrier = threading.Barrier(2, timeout=MEET_S)

    def again(self) -> None:
        self.barrier = threading.Barrier(2, timeout=MEET_S)

    def wait(self) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()


@contextlib.contextmanager
def meeting_in(model: Any) -> Iterator[Meeting]:
    meeting = Meeting()
    real = model.full_clean

    def full_clean(self: Any, *args: Any, **kwargs: Any) -> None:
        meeting.wait()
        real(self, *args, **kwargs)

    with mock.patch.object(model, "full_clean", full_clean):
        yield meeting


def at_once(user: User, *calls: Callable[[APIClient], Any]) -> list[Any]:
    """Run each call in a thread of its own (its own connection), all at once; their
    responses in order. A server error is a response (500), not an exception."""
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[APIClient], Any]) -> None:
        try:
            client = APIClient()
            client.raise_request_exception = False
            client.force_authenticate(user)
            results[i] = call(client)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_patches_of_different_fields_of_a_planned_session_both_stick(
    postgres: None, world: World
) -> None:
    url = f"/api/v1/planned-sessions/{world.planned.pk}/"
    lost = []
    with meeting_in(PlannedSession) as meeting:
        for i in range(PAIRS):
            meeting.again()
            title, notes = f"title {i}", f"notes {i}"
            first, second = at_once(
                world.coach,
                lambda c, title=title: c.patch(url, {"title": title}, format="json"),
                lambda c, notes=notes: c.patch(url, {"notes": notes}, format="json"))
            assert (first.status_code, second.status_code) == (200, 200)
            row = PlannedSession.objects.get(pk=world.planned.pk)
            if (row.title, row.notes) != (title, notes):
                lost.append(i)
    assert lost == [], f"a change was lost in {len(lost)} of {PAIRS} pairs"
    assert PlannedSession.objects.get(pk=world.planned.pk).version == 1 + 2 * PAIRS


@pytest.mark.parametrize("route,model,changes", [
    ("race", Race, ({"name": "Harbour 10k"}, {"distance_m": 12_000})),
    ("run", Run, ({"distance_m": 9100}, {"rpe": 3})),
    ("strength", StrengthSession, ({"rpe": 9}, {"title": "Squats"})),
])
def test_two_patches_of_different_fields_of_races_and_logged_sessions_both_stick(
    postgres: None, world: World, route: str, model: Any, changes: tuple[dict, dict]
) -> None:
    obj = {"race": world.race, "run": world.run, "strength": world.strength}[route]
    url = {"race": f"/api/v1/athletes/{world.athlete.pk}/races/{obj.pk}/",
           "run": f"/api/v1/runs/{obj.pk}/",
           "strength": f"/api/v1/strength-sessions/{obj.pk}/"}[route]
    with meeting_in(model):
        first, second = at_once(world.coach,
                                *(lambda c, b=b: c.patch(url, b, format="json")
                                  for b in changes))
    assert (first.status_code, second.status_code) == (200, 200)
    row = model.objects.filter(pk=obj.pk).values(*changes[0], *changes[1]).get()
    assert row == {**changes[0], **changes[1]}


def test_two_patches_with_the_same_if_match_one_wins_one_is_a_412(
    postgres: None, world: World
) -> None:
    url = f"/api/v1/planned-sessions/{world.planned.pk}/"
    with meeting_in(PlannedSession):
        responses = at_once(world.coach, *(
            lambda c, t=t: c.patch(url, {"title": t}, format="json", HTTP_IF_MATCH='W/"1"')
            for t in ("A", "B")))
    assert sorted(r.status_code for r in responses) == [200, 412]
    winner = next(r for r in responses if r.status_code == 200).json()["title"]
    row = PlannedSession.objects.get(pk=world.planned.pk)
    assert (row.title, row.version) == (winner, 2)


def _planned_body(w: World, ext: str, **extra: Any) -> dict[str, Any]:
    return {"athlete": w.athlete.pk, "external_id": ext, "date": w.today.isoformat(),
            "kind": "strength", "intensity": "light", **extra}


def test_two_creates_with_one_new_external_id_make_one_row_and_a_409(
    postgres: None, world: World
) -> None:
    with meeting_in(PlannedSession):
        responses = at_once(world.coach, *(
            lambda c, t=t: c.post("/api/v1/planned-sessions/",
                                  _planned_body(world, "tp-new", title=t), format="json")
            for t in ("A", "B")))
    assert sorted(r.status_code for r in responses) == [201, 409]
    conflict = next(r for r in responses if r.status_code == 409)
    assert conflict.json()["codes"] == {"external_id": ["conflict"]}
    assert PlannedSession.objects.filter(athlete=world.athlete, external_id="tp-new").count() == 1


def test_two_syncs_with_one_new_external_id_make_one_row_both_answered_200(
    postgres: None, world: World
) -> None:
    def sync(title: str) -> Callable[[APIClient], Any]:
        item = _planned_body(world, "tp-sync", title=title)
        del item["athlete"]
        return lambda c: c.post("/api/v1/planned-sessions/bulk/",
                                {"athlete": world.athlete.pk, "sessions": [item]},
                                format="json")

    with meeting_in(PlannedSession):
        first, second = at_once(world.coach, sync("A"), sync("B"))
    assert (first.status_code, second.status_code) == (200, 200)
    assert sorted((r.json()["created"], r.json()["updated"]) for r in (first, second)) == [
        (0, 1), (1, 0)]
    [row] = PlannedSession.objects.filter(athlete=world.athlete, external_id="tp-sync")
    assert {first.json()["results"][0]["id"], second.json()["results"][0]["id"]} == {row.pk}
