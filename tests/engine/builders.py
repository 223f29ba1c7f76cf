"""Small builders for engine inputs, so each test row reads like the rule it checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence

from scheduling.engine import (
    AthleteContext,
    Category,
    ExerciseInfo,
    Finding,
    Intensity,
    Kind,
    LoggedSet,
    Pattern,
    PrescriptionLine,
    RunType,
    Session,
    SessionRef,
    SourceType,
    check,
)

EXERCISES: dict[str, ExerciseInfo] = {
    e.slug: e
    for e in (
        ExerciseInfo("back-squat", "Back squat", Pattern.SQUAT, Category.MAIN, True,
                     equipment=frozenset({"barbell", "rack"})),
        ExerciseInfo("front-squat", "Front squat", Pattern.SQUAT, Category.MAIN, True,
                     equipment=frozenset({"barbell", "rack"})),
        ExerciseInfo("goblet-squat", "Goblet squat", Pattern.SQUAT, Category.MAIN, True,
                     equipment=frozenset({"kettlebell"})),
        ExerciseInfo("backpack-squat", "Backpack squat", Pattern.SQUAT, Category.MAIN, True,
                     equipment=frozenset({"backpack"})),
        ExerciseInfo("deadlift", "Deadlift", Pattern.HINGE, Category.MAIN, True,
                     equipment=frozenset({"barbell"})),
        ExerciseInfo("dumbbell-romanian-deadlift", "Dumbbell Romanian deadlift",
                     Pattern.HINGE, Category.MAIN, True, equipment=frozenset({"dumbbells"})),
        ExerciseInfo("bulgarian-split-squat", "Bulgarian split squat", Pattern.SINGLE_LEG,
                     Category.MAIN, True, unilateral=True,
                     equipment=frozenset({"dumbbells"})),
        ExerciseInfo("bench-press", "Bench press", Pattern.UPPER, Category.MAIN, False,
                     equipment=frozenset({"barbell", "bench"})),
        ExerciseInfo("calf-raise", "Calf raise", Pattern.CALF, Category.ACCESSORY, True),
        ExerciseInfo("hip-thrust", "Hip thrust", Pattern.GLUTE, Category.ACCESSORY, True,
                     equipment=frozenset({"barbell"})),
        ExerciseInfo("plank", "Plank", Pattern.CORE, Category.ACCESSORY, False),
        ExerciseInfo("dead-bug", "Dead bug", Pattern.CORE, Category.ACCESSORY, False),
        ExerciseInfo("glute-bridge", "Glute bridge", Pattern.GLUTE, Category.ACCESSORY, True),
        ExerciseInfo("pallof-press", "Pallof press", Pattern.CORE, Category.ACCESSORY, False,
                     equipment=frozenset({"band"})),
        ExerciseInfo("pull-up", "Pull-up", Pattern.UPPER, Category.ACCESSORY, False),
        ExerciseInfo("pogo-hops", "Pogo hops", Pattern.PLYO, Category.PLYOMETRIC, True),
        ExerciseInfo("box-jump", "Box jump", Pattern.PLYO, Category.PLYOMETRIC, True,
                     equipment=frozenset({"box"})),
    )
}

# Monday 23 November 2026 starts ISO week 2026-W48.
MON = dt.date(2026, 11, 23)
TUE, WED, THU, FRI, SAT, SUN = (MON + dt.timedelta(days=n) for n in range(1, 7))
NEXT_MON = MON + dt.timedelta(days=7)

_ids = itertools.count(1000)


def ctx(**kw: object) -> AthleteContext:
    """A metric, intermediate athlete in Berlin with a gym and the test library."""
    kw.setdefault("athlete_id", 1)
    kw.setdefault("timezone", "Europe/Berlin")
    kw.setdefault("exercises", EXERCISES)
    return AthleteContext(**kw)  # type: ignore[arg-type]


def at(text: str | None) -> dt.time | None:
    if text is None:
        return None
    hh, mm = text.split(":")
    return dt.time(int(hh), int(mm))


def ref(kind: str, n: int) -> SessionRef:
    return SessionRef(SourceType(kind), n)


def run(day: dt.date, start: str | None = None, *, type: RunType = RunType.EASY,
        km: float | None = 8, minutes: float | None = None, rpe: int | None = None,
        id: int | None = None, logged: bool = False, order: int = 0,
        fulfils: SessionRef | None = None) -> Session:
    kind = SourceType.RUN if logged else SourceType.PLANNED
    return Session(ref=SessionRef(kind, id if id is not None else next(_ids)), kind=Kind.RUN,
                   date=day, start_time=at(start), run_type=type,
                   distance_m=int(km * 1000) if km else None, duration_min=minutes, rpe=rpe,
                   order=order, fulfils=fulfils)


def line(exercise: str = "back-squat", sets: int = 4, reps: int | tuple[int, int] = 4, *,
         load: float | None = None, pct: float | None = None, rir: int | None = None,
         order: int = 1, contacts: int | None = None, hold: int | None = None
         ) -> PrescriptionLine:
    lo, hi = (reps, reps) if isinstance(reps, int) else reps
    return PrescriptionLine(exercise, order, sets, lo, hi, load, pct, rir, contacts, hold)


def sets(exercise: str = "back-squat", n: int = 4, reps: int = 4, load: float = 120.0, *,
         rir: int | None = None, order: int = 1, warmup: bool = False,
         contacts: int | None = None, hold: int | None = None) -> list[LoggedSet]:
    return [LoggedSet(exercise, order, reps, load, rir, warmup, contacts, hold)
            for _ in range(n)]


def lift(day: dt.date, start: str | None = None, *, lines: Sequence[PrescriptionLine] = (),
         logged: Iterable[LoggedSet] | None = None, intensity: Intensity | None = None,
         minutes: int | None = None, id: int | None = None, order: int = 0,
         fulfils: SessionRef | None = None, title: str = "") -> Session:
    """A strength session: planned (``lines``/``intensity``) or logged (``logged`` sets)."""
    kind = SourceType.STRENGTH if logged is not None else SourceType.PLANNED
    return Session(ref=SessionRef(kind, id if id is not None else next(_ids)),
                   kind=Kind.STRENGTH, date=day, start_time=at(start), duration_min=minutes,
                   intensity=intensity, sets=tuple(logged or ()), prescription=tuple(lines),
                   order=order, fulfils=fulfils, title=title)


def heavy(day: dt.date, start: str | None = None, **kw: object) -> Session:
    """Back squat 4 x 4 at 120 kg: four heavy sets."""
    return lift(day, start, lines=[line(load=120)], **kw)  # type: ignore[arg-type]


def findings(context: AthleteContext, sessions: Sequence[Session], *,
             today: dt.date = dt.date(2026, 1, 1), start: dt.date | None = None,
             end: dt.date | None = None, now: dt.datetime | None = None
             ) -> tuple[Finding, ...]:
    """``check`` over a window covering every session given (today: long before)."""
    days = [s.date for s in sessions] or [MON]
    return check(context, sessions, today=today, window_start=start or min(days),
                 window_end=end or max(days), now=now)


def codes(found: Iterable[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in found]


def only(found: Iterable[Finding], rule: str) -> list[Finding]:
    return [f for f in found if f.rule == rule]


def moved(sessions: Sequence[Session], who: SessionRef, day: dt.date,
          start: dt.time | None) -> list[Session]:
    """The sessions with one of them moved (what the UI's 'apply suggestion' does)."""
    return [dataclasses.replace(s, date=day, start_time=start) if s.ref == who else s
            for s in sessions]
