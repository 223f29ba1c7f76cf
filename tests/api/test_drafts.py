"""The API marks a draft (RULES.md, "Logged"): ``is_draft``, read-only, on strength sessions
(no working set) and runs (neither duration nor distance)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import World

SQUAT = {"exercise": "back-squat", "reps": 5, "load_kg": "100.00"}


@pytest.mark.parametrize(("sets", "draft"), [
    pytest.param([], True, id="no set: a draft"),
    pytest.param([{**SQUAT, "is_warmup": True}], True, id="a warm-up only: a draft"),
    pytest.param([SQUAT], False, id="a working set: a session"),
])
def test_a_strength_session_says_whether_it_is_a_draft(
        world: World, client_for: Callable[[str], APIClient], sets: list[Any],
        draft: bool) -> None:
    client = client_for("athlete")
    made = client.post("/api/v1/strength-sessions/", {
        "athlete": world.athlete.pk, "date": world.today.isoformat(), "sets": sets,
        "is_draft": not draft}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["is_draft"] is draft  # read-only: the body's value is ignored
    listed = client.get("/api/v1/strength-sessions/", {"athlete": world.athlete.pk}).json()
    assert {row["id"]: row["is_draft"] for row in listed["results"]}[made.json()["id"]] is draft


@pytest.mark.parametrize(("fields", "draft"), [
    pytest.param({}, True, id="neither duration nor distance: a draft"),
    pytest.param({"duration_s": 1}, False, id="a duration: a run"),
    pytest.param({"distance_m": 1}, False, id="a distance: a run"),
])
def test_a_run_says_whether_it_is_a_draft(world: World,
                                          client_for: Callable[[str], APIClient],
                                          fields: dict[str, int], draft: bool) -> None:
    made = client_for("athlete").post("/api/v1/runs/", {
        "athlete": world.athlete.pk, "date": world.today.isoformat(), "run_type": "easy",
        **fields}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["is_draft"] is draft
