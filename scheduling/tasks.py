"""Celery tasks: thin, take ids, call one service, idempotent.

Every task here acks late and is rejected back to the queue if its worker dies, so a chunk
a killed worker held is redone (the broker hands it on after its visibility timeout:
settings); the work itself is idempotent (claims and upserts).
"""

from __future__ import annotations

import random
from typing import Any

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import DatabaseError, InterfaceError

from scheduling.services.checks import athlete_check
from scheduling.services.import_steps import import_parse, import_write
from scheduling.services.imports import imports_purge
from scheduling.services.nightly import (
    chunk_process,
    nightly_claim,
    nightly_redrive,
    run_finish_if_done,
)
from scheduling.services.queue import (
    ATHLETE_CHECK,
    IMPORT_PARSE,
    IMPORT_WRITE,
    NIGHTLY_CHUNK,
    WEBHOOK_DELIVER,
    outbox_done,
    outbox_sweep,
)
from scheduling.services.webhooks import DeliveryError, delivery_give_up, delivery_send

RELIABLE = {"acks_late": True, "reject_on_worker_lost": True}
# The longest countdown of any retry. A task waiting for its countdown is held by a worker
# unacknowledged, like a running one: the countdown and the run (up to the hard time limit)
# must end within the broker's visibility timeout, or the task is handed out twice.
COUNTDOWN_MAX = 300  # s
DB_RETRIES = 11
WEBHOOK_RETRIES = 28  # 30 s doubling up to COUNTDOWN_MAX: about two hours in all


def db_retry_countdown(retries: int) -> float:
    """Seconds before retry ``retries + 1`` of a task the database failed: 5 s doubling up
    to COUNTDOWN_MAX, each drawn between half and all of that, so the chunks of a run that
    failed together come back spread out. DB_RETRIES of them span 15 to 30 minutes: an
    outage shorter than that is waited out, a longer one is left to the tick's re-drive."""
    ceiling = min(COUNTDOWN_MAX, 5 * 2 ** retries)
    return random.uniform(ceiling / 2, ceiling)


class DatabaseRetrying(DjangoTask):
    """A task retried while its database fails: out of reach (a restart, a failover), or a
    deadlock or a serialization failure. The retry opens a new connection (the worker drops
    the old one before each task)."""

    max_retries = DB_RETRIES

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # What the worker calls, with the task's request (its retries) already in place.
        try:
            return self.run(*args, **kwargs)
        except (DatabaseError, InterfaceError) as exc:
            raise self.retry(exc=exc,
                             countdown=db_retry_countdown(self.request.retries)) from exc


@shared_task(base=DatabaseRetrying, **RELIABLE)
def athlete_check_task(athlete_id: int) -> dict[str, int]:
    """Re-check one athlete's window after a change (idempotent: an upsert by fingerprint)."""
    outbox_done(ATHLETE_CHECK, athlete_id)
    counts = athlete_check(athlete_id=athlete_id)
    return {"new": counts.new, "kept": counts.kept, "resolved": counts.resolved}


@shared_task(base=DatabaseRetrying, **RELIABLE)
def nightly_tick() -> int:
    """The hourly beat entry: send what the outbox holds, send again the chunks that
    stopped, claim tonight's athletes and fan their chunks out (each queued in its service's
    transaction); returns how many chunks were sent."""
    outbox_sweep()
    imports_purge()
    redriven = nightly_redrive()
    claim = nightly_claim()
    return len(redriven) + (0 if claim is None else len(claim.chunk_ids))


@shared_task(base=DatabaseRetrying, **RELIABLE)
def outbox_sweep_task() -> int:
    """Every minute (beat): publish the tasks a broker outage kept from the workers."""
    return outbox_sweep()


@shared_task(base=DatabaseRetrying, **RELIABLE, soft_time_limit=240, time_limit=300)
def nightly_chunk_task(chunk_id: int) -> dict[str, int] | None:
    """Check one chunk of athletes; the last chunk of a run closes it and sends digests."""
    outbox_done(NIGHTLY_CHUNK, chunk_id)
    result = chunk_process(chunk_id=chunk_id)
    if result.run_id is not None:
        run_finish_if_done(run_id=result.run_id)
    if result.counts is None:
        return None
    counts = result.counts
    return {"athletes": counts.athletes, "new": counts.new, "kept": counts.kept,
            "resolved": counts.resolved, "errors": len(counts.errors)}


@shared_task(bind=True, **RELIABLE, max_retries=WEBHOOK_RETRIES)
def webhook_deliver_task(self, delivery_id: int) -> bool:  # type: ignore[no-untyped-def]
    """POST one webhook delivery (on the ``webhooks`` queue: CELERY_TASK_ROUTES); after any
    failure, a timeout included, retry with exponential backoff (30 s, 1 min, 2 min, 4 min,
    then every COUNTDOWN_MAX, for about two hours)."""
    outbox_done(WEBHOOK_DELIVER, delivery_id)
    try:
        return delivery_send(delivery_id=delivery_id)
    except DeliveryError as exc:
        if self.request.retries >= self.max_retries:
            delivery_give_up(delivery_id=delivery_id, error=str(exc))
            return False
        raise self.retry(
            exc=exc, countdown=min(30 * 2 ** self.request.retries, COUNTDOWN_MAX)
        ) from exc


# An import of years of history reads and writes for minutes: its own limits, within the
# broker's visibility timeout (600 s: settings) so that it is never handed out twice.
IMPORT_LIMITS = {"soft_time_limit": 540, "time_limit": 570}


@shared_task(base=DatabaseRetrying, **RELIABLE, **IMPORT_LIMITS)
def import_parse_task(import_id: int) -> bool:
    """Read an import's files into its preview, reporting progress (claimed: idempotent)."""
    outbox_done(IMPORT_PARSE, import_id)
    return import_parse(import_id=import_id)


@shared_task(base=DatabaseRetrying, **RELIABLE, **IMPORT_LIMITS)
def import_write_task(import_id: int) -> bool:
    """Write a confirmed import, file by file, then re-check the athlete once."""
    outbox_done(IMPORT_WRITE, import_id)
    return import_write(import_id=import_id)
