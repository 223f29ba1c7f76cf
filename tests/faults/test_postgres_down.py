"""PostgreSQL goes away and comes back (issue 14): the API and the portal answer 503 with
Retry-After meanwhile, a chunk that meets the outage waits it out, and the next tick re-drives
a run whose chunks stopped, so everyone claimed is checked that night."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from unittest import mock

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.exceptions import Retry
from django.core import mail
from django.db import connection
from rest_framework.authtoken.models import Token

from scheduling.models import CheckRun
from scheduling.services.nightly import nightly_claim, recheck_claim
from scheduling.tasks import nightly_chunk_task, nightly_tick
from tests.faults.postgres import TcpProxy, proxied_database
from tests.faults.worker import athletes_with_errors, real_broker, wait_for
from tests.scheduling.conftest import NIGHT

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pg_proxy(postgres: None, transactional_db: None) -> Iterator[TcpProxy]:
    with proxied_database() as proxy:
        yield proxy


@pytest.fixture
def broker() -> Iterator[Celery]:
    with real_broker() as app:
        yield app


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the live server's
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_the_api_answers_json_503_with_retry_after_while_the_database_is_down(
        pg_proxy: TcpProxy, live_server, coach):
    me = f"{live_server.url}/api/v1/me/"
    token = {"Authorization": f"Token {Token.objects.create(user=coach).key}"}
    assert fetch(me, **token)[0] == 200
    pg_proxy.cut()
    status, headers, body = fetch(me, **token)
    assert (status, headers["Content-Type"], headers.get("Retry-After")) == (
        503, "application/json", "30")
    assert json.loads(body)["code"] == "service_unavailable"
    pg_proxy.restore()
    assert fetch(me, **token)[0] == 200


def test_the_portal_answers_a_plain_503_page_while_the_database_is_down(
        pg_proxy: TcpProxy, live_server, coach, client):
    client.force_login(coach)
    session = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    assert fetch(f"{live_server.url}/", **session)[0] == 200
    pg_proxy.cut()
    status, headers, body = fetch(f"{live_server.url}/", **session)
    assert (status, headers["Content-Type"], headers.get("Retry-After")) == (
        503, "text/html; charset=utf-8", "30")
    assert b"try again in a minute" in body
    pg_proxy.restore()
    assert fetch(f"{live_server.url}/", **session)[0] == 200


OUTAGE_S = 35  # longer than all the retries a task had before issue 14 (31 s at most)


def test_a_chunk_that_meets_the_outage_waits_it_out_and_completes(
        pg_proxy: TcpProxy, broker: Celery, coach):
    people = athletes_with_errors(coach, 3, zone="UTC", today=dt.date.today())
    claim = recheck_claim(athlete_ids=[a.pk for a in people])  # its chunk sent to the broker
    pg_proxy.cut()
    with start_worker(broker, pool="solo", perform_ping_check=False,
                      shutdown_timeout=30, loglevel="WARNING"):
        time.sleep(OUTAGE_S)
        pg_proxy.restore()
        connection.close()  # the test's own connection was cut too

        def finished() -> CheckRun | None:
            return CheckRun.objects.filter(pk=claim.run.pk, finished_at__isnull=False).first()

        run = wait_for(finished, timeout=120)
    assert run is not None, "the chunk never completed"
    assert (run.chunks_done, run.athletes_checked) == (1, 3)


def test_the_next_tick_re_drives_a_run_whose_chunks_stopped_and_checks_everyone(
        pg_proxy: TcpProxy, coach):
    """The probe: an outage mid-pass outlasts the chunks' retries and the run stops at 1 of
    3 chunks (eagerly, a task's first retry is raised to the caller: the task ends there);
    the next hourly tick re-sends the other two."""
    people = athletes_with_errors(coach, 3, zone="America/Los_Angeles", today=NIGHT.date())
    with mock.patch("scheduling.services.nightly.timezone.now", return_value=NIGHT):
        with mock.patch("scheduling.services.nightly.send_each_on_commit"):  # sent by hand
            claim = nightly_claim(chunk_size=1)
        first, *stopped = claim.chunk_ids
        nightly_chunk_task.delay(first)
        pg_proxy.cut()
        for chunk_id in stopped:
            with pytest.raises(Retry):
                nightly_chunk_task.delay(chunk_id)
    pg_proxy.restore()
    connection.close()  # as a worker does before each task
    assert CheckRun.objects.get(pk=claim.run.pk).chunks_done == 1
    with mock.patch("scheduling.services.nightly.timezone.now",
                    return_value=NIGHT + dt.timedelta(hours=1)):
        nightly_tick.delay()
    run = CheckRun.objects.get(pk=claim.run.pk)
    assert (run.chunks_done, run.athletes_checked) == (3, 3)
    assert run.finished_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [coach.email] + [a.user.email for a in people])
