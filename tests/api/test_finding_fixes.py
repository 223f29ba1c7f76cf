"""A finding's one-click fixes in the API: listed on the finding, applied by id
(``POST /api/v1/findings/{id}/apply/``), refused on ``fix`` when unknown or stale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from scheduling import services
from scheduling.models import Finding, FindingStatus, PlannedSession
from scheduling.selectors import athlete_today
from scheduling.services import PrescriptionInput

pytestmark = pytest.mark.django_db


def squat_before_intervals(athlete: AthleteProfile, coach: User) -> Finding:
    """A heavy squat at 19:00 the evening before 06:30 intervals (an error), 3 days ahead."""
    day = athlete_today(athlete=athlete) + dt.timedelta(days=3)
    squat = services.planned_session_create(
        actor=coach, athlete=athlete, kind="strength", date=day, start_time=dt.time(19),
        title="Heavy lower", prescription=[PrescriptionInput(
            "back-squat", sets=4, reps_min=4, load_kg=Decimal("100"), rir=2)])
    services.planned_session_create(
        actor=coach, athlete=athlete, kind="run", run_type="intervals",
        date=day + dt.timedelta(days=1), start_time=dt.time(6, 30), distance_m=10_000,
        planned_rpe=8)
    services.athlete_check(athlete_id=athlete.pk)
    (found,) = [f for f in Finding.objects.filter(
        athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN", status=FindingStatus.OPEN)
        if {"type": "planned", "id": squat.pk} in f.sessions]
    return found


def test_an_error_lists_its_fixes_each_with_words_and_what_it_leaves(
        athlete: AthleteProfile, coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    finding = squat_before_intervals(athlete, coach)
    data = client_for("coach").get(f"/api/v1/findings/{finding.pk}/").json()
    kinds = [f["kind"] for f in data["fixes"]]
    assert "drop" in kinds and "lighten" in kinds
    for fix in data["fixes"]:
        assert fix["text"] and fix["leaves"].startswith("Leaves ")
        assert "HEAVY_" not in fix["text"] + fix["leaves"]  # codes only as codes
        if fix["kind"] == "move":
            assert fix["date"] and "start_time" in fix


@pytest.mark.parametrize("kind", ["lighten", "drop", "move"])
def test_applying_a_fix_answers_the_open_findings_after_it(
        kind: str, athlete: AthleteProfile, coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    finding = squat_before_intervals(athlete, coach)
    fix = next((f for f in finding.fixes if f["kind"] == kind), None)
    if fix is None:
        pytest.skip(f"no {kind} offered at this hour")  # a move needs a free slot ahead
    client = client_for("athlete")
    response = client.post(f"/api/v1/findings/{finding.pk}/apply/", {"fix": fix["id"]},
                           format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == len(body["results"])
    assert finding.pk not in {f["id"] for f in body["results"]}
    assert not [f for f in body["results"] if f["severity"] == "error"]
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED
    # Applied once: the same fix again no longer fits (its finding is resolved).
    again = client.post(f"/api/v1/findings/{finding.pk}/apply/", {"fix": fix["id"]},
                        format="json")
    assert again.status_code == 400 and "fix" in again.json()


def test_lighten_keeps_the_day_and_the_load_and_cuts_the_sets(
        athlete: AthleteProfile, coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    finding = squat_before_intervals(athlete, coach)
    fix = next(f for f in finding.fixes if f["kind"] == "lighten")
    client_for("coach").post(f"/api/v1/findings/{finding.pk}/apply/", {"fix": fix["id"]},
                             format="json")
    session = PlannedSession.objects.get(pk=finding.sessions[0]["id"])
    (line,) = session.prescription.all()
    assert (session.intensity, line.sets, line.load_kg, line.reps_min) == (
        "moderate", 2, Decimal("100"), 4)


@pytest.mark.parametrize("fix", ["drop:planned:999999", "nonsense", ""])
def test_an_unknown_fix_is_a_400_on_fix(
        fix: str, athlete: AthleteProfile, coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    finding = squat_before_intervals(athlete, coach)
    response = client_for("coach").post(f"/api/v1/findings/{finding.pk}/apply/", {"fix": fix},
                                        format="json")
    assert response.status_code == 400
    assert "fix" in response.json()


def test_a_fix_that_no_longer_fits_the_plan_is_a_400_on_fix(
        athlete: AthleteProfile, coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    finding = squat_before_intervals(athlete, coach)
    session = PlannedSession.objects.get(pk=finding.sessions[0]["id"])
    session.delete()  # gone since the check (no re-check yet)
    fix = finding.fixes[0]
    response = client_for("coach").post(f"/api/v1/findings/{finding.pk}/apply/",
                                        {"fix": fix["id"]}, format="json")
    assert response.status_code == 400
    assert "no longer fits" in response.json()["fix"][0]
