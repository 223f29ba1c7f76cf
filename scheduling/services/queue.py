"""Queue Celery tasks by name, through a transactional outbox.

Services name the task instead of importing it: tasks import services, so an import the
other way would be a cycle. Celery finds the task in its registry when it is sent.

With a broker, ``send_on_commit`` records the task as an ``OutboxMessage`` in the transaction
of the write that wants it, and publishes it after commit. When the broker is down or frozen
the publish gives up within seconds (settings: ``REDIS_TIMEOUT``), the write keeps its 2xx,
and the message waits: ``outbox_sweep`` (beat, every minute, and the hourly tick) publishes
it again once the broker is back. A worker marks the message done as it takes it
(``outbox_done``). One message per task and arguments is pending at a time, so a burst of
writes for one athlete queues one re-check.

Eager Celery (no ``REDIS_URL``, and the test suite) runs each task in-process at commit: there
is no hop to the broker to lose, so there is no outbox either, and nothing changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Sequence

from celery import current_app
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from scheduling.models import OutboxMessage

log = logging.getLogger(__name__)

ATHLETE_CHECK = "scheduling.tasks.athlete_check_task"
NIGHTLY_CHUNK = "scheduling.tasks.nightly_chunk_task"
WEBHOOK_DELIVER = "scheduling.tasks.webhook_deliver_task"
IMPORT_PARSE = "scheduling.tasks.import_parse_task"
IMPORT_WRITE = "scheduling.tasks.import_write_task"

# A message still unsent this long after its write committed: its publish failed.
SWEEP_AFTER = dt.timedelta(seconds=30)
# A message published this long ago that no worker took: the broker lost it (a Redis
# restarted without persistence). A message still queued behind a backlog is sent twice,
# which the tasks take in their stride: they are idempotent.
RESEND_AFTER = dt.timedelta(hours=1)
# Done messages are kept this long (to see what went out), then deleted by the sweep.
KEEP_DONE = dt.timedelta(days=1)


def _outbox_on() -> bool:
    return not current_app.conf.task_always_eager


def _key(name: str, args: list[object]) -> str:
    return f"{name}:{json.dumps(args)}"


def send_on_commit(name: str, *args: object) -> None:
    """Have a worker run the task once the current transaction commits."""
    _send_all_on_commit(name, [list(args)])


def send_each_on_commit(name: str, ids: Sequence[int]) -> None:
    """One task per id, recorded and published as one batch (a fixed number of queries)."""
    _send_all_on_commit(name, [[pk] for pk in ids])


def _send_all_on_commit(name: str, calls: list[list[object]]) -> None:
    if not _outbox_on():
        for args in calls:
            transaction.on_commit(functools.partial(current_app.tasks[name].delay, *args))
        return
    messages = _record(name, calls)
    if messages:
        transaction.on_commit(lambda: _publish(messages))


@transaction.atomic(savepoint=False)
def _record(name: str, calls: list[list[object]]) -> list[OutboxMessage]:
    """The new pending messages (to publish after commit), less the calls that have one
    pending already: those join it. Joining loses nothing: the pending one is locked until
    this transaction ends, and a worker marks it done (``outbox_done``) before its task
    reads anything, so the task waits for this write to commit and then sees it."""
    wanted = {_key(name, args): args for args in calls}
    while True:
        pending = set(OutboxMessage.objects.select_for_update().filter(
            key__in=wanted, done_at__isnull=True).values_list("key", flat=True))
        now = timezone.now()
        new = [OutboxMessage(task=name, args=args, key=key, created_at=now)
               for key, args in wanted.items() if key not in pending]
        if not new:
            return []
        try:
            with transaction.atomic():
                return OutboxMessage.objects.bulk_create(new)
        except IntegrityError:
            continue  # a concurrent write recorded one first: join theirs


def _publish(messages: Sequence[OutboxMessage]) -> int:
    """Publish the messages in order, up to the first the broker refuses (the broker is down:
    the sweep sends the rest); returns how many it took. Never raises once the write has
    committed."""
    sent: list[int] = []
    for message in messages:
        try:
            current_app.tasks[message.task].apply_async(message.args)
        except OperationalError as exc:
            log.warning("The broker did not take %s (%s); the outbox sweep will send it "
                        "again.", message, exc)
            break
        sent.append(message.pk)
    try:
        OutboxMessage.objects.filter(pk__in=sent).update(sent_at=timezone.now())
    except DatabaseError as exc:  # they were published: at worst the sweep sends them twice
        log.warning("Could not mark %d outbox messages sent (%s).", len(sent), exc)
    return len(sent)


def outbox_done(name: str, *args: object) -> None:
    """A worker took the task: its pending message is done (idempotent). A write committed
    after this records a new message, so its change is seen by a later run."""
    if _outbox_on():
        OutboxMessage.objects.filter(key=_key(name, list(args)), done_at__isnull=True).update(
            done_at=timezone.now())


def outbox_sweep(*, now: dt.datetime | None = None) -> int:
    """Publish again the messages the broker never took; returns how many it published. It
    stops at the first failure (the broker is still down: the next sweep tries again)."""
    now = now or timezone.now()
    OutboxMessage.objects.filter(done_at__lt=now - KEEP_DONE).delete()
    due = OutboxMessage.objects.filter(
        Q(sent_at__isnull=True, created_at__lt=now - SWEEP_AFTER)
        | Q(sent_at__lt=now - RESEND_AFTER),
        done_at__isnull=True,
    ).order_by("pk")
    return _publish(list(due))
