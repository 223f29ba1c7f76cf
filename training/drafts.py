"""Drafts (RULES.md, "Logged"), as the database reads them.

A logged strength session takes part only when it has at least one working set, a logged run
only with a duration or a distance; anything else is a draft: shown to be finished or
discarded, counted nowhere, and discarded by the nightly pass once older than ``DRAFT_AGE``.
The engine's definition of the same words is ``scheduling.engine.compliance.takes_part``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from training.models import Run, StrengthSession, StrengthSet

DRAFT_AGE = dt.timedelta(days=1)  # an empty draft older than this is discarded overnight


def strength_takes_part(session: str = "pk") -> Exists:
    """True for a strength session with a working set; ``session``: the outer field that
    holds the session's id (``"pk"`` on strength sessions)."""
    return Exists(StrengthSet.objects.filter(session=OuterRef(session), is_warmup=False))


def run_takes_part(prefix: str = "") -> Q:
    """A run with a duration or a distance; ``prefix``: the path to the run (``"logged_run__"``
    from a planned session)."""
    return Q(**{f"{prefix}duration_s__isnull": False}) | Q(
        **{f"{prefix}distance_m__isnull": False})


def strength_is_draft(session: StrengthSession) -> bool:
    """On a session annotated with its ``working`` sets counted, else with its sets
    prefetched (or about to be read)."""
    working = getattr(session, "working", None)
    if working is not None:
        return not working
    return not any(not s.is_warmup for s in session.sets.all())


def run_is_draft(run: Run) -> bool:
    return run.duration_s is None and run.distance_m is None
