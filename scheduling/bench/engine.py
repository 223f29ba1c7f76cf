"""Benchmark ``check`` on a synthetic population: ``python -m scheduling.bench.engine``.

An athlete-week here is one athlete's one ISO week of the check window (the unit the
nightly pass checks); each call checks a 2-week window over 10 weeks of input (8 of them
history), and the per-input-week figure is printed too. The baseline builds the same
inputs (frozen dataclasses, as the Django side would) without evaluating any rule.

What bounds it (cProfile, ``--profile``; ~0.64 ms of CPU per call on this population,
which is conflict-heavy: ~9.4 findings per athlete per 2 weeks, ~1 of them an error, ~2.9
with a one-click move from ~1.8 slot searches). Nothing dominates any more; in shares of
``check``:
- ~40 %: the one-click moves. Per searched session: the week's candidate start times and
  the per-date facts (runs, key runs ahead, heavy neighbours) are memoised per call and
  shared by every search (~25 % of the moves), ~27 upper bounds inlined, ~8 candidates
  scored by arithmetic (``SlotSearch._penalty``, held equal to ``local_hits`` by
  tests/engine/test_fast_paths.py), findings and reasons built only for yielded slots;
- ~12 %: ``Prepared`` (~78 us: 60 sessions scanned, ~15 timed, classified ``Item``s, ~4
  strength sessions turned into ``Work`` rows). Only sessions within 3 days of the
  evaluated ISO weeks become ``Item``s; history (older logged strength) is not judged at
  all: ``strength``, ``logged_strength``, ``base_days`` and the 6-week e1RM are worked out
  from the input on first use. Planned refs are matched by id (a ``SessionRef`` hashes in
  Python), ``Work`` rows of a logged session share each lift's flags, and each date's
  items come out of the one sort. On Django-shaped input (today +- 2 weeks, ~65 sessions
  in range, 8 weeks of history) it went from ~335 to ~225 us per athlete;
- ~17 %: putting ~9 findings into words (``sets_text``/``lifts_text`` of the offending sets
  dominate; session names are memoised per call);
- ~14 %: the rule sweeps; the rest is assembling ``Finding`` values and sorting.
All of it is object and string construction spread thin, not one hot loop: the 20,000
athlete-weeks/s target is NOT reached (see the lead's notes); no behaviour was traded for
speed (every finding, move and suggestion is byte-identical to the previous engine's).
Rules are linear in the sessions (a date index, no all-pairs), ZoneInfo objects, local ->
UTC conversions (one offset per date without a clock change) and the items around a date
are cached, and text is built only for findings inside the window.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import random
import time
from collections import Counter
from collections.abc import Callable

from scheduling.engine.check import check
from scheduling.engine.types import (
    AthleteContext,
    AvailabilitySlot,
    Category,
    ExerciseInfo,
    Intensity,
    Kind,
    Level,
    LoggedSet,
    Pattern,
    PrescriptionLine,
    Race,
    RunType,
    Session,
    SessionRef,
    SourceType,
    Units,
)

SEED = 20261123
WINDOW_WEEKS = 2
HISTORY_WEEKS = 8
FIRST_MONDAY = dt.date(2026, 11, 23)
ZONES = ("Europe/Berlin", "America/New_York", "Europe/London", "Australia/Sydney", "UTC")


def _library() -> dict[str, ExerciseInfo]:
    m, a, p = Category.MAIN, Category.ACCESSORY, Category.PLYOMETRIC
    rows = [
        ("back-squat", Pattern.SQUAT, m, True), ("front-squat", Pattern.SQUAT, m, True),
        ("goblet-squat", Pattern.SQUAT, m, True), ("deadlift", Pattern.HINGE, m, True),
        ("trap-bar-deadlift", Pattern.HINGE, m, True),
        ("romanian-deadlift", Pattern.HINGE, m, True),
        ("bulgarian-split-squat", Pattern.SINGLE_LEG, m, True),
        ("step-up", Pattern.SINGLE_LEG, m, True), ("lunge", Pattern.SINGLE_LEG, m, True),
        ("calf-raise", Pattern.CALF, a, True), ("glute-bridge", Pattern.GLUTE, a, True),
        ("hip-thrust", Pattern.GLUTE, a, True), ("pallof-press", Pattern.CORE, a, False),
        ("plank", Pattern.CORE, a, False), ("dead-bug", Pattern.CORE, a, False),
        ("pull-up", Pattern.UPPER, a, False), ("push-up", Pattern.UPPER, a, False),
        ("pogo-hops", Pattern.PLYO, p, True), ("box-jump", Pattern.PLYO, p, True),
    ]
    return {slug: ExerciseInfo(slug, slug.replace("-", " ").capitalize(), pattern, cat, lower)
            for slug, pattern, cat, lower in rows}


LIBRARY = _library()
MAIN = [s for s, e in LIBRARY.items() if e.category is Category.MAIN]
ACCESSORY = [s for s, e in LIBRARY.items() if e.category is Category.ACCESSORY]
PLYO = [s for s, e in LIBRARY.items() if e.category is Category.PLYOMETRIC]


class Builder:
    """Builds one athlete's inputs, deterministically from its own seed."""

    def __init__(self, athlete: int) -> None:
        self.rng = random.Random(SEED * 1000 + athlete)
        self.athlete = athlete
        self.next_id = 1

    def ref(self, kind: SourceType) -> SessionRef:
        self.next_id += 1
        return SessionRef(kind, self.next_id)

    def context(self, window_start: dt.date) -> AthleteContext:
        rng = self.rng
        race = None
        if rng.random() < 0.6:
            race = Race(window_start + dt.timedelta(days=rng.randint(-20, 120)), name="Race")
        availability: tuple[AvailabilitySlot, ...] = ()
        if rng.random() < 0.3:
            availability = tuple(AvailabilitySlot(d, dt.time(6), dt.time(20, 30))
                                 for d in range(7) if rng.random() < 0.8)
        e1rm = {s: rng.uniform(60, 180) for s in MAIN if rng.random() < 0.5}
        return AthleteContext(
            athlete_id=self.athlete, timezone=rng.choice(ZONES),
            level=rng.choice(list(Level)), units=rng.choice(list(Units)), goal_race=race,
            availability=availability, e1rm=e1rm, exercises=LIBRARY)

    def time(self) -> dt.time | None:
        if self.rng.random() < 0.3:
            return None
        return dt.time(self.rng.randint(5, 20), self.rng.choice((0, 30)))

    def runs(self, monday: dt.date, today: dt.date) -> list[Session]:
        rng = self.rng
        days = sorted(rng.sample(range(7), rng.randint(3, 6)))
        out = []
        for n, d in enumerate(days):
            day = monday + dt.timedelta(days=d)
            kind = (RunType.LONG if d >= 5 and n == len(days) - 1 else
                    rng.choice((RunType.EASY, RunType.EASY, RunType.INTERVALS, RunType.TEMPO,
                                RunType.HILLS, RunType.RECOVERY)))
            logged = day < today
            out.append(Session(
                ref=self.ref(SourceType.RUN if logged else SourceType.PLANNED), kind=Kind.RUN,
                date=day, start_time=self.time(), run_type=kind,
                duration_min=rng.choice((None, 40, 60, 75, 110 if kind is RunType.LONG else 50)),
                distance_m=rng.choice((None, 6000, 10000, 21000)), rpe=rng.choice((None, 4, 7))))
        return out

    def lifts(self, monday: dt.date, today: dt.date) -> list[Session]:
        rng = self.rng
        out = []
        for d in rng.sample(range(7), rng.randint(0, 3)):
            day = monday + dt.timedelta(days=d)
            names = rng.sample(MAIN, 2) + rng.sample(ACCESSORY, rng.randint(1, 4))
            if rng.random() < 0.3:
                names.insert(rng.choice((0, 2)), rng.choice(PLYO))
            names = names[:8] + rng.sample(ACCESSORY, max(0, 4 - len(names)))
            if day < today:
                sets = tuple(
                    LoggedSet(slug, order, rng.choice((3, 4, 5, 6, 8, 10, 12)),
                              round(rng.uniform(20, 160) / 2.5) * 2.5, rng.choice((None, 0, 1,
                                                                                 2, 3)),
                              ground_contacts=20 if slug in PLYO else None)
                    for order, slug in enumerate(names) for _ in range(rng.randint(3, 4)))
                out.append(Session(ref=self.ref(SourceType.STRENGTH), kind=Kind.STRENGTH,
                                   date=day, start_time=self.time(), sets=sets))
                continue
            lines: tuple[PrescriptionLine, ...] = ()
            intensity = None
            if rng.random() < 0.7:
                lines = tuple(
                    PrescriptionLine(slug, order, rng.randint(3, 4), lo, lo + rng.randint(0, 2),
                                     load_kg=rng.choice((None, 100.0)),
                                     pct_e1rm=rng.choice((None, 75.0, 85.0)),
                                     rir=rng.choice((None, 2)),
                                     ground_contacts=25 if slug in PLYO else None)
                    for order, slug in enumerate(names)
                    for lo in (rng.choice((3, 4, 5, 8, 10)),))
            else:
                intensity = rng.choice(list(Intensity))
            out.append(Session(ref=self.ref(SourceType.PLANNED), kind=Kind.STRENGTH, date=day,
                               start_time=self.time(), intensity=intensity, prescription=lines))
        return out

    def build(self) -> tuple[AthleteContext, list[Session], dt.date, dt.date, dt.date]:
        start = FIRST_MONDAY + dt.timedelta(weeks=self.rng.randint(0, 20))
        today = start + dt.timedelta(days=self.rng.randint(0, 3))
        context = self.context(start)
        sessions: list[Session] = []
        for w in range(-HISTORY_WEEKS, WINDOW_WEEKS):
            monday = start + dt.timedelta(weeks=w)
            sessions += self.runs(monday, today)
            sessions += self.lifts(monday, today)
        end = start + dt.timedelta(days=7 * WINDOW_WEEKS - 1)
        return context, sessions, today, start, end


