"""Local calendar dates and wall-clock times to real elapsed time in the athlete's zone.

docs/rules.md, "Gap": real elapsed hours between the end of one session and the start of the
next, from local dates and start times in the athlete's IANA zone (a night when the clocks
change is 23 or 25 h long). A session with no start time is taken as: runs 07:00, strength
17:30, a race 08:00; a session with no duration as 60 min. Same day, no times: the order the
athlete gave, else run first.

Every instant here is POSIX seconds (UTC); a difference of two is real elapsed seconds.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from scheduling.engine.types import Kind, Race, RunType, Session

HOUR = 3600.0
RUN_DEFAULT_START = dt.time(7, 0)
STRENGTH_DEFAULT_START = dt.time(17, 30)
RACE_DEFAULT_START = dt.time(8, 0)
DEFAULT_DURATION_MIN = 60


@cache
def zone(name: str) -> ZoneInfo:
    """One ZoneInfo per IANA name for the life of the process."""
    return ZoneInfo(name)


@lru_cache(maxsize=1 << 16)
def instant(zone_name: str, day: dt.date, at: dt.time) -> float:
    """POSIX seconds of a local date and wall-clock time.

    A wall time the clocks skip (02:30 on a spring-forward night) takes the offset in force
    before the change (fold=0), so it lands an hour later in real time; a repeated one (the
    autumn night) is its first occurrence. Both are Python's zoneinfo rules.
    """
    base = _midnight(zone_name, day.toordinal())
    if base is None or at.tzinfo is not None or at.fold:
        return dt.datetime.combine(day, at, tzinfo=zone(zone_name)).timestamp()
    # The date has one UTC offset all day: its local midnight plus the wall time, exactly
    # what ``datetime.timestamp`` gives (whole seconds, then the microseconds).
    seconds = base + at.hour * 3600 + at.minute * 60 + at.second
    return seconds + at.microsecond / 1e6 if at.microsecond else float(seconds)


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


@lru_cache(maxsize=1 << 14)
def _midnight(zone_name: str, day: int) -> int | None:
    """POSIX seconds of local 00:00 on the date (an ordinal) when the zone keeps one UTC
    offset from then to the next midnight; None on a date the clocks change."""
    tz = zone(zone_name)
    date = dt.date.fromordinal(day)
    start = dt.datetime.combine(date, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(date, dt.time(23, 59, 59, 999999), tzinfo=tz)
    offset = start.utcoffset()
    if offset is None or offset != end.utcoffset() or tz.dst(start) != tz.dst(end):
        return None
    # Any change inside the day shows as a real span other than the wall-clock one.
    if end.timestamp() - start.timestamp() != 86399.999999:
        return None
    return (day - _EPOCH_ORDINAL) * 86400 - int(offset.total_seconds())


def local(zone_name: str, seconds: float) -> dt.datetime:
    """The athlete's local wall-clock datetime of an instant."""
    return dt.datetime.fromtimestamp(seconds, tz=zone(zone_name))


def default_start(session: Session) -> dt.time:
    if session.kind is Kind.STRENGTH:
        return STRENGTH_DEFAULT_START
    if session.run_type is RunType.RACE:
        return RACE_DEFAULT_START
    return RUN_DEFAULT_START


def session_span(zone_name: str, session: Session) -> tuple[float, float]:
    """(start, end) of a session in POSIX seconds, defaults filled in."""
    start = instant(zone_name, session.date, session.start_time or default_start(session))
    minutes = session.duration_min if session.duration_min else DEFAULT_DURATION_MIN
    return start, start + minutes * 60.0


def race_start(zone_name: str, race: Race) -> float:
    return instant(zone_name, race.date, race.start_time or RACE_DEFAULT_START)


def hours(seconds: float) -> float:
    return seconds / HOUR


def iso_week_label(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
