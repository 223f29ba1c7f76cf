"""Celery tasks: thin, take ids, call one service, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from scheduling.services.checks import athlete_check


@shared_task(
    autoretry_for=(DatabaseError,), retry_backoff=True, retry_backoff_max=300, max_retries=5,
    acks_late=True, reject_on_worker_lost=True,
)
def athlete_check_task(athlete_id: int) -> dict[str, int]:
    """Re-check one athlete's window after a change (idempotent: an upsert by fingerprint)."""
    counts = athlete_check(athlete_id=athlete_id)
    return {"new": counts.new, "kept": counts.kept, "resolved": counts.resolved}
