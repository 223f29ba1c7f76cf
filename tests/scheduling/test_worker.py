"""A nightly pass through a real Celery worker on the real broker (Redis) and PostgreSQL."""

import datetime as dt
import time
from unittest import mock

import pytest
from celery import current_app
from celery.contrib.testing.worker import start_worker

from athletes.services import athlete_create
from scheduling.models import CheckRun, Finding
from scheduling.services import PrescriptionInput, planned_session_create
from scheduling.tasks import nightly_tick

NIGHT = dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)  # 02:30 in Los Angeles


@pytest.fixture
def real_broker(redis_url, postgres):
    app = current_app
    before = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_url
    yield app
    app.conf.task_always_eager, app.conf.broker_url = before


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_nightly_pass(real_broker, coach):
    people = []
    with mock.patch("scheduling.services.recheck.send_on_commit"):
        for i in range(5):
            who = athlete_create(email=f"w{i}@example.com", name=f"W {i}", password="x",
                                 timezone="America/Los_Angeles", roster=coach.rosters.get())
            planned_session_create(actor=coach, athlete=who, kind="run", run_type="intervals",
                                   date=dt.date(2026, 11, 28), start_time=dt.time(7))
            planned_session_create(actor=coach, athlete=who, kind="strength",
                                   date=dt.date(2026, 11, 27), start_time=dt.time(19),
                                   prescription=[PrescriptionInput("back-squat", 4, 4, 4,
                                                                   load_kg=110)])
            people.append(who)
    with start_worker(real_broker, pool="solo", perform_ping_check=False,
                      shutdown_timeout=30, loglevel="WARNING"), \
            mock.patch("scheduling.services.nightly.timezone.now", return_value=NIGHT), \
            mock.patch("django.conf.settings.NIGHTLY_CHUNK_SIZE", 2):
        nightly_tick.delay()  # through Redis: the worker runs the tick, then its 3 chunks
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            run = CheckRun.objects.filter(trigger="nightly", finished_at__isnull=False).first()
            if run is not None:
                break
            time.sleep(0.2)
    assert run is not None, "the worker did not finish the nightly pass in 60 s"
    assert (run.chunks_total, run.chunks_done, run.athletes_checked) == (3, 3, 5)
    assert Finding.objects.filter(rule="HEAVY_BEFORE_KEY_RUN", status="open",
                                  athlete__in=people).count() == 5
