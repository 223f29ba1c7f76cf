"""Training load (RULES.md, "Training load"): figures, not verdicts. Pure: no Django.

Session-RPE load is RPE x minutes (Foster 2001). A session logged without RPE takes the planned
RPE of the session it fulfils, else a default by type, and is *estimated*; so is one logged
without a duration (taken as 60 min, as RULES.md's "Gap" takes it). Daily load is the sum of
a day's sessions (0 on a rest day); fitness (CTL) and fatigue (ATL) run from the athlete's
first logged day, starting at 0; form is yesterday's CTL less yesterday's ATL; the 7:28
acute:chronic ratio is shown from 28 days of history on, as a trend with its limits.

The database side (which sessions take part, what each fulfils, how heavy a lift was) is
``scheduling.services.load``; this module only does the arithmetic, so the incremental table,
the rebuild and the API all share it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

# Defaults for a session logged without RPE (RULES.md), by run type and by lift intensity.
RUN_DEFAULT_RPE = {"recovery": 2, "easy": 3, "long": 5, "hills": 7, "tempo": 7,
                   "intervals": 8, "race": 9}
STRENGTH_DEFAULT_RPE = {"heavy": 7, "moderate": 5, "light": 3}
DEFAULT_MINUTES = 60  # a session with no duration (RULES.md, "Gap")
# Start times taken when none is given (RULES.md, "Gap"), in minutes after midnight.
DEFAULT_START = {"run": 7 * 60, "strength": 17 * 60 + 30}

CTL_DAYS = 42  # fitness: a 42-day exponentially weighted mean of daily load
ATL_DAYS = 7  # fatigue: the same over 7 days
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
ACWR_HISTORY_DAYS = 28  # the ratio is shown from 28 days of history on
# Stated beside the ratio wherever it is shown (never as an injury prediction).
ACWR_LIMITS = (
    "The 7:28 acute:chronic ratio is a trend, not a prediction of injury: it compares the "
    "last 7 days' mean daily load with the last 28 days'. It is shown from 28 days of history "
    "on; it swings after a rest week or a single big day, ignores how the load was spread, and "
    "the research behind a 0.8-1.3 'sweet spot' is disputed."
)
ACWR_HIGH = 1.5  # a ratio above this is worth a look (the roster's attention list)


class SessionLoad(NamedTuple):
    """One logged session's load. ``kind``: "run" or "strength"."""

    date: dt.date
    kind: str
    load: float
    estimated: bool


class DayLoad(NamedTuple):
    date: dt.date
    load: float
    run_load: float
    strength_load: float
    estimated: bool


class LoadPoint(NamedTuple):
    """A day of the series: the day's load and the figures at the end of it."""

    date: dt.date
    load: float
    run_load: float
    strength_load: float
    ctl: float
    atl: float
    form: float
    acwr: float | None
    estimated: bool


class PlanSlot(NamedTuple):
    """A planned session, as far as the load needs it. ``linked``: the id of the logged
    session (of its kind) it names as fulfilling it, if any."""

    id: int
    kind: str
    run_type: str
    start_min: int | None
    rpe: int | None
    linked: int | None


class LogSlot(NamedTuple):
    id: int
    kind: str
    run_type: str
    start_min: int | None


def session_rpe(*, rpe: int | None, planned_rpe: int | None,
                default_rpe: int) -> tuple[int, bool]:
    """The RPE a session's load uses and whether it is estimated."""
    if rpe is not None:
        return rpe, False
    if planned_rpe is not None:
        return planned_rpe, True
    return default_rpe, True


def session_load(*, rpe: int, minutes: float | None) -> tuple[float, bool]:
    """RPE x minutes to 0.1, and whether the minutes were estimated (none given: 60)."""
    if minutes is None:
        return float(rpe * DEFAULT_MINUTES), True
    return round(rpe * minutes, 1), False


def run_default_rpe(run_type: str) -> int:
    return RUN_DEFAULT_RPE.get(run_type, RUN_DEFAULT_RPE["easy"])


def strength_default_rpe(intensity: str) -> int:
    return STRENGTH_DEFAULT_RPE[intensity]


