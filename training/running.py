"""Running over the weeks, from the logged runs (plain facts in, figures out; no queries):
distance and time per ISO week by run type, the long run's progression, and the pace of
easy runs and of tempo/interval work (RULES.md, "Words": a long run is type ``long`` or any
run of 90 min or more)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

LONG_RUN_S = 90 * 60
RUN_TYPES = ("easy", "recovery", "long", "tempo", "intervals", "hills", "race")
EASY_TYPES = frozenset({"easy", "recovery"})
QUALITY_TYPES = frozenset({"tempo", "intervals"})


@dataclass(frozen=True, slots=True)
class RunFact:
    id: int
    date: dt.date
    run_type: str
    distance_m: int | None
    duration_s: int | None

    @property
    def is_long(self) -> bool:
        return self.run_type == "long" or (self.duration_s or 0) >= LONG_RUN_S


@dataclass(slots=True)
class RunWeek:
    """One ISO week (from ``monday``): metres and seconds per run type, the longest long run
    and the pace (s/km) of its easy and of its tempo/interval runs, None when there is none."""

    monday: dt.date
    distance_m: dict[str, int] = field(default_factory=dict)
    duration_s: dict[str, int] = field(default_factory=dict)
    long_run: RunFact | None = None
    easy_pace_s_km: float | None = None
    quality_pace_s_km: float | None = None

    @property
    def total_distance_m(self) -> int:
        return sum(self.distance_m.values())

    @property
    def total_duration_s(self) -> int:
        return sum(self.duration_s.values())


def _pace(runs: Sequence[RunFact]) -> float | None:
    """Seconds per km over the runs with both a distance and a time (time over distance,
    so a long easy run weighs what it lasted)."""
    timed = [r for r in runs if r.distance_m and r.duration_s]
    metres = sum(r.distance_m or 0 for r in timed)
    return None if not metres else sum(r.duration_s or 0 for r in timed) / (metres / 1000)


def run_weeks(runs: Iterable[RunFact], *, first_monday: dt.date, weeks: int) -> list[RunWeek]:
    """``weeks`` ISO weeks from ``first_monday``, oldest first, each with its figures (a week
    without runs is there, empty: a gap in the running shows as one)."""
    by_week: dict[dt.date, list[RunFact]] = {
        first_monday + dt.timedelta(weeks=i): [] for i in range(weeks)}
    for run in runs:
        monday = run.date - dt.timedelta(days=run.date.weekday())
        if monday in by_week:
            by_week[monday].append(run)
    result = []
    for monday, week_runs in by_week.items():
        week = RunWeek(monday)
        for run in week_runs:
            kind = run.run_type
            if run.distance_m:
                week.distance_m[kind] = week.distance_m.get(kind, 0) + run.distance_m
            if run.duration_s:
                week.duration_s[kind] = week.duration_s.get(kind, 0) + run.duration_s
        longs = [r for r in week_runs if r.is_long]
        if longs:
            week.long_run = max(longs, key=lambda r: (r.distance_m or 0, r.duration_s or 0))
        week.easy_pace_s_km = _pace([r for r in week_runs if r.run_type in EASY_TYPES])
        week.quality_pace_s_km = _pace([r for r in week_runs if r.run_type in QUALITY_TYPES])
        result.append(week)
    return result


def types_run(weeks: Iterable[RunWeek]) -> list[str]:
    """The run types with distance or time in ``weeks``, in the usual order."""
    seen = {t for w in weeks for t in (*w.distance_m, *w.duration_s)}
    return [t for t in RUN_TYPES if t in seen]
