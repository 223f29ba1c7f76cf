"""Strength figures: Epley e1RM (RULES.md, "e1RM")."""

from __future__ import annotations

from scheduling.engine.types import LoggedSet

E1RM_MIN_REPS = 1
E1RM_MAX_REPS = 10


def epley(load_kg: float, reps: int) -> float:
    """Estimated one-rep max: load x (1 + reps / 30); a single is the load itself.

    Defined for 1-10 reps only (past 10 the estimate is too loose to use).
    """
    if not E1RM_MIN_REPS <= reps <= E1RM_MAX_REPS:
        raise ValueError(f"Epley is used for 1-10 reps, got {reps}")
    if reps == 1:
        return load_kg
    return load_kg * (1.0 + reps / 30.0)


def set_e1rm(logged: LoggedSet) -> float | None:
    """e1RM of one logged working set, or None when it is a warm-up, unloaded or > 10 reps."""
    if logged.is_warmup or logged.load_kg <= 0:
        return None
    if not E1RM_MIN_REPS <= logged.reps <= E1RM_MAX_REPS:
        return None
    return epley(logged.load_kg, logged.reps)
