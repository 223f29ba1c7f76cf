"""The horizon (RULES.md "Horizon"): every check, on change and nightly, judges from 14 days
before today through the later of the last planned session and the goal race's recovery end
(at most 52 weeks ahead); the nightly pass judges the far weeks again only when their
inputs changed, and keeps the words of the findings it finds again unchanged; the portal
says which weeks are checked."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from scheduling.models import CheckHorizon, Finding, FindingStatus
from scheduling.selectors import athlete_today
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    planned_session_delete,
    strength_session_create,
)
from scheduling.services.nightly import chunk_process, recheck_claim
from scheduling.services.races import race_create
from training.services import SetInput

HEAVY = {"exercise": "back-squat", "sets": 5, "reps_min": 3, "reps_max": 3, "load_kg": 140}


def night(athlete, days: int = 0) -> dt.datetime:
    """02:30 in the athlete's zone, ``days`` after today."""
    local = athlete_today(athlete=athlete) + dt.timedelta(days=days)
    return dt.datetime.combine(local, dt.time(2, 30), zoneinfo.ZoneInfo(athlete.timezone))


def nightly(athlete, now: dt.datetime) -> None:
    """The nightly pass over one athlete (the same chunks as the beat's)."""
    claim = recheck_claim(athlete_ids=[athlete.pk])
    for chunk_id in claim.chunk_ids:
        chunk_process(chunk_id=chunk_id, now=now)


def taper_heavy(athlete) -> Finding:
    return Finding.objects.get(athlete=athlete, rule="TAPER_HEAVY")


@pytest.fixture
def race_in_ten_weeks(athlete, django_capture_on_commit_callbacks) -> dt.date:
    day = athlete_today(athlete=athlete) + dt.timedelta(weeks=10)
    with django_capture_on_commit_callbacks(execute=True):
        race_create(athlete=athlete, name="Goal half", date=day, distance_m=21097,
                    priority="A")
    return day


def test_a_heavy_session_ten_weeks_ahead_in_the_taper_is_an_error_the_day_it_is_saved(
        athlete, coach, race_in_ten_weeks, django_capture_on_commit_callbacks):
    client = APIClient()
    client.force_authenticate(coach)
    day = race_in_ten_weeks - dt.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/planned-sessions/", {
            "athlete": athlete.pk, "kind": "strength", "date": day.isoformat(),
            "start_time": "17:30", "prescription": [HEAVY]}, format="json")
    assert response.status_code == 201, response.json()
    found = taper_heavy(athlete)
    assert (found.severity, found.status, found.first_date) == ("error", "open", day)
    horizon = CheckHorizon.objects.get(athlete=athlete)
    assert horizon.end == race_in_ten_weeks + dt.timedelta(days=14)  # the recovery's end
    assert horizon.start == athlete_today(athlete=athlete) - dt.timedelta(days=14)


def test_the_nightly_pass_finds_it_too_when_no_check_ran_on_the_change(
        athlete, race_in_ten_weeks):
    day = race_in_ten_weeks - dt.timedelta(days=4)
    # Saved with no on-change check (a lost one): the write marks the far weeks changed.
    planned_session_create(actor=athlete.user, athlete=athlete, kind="strength", date=day,
                           start_time=dt.time(17, 30),
                           prescription=[PrescriptionInput("back-squat", 5, 3, 3,
                                                           load_kg=140)])
    assert not Finding.objects.filter(athlete=athlete, rule="TAPER_HEAVY").exists()
    nightly(athlete, night(athlete, 1))
    assert (taper_heavy(athlete).severity, taper_heavy(athlete).status) == ("error", "open")
    # Nothing changes the next night: far weeks not judged again, the error stays open.
    stamp = CheckHorizon.objects.get(athlete=athlete).far_checked_at
    nightly(athlete, night(athlete, 2))
    assert CheckHorizon.objects.get(athlete=athlete).far_checked_at == stamp
    assert taper_heavy(athlete).status == "open"


def test_the_nightly_pass_judges_the_whole_horizon_of_an_athlete_never_checked(
        athlete, race_in_ten_weeks):
    day = race_in_ten_weeks - dt.timedelta(days=2)
    planned_session_create(actor=athlete.user, athlete=athlete, kind="strength", date=day,
                           prescription=[PrescriptionInput("back-squat", 5, 3, 3,
                                                           load_kg=140)])
    CheckHorizon.objects.all().delete()
    Finding.objects.all().delete()
    nightly(athlete, night(athlete, 1))
    assert taper_heavy(athlete).severity == "error"
    assert CheckHorizon.objects.get(athlete=athlete).end == race_in_ten_weeks + dt.timedelta(
        days=14)