def fulfilments(plans: Sequence[PlanSlot],
                logs_on_day: Mapping[dt.date, Sequence[LogSlot]],
                plans_on_day: Mapping[dt.date, Sequence[PlanSlot]],
                ) -> dict[tuple[str, int], PlanSlot]:
    """Which planned session each logged one fulfils (RULES.md, "Fulfils").

    ``plans``: every planned session that names one of the logs (any date); ``plans_on_day``
    and ``logs_on_day``: the day's planned and logged sessions, for those that name none. A
    logged session naming none fulfils the planned session of its kind on its date that
    nothing else fulfils: for runs the same run type first, then the nearest start time.
    One fulfils at most one, and the other way round; the day's logs choose in the order of
    their start times.
    """
    out: dict[tuple[str, int], PlanSlot] = {}
    for plan in plans:
        if plan.linked is not None:
            out[(plan.kind, plan.linked)] = plan
    taken = {plan.id for plan in out.values()}
    for day, day_logs in sorted(logs_on_day.items()):
        free = [p for p in plans_on_day.get(day, ())
                if p.linked is None and p.id not in taken]
        if not free:
            continue
        for log in sorted(day_logs, key=lambda s: (_start(s.kind, s.start_min), s.id)):
            if (log.kind, log.id) in out:
                continue
            mine = [p for p in free if p.kind == log.kind and p.id not in taken]
            if not mine:
                continue
            at = _start(log.kind, log.start_min)
            best = min(mine, key=lambda p: (
                log.kind == "run" and p.run_type != log.run_type,
                abs(_start(p.kind, p.start_min) - at), p.id))
            out[(log.kind, log.id)] = best
            taken.add(best.id)
    return out


def _start(kind: str, start_min: int | None) -> int:
    return DEFAULT_START[kind] if start_min is None else start_min


def daily_loads(sessions: Iterable[SessionLoad]) -> dict[dt.date, DayLoad]:
    """The days that carry load (a rest day has no entry: its load is 0)."""
    runs: dict[dt.date, float] = {}
    lifts: dict[dt.date, float] = {}
    estimated: dict[dt.date, bool] = {}
    for s in sorted(sessions):
        into = runs if s.kind == "run" else lifts
        into[s.date] = into.get(s.date, 0.0) + s.load
        estimated[s.date] = estimated.get(s.date, False) or s.estimated
    out = {}
    for day in sorted(estimated):
        run_load = round(runs.get(day, 0.0), 1)
        strength_load = round(lifts.get(day, 0.0), 1)
        out[day] = DayLoad(day, round(run_load + strength_load, 1), run_load, strength_load,
                           estimated[day])
    return out


def load_series(days: Mapping[dt.date, DayLoad] | Iterable[DayLoad], *,
                date_from: dt.date, date_to: dt.date) -> list[LoadPoint]:
    """The daily series over ``date_from``..``date_to``. ``days``: every day with load up to
    ``date_to`` (the history before ``date_from`` included: CTL and ATL start at the first)."""
    by_day = days if isinstance(days, Mapping) else {d.date: d for d in days}
    first = min(by_day) if by_day else None
    out: list[LoadPoint] = []
    ctl = atl = 0.0
    acute: deque[float] = deque(maxlen=ACUTE_DAYS)
    chronic: deque[float] = deque(maxlen=CHRONIC_DAYS)
    day = date_from if first is None or first > date_from else first
    one = dt.timedelta(days=1)
    while day <= date_to:
        found = by_day.get(day)
        load = found.load if found else 0.0
        started = first is not None and day >= first
        form = ctl - atl
        acwr = None
        if started:
            ctl += (load - ctl) / CTL_DAYS
            atl += (load - atl) / ATL_DAYS
            acute.append(load)
            chronic.append(load)
        if day >= date_from:
            if started and first is not None and (day - first).days + 1 >= ACWR_HISTORY_DAYS:
                acwr = acwr_of(acute, chronic)
            out.append(LoadPoint(
                day, load, found.run_load if found else 0.0,
                found.strength_load if found else 0.0, round(ctl, 1), round(atl, 1),
                round(form, 1), acwr, found.estimated if found else False))
        day += one
    return out


def acwr_of(acute: Sequence[float], chronic: Sequence[float]) -> float | None:
    """Mean daily load of the last 7 days over that of the last 28 (None when that is 0)."""
    chronic_mean = sum(chronic) / CHRONIC_DAYS
    if chronic_mean <= 0:
        return None
    return round((sum(acute) / ACUTE_DAYS) / chronic_mean, 2)


class WeekLoad(NamedTuple):
    load: float
    monotony: float | None  # None when every day carried the same load (sd 0)
    strain: float | None


def week_load(daily: Sequence[float]) -> WeekLoad:
    """Weekly load, monotony (mean / sd of the 7 daily loads) and strain (load x monotony)."""
    if len(daily) != 7:
        raise ValueError("A week has 7 daily loads.")
    total = sum(daily)
    mean = total / 7
    sd = math.sqrt(sum((x - mean) ** 2 for x in daily) / 7)
    if sd == 0:
        return WeekLoad(round(total, 1), None, None)
    monotony = mean / sd
    return WeekLoad(round(total, 1), round(monotony, 2), round(total * monotony, 1))
