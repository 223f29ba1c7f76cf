"""When a strength session may start: the athlete's availability and candidate start times.

Availability (docs/rules.md): the athlete's days and start-time windows; none set means every
day, 06:00-21:00. Candidate times are on the half hour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from scheduling.engine.prepare import Item
from scheduling.engine.timeline import HOUR, local
from scheduling.engine.types import AthleteContext

DEFAULT_WINDOW = (dt.time(6, 0), dt.time(21, 0))
HARD_DAY_GAP_H = 6  # "the evening of a key-run day (>= 6 h after the run)"
ANCHORS = (dt.time(12, 0), dt.time(17, 30))  # midday and the usual after-work time


def windows(context: AthleteContext, weekday: int) -> list[tuple[dt.time, dt.time]]:
    """Start-time windows (earliest, latest start) on a weekday; [] when unavailable."""
    if not context.availability:
        return [DEFAULT_WINDOW]
    return sorted((a.earliest, a.latest) for a in context.availability if a.weekday == weekday)


def available(context: AthleteContext, day: dt.date, at: dt.time) -> bool:
    return any(lo <= at <= hi for lo, hi in windows(context, day.weekday()))


def time_after(zone_name: str, day: dt.date, instant_s: float, gap_h: float) -> dt.time | None:
    """The first half-hour wall time on ``day`` at least ``gap_h`` real hours after an instant
    (None when that falls on the next day)."""
    moment = local(zone_name, instant_s + gap_h * HOUR)
    if moment.date() != day:
        return None
    minutes = moment.hour * 60 + moment.minute + (1 if moment.second or moment.microsecond else 0)
    minutes = -(-minutes // 30) * 30
    if minutes >= 24 * 60:
        return None
    return dt.time(minutes // 60, minutes % 60)


def host_time(context: AthleteContext, day: dt.date, runs: Iterable[Item]) -> dt.time | None:
    """Evening slot of a key-run day: the first available half hour >= 6 h after its runs."""
    key_runs = [r for r in runs if r.key]
    if not key_runs:
        return None
    last_end = max(r.end for r in key_runs)
    earliest = time_after(context.timezone, day, last_end, HARD_DAY_GAP_H)
    if earliest is None:
        return None
    for lo, hi in windows(context, day.weekday()):
        start = max(lo, earliest)
        if start <= hi:
            return start
    return None


def candidate_times(context: AthleteContext, day: dt.date,
                    runs: Iterable[Item]) -> list[dt.time]:
    """A few sensible start times on ``day``: each window's first and last start, midday,
    17:30, and the first half hour 6 h after each run of the day, inside availability."""
    wins = windows(context, day.weekday())
    if not wins:
        return []
    found: set[dt.time] = set()
    for lo, hi in wins:
        found.add(lo)
        found.add(hi)
        found.update(a for a in ANCHORS if lo <= a <= hi)
    for run in runs:
        after = time_after(context.timezone, day, run.end, HARD_DAY_GAP_H)
        if after is not None and any(lo <= after <= hi for lo, hi in wins):
            found.add(after)
    return sorted(found)
