"""Queue a re-check of an athlete once the current transaction commits."""

from __future__ import annotations

from scheduling.services.horizon import horizon_mark_changed
from scheduling.services.queue import ATHLETE_CHECK, send_on_commit


def athlete_recheck_on_commit(*, athlete_id: int) -> None:
    """Every write that can change a verdict calls this once; the task runs after commit
    (in-process at once without Redis, on a worker with it) and judges the athlete's whole
    horizon. The write also marks the far weeks changed, in its own transaction."""
    horizon_mark_changed(athlete_id=athlete_id)
    send_on_commit(ATHLETE_CHECK, athlete_id)
