"""Celery tasks: thin, take ids, call one service, idempotent.

Every task here acks late and is rejected back to the queue if its worker dies, so a chunk
a killed worker held is redone (the broker hands it on after its visibility timeout:
settings); the work itself is idempotent (claims and upserts).
"""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from scheduling.services.checks import athlete_check
from scheduling.services.nightly import chunk_process, nightly_claim, run_finish_if_done
from scheduling.services.queue import (
    ATHLETE_CHECK,
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
WEBHOOK_RETRIES = 28  # 30 s doubling up to COUNTDOWN_MAX: about two hours in all
DB_RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": True,
            "retry_backoff_max": COUNTDOWN_MAX,
            "retry_jitter": True, "max_retries": 5}


@shared_task(**RELIABLE, **DB_RETRY)
def athlete_check_task(athlete_id: int) -> dict[str, int]:
    """Re-check one athlete's window after a change (idempotent: an upsert by fingerprint)."""
    outbox_done(ATHLETE_CHECK, athlete_id)
    counts = athlete_check(athlete_id=athlete_id)
    return {"new": counts.new, "kept": counts.kept, "resolved": counts.resolved}


@shared_task(**RELIABLE, **DB_RETRY)
def nightly_tick() -> int:
    """The hourly beat entry: send what the outbox holds, claim tonight's athletes and fan
    their chunks out (queued in the claim's transaction)."""
    outbox_sweep()
    claim = nightly_claim()
    return 0 if claim is None else len(claim.chunk_ids)


@shared_task(**RELIABLE, **DB_RETRY)
def outbox_sweep_task() -> int:
    """Every minute (beat): publish the tasks a broker outage kept from the workers."""
    return outbox_sweep()


@shared_task(**RELIABLE, **DB_RETRY, soft_time_limit=240, time_limit=300)
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
