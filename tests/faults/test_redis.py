"""Redis down or frozen: a write answers 2xx once and its re-check is sent later, Redis never
holds a request for long, and the rate limits kept in the cache let people sign in.

Each test runs on a private redis-server (tests/faults/conftest.py) that it stops or freezes,
with real commits (a transactional test), so what happens after commit is what production does.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import pytest
from celery import current_app
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from scheduling.models import Finding, OutboxMessage, PlannedSession
from scheduling.services import planned_session_create
from scheduling.services.queue import ATHLETE_CHECK, outbox_sweep
from scheduling.services.windows import local_today
from tests.conftest import PASSWORD
from tests.faults.conftest import RedisServer, eagerly
from training.models import Run, StrengthSession

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FROZEN_LIMIT_S = 10  # the issue saw a PATCH hang 60 s, until gunicorn killed its worker
WATCHDOG_S = 15  # thaws a frozen Redis, so code without timeouts fails instead of hanging


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Plan:
    athlete: AthleteProfile
    coach: User
    today: dt.date
    intervals: PlannedSession


@pytest.fixture
def plan(coach: User, athlete: AthleteProfile) -> Plan:
    """Intervals in three days, written (and checked) before any fault."""
    today = local_today(athlete.timezone, timezone.now())
    with eagerly():
        intervals = planned_session_create(
            actor=coach, athlete=athlete, kind="run", run_type="intervals",
            date=today + dt.timedelta(days=3), start_time=dt.time(7), duration_min=60)
    return Plan(athlete, coach, today, intervals)


def api_as(user: User) -> APIClient:
    """An HTTP client that gets a 500 as a response, as a real client would."""
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    return client


def pending_rechecks(athlete: AthleteProfile) -> int:
    return OutboxMessage.objects.filter(task=ATHLETE_CHECK, args=[athlete.pk],
                                        done_at__isnull=True).count()


def run_queued(server: RedisServer) -> None:
    """What a worker does: take each queued message off the queue and run its task."""
    queued = server.queued()
    server.client().delete("celery")
    for name, args in queued:
        current_app.tasks[name].apply(args=args).get()


def heavy_squat(plan: Plan) -> dict[str, object]:
    """A heavy squat the evening before the intervals."""
    return {"athlete": plan.athlete.pk, "kind": "strength", "intensity": "heavy",
            "date": (plan.today + dt.timedelta(days=2)).isoformat(), "start_time": "19:00",
            "prescription": [{"exercise": "back-squat", "sets": 4, "reps_min": 4,
                              "reps_max": 4, "load_kg": 120}]}


LOGS = {
    "run": ("/api/v1/runs/", Run,
            {"run_type": "easy", "distance_m": 6000, "duration_s": 2100}),
    "strength session": ("/api/v1/strength-sessions/", StrengthSession,
                         {"sets": [{"exercise": "back-squat", "reps": 5, "load_kg": 90}]}),
}


@pytest.mark.parametrize("kind", LOGS)
def test_a_session_logged_while_the_broker_is_down_is_kept_once_with_its_recheck_pending(
    kind: str, plan: Plan, celery_on_redis: RedisServer
) -> None:
    url, model, fields = LOGS[kind]
    celery_on_redis.stop()
    body = {"athlete": plan.athlete.pk, "date": plan.today.isoformat(), **fields}
    response = api_as(plan.coach).post(url, body, format="json")
    assert response.status_code == 201, response.content[:300]
    assert model.objects.filter(athlete=plan.athlete).count() == 1
    assert pending_rechecks(plan.athlete) == 1


def test_a_burst_of_patches_while_the_broker_is_down_answers_200_and_queues_one_recheck(
    plan: Plan, celery_on_redis: RedisServer
) -> None:
    celery_on_redis.stop()
    url = f"/api/v1/planned-sessions/{plan.intervals.pk}/"
    client = api_as(plan.coach)
    for minutes in (50, 55, 60):
        response = client.patch(url, {"duration_min": minutes}, format="json")
        assert response.status_code == 200, response.content[:300]
    assert PlannedSession.objects.get(pk=plan.intervals.pk).duration_min == 60
    assert pending_rechecks(plan.athlete) == 1


def test_once_the_broker_is_back_the_sweep_sends_the_recheck_and_the_finding_opens(
    plan: Plan, celery_on_redis: RedisServer
) -> None:
    celery_on_redis.stop()
    response = api_as(plan.coach).post("/api/v1/planned-sessions/", heavy_squat(plan),
                                       format="json")
    assert response.status_code == 201, response.content[:300]
    assert not Finding.objects.filter(athlete=plan.athlete, rule="HEAVY_BEFORE_KEY_RUN")
    celery_on_redis.start()
    assert celery_on_redis.queued() == []

    sent = outbox_sweep(now=timezone.now() + dt.timedelta(minutes=1))

    assert sent == 1
    queued = celery_on_redis.queued()
    assert queued == [(ATHLETE_CHECK, [plan.athlete.pk])]
    run_queued(celery_on_redis)
    finding = Finding.objects.get(athlete=plan.athlete, rule="HEAVY_BEFORE_KEY_RUN")
    assert finding.status == "open"
    assert pending_rechecks(plan.athlete) == 0
    assert outbox_sweep(now=timezone.now() + dt.timedelta(minutes=1)) == 0


def test_a_patch_with_the_broker_frozen_answers_within_seconds(
    plan: Plan, celery_on_redis: RedisServer
) -> None:
    url = f"/api/v1/planned-sessions/{plan.intervals.pk}/"
    client = api_as(plan.coach)
    assert client.patch(url, {"duration_min": 50}, format="json").status_code == 200
    run_queued(celery_on_redis)  # the broker connection is open and idle, as in production
    with celery_on_redis.frozen_for(WATCHDOG_S):
        started = time.monotonic()
        response = client.patch(url, {"duration_min": 45}, format="json")
        elapsed = time.monotonic() - started
    assert elapsed < FROZEN_LIMIT_S, f"the PATCH took {elapsed:.1f} s"
    assert response.status_code == 200, response.content[:300]
    assert pending_rechecks(plan.athlete) == 1


def token(client: APIClient, email: str, password: str) -> object:
    return client.post("/api/v1/auth/token/", {"email": email, "password": password},
                       format="json")


def test_the_token_endpoint_answers_with_the_cache_down(
    coach: User, cache_on_redis: RedisServer
) -> None:
    cache_on_redis.stop()
    client = APIClient(raise_request_exception=False)
    good = token(client, coach.email, PASSWORD)
    assert good.status_code == 200, good.content[:300]
    assert good.json()["token"]
    bad = token(client, coach.email, "not-the-password")
    assert bad.status_code == 400


def test_the_token_endpoint_answers_within_seconds_with_the_cache_frozen(
    coach: User, cache_on_redis: RedisServer
) -> None:
    client = APIClient(raise_request_exception=False)
    with cache_on_redis.frozen_for(WATCHDOG_S):
        started = time.monotonic()
        response = token(client, coach.email, PASSWORD)
        elapsed = time.monotonic() - started
    assert elapsed < FROZEN_LIMIT_S, f"the token request took {elapsed:.1f} s"
    assert response.status_code == 200, response.content[:300]


def test_signing_in_answers_with_the_cache_down(
    coach: User, cache_on_redis: RedisServer
) -> None:
    cache_on_redis.stop()
    client = Client(raise_request_exception=False)
    response = client.post("/accounts/login/", {"login": coach.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    assert response["Location"] == "/"
    assert client.session.get("_auth_user_id") == str(coach.pk)
