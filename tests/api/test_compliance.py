"""Planned against done in the API: /api/v1/athletes/{id}/compliance/?week= and the
``compliance`` of each planned session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from athletes.models import AthleteProfile
from scheduling import services
from scheduling.models import PlannedSession
from scheduling.selectors import athlete_today
from scheduling.services import PrescriptionInput
from training.services import SetInput

URL = "/api/v1/athletes/{}/compliance/"


def week_label(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def last_week(athlete: AthleteProfile) -> dt.date:
    today = athlete_today(athlete=athlete)
    return today - dt.timedelta(days=today.weekday() + 7)


def build_week(athlete: AthleteProfile, monday: dt.date) -> dict[str, Any]:
    """Last week: intervals done (linked, 58 of 60 min), an easy run partial (fulfilled by
    an unlinked run of its date, 25 of 40 min), a squat session missed, a long run missed,
    and an unplanned run."""
    user = athlete.user
    plan = services.planned_session_create
    intervals = plan(actor=user, athlete=athlete, date=monday, kind="run",
                     run_type="intervals", duration_min=60)
    easy = plan(actor=user, athlete=athlete, date=monday + dt.timedelta(days=1), kind="run",
                run_type="easy", duration_min=40)
    squat = plan(actor=user, athlete=athlete, date=monday + dt.timedelta(days=2),
                 kind="strength",
                 prescription=[PrescriptionInput("back-squat", sets=4, reps_min=5)])
    long_run = plan(actor=user, athlete=athlete, date=monday + dt.timedelta(days=5),
                    kind="run", run_type="long", duration_min=120)
    done = services.run_create(actor=user, athlete=athlete, date=monday, run_type="intervals",
                               duration_s=58 * 60, planned_session=intervals)
    partial = services.run_create(actor=user, athlete=athlete, date=easy.date,
                                  run_type="easy", duration_s=25 * 60)
    extra = services.run_create(actor=user, athlete=athlete,
                                date=monday + dt.timedelta(days=3), run_type="easy",
                                distance_m=5000)
    return {"intervals": intervals, "easy": easy, "squat": squat, "long": long_run,
            "done": done, "partial": partial, "extra": extra}


def test_a_week_gives_each_session_its_verdict_and_the_figures(
        athlete: AthleteProfile, client_for: Callable[[str], APIClient]) -> None:
    monday = last_week(athlete)
    s = build_week(athlete, monday)
    response = client_for("coach").get(URL.format(athlete.pk) + f"?week={week_label(monday)}")
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("week", "planned", "done", "compliance", "key_planned",
                                 "key_done", "key_compliance")} == {
        "week": week_label(monday), "planned": 4, "done": 1, "compliance": 0.25,
        "key_planned": 2, "key_done": 1, "key_compliance": 0.5}
    status = {(r["session"]["type"], r["session"]["id"]): r["status"]
              for r in body["results"]}
    assert status == {
        ("planned", s["intervals"].pk): "done", ("run", s["done"].pk): "done",
        ("planned", s["easy"].pk): "partial", ("run", s["partial"].pk): "partial",
        ("planned", s["squat"].pk): "missed", ("planned", s["long"].pk): "missed",
        ("run", s["extra"].pk): "unplanned",
    }
    easy = next(r for r in body["results"] if r["session"] == {"type": "planned",
                                                               "id": s["easy"].pk})
    assert easy == {"session": {"type": "planned", "id": s["easy"].pk},
                    "date": s["easy"].date.isoformat(), "status": "partial", "key": False,
                    "measure": "duration", "planned": 40.0, "logged": 25.0, "percent": 62.5,
                    "fulfilled_by": {"type": "run", "id": s["partial"].pk}}


def test_the_default_week_is_this_week_and_today_is_not_judged(
        athlete: AthleteProfile, client_for: Callable[[str], APIClient]) -> None:
    today = athlete_today(athlete=athlete)
    services.planned_session_create(actor=athlete.user, athlete=athlete, date=today,
                                    kind="run", run_type="tempo", duration_min=45)
    body = client_for("athlete").get(URL.format(athlete.pk)).json()
    assert body["week"] == week_label(today)
    assert (body["planned"], body["compliance"]) == (0, None)
    assert body["results"] == []


@pytest.mark.parametrize("week", ["2026-13", "2026-W54", "W09", "1800-W01", "soon"])
def test_a_bad_week_is_a_400_on_its_field(week: str, athlete: AthleteProfile,
                                          client_for: Callable[[str], APIClient]) -> None:
    response = client_for("coach").get(URL.format(athlete.pk) + f"?week={week}")
    assert response.status_code == 400
    body = response.json()
    assert body["codes"] == {"week": ["invalid"]} and body["week"]


def test_planned_sessions_carry_their_compliance(
        athlete: AthleteProfile, client_for: Callable[[str], APIClient]) -> None:
    monday = last_week(athlete)
    s = build_week(athlete, monday)
    future = services.planned_session_create(
        actor=athlete.user, athlete=athlete,
        date=athlete_today(athlete=athlete) + dt.timedelta(days=2), kind="run",
        run_type="easy", duration_min=30)
    client = client_for("athlete")
    listed = client.get("/api/v1/planned-sessions/", {"athlete": athlete.pk}).json()["results"]
    by_id = {r["id"]: r["compliance"] for r in listed}
    assert by_id == {s["intervals"].pk: "done", s["easy"].pk: "partial",
                     s["squat"].pk: "missed", s["long"].pk: "missed", future.pk: None}
    one = client.get(f"/api/v1/planned-sessions/{s['squat'].pk}/").json()
    assert one["compliance"] == "missed"


def test_a_logged_strength_session_is_judged_on_its_working_sets(
        athlete: AthleteProfile, client_for: Callable[[str], APIClient]) -> None:
    monday = last_week(athlete)
    squat = services.planned_session_create(
        actor=athlete.user, athlete=athlete, date=monday, kind="strength",
        prescription=[PrescriptionInput("back-squat", sets=5, reps_min=5)])
    services.strength_session_create(
        actor=athlete.user, athlete=athlete, date=monday, sets=[
            *(SetInput("back-squat", 5, 100) for _ in range(3)),
            SetInput("back-squat", 5, 40, is_warmup=True)])
    one = client_for("coach").get(f"/api/v1/planned-sessions/{squat.pk}/").json()
    assert one["compliance"] == "partial"  # 3 of 5 working sets; the warm-up is not one


@pytest.mark.parametrize("size", [2, 12])
def test_the_week_costs_the_same_queries_for_any_number_of_sessions(
        size: int, athlete: AthleteProfile, client_for: Callable[[str], APIClient],
        django_assert_num_queries: Any) -> None:
    monday = last_week(athlete)
    for n in range(size):
        day = monday + dt.timedelta(days=n % 7)
        plan = services.planned_session_create(actor=athlete.user, athlete=athlete, date=day,
                                               kind="run", run_type="easy", duration_min=40)
        services.run_create(actor=athlete.user, athlete=athlete, date=day, run_type="easy",
                            duration_s=40 * 60, planned_session=plan if n % 2 else None)
    client = client_for("coach")
    url = URL.format(athlete.pk) + f"?week={week_label(monday)}"
    # the athlete in scope, then compliance: the week's plans, its runs, its strength
    # sessions, plans of other weeks its logs name, the sets, the prescription lines
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["planned"] == size
    assert PlannedSession.objects.filter(athlete=athlete).count() == size
