"""A small world for the portal's tests: the ``athlete`` (on ``coach``'s roster) has a planned
strength session and run, a logged strength session with a set, a logged run, an open finding
with a one-click move, and the coach has a pending invitation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from athletes.models import AthleteProfile, User
from athletes.services import invitation_create
from scheduling.models import Finding, PlannedSession
from scheduling.selectors import athlete_today
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    run_create,
    strength_session_create,
)
from tests.training.imports_support import make_import
from training.models import Import, Run, StrengthSession, StrengthSet
from training.services import SetInput


@dataclass
class World:
    athlete: AthleteProfile
    today: dt.date
    planned: PlannedSession
    planned_run: PlannedSession
    strength: StrengthSession
    set_row: StrengthSet
    run: Run
    finding: Finding
    token: str
    upload: Import  # a Hevy export, read and ready to confirm


def week_url(w: World) -> str:
    return reverse("portal:athlete_week", args=[w.athlete.pk])


def make_finding(athlete: AthleteProfile, planned: PlannedSession, *, severity: str = "error",
                 key: str = "f1") -> Finding:
    """An open finding on ``planned`` whose move goes to 18:00 tomorrow: a slot
    that has not passed on whatever day and hour the suite runs (a move to a slot gone by is
    refused)."""
    now = timezone.now()
    date = planned.date
    move_to = athlete_today(athlete=athlete) + dt.timedelta(days=1)
    return Finding.objects.create(
        athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN", severity=severity, fingerprint=key,
        sessions=[{"type": "planned", "id": planned.pk}], dates=[date.isoformat()],
        first_date=date, last_date=date, title="Heavy back squat 13 h before intervals",
        explanation="Back squat 4 x 4 at 100 kg ends 13 h before 6 x 800 m intervals.",
        suggestion="Move it to the evening after the intervals.",
        move={"session": {"type": "planned", "id": planned.pk},
              "date": move_to.isoformat(),
              "start_time": "18:00"},
        first_seen=now, last_seen=now,
    )


def build_world(athlete: AthleteProfile, coach: User) -> World:
    today = athlete_today(athlete=athlete)
    monday = today - dt.timedelta(days=today.weekday())
    planned = planned_session_create(
        actor=coach, athlete=athlete, kind="strength", date=monday + dt.timedelta(days=1),
        start_time=dt.time(19, 0), title="Heavy lower",
        prescription=[PrescriptionInput("back-squat", sets=4, reps_min=4, load_kg=100, rir=2)],
    )
    planned_run = planned_session_create(
        actor=coach, athlete=athlete, kind="run", run_type="intervals",
        date=monday + dt.timedelta(days=2), start_time=dt.time(6, 30), distance_m=10000,
        planned_rpe=8, title="6 x 800 m",
    )
    strength = strength_session_create(actor=athlete.user, athlete=athlete, date=monday,
                                       title="Old squats",
                                       sets=[SetInput("back-squat", 5, 90, rir=2)])
    run = run_create(actor=athlete.user, athlete=athlete, date=monday, run_type="easy",
                     distance_m=8000, duration_s=2700, start_time=dt.time(7, 0))
    _, token = invitation_create(roster=coach.rosters.get(), email="new@example.com",
                                 invited_by=coach)
    return World(athlete=athlete, today=today, planned=planned, planned_run=planned_run,
                 strength=strength, set_row=strength.sets.get(), run=run,
                 finding=make_finding(athlete, planned), token=token,
                 upload=make_import(athlete))


@pytest.fixture(autouse=True)
def _fast_passwords(settings, tmp_path) -> None:
    """The personas' passwords are hashed many times here; strength is not under test.
    Imports keep their originals in a temporary folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(athlete: AthleteProfile, coach: User) -> World:
    return build_world(athlete, coach)
