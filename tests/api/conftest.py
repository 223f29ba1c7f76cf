"""Fixtures of the API tests: clients per persona and a small world of the athlete's objects.

The personas come from tests/conftest.py. ``world`` gives ``athlete`` one object of every
kind, so each route can be asked about an object in and out of the caller's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from scheduling import services
from scheduling.models import (
    Comment,
    Finding,
    FindingStatus,
    PlannedSession,
    Race,
    WebhookSubscription,
)
from scheduling.services import PrescriptionInput
from scheduling.services.webhooks import webhook_subscription_create
from tests.training.imports_support import make_import
from training.models import CheckIn, Exercise, Import, Run, StrengthSession
from training.services import SetInput, exercise_create

PERSONAS = ["anonymous", "athlete", "other_athlete", "coach", "other_coach", "stranger"]


@pytest.fixture(autouse=True)
def _fast_and_fresh(settings: object, tmp_path: object) -> None:
    """Cheap password hashing, a fresh throttle cache, private webhook URLs allowed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # type: ignore[attr-defined]
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]  # imports' originals
    cache.clear()


@pytest.fixture
def client_for(
    athlete: AthleteProfile, other_athlete: AthleteProfile, coach: User, other_coach: User,
    stranger: User,
) -> Callable[[str], APIClient]:
    users = {
        "anonymous": None, "athlete": athlete.user, "other_athlete": other_athlete.user,
        "coach": coach, "other_coach": other_coach, "stranger": stranger,
    }

    def make(persona: str) -> APIClient:
        client = APIClient()
        if users[persona] is not None:
            client.force_authenticate(users[persona])
        return client

    return make


@dataclass
class World:
    """One of everything, all ``athlete``'s (the webhook: ``coach``'s)."""

    athlete: AthleteProfile
    coach: User
    today: dt.date
    planned: PlannedSession
    planned_run: PlannedSession
    strength: StrengthSession
    run: Run
    race: Race
    finding: Finding
    exercise: Exercise
    webhook: WebhookSubscription
    check_in: CheckIn  # yesterday's: today has none yet
    upload: Import  # read and ready to confirm: every exercise name of it is known
    comment: Comment  # the coach's, on the planned session


def make_finding(athlete: AthleteProfile, planned: PlannedSession, n: int = 0) -> Finding:
    now = timezone.now()
    return Finding.objects.create(
        athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN", severity="error",
        fingerprint=f"fp-{athlete.pk}-{n}", sessions=[{"type": "planned", "id": planned.pk}],
        dates=[planned.date.isoformat()], first_date=planned.date, last_date=planned.date,
        title="Heavy squat before intervals", explanation="Ends 13 h before intervals.",
        suggestion="Move it to Saturday.", status=FindingStatus.OPEN, first_seen=now,
        last_seen=now,
    )


@pytest.fixture
def world(athlete: AthleteProfile, coach: User) -> World:
    today = timezone.localdate()
    planned = services.planned_session_create(
        actor=coach, athlete=athlete, date=today + dt.timedelta(days=2), kind="strength",
        start_time=dt.time(18, 0), intensity="heavy", title="Heavy lower",
        prescription=[PrescriptionInput("back-squat", sets=4, reps_min=4, reps_max=5,
                                        load_kg=Decimal("100"))],
    )
    planned_run = services.planned_session_create(
        actor=coach, athlete=athlete, date=today + dt.timedelta(days=3), kind="run",
        run_type="intervals", start_time=dt.time(7, 0), duration_min=60, distance_m=10_000,
    )
    strength = services.strength_session_create(
        actor=athlete.user, athlete=athlete, date=today - dt.timedelta(days=1),
        start_time=dt.time(18, 0), duration_min=50, rpe=7,
        sets=[SetInput("back-squat", 5, 95, rir=2), SetInput("back-squat", 5, 95, rir=2)],
    )
    run = services.run_create(actor=athlete.user, athlete=athlete, date=today, run_type="easy",
                              distance_m=8000, duration_s=2700)
    race = services.race_create(athlete=athlete, name="City 10k",
                                date=today + dt.timedelta(days=60), distance_m=10_000)
    finding = make_finding(athlete, planned)
    exercise = exercise_create(coach=coach, name="Sled push", pattern="squat", category="main")
    webhook, _ = webhook_subscription_create(owner=coach, url="http://127.0.0.1:9/hook",
                                             events=["finding.created"])
    check_in, _ = services.check_in_save(
        actor=athlete.user, athlete=athlete, date=today - dt.timedelta(days=1), sleep=4,
        energy=3, soreness=3, stress=4, mood=4, resting_hr=52)
    comment = services.comment_create(author=coach, planned_session=planned,
                                      body="Keep the last set at RIR 2.")
    return World(athlete, coach, today, planned, planned_run, strength, run, race, finding,
                 exercise, webhook, check_in, make_import(athlete), comment)
