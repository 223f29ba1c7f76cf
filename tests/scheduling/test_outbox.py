"""The transactional outbox (scheduling/services/queue.py): a task a write wants is recorded
in the write's transaction, published after commit, and swept again until a worker takes it.

Celery runs as in production (not eager) against a broker that records what it is given or
refuses it; tests/faults/ does the same against a real Redis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from celery import Task, current_app
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from kombu.exceptions import OperationalError

from athletes.models import AthleteProfile, User
from scheduling.models import OutboxMessage, PlannedSession, WebhookEventType
from scheduling.services import planned_session_create, webhook_subscription_create
from scheduling.services.nightly import recheck_claim
from scheduling.services.queue import (
    ATHLETE_CHECK,
    NIGHTLY_CHUNK,
    RESEND_AFTER,
    SWEEP_AFTER,
    WEBHOOK_DELIVER,
    outbox_sweep,
    send_each_on_commit,
)
from scheduling.services.webhooks import emit
from scheduling.tasks import athlete_check_task, nightly_tick

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Broker:
    """Takes what is published (``published``), or refuses it while ``down``."""

    down: bool = False
    published: list[tuple[str, list[Any]]] = field(default_factory=list)
    refused: int = 0

    def publish(self, task: Task, args: Any = None, *_: Any, **__: Any) -> None:
        if self.down:
            self.refused += 1
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.published.append((task.name, list(args or ())))


@pytest.fixture
def broker() -> Iterator[Broker]:
    fake = Broker()
    app = current_app
    before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with mock.patch.object(Task, "apply_async", autospec=True, side_effect=fake.publish):
        yield fake
    app.conf.task_always_eager = before


@pytest.fixture
def write(coach: User, athlete: AthleteProfile,
          django_capture_on_commit_callbacks: Any) -> Callable[[], PlannedSession]:
    """One write that re-checks ``athlete``, committed (its after-commit work runs)."""
    def run() -> PlannedSession:
        with django_capture_on_commit_callbacks(execute=True):
            return planned_session_create(actor=coach, athlete=athlete, kind="run",
                                          run_type="easy", date=timezone.localdate())
    return run


def pending() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(done_at__isnull=True))


def test_with_eager_celery_a_write_records_nothing_and_checks_at_commit(
    write: Callable[[], PlannedSession], athlete: AthleteProfile
) -> None:
    with mock.patch("scheduling.tasks.athlete_check") as check:
        write()
    check.assert_called_once_with(athlete_id=athlete.pk)
    assert not OutboxMessage.objects.exists()


def test_a_write_records_its_recheck_and_publishes_it_once_committed(
    broker: Broker, coach: User, athlete: AthleteProfile, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        planned_session_create(actor=coach, athlete=athlete, kind="run", run_type="easy",
                               date=timezone.localdate())
        [message] = pending()
        assert (message.task, message.args, message.sent_at) == (ATHLETE_CHECK, [athlete.pk],
                                                                 None)
        assert broker.published == []  # not before the commit
    assert broker.published == [(ATHLETE_CHECK, [athlete.pk])]
    message.refresh_from_db()
    assert message.sent_at is not None and message.done_at is None


def test_a_burst_of_writes_queues_one_recheck(
    broker: Broker, write: Callable[[], PlannedSession]
) -> None:
    for _ in range(3):
        write()
    assert len(pending()) == 1
    assert len(broker.published) == 1


def test_a_write_after_a_worker_took_the_recheck_queues_another(
    broker: Broker, write: Callable[[], PlannedSession], athlete: AthleteProfile
) -> None:
    write()
    athlete_check_task.apply(args=[athlete.pk]).get()  # a worker takes it
    assert pending() == []
    write()
    assert len(pending()) == 1
    assert broker.published == [(ATHLETE_CHECK, [athlete.pk])] * 2


def test_the_task_marks_its_message_done_once(
    broker: Broker, write: Callable[[], PlannedSession], athlete: AthleteProfile
) -> None:
    write()
    athlete_check_task.apply(args=[athlete.pk]).get()
    done = OutboxMessage.objects.get().done_at
    athlete_check_task.apply(args=[athlete.pk]).get()  # redelivered: nothing changes
    assert done is not None and OutboxMessage.objects.get().done_at == done


def test_when_the_broker_refuses_the_write_stands_and_the_sweep_sends_it_later(
    broker: Broker, write: Callable[[], PlannedSession], athlete: AthleteProfile
) -> None:
    broker.down = True
    session = write()
    assert PlannedSession.objects.filter(pk=session.pk).exists()
    [message] = pending()
    assert message.sent_at is None and broker.refused == 1
    broker.down = False
    now = timezone.now()
    assert outbox_sweep(now=now) == 0  # its own publish may still be on its way
    assert outbox_sweep(now=now + SWEEP_AFTER + dt.timedelta(seconds=1)) == 1
    assert broker.published == [(ATHLETE_CHECK, [athlete.pk])]
    message.refresh_from_db()
    assert message.sent_at is not None
    assert outbox_sweep(now=now + SWEEP_AFTER + dt.timedelta(seconds=1)) == 0


def test_the_sweep_stops_at_the_first_refusal(
    broker: Broker, write: Callable[[], PlannedSession], other_athlete: AthleteProfile,
    other_coach: User, django_capture_on_commit_callbacks: Any
) -> None:
    broker.down = True
    write()
    with django_capture_on_commit_callbacks(execute=True):
        planned_session_create(actor=other_coach, athlete=other_athlete, kind="run",
                               run_type="easy", date=timezone.localdate())
    broker.refused = 0
    assert outbox_sweep(now=timezone.now() + dt.timedelta(minutes=1)) == 0
    assert broker.refused == 1  # the broker is still down: the next sweep tries again
    assert len(pending()) == 2


def test_a_message_no_worker_took_within_an_hour_is_sent_again(
    broker: Broker, write: Callable[[], PlannedSession]
) -> None:
    write()
    now = timezone.now()
    assert outbox_sweep(now=now + RESEND_AFTER - dt.timedelta(minutes=1)) == 0
    assert outbox_sweep(now=now + RESEND_AFTER + dt.timedelta(minutes=1)) == 1
    assert len(broker.published) == 2


def test_the_sweep_forgets_messages_done_a_day_ago(
    broker: Broker, write: Callable[[], PlannedSession], athlete: AthleteProfile
) -> None:
    write()
    athlete_check_task.apply(args=[athlete.pk]).get()
    outbox_sweep(now=timezone.now() + dt.timedelta(hours=23))
    assert OutboxMessage.objects.exists()
    outbox_sweep(now=timezone.now() + dt.timedelta(hours=25))
    assert not OutboxMessage.objects.exists()


def test_the_hourly_tick_sweeps_the_outbox(
    broker: Broker, write: Callable[[], PlannedSession], athlete: AthleteProfile
) -> None:
    broker.down = True
    write()
    OutboxMessage.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    broker.down = False
    nightly_tick.apply().get()
    assert broker.published == [(ATHLETE_CHECK, [athlete.pk])]


def test_nightly_chunks_are_recorded_in_the_claims_transaction(
    broker: Broker, athlete: AthleteProfile, other_athlete: AthleteProfile,
    django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        claim = recheck_claim(athlete_ids=[athlete.pk, other_athlete.pk], chunk_size=1)
        assert claim is not None
        assert {(m.task, m.args[0]) for m in pending()} == {
            (NIGHTLY_CHUNK, chunk_id) for chunk_id in claim.chunk_ids}
    assert sorted(broker.published) == [(NIGHTLY_CHUNK, [i]) for i in sorted(claim.chunk_ids)]


def test_webhook_deliveries_go_through_the_outbox(
    broker: Broker, coach: User, athlete: AthleteProfile, settings: Any,
    django_capture_on_commit_callbacks: Any
) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    webhook_subscription_create(owner=coach, url="http://127.0.0.1:9/hook",
                                events=[WebhookEventType.SESSION_LOGGED])
    with django_capture_on_commit_callbacks(execute=True):
        ids = emit([(WebhookEventType.SESSION_LOGGED, athlete.pk, {"id": 1})])
        assert [m.args for m in pending()] == [[i] for i in ids]
    assert broker.published == [(WEBHOOK_DELIVER, [i]) for i in ids]


@pytest.mark.parametrize("size", [1, 50])
def test_recording_a_batch_costs_the_same_whatever_its_size(
    size: int, broker: Broker, django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: Any
) -> None:
    # the pending ones among them (locked); the insert of the others, in a savepoint
    with django_capture_on_commit_callbacks() as callbacks, django_assert_num_queries(1 + 3):
        send_each_on_commit(NIGHTLY_CHUNK, list(range(1, size + 1)))
    with django_assert_num_queries(1):  # after commit: mark the published ones sent
        for callback in callbacks:
            callback()
    assert len(broker.published) == size


def test_the_beat_schedule_sweeps_the_outbox_every_minute() -> None:
    entry = PeriodicTask.objects.get(task="scheduling.tasks.outbox_sweep_task")
    assert entry.enabled and entry.expire_seconds == 60
    assert (entry.interval.every, entry.interval.period) == (1, "minutes")
    assert entry.task in current_app.tasks