Inputs = tuple[AthleteContext, list[Session], dt.date, dt.date, dt.date]


def build_all(athletes: int) -> list[Inputs]:
    return [Builder(a).build() for a in range(athletes)]


def run_all(population: list[Inputs]) -> Counter[str]:
    seen: Counter[str] = Counter()
    for context, sessions, today, start, end in population:
        for f in check(context, sessions, today=today, window_start=start, window_end=end):
            seen[f.severity.value] += 1
    return seen


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    began = time.perf_counter()
    result = fn()
    return time.perf_counter() - began, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--athletes", type=int, default=6000)
    parser.add_argument("--profile", action="store_true", help="print the top of cProfile")
    args = parser.parse_args(argv)
    n = args.athletes
    weeks = n * WINDOW_WEEKS
    build_s, population = timed(lambda: build_all(n))
    pop: list[Inputs] = population  # type: ignore[assignment]
    sessions = sum(len(p[1]) for p in pop)
    run_all(pop[: min(200, n)])  # warm caches (zones, phases) as a long-lived worker has them
    check_s, counted = timed(lambda: run_all(pop))
    seen: Counter[str] = counted  # type: ignore[assignment]
    print(f"athletes: {n}, window: {WINDOW_WEEKS} weeks + {HISTORY_WEEKS} weeks of history, "
          f"{sessions / n:.1f} sessions each")
    print(f"build inputs: {build_s:.2f} s; check: {check_s:.2f} s "
          f"({check_s / n * 1e6:.0f} us per athlete)")
    print(f"findings: {dict(sorted(seen.items()))}")
    input_weeks = n * (WINDOW_WEEKS + HISTORY_WEEKS)
    print(f"per input week (history + window): {input_weeks / check_s:.0f} athlete-weeks/s")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_all, pop[: min(2000, n)])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print(f"engine: {weeks / check_s:.0f} athlete-weeks/s on one core "
          f"(baseline {weeks / build_s:.0f} athlete-weeks/s building inputs only)")


if __name__ == "__main__":
    main()
