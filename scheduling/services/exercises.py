"""A coach's own exercises changed or deleted (one is added by ``training.services``: nothing
holds it yet). The rules read an exercise's pattern, category, lower-body flag and equipment,
and the findings name it, so a change re-checks the athletes whose checks read it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from athletes.models import User
from core.errors import NotFound
from scheduling.models import PlannedSession
from scheduling.services.recheck import athlete_recheck_on_commit
from scheduling.services.windows import load_bounds
from training import writers
from training.models import Exercise, StrengthSession


def _own(*, actor: User, exercise: Exercise) -> None:
    """A coach changes their own exercises; the library and the others' are a superuser's."""
    if not actor.is_superuser and exercise.owner_id != actor.pk:
        raise NotFound("Exercise not found.")


def _athletes_holding(exercise: Exercise) -> list[int]:
    """The athletes whose next check reads the exercise: a plan or a log of it within what a
    check reads (from the day before today in UTC, so every time zone's today is in)."""
    bounds = load_bounds(timezone.localdate(timezone=dt.UTC) - dt.timedelta(days=1))
    planned = PlannedSession.objects.filter(
        prescription__exercise=exercise, date__gte=bounds.plan).order_by().values_list(
        "athlete_id")
    logged = StrengthSession.objects.filter(
        sets__exercise=exercise, date__gte=bounds.history).order_by().values_list(
        "athlete_id")
    return sorted({aid for (aid,) in planned.union(logged)})


@transaction.atomic
def exercise_update(*, actor: User, exercise: Exercise, **fields: Any) -> Exercise:
    """Change an exercise's name, pattern, category, lower-body flag, sides or equipment; the
    athletes who plan or logged it lately are re-checked, once each."""
    _own(actor=actor, exercise=exercise)
    if writers.exercise_update(exercise=exercise, **fields):  # the name is in the findings' text
        for athlete_id in _athletes_holding(exercise):
            athlete_recheck_on_commit(athlete_id=athlete_id)
    return exercise


@transaction.atomic
def exercise_delete(*, actor: User, exercise: Exercise) -> None:
    """Delete an exercise nothing holds (one in a plan or a log is refused: nothing to
    re-check)."""
    _own(actor=actor, exercise=exercise)
    writers.exercise_delete(exercise=exercise)
