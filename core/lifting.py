"""The lifting formulas (RULES.md, "e1RM"): Epley's e1RM and the current e1RM, once.

Both the coach engine and ``training`` need them, and the layers keep either from importing
the other's: ``training`` may not import ``scheduling.engine``, and the engine imports nothing
of Django or the apps. So they live on the ground floor, in a module of the standard library
only: the engine may import this one module of ``core`` (an ``ignore_imports`` entry on its
contract) and a contract of its own keeps it free of Django and the apps. The one SQL form
of the e1RM, ``training.metrics.e1rm_sql``, is built from the constants below, and a test
holds the two equal on the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

E1RM_MIN_REPS = 1  # Epley is used for working sets of 1-10 reps ...
E1RM_MAX_REPS = 10  # ... past 10 the estimate is too loose to use
EPLEY_REPS = 30.0  # e1RM = load x (1 + reps / 30)
CURRENT_E1RM_DAYS = 42  # the current e1RM: the best of the last 6 weeks, today included


def e1rm(load_kg: float, reps: int, *, is_warmup: bool = False) -> float | None:
    """Estimated one-rep max of a set (Epley): load x (1 + reps / 30); a single is the load
    itself. None for a warm-up, an unloaded set, or one of more than 10 reps."""
    if is_warmup or load_kg <= 0 or not E1RM_MIN_REPS <= reps <= E1RM_MAX_REPS:
        return None
    if reps == 1:
        return load_kg
    return load_kg * (1.0 + reps / EPLEY_REPS)


def current_e1rm_from(today: dt.date) -> dt.date:
    """The first day the current e1RM on ``today`` reads (six weeks back, today included)."""
    return today - dt.timedelta(days=CURRENT_E1RM_DAYS - 1)


class LiftedSet(Protocol):
    """What the current e1RM reads of a logged set (the engine's ``LoggedSet`` and
    ``training.metrics.SetFact`` both have it)."""

    @property
    def exercise(self) -> str: ...
    @property
    def reps(self) -> int: ...
    @property
    def load_kg(self) -> float: ...
    @property
    def is_warmup(self) -> bool: ...


def current_e1rms(days: Iterable[tuple[dt.date, Iterable[LiftedSet]]], *,
                  today: dt.date) -> dict[str, float]:
    """The current e1RM of each exercise: the best ``e1rm`` of its sets over the six weeks
    that end ``today``. ``days`` pairs each date with the sets lifted on it (a session's date
    and its sets, so the engine skips a session out of the weeks without reading its sets)."""
    since = current_e1rm_from(today)
    best: dict[str, float] = {}
    get = best.get
    for date, sets in days:
        if not since <= date <= today:
            continue
        for s in sets:
            value = e1rm(s.load_kg, s.reps, is_warmup=s.is_warmup)
            if value is not None and value > get(s.exercise, 0.0):
                best[s.exercise] = value
    return best
