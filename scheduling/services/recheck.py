"""Queue a re-check of an athlete once the current transaction commits."""

from __future__ import annotations

from scheduling.tasks import athlete_check_task


def athlete_recheck_on_commit(*, athlete_id: int) -> None:
    """Every write that can change a verdict calls this once; the task runs after commit
    (in-process at once without Redis, on a worker with it)."""
    athlete_check_task.delay_on_commit(athlete_id)
