"""A worker killed outright (SIGKILL) mid-chunk or while the digests go out (issue 14): what
it held goes to another worker within minutes, and the run finishes with every digest sent,
none twice."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from athletes.models import AthleteProfile, User
from scheduling.models import CheckRun, Digest
from scheduling.services.nightly import CHUNK_LEASE, Claim, recheck_claim
from scheduling.tasks import COUNTDOWN_MAX
from tests.faults.worker import (
    Workers,
    athletes_with_errors,
    real_broker,
    recipients,
    unacked_age,
    wait_for,
)

KILLED_AGO = 11 * 60  # s: the kill is moved this far into the past (the broker's clock)


def test_a_task_held_by_a_dead_worker_is_handed_on_within_minutes_and_a_live_ones_never():
    """The broker's visibility timeout: a task a worker took and did not acknowledge goes to
    another worker after it. Above the longest a live worker holds one (a countdown, then
    the run up to the hard time limit), below the lease after which the tick re-drives."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert COUNTDOWN_MAX + settings.CELERY_TASK_TIME_LIMIT <= visibility <= 10 * 60
    assert visibility < CHUNK_LEASE.total_seconds()


@pytest.fixture
def workers(postgres: None, transactional_db: None, tmp_path: Path) -> Iterator[Workers]:
    with real_broker():
        started = Workers(tmp_path)
        try:
            yield started
        finally:
            started.kill_all()  # before the database is flushed under them


def night_of(coach: User) -> tuple[list[AthleteProfile], Claim]:
    """Three athletes with an error each, in a run of two chunks (sent to the broker)."""
    people = athletes_with_errors(coach, 3, zone="UTC", today=dt.date.today())
    return people, recheck_claim(athlete_ids=[a.pk for a in people], chunk_size=2)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_chunk_whose_worker_was_killed_is_done_by_another_within_minutes(
        workers: Workers, coach):
    killed = workers.start(slow="chunk")
    people, claim = night_of(coach)
    assert wait_for(killed.marker.exists, 60), workers.logs()
    killed.kill()  # mid-chunk: the chunk's transaction dies with it
    unacked_age(KILLED_AGO)
    workers.start()

    def finished() -> CheckRun | None:  # the digests sent too
        return CheckRun.objects.filter(pk=claim.run.pk, digests_sent_at__isnull=False).first()

    run = wait_for(finished, 60)
    assert run is not None, workers.logs()
    assert (run.chunks_done, run.athletes_checked) == (2, 3)
    assert recipients(workers.mail_dir) == sorted(
        [coach.email] + [a.user.email for a in people])


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_digests_a_killed_worker_was_sending_all_go_out_and_none_twice(workers: Workers, coach):
    killed = workers.start(slow="mail")
    people, _ = night_of(coach)
    everyone = sorted([coach.email] + [a.user.email for a in people])
    assert wait_for(killed.marker.exists, 60), workers.logs()
    killed.kill()  # one digest out (the coach's), the next one waiting for the mail server
    assert recipients(workers.mail_dir) == [coach.email]
    unacked_age(KILLED_AGO)
    workers.start()
    wait_for(lambda: Digest.objects.count() >= len(everyone), 60)
    assert Counter(recipients(workers.mail_dir)) == Counter(everyone), workers.logs()
    assert Digest.objects.count() == len(everyone)
