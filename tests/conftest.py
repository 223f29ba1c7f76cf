"""Personas for every test of access (DESIGN.md habit 1).

coach          a coach with a roster holding ``athlete``
athlete        an athlete (a user with a profile) on ``coach``'s roster
other_coach    a coach with a roster holding ``other_athlete``
other_athlete  an athlete on ``other_coach``'s roster only
stranger       a signed-in user with no role at all
"""

from __future__ import annotations

import os
import runpy
from collections.abc import Callable
from pathlib import Path

import pytest
from celery import current_app
from django.db import connection

from athletes.models import AthleteProfile, User
from athletes.services import athlete_create, coach_create
from training.models import Exercise
from training.services import exercise_library_sync

PASSWORD = "correct-horse-battery-9"
SETTINGS_FILE = Path(__file__).resolve().parents[1] / "apexzone" / "settings.py"


def require_service(name: str, reachable: bool) -> None:
    """Skip a test that needs a real service on a newcomer's machine; fail in CI."""
    if reachable:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required in CI but is not reachable")
    pytest.skip(f"{name} is not available here")


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process in tests, whatever the broker; the real-worker test opts out."""
    before = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def exercise_library(request, django_db_blocker):
    """A transactional test ends with a flush that also empties the exercise library a data
    migration loaded; a database test after one puts it back first."""
    if request.node.get_closest_marker("django_db") is None and not any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    ):
        return
    with django_db_blocker.unblock():
        if not Exercise.objects.filter(owner__isnull=True).exists():
            exercise_library_sync()


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    reachable = False
    if url:
        import redis

        try:
            reachable = bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
        except redis.RedisError:
            reachable = False
    require_service("Redis", reachable)
    return url


@pytest.fixture
def postgres() -> None:
    require_service("PostgreSQL", connection.vendor == "postgresql")


@pytest.fixture
def coach(db: None) -> User:
    return coach_create(email="coach@example.com", password=PASSWORD, name="Casey Coach")


@pytest.fixture
def athlete(coach: User) -> AthleteProfile:
    return athlete_create(
        email="athlete@example.com", name="Ada Athlete", password=PASSWORD,
        roster=coach.rosters.get(), timezone="Europe/Berlin",
    )


@pytest.fixture
def other_coach(db: None) -> User:
    return coach_create(email="other.coach@example.com", password=PASSWORD, name="Olive Other")


@pytest.fixture
def other_athlete(other_coach: User) -> AthleteProfile:
    return athlete_create(
        email="other.athlete@example.com", name="Otto Other", password=PASSWORD,
        roster=other_coach.rosters.get(), timezone="America/New_York",
    )


@pytest.fixture
def stranger(db: None) -> User:
    return User.objects.create_user(email="stranger@example.com", password=PASSWORD, name="Sid")


@pytest.fixture
def trusted_proxies(settings, monkeypatch) -> Callable[[int], None]:
    """Put the site behind ``n`` proxies as an operator does: ``TRUSTED_PROXIES=n`` in the
    environment, then what apexzone/settings.py makes of it for DRF and for allauth."""

    def behind(n: int) -> None:
        monkeypatch.setenv("TRUSTED_PROXIES", str(n))
        fresh = runpy.run_path(str(SETTINGS_FILE))
        settings.REST_FRAMEWORK = fresh["REST_FRAMEWORK"]
        for name, value in fresh.items():
            if name.startswith(("ALLAUTH_", "TRUSTED_")):
                setattr(settings, name, value)

    return behind
