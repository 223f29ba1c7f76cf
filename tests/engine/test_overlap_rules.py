"""SESSIONS_OVERLAP (docs/rules.md, "Placement rules"): two sessions on the same date, both with
a start time, whose spans (start to start + duration, 60 min when none) overlap. A pair whose
times overlap gets this code alone. Europe/Berlin, week of Monday 23 Nov 2026 unless a row
says."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine import Intensity, Rule, RunType, Session
from tests.engine.builders import MON, TUE, codes, ctx, findings, heavy, lift, line, only, run

OVERLAP = (Rule.SESSIONS_OVERLAP.value, "warning")
PLACEMENT = {
    Rule.HEAVY_BEFORE_KEY_RUN, Rule.HEAVY_SAME_DAY_BEFORE_RUN, Rule.SAME_DAY_TOO_CLOSE,
    Rule.HEAVY_AFTER_LONG_RUN, Rule.HEAVY_SESSIONS_TOO_CLOSE, Rule.STRENGTH_ON_EASY_DAY,
    Rule.SESSIONS_OVERLAP,
}


def light(day: dt.date, start: str | None, minutes: int | None = None) -> Session:
    return lift(day, start, lines=[line("calf-raise", 3, 10)], minutes=minutes)


def placement(found: object) -> list[tuple[str, str]]:
    return [c for c in codes(found) if c[0] in PLACEMENT]  # type: ignore[arg-type]


TABLE = [
    pytest.param(run(MON, "07:00", type=RunType.RECOVERY),
                 run(MON, "07:00", type=RunType.INTERVALS), [OVERLAP],
                 id="a recovery run and intervals both at 07:00"),
    pytest.param(run(MON, "08:00", type=RunType.LONG, minutes=120), run(MON, "09:00"),
                 [OVERLAP], id="a long run 08:00-10:00 and an easy run at 09:00"),
    pytest.param(run(MON, "07:00", minutes=60), run(MON, "08:00"), [],
                 id="one ends at 08:00 as the other starts: no overlap"),
    pytest.param(run(MON, "07:00", minutes=60), light(MON, "07:59"), [OVERLAP],
                 id="a minute shared"),
    pytest.param(run(MON, "07:00"), run(MON, "07:59"), [OVERLAP],
                 id="no duration: 60 min, so 07:00-08:00 and 07:59"),
    pytest.param(run(MON, "07:00"), run(MON, "08:00"), [],
                 id="no duration: 07:00-08:00 ends as 08:00 starts"),
    pytest.param(run(MON, None), run(MON, "07:00"), [],
                 id="one without a start time: never (not its 07:00 default)"),
    pytest.param(run(MON, "23:30", minutes=90), run(TUE, "00:30"), [],
                 id="across midnight: not the same date"),
    pytest.param(heavy(MON, "06:00"), run(MON, "06:30", type=RunType.INTERVALS), [OVERLAP],
                 id="heavy lift into intervals: the overlap alone, not the same-day error"),
    pytest.param(heavy(MON, "06:00"), run(MON, "07:00", type=RunType.INTERVALS),
                 [(Rule.HEAVY_SAME_DAY_BEFORE_RUN.value, "error")],
                 id="heavy lift ending as the intervals start: the same-day error"),
    pytest.param(run(MON, "07:00", type=RunType.INTERVALS), heavy(MON, "07:30"), [OVERLAP],
                 id="intervals then a heavy lift 30 min in: the overlap alone"),
    pytest.param(heavy(MON, "17:00", minutes=45), heavy(MON, "17:30"), [OVERLAP],
                 id="two heavy lifts 17:00-17:45 and 17:30: the overlap alone"),
    pytest.param(heavy(MON, "07:00"), heavy(MON, "17:00"),
                 [(Rule.HEAVY_SESSIONS_TOO_CLOSE.value, "warning")],
                 id="two heavy lifts apart on one date: too close, no overlap"),
]


@pytest.mark.parametrize(("a", "b", "expected"), TABLE)
def test_sessions_overlap(a: Session, b: Session, expected: list[tuple[str, str]]) -> None:
    assert placement(findings(ctx(), [a, b])) == expected


# Europe/Berlin, Sunday 29 March 2026: at 02:00 the clocks jump to 03:00 (a 23 h night).
# Sunday 25 October 2026: at 03:00 they fall back to 02:00, so 02:00-03:00 is lived twice
# (a 25 h night); a wall time in it is its first occurrence (summer time).
SPRING, AUTUMN = dt.date(2026, 3, 29), dt.date(2026, 10, 25)
DST = [
    pytest.param(SPRING, "01:30", 60, "03:00", 30,
                 id="spring: 01:30 + 60 min ends 03:30 summer time, 03:00 overlaps 30 min"),
    pytest.param(SPRING, "01:30", 60, "03:30", None,
                 id="spring: a start at 03:30 is when it ends"),
    pytest.param(AUTUMN, "01:30", 120, "03:00", None,
                 id="autumn: 01:30 + 120 min ends at the second 02:30, before 03:00"),
    pytest.param(AUTUMN, "01:30", 120, "02:30", 60,
                 id="autumn: the first 02:30 is 60 min into it"),
]


@pytest.mark.parametrize(("day", "first", "minutes", "second", "shared"), DST)
def test_sessions_overlap_in_real_time_across_a_clock_change(
        day: dt.date, first: str, minutes: int, second: str, shared: int | None) -> None:
    found = only(findings(ctx(), [run(day, first, minutes=minutes, km=None),
                                  light(day, second)]), Rule.SESSIONS_OVERLAP)
    assert [f"overlap by {shared} min;" in f.explanation for f in found] == (
        [True] if shared else [])


def test_the_overlap_quotes_the_sessions_and_their_clock_times() -> None:
    sessions = [run(MON, "08:00", type=RunType.LONG, minutes=120, km=24, id=1),
                run(MON, "09:00", km=8, id=2)]
    (hit,) = only(findings(ctx(), sessions, today=MON), Rule.SESSIONS_OVERLAP)
    assert hit.title == "Two sessions overlap on Monday 23 Nov"
    assert hit.explanation == (
        "Monday 23 Nov: the 24 km long run (08:00-10:00) and the 8 km easy run "
        "(09:00-10:00) overlap by 60 min; nobody can do both at once.")
    assert hit.key == "SESSIONS_OVERLAP:planned:1,planned:2"
    assert (hit.sessions, hit.dates) == (tuple(s.ref for s in sessions), (MON,))


def test_the_spring_night_is_quoted_on_the_wall_clock() -> None:
    found = findings(ctx(), [run(SPRING, "01:30", km=None, minutes=60), light(SPRING, "03:00")])
    (hit,) = only(found, Rule.SESSIONS_OVERLAP)
    assert "(01:30-03:30)" in hit.explanation and "(03:00-04:00)" in hit.explanation


def test_an_overlapping_lift_is_moved_to_a_time_of_its_own() -> None:
    sessions = [run(MON, "07:00", type=RunType.INTERVALS, id=1),
                lift(MON, "07:30", intensity=Intensity.LIGHT, id=2)]
    (hit,) = only(findings(ctx(), sessions, today=MON), Rule.SESSIONS_OVERLAP)
    assert hit.move is not None and hit.move.session.id == 2
    assert hit.suggestion.startswith("Move Monday 23 Nov's light lower session to ")
