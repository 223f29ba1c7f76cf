"""Derived figures of lifting (RULES.md "e1RM", "Training load"): pure functions over sets.

They take plain values, not models, so the portal and the API share them. The e1RM itself is
``core.lifting``'s (the engine's too); ``e1rm_sql`` is the same formula for queries that rank
sets in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Cast

from core.lifting import E1RM_MAX_REPS, E1RM_MIN_REPS, EPLEY_REPS, current_e1rms, e1rm


@dataclass(frozen=True, slots=True)
class SetFact:
    """What a figure needs of one logged set."""

    date: dt.date
    exercise: str
    reps: int
    load_kg: float
    is_warmup: bool = False


def current_e1rm(sets: Iterable[SetFact], *, today: dt.date) -> dict[str, float]:
    """The current e1RM per exercise on ``today`` (``core.lifting.current_e1rms``)."""
    return current_e1rms(((s.date, (s,)) for s in sets), today=today)


def e1rm_sql() -> Case:
    """``core.lifting.e1rm`` of a ``StrengthSet`` row in SQL (NULL where it is None), built
    from the same constants: the one SQL Epley (the nightly pass ranks a session's sets by
    it). tests/training/test_metrics.py holds it equal to the Python on the database."""
    load = Cast("load_kg", FloatField())
    working = Q(is_warmup=False, load_kg__gt=0)
    return Case(
        When(working & Q(reps=E1RM_MIN_REPS), then=load),
        When(working & Q(reps__gt=E1RM_MIN_REPS, reps__lte=E1RM_MAX_REPS),
             then=load * (Value(1.0) + Cast(F("reps"), FloatField()) / Value(EPLEY_REPS))),
        default=None, output_field=FloatField(),
    )


@dataclass(frozen=True, slots=True)
class PersonalRecord:
    kind: str  # "e1rm" | "load" | "reps"
    exercise: str
    date: dt.date
    value: float
    reps: int
    load_kg: float


def personal_records(sets: Iterable[SetFact]) -> list[PersonalRecord]:
    """Every PR as it was set, in date order: a new best e1RM, a new heaviest load, or more
    reps than ever before at a load (a load never lifted before sets no rep PR)."""
    ordered = sorted((s for s in sets if not s.is_warmup), key=lambda s: (s.date, -s.load_kg))
    best_e1rm: dict[str, float] = {}
    heaviest: dict[str, float] = {}
    most_reps: dict[tuple[str, float], int] = {}
    records: list[PersonalRecord] = []
    for s in ordered:
        value = e1rm(s.load_kg, s.reps)
        if value is not None and value > best_e1rm.get(s.exercise, 0.0):
            if s.exercise in best_e1rm:
                records.append(PersonalRecord("e1rm", s.exercise, s.date, round(value, 1),
                                              s.reps, s.load_kg))
            best_e1rm[s.exercise] = value
        if s.load_kg > 0 and s.load_kg > heaviest.get(s.exercise, 0.0):
            if s.exercise in heaviest:
                records.append(PersonalRecord("load", s.exercise, s.date, s.load_kg, s.reps,
                                              s.load_kg))
            heaviest[s.exercise] = s.load_kg
        key = (s.exercise, s.load_kg)
        if key in most_reps and s.reps > most_reps[key]:
            records.append(PersonalRecord("reps", s.exercise, s.date, s.reps, s.reps, s.load_kg))
        most_reps[key] = max(s.reps, most_reps.get(key, 0))
    return records


def e1rm_series(sets: Iterable[SetFact], *, exercise: str) -> list[tuple[dt.date, float]]:
    """Best e1RM per day for one exercise, in date order."""
    per_day: dict[dt.date, float] = {}
    for s in sets:
        if s.exercise != exercise or s.is_warmup:
            continue
        value = e1rm(s.load_kg, s.reps)
        if value is not None and value > per_day.get(s.date, 0.0):
            per_day[s.date] = value
    return sorted(per_day.items())


def weekly_volume(sets: Iterable[SetFact]) -> list[tuple[dt.date, float]]:
    """Volume load per ISO week (keyed by its Monday), in date order."""
    per_week: dict[dt.date, float] = {}
    for s in sets:
        if s.is_warmup:
            continue
        monday = s.date - dt.timedelta(days=s.date.weekday())
        per_week[monday] = per_week.get(monday, 0.0) + s.reps * s.load_kg
    return sorted(per_week.items())


@dataclass(slots=True)
class LiftBests:
    """One lift's current bests, each the set that first reached it: the heaviest load, the
    best e1RM, and the most reps at each load (load in kg -> that set)."""

    heaviest: SetFact
    best_e1rm: SetFact
    e1rm: float
    rep_maxes: dict[float, SetFact]


def current_bests(sets: Iterable[SetFact]) -> dict[str, LiftBests]:
    """Each lift's current bests over its working sets (a tie keeps the first to reach it;
    a set of more than 10 reps has no e1RM, so a lift of those alone has its heaviest set
    as its best e1RM set, at the Epley of none: 0)."""
    ordered = sorted((s for s in sets if not s.is_warmup), key=lambda s: s.date)
    bests: dict[str, LiftBests] = {}
    for s in ordered:
        value = e1rm(s.load_kg, s.reps) or 0.0
        lift = bests.get(s.exercise)
        if lift is None:
            bests[s.exercise] = LiftBests(s, s, value, {s.load_kg: s})
            continue
        if s.load_kg > lift.heaviest.load_kg:
            lift.heaviest = s
        if value > lift.e1rm + 1e-9:
            lift.best_e1rm, lift.e1rm = s, value
        at_load = lift.rep_maxes.get(s.load_kg)
        if at_load is None or s.reps > at_load.reps:
            lift.rep_maxes[s.load_kg] = s
    return bests