def test_a_weekly_finding_of_the_week_straddling_the_span_start_resolves_with_its_cause(
        athlete, django_capture_on_commit_callbacks):
    """The span starts 14 days back, inside an ISO week: that week is judged whole, and
    its WEEKLY_FREQUENCY_LOW goes once the week holds its sessions."""
    today = athlete_today(athlete=athlete)
    start = today - dt.timedelta(days=14)
    monday = start - dt.timedelta(days=start.weekday())
    with django_capture_on_commit_callbacks(execute=True):
        planned_session_create(actor=athlete.user, athlete=athlete, kind="run", date=today,
                               run_type="easy", distance_m=5000)
    low = Finding.objects.get(athlete=athlete, rule="WEEKLY_FREQUENCY_LOW",
                              first_date=monday)
    assert low.status == FindingStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        for offset in (0, 2):  # two strength sessions logged in that week
            strength_session_create(actor=athlete.user, athlete=athlete,
                                    date=monday + dt.timedelta(days=offset),
                                    sets=[SetInput("back-squat", 5, 80)])
    low.refresh_from_db()
    assert low.status == FindingStatus.RESOLVED
    nightly(athlete, night(athlete, 1))
    low.refresh_from_db()
    assert low.status == FindingStatus.RESOLVED


def test_findings_after_a_horizon_that_shrank_are_resolved(
        athlete, django_capture_on_commit_callbacks):
    """Two heavy squats a day apart ten weeks out, then both deleted: the horizon ends two
    weeks out again, and what was found about those weeks has lost its cause."""
    day = athlete_today(athlete=athlete) + dt.timedelta(weeks=10)
    with django_capture_on_commit_callbacks(execute=True):
        sessions = [planned_session_create(
            actor=athlete.user, athlete=athlete, kind="strength", date=day + dt.timedelta(n),
            prescription=[PrescriptionInput("back-squat", 5, 3, 3, load_kg=140)])
            for n in (0, 1)]
    close = Finding.objects.get(athlete=athlete, rule="HEAVY_SESSIONS_TOO_CLOSE")
    assert close.status == "open"
    with django_capture_on_commit_callbacks(execute=True):
        for session in sessions:
            planned_session_delete(session=session)
    close.refresh_from_db()
    assert close.status == "resolved"
    end = CheckHorizon.objects.get(athlete=athlete).end
    assert not Finding.objects.filter(athlete=athlete, status="open",
                                      first_date__gt=end).exists()


def test_a_week_beyond_the_horizon_says_not_checked(
        athlete, coach, client, django_capture_on_commit_callbacks):
    today = athlete_today(athlete=athlete)
    with django_capture_on_commit_callbacks(execute=True):
        planned_session_create(actor=athlete.user, athlete=athlete, kind="run",
                               date=today + dt.timedelta(weeks=3), run_type="easy",
                               distance_m=5000)
    client.force_login(coach)
    url = reverse("portal:athlete_week", args=[athlete.pk])
    near = client.get(url).content.decode()
    assert "Checked " in near and "Not checked" not in near
    far = client.get(url, {"week": (today + dt.timedelta(weeks=6)).isoformat()})
    page = far.content.decode()
    assert "Not checked" in page and "No open flags" not in page


def test_the_calendar_marks_each_week_checked_or_not(
        athlete, coach, client, django_capture_on_commit_callbacks):
    """Weeks 0-3 are in the horizon (the plan runs to week 3), weeks 4-5 are not: the
    calendar says so per week, and never calls an unjudged week clear."""
    today = athlete_today(athlete=athlete)
    monday = today - dt.timedelta(days=today.weekday())
    with django_capture_on_commit_callbacks(execute=True):
        planned_session_create(actor=athlete.user, athlete=athlete, kind="run",
                               date=monday + dt.timedelta(weeks=3), run_type="easy",
                               distance_m=5000)
    client.force_login(coach)
    response = client.get(reverse("portal:athlete_calendar", args=[athlete.pk]),
                          {"weeks": 6, "start": monday.isoformat()})
    weeks = response.context["calendar"].weeks
    assert [w.checked_at is not None for w in weeks] == [True] * 4 + [False] * 2
    page = response.content.decode()
    assert page.count("Not checked") == 2 and page.count("Checked ") == 4
