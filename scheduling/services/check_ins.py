"""The daily readiness check-in: the one write path of a check-in.

The row is written by the internal ``training.writers``; the service re-checks the athlete
after commit, as every write that can change a verdict does: today's check-in drives the
readiness rules, and any of the last 28 days' check-ins moves the mean they compare against.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from athletes.models import AthleteProfile, User
from core.errors import DomainError
from scheduling.services.recheck import athlete_recheck_on_commit
from scheduling.services.windows import local_today
from training import writers
from training.models import CheckIn


@transaction.atomic
def check_in_save(
    *, actor: User, athlete: AthleteProfile, date: dt.date, version: int | None = None,
    **fields: Any,
) -> tuple[CheckIn, bool]:
    """Create the athlete's check-in of ``date`` or, when there is one, update it with the
    ``fields`` given (``sleep``, ``energy``, ``soreness``, ``stress``, ``mood``: 1-5, 5 best;
    ``resting_hr``, ``hrv_ms``, ``body_weight_kg``: None clears one). Returns it and whether
    it is new. A check-in says how a day went or is going: none for a day still to come in
    the athlete's time zone. ``version``: the one the caller saw of the date's check-in
    (``If-Match``); another one raises ``PreconditionFailed``."""
    if date > local_today(athlete.timezone, timezone.now()):
        raise DomainError("A check-in is for today or a day gone by.", field="date")
    row, created = writers.check_in_save(actor=actor, athlete=athlete, date=date,
                                         version=version, **fields)
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    return row, created


@transaction.atomic
def check_in_delete(*, check_in: CheckIn, version: int | None = None) -> None:
    athlete_id = check_in.athlete_id
    writers.check_in_delete(check_in=check_in, version=version)
    athlete_recheck_on_commit(athlete_id=athlete_id)
