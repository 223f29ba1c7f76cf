"""Hypothesis strategies: random but plausible two-week plans around 23 Nov 2026."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from scheduling.engine import (
    AthleteContext,
    AvailabilitySlot,
    Intensity,
    Kind,
    Level,
    Race,
    RunType,
    Session,
    SessionRef,
    SourceType,
)
from tests.engine.builders import MON, ctx, lift, line, sets

DAYS = [MON + dt.timedelta(days=n) for n in range(14)]
TIMES = [None] + [dt.time(h, m) for h in range(5, 23) for m in (0, 30)]
ZONES = ["Europe/Berlin", "America/New_York", "UTC", "Australia/Sydney"]
LINES = [
    (line(sets=4, reps=4, load=120),),
    (line(sets=2, reps=5),),
    (line(sets=3, reps=10, pct=70), line("calf-raise", 3, 10, order=2)),
    (line("pogo-hops", 2, 20, contacts=20), line("deadlift", 3, 5, order=2)),
    (line(sets=5, reps=(6, 8), rir=3), line("pogo-hops", 3, 30, contacts=30, order=2)),
    (),
]
LOGS = [sets(n=4, reps=4), sets(n=3, reps=10, load=50), sets(n=2, reps=5) + sets(
    "pogo-hops", 2, 30, 0, order=2)]


@st.composite
def runs(draw: st.DrawFn, ident: int, today: dt.date, *, easy: bool = False) -> Session:
    day = draw(st.sampled_from(DAYS))
    kind = RunType.EASY if easy else draw(st.sampled_from(list(RunType)))
    minutes = draw(st.sampled_from([30, 45, 60, 89] if easy else [None, 30, 60, 95, 150]))
    rpe = None if easy else draw(st.sampled_from([None, 5, 7]))
    logged = day < today and draw(st.booleans())
    return Session(ref=SessionRef(SourceType.RUN if logged else SourceType.PLANNED, ident),
                   kind=Kind.RUN, date=day, start_time=draw(st.sampled_from(TIMES)),
                   duration_min=minutes, run_type=kind, rpe=rpe,
                   distance_m=draw(st.sampled_from([None, 6000, 12000])),
                   order=draw(st.integers(0, 2)))


@st.composite
def lifts(draw: st.DrawFn, ident: int, today: dt.date) -> Session:
    day = draw(st.sampled_from(DAYS))
    logged = day < today and draw(st.booleans())
    return Session(ref=SessionRef(SourceType.STRENGTH if logged else SourceType.PLANNED, ident),
                   kind=Kind.STRENGTH, date=day, start_time=draw(st.sampled_from(TIMES)),
                   duration_min=draw(st.sampled_from([None, 45, 90])),
                   intensity=None if logged else draw(st.sampled_from([None, *Intensity])),
                   sets=tuple(draw(st.sampled_from(LOGS))) if logged else (),
                   prescription=() if logged else draw(st.sampled_from(LINES)),
                   order=draw(st.integers(0, 2)))


@st.composite
def contexts(draw: st.DrawFn) -> AthleteContext:
    race = draw(st.sampled_from([None, *[Race(d) for d in DAYS[6::3]]]))
    availability: tuple[AvailabilitySlot, ...] = ()
    if draw(st.booleans()):
        availability = tuple(
            AvailabilitySlot(wd, dt.time(draw(st.integers(5, 12))), dt.time(20, 30))
            for wd in draw(st.sets(st.integers(0, 6), min_size=1)))
    return ctx(timezone=draw(st.sampled_from(ZONES)), goal_race=race,
               availability=availability, level=draw(st.sampled_from(list(Level))))


@st.composite
def plans(draw: st.DrawFn) -> tuple[AthleteContext, list[Session], dt.date]:
    """(context, sessions with unique refs, today)."""
    today = draw(st.sampled_from(DAYS[:8]))
    n_runs = draw(st.integers(0, 8))
    n_lifts = draw(st.integers(0, 5))
    sessions = [draw(runs(i, today)) for i in range(n_runs)]
    sessions += [draw(lifts(100 + i, today)) for i in range(n_lifts)]
    return draw(contexts()), sessions, today


HISTORY = [sets(n=3, reps=5), sets(n=3, reps=5), sets(n=3, reps=3, load=125),
           sets("calf-raise", 3, 10, 20), sets("pogo-hops", 2, 20, 0),
           sets(n=2, reps=5, load=60, warmup=True) + sets("pogo-hops", 2, 20, 0, order=2)]


@st.composite
def plans_with_history(draw: st.DrawFn) -> tuple[AthleteContext, list[Session], dt.date]:
    """A plan with logged lifting (or jumps alone) on some of the 56 days before it."""
    context, sessions, today = draw(plans())
    days = draw(st.sets(st.integers(1, 56), min_size=10, max_size=24))
    history = [lift(DAYS[0] - dt.timedelta(days=d), logged=draw(st.sampled_from(HISTORY)),
                    id=500 + d) for d in sorted(days)]
    return context, [*history, *sessions], today
