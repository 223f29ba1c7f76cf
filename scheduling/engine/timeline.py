"""Local calendar dates and wall-clock times to real elapsed time in the athlete's zone.

RULES.md, "Gap": real elapsed hours between the end of one session and the start of the
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

from scheduling.engine.types import Kind, Race, RunType, Session, SessionRef

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
    return dt.datetime.combine(day, at, tzinfo=zone(zone_name)).timestamp()


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


def same_day_first(a_kind: Kind, a_time: dt.time | None, a_order: int, a_start: float,
                   a_ref: SessionRef, b_kind: Kind, b_time: dt.time | None, b_order: int,
                   b_start: float, b_ref: SessionRef) -> bool:
    """Whether session ``a`` comes before ``b`` on their shared date.

    With a start time on either, the (default-filled) start times decide. With none on
    either: the order the athlete gave, else the run first. Ties: the run, then the ref.
    """
    if a_time is None and b_time is None:
        if a_order != b_order:
            return a_order < b_order
        if a_kind is not b_kind:
            return a_kind is Kind.RUN
    if a_start != b_start:
        return a_start < b_start
    if a_kind is not b_kind:
        return a_kind is Kind.RUN
    return a_ref < b_ref


def hours(seconds: float) -> float:
    return seconds / HOUR


def iso_week_label(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
