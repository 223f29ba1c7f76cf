"""Placement rules (docs/rules.md, "Placement rules"): each row reads like the rule it checks.

Unless a row says otherwise: a heavy session is back squat 4 x 4 at 120 kg lasting 60 min,
a run lasts 60 min, the athlete lives in Europe/Berlin and the week is 23-29 Nov 2026 (no
clock change). Untimed sessions start at the docs/rules.md defaults: runs 07:00, strength 17:30.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine import Intensity, Rule, RunType
from tests.engine.builders import (
    FRI,
    MON,
    SAT,
    SUN,
    THU,
    TUE,
    WED,
    codes,
    ctx,
    findings,
    heavy,
    lift,
    line,
    only,
    run,
    sets,
)

INTERVALS = RunType.INTERVALS
E = "error"
W = "warning"
I = "info"  # noqa: E741

PLACEMENT = {
    Rule.HEAVY_BEFORE_KEY_RUN, Rule.HEAVY_SAME_DAY_BEFORE_RUN, Rule.SAME_DAY_TOO_CLOSE,
    Rule.HEAVY_AFTER_LONG_RUN, Rule.HEAVY_SESSIONS_TOO_CLOSE, Rule.STRENGTH_ON_EASY_DAY,
}


def placement(found: object) -> list[tuple[str, str]]:
    return [c for c in codes(found) if c[0] in PLACEMENT]  # type: ignore[arg-type]


# (heavy lift day, start, run day, start, run type, expected)
HEAVY_BEFORE_KEY = [
    pytest.param(TUE, "07:30", WED, "08:00", INTERVALS, [(Rule.HEAVY_BEFORE_KEY_RUN, E)],
                 id="ends 23.5 h before intervals: error"),
    pytest.param(TUE, "07:30", WED, "08:30", INTERVALS, [(Rule.HEAVY_BEFORE_KEY_RUN, W)],
                 id="ends exactly 24 h before: warning"),
    pytest.param(TUE, "07:30", WED, "20:24", INTERVALS, [(Rule.HEAVY_BEFORE_KEY_RUN, W)],
                 id="ends 35.9 h before: warning"),
    pytest.param(TUE, "07:30", WED, "20:30", INTERVALS, [],
                 id="ends exactly 36 h before: fine"),
    pytest.param(TUE, None, WED, None, INTERVALS, [(Rule.HEAVY_BEFORE_KEY_RUN, E)],
                 id="no times: 17:30-18:30 then 07:00 is 12.5 h: error"),
    pytest.param(TUE, None, THU, None, INTERVALS, [],
                 id="no times, two days on: 36.5 h: fine"),
    pytest.param(TUE, None, THU, "06:00", INTERVALS, [(Rule.HEAVY_BEFORE_KEY_RUN, W)],
                 id="untimed lift, run at 06:00 two days on: 35.5 h: warning"),
    pytest.param(TUE, "23:30", WED, "23:00", RunType.TEMPO, [(Rule.HEAVY_BEFORE_KEY_RUN, E)],
                 id="across midnight: ends 00:30, tempo 22.5 h later: error"),
    pytest.param(TUE, "23:30", THU, "07:00", RunType.HILLS, [(Rule.HEAVY_BEFORE_KEY_RUN, W)],
                 id="across midnight: ends Wed 00:30, hills Thu 07:00 is 30.5 h: warning"),
    pytest.param(TUE, "07:30", WED, "08:00", RunType.EASY, [],
                 id="an easy run is not key: fine"),
    pytest.param(TUE, "07:30", WED, "08:00", RunType.RACE, [(Rule.HEAVY_BEFORE_KEY_RUN, E)],
                 id="a race is key"),
    pytest.param(WED, "07:00", TUE, "08:00", INTERVALS, [],
                 id="lifting after the key run on a later date is not this rule"),
]


@pytest.mark.parametrize(("lift_day", "lift_at", "run_day", "run_at", "kind", "expected"),
                         HEAVY_BEFORE_KEY)
def test_heavy_before_key_run(lift_day: dt.date, lift_at: str | None, run_day: dt.date,
                              run_at: str | None, kind: RunType,
                              expected: list[tuple[str, str]]) -> None:
    found = findings(ctx(), [heavy(lift_day, lift_at), run(run_day, run_at, type=kind)])
    assert placement(found) == expected


KEY_RUNS = [
    pytest.param(dict(type=RunType.LONG), True, id="type long"),
    pytest.param(dict(type=RunType.EASY, minutes=90), True, id="easy of 90 min is long"),
    pytest.param(dict(type=RunType.EASY, minutes=89), False, id="easy of 89 min is not"),
    pytest.param(dict(type=RunType.EASY, minutes=89.75), False,
                 id="easy of 89 min 45 s is not: exact seconds"),
    pytest.param(dict(type=RunType.EASY, minutes=89 + 59 / 60), False,
                 id="easy of 89 min 59 s is not"),
    pytest.param(dict(type=RunType.EASY, rpe=7), True, id="planned RPE 7 is key"),
    pytest.param(dict(type=RunType.EASY, rpe=6), False, id="planned RPE 6 is not"),
    pytest.param(dict(type=RunType.RECOVERY), False, id="recovery run is not"),
    pytest.param(dict(type=RunType.TEMPO), True, id="tempo"),
    pytest.param(dict(type=RunType.HILLS), True, id="hills"),
]


@pytest.mark.parametrize(("run_kw", "is_key"), KEY_RUNS)
def test_what_makes_a_run_key(run_kw: dict[str, object], is_key: bool) -> None:
    found = findings(ctx(), [heavy(TUE, "07:30"), run(WED, "08:00", **run_kw)])  # type: ignore[arg-type]
    assert bool(only(found, Rule.HEAVY_BEFORE_KEY_RUN)) is is_key


def test_a_logged_run_is_key_by_the_rpe_of_its_plan_not_its_session_rpe() -> None:
    planned = run(WED, "08:00", rpe=8, id=50)
    logged = run(WED, "08:00", rpe=4, id=51, logged=True, fulfils=planned.ref)
    assert only(findings(ctx(), [heavy(TUE, "07:30"), planned, logged]),
                Rule.HEAVY_BEFORE_KEY_RUN)
    alone = run(WED, "08:00", rpe=9, id=52, logged=True)
    assert not only(findings(ctx(), [heavy(TUE, "07:30"), alone]), Rule.HEAVY_BEFORE_KEY_RUN)


# A race without a start time starts at 08:00 (other runs at 07:00).
RACE_AT_EIGHT = [
    pytest.param(TUE, "07:00", Rule.HEAVY_BEFORE_KEY_RUN, "warning",
                 id="ends Tue 08:00, 24 h before the race: warning"),
    pytest.param(TUE, "07:30", Rule.HEAVY_BEFORE_KEY_RUN, "error",
                 id="ends Tue 08:30, 23.5 h before the race: error"),
    pytest.param(WED, "07:30", Rule.HEAVY_SAME_DAY_BEFORE_RUN, "error",
                 id="starts 07:30 the same day: before the race at 08:00"),
]


@pytest.mark.parametrize(("day", "lift_at", "rule", "severity"), RACE_AT_EIGHT)
def test_a_race_without_a_start_time_starts_at_eight(day: dt.date, lift_at: str, rule: Rule,
                                                     severity: str) -> None:
    found = findings(ctx(), [heavy(day, lift_at), run(WED, type=RunType.RACE)])
    assert placement(found) == [(rule.value, severity)]


# Daylight saving. Europe/Berlin, Sunday 29 March 2026: at 02:00 the clocks jump to 03:00,
# so that night is 23 h long. America/New_York, Sunday 1 November 2026: at 02:00 the clocks
# fall back to 01:00, so that night is 25 h long.
BERLIN_SPRING = dt.date(2026, 3, 28)  # Saturday before the jump
NY_FALL = dt.date(2026, 10, 31)  # Saturday before the fall back
DST = [
    pytest.param("Europe/Berlin", BERLIN_SPRING, "20:00", "21:00", E,
                 id="Berlin spring: 21:00 Sat to 21:00 Sun reads 24 h but is 23 h: error"),
    pytest.param("Europe/Berlin", BERLIN_SPRING, "20:00", "22:00", W,
                 id="Berlin spring: 22:00 Sun is 24 h real: warning"),
    pytest.param("America/New_York", NY_FALL, "20:00", "20:00", W,
                 id="New York fall: 21:00 Sat to 20:00 Sun reads 23 h but is 24 h: warning"),
    pytest.param("America/New_York", NY_FALL, "20:00", "19:30", E,
                 id="New York fall: 19:30 Sun is 23.5 h real: error"),
    pytest.param("Europe/Berlin", BERLIN_SPRING, "07:00", "20:30", W,
                 id="Berlin spring: ends 08:00 Sat, 20:30 Sun reads 36.5 h but is 35.5 h: "
                    "warning"),
    pytest.param("America/New_York", NY_FALL, "07:00", "19:30", None,
                 id="New York fall: ends 08:00 Sat, 19:30 Sun reads 35.5 h but is 36.5 h: "
                    "fine"),
]


@pytest.mark.parametrize(("zone", "saturday", "lift_at", "run_at", "severity"), DST)
def test_gaps_are_real_hours_across_a_clock_change(zone: str, saturday: dt.date,
                                                   lift_at: str, run_at: str,
                                                   severity: str | None) -> None:
    sunday = saturday + dt.timedelta(days=1)
    found = findings(ctx(timezone=zone), [heavy(saturday, lift_at),
                                          run(sunday, run_at, type=INTERVALS)])
    expected = [(Rule.HEAVY_BEFORE_KEY_RUN, severity)] if severity else []
    assert placement(found) == expected


SAME_DAY = [
    pytest.param("07:00", "13:30", [(Rule.SAME_DAY_TOO_CLOSE, I)],
                 id="intervals 07:00-08:00, heavy at 13:30 (5.5 h): info"),
    pytest.param("07:00", "14:00", [], id="heavy at 14:00 (6 h): fine"),
    pytest.param("07:00", "11:00", [(Rule.SAME_DAY_TOO_CLOSE, I)],
                 id="heavy at 11:00 (3 h): info"),
    pytest.param("07:00", "10:54", [(Rule.SAME_DAY_TOO_CLOSE, W)],
                 id="heavy at 10:54 (2.9 h): warning"),
    pytest.param("07:00", "08:00", [(Rule.SAME_DAY_TOO_CLOSE, W)],
                 id="heavy straight after the run: warning"),
    pytest.param(None, None, [], id="no times: run 07:00, lift 17:30 (9.5 h): fine"),
    pytest.param(None, "09:00", [(Rule.SAME_DAY_TOO_CLOSE, W)],
                 id="untimed run (07:00-08:00), heavy at 09:00: warning"),
    pytest.param("18:00", "06:00", [(Rule.HEAVY_SAME_DAY_BEFORE_RUN, E)],
                 id="heavy 06:00, intervals 18:00: same-day code, not HEAVY_BEFORE_KEY_RUN"),
    pytest.param("19:00", None, [(Rule.HEAVY_SAME_DAY_BEFORE_RUN, E)],
                 id="untimed lift (17:30) before intervals at 19:00: error"),
]


@pytest.mark.parametrize(("run_at", "lift_at", "expected"), SAME_DAY)
def test_same_day_key_run_and_heavy_lift(run_at: str | None, lift_at: str | None,
                                         expected: list[tuple[str, str]]) -> None:
    found = findings(ctx(), [run(WED, run_at, type=INTERVALS), heavy(WED, lift_at)])
    assert placement(found) == expected


def test_same_day_without_times_follows_the_order_the_athlete_gave() -> None:
    lift_first = [heavy(WED, order=1), run(WED, type=INTERVALS, order=2)]
    run_first = [heavy(WED, order=2), run(WED, type=INTERVALS, order=1)]
    assert placement(findings(ctx(), lift_first)) == [(Rule.HEAVY_SAME_DAY_BEFORE_RUN, E)]
    assert placement(findings(ctx(), run_first)) == []


def test_same_day_before_an_easy_run_or_with_a_moderate_lift_is_fine() -> None:
    moderate = lift(WED, "06:00", lines=[line(sets=2, reps=4)])
    assert placement(findings(ctx(), [heavy(WED, "06:00"), run(WED, "18:00")])) == []
    assert placement(findings(ctx(), [moderate, run(WED, "18:00", type=INTERVALS)])) == []


AFTER_LONG = [
    pytest.param(dict(type=RunType.LONG, km=24), [line(sets=2)], [(Rule.HEAVY_AFTER_LONG_RUN, W)],
                 id="moderate lift the day after a long run: warning"),
    pytest.param(dict(type=RunType.LONG, km=24), [line(sets=4)], [(Rule.HEAVY_AFTER_LONG_RUN, W)],
                 id="heavy lift the day after a long run: warning"),
    pytest.param(dict(type=RunType.LONG, km=24), [line(reps=10)], [],
                 id="light lift the day after: fine"),
    pytest.param(dict(type=RunType.EASY, minutes=95), [line(sets=4)],
                 [(Rule.HEAVY_AFTER_LONG_RUN, W)], id="a 95 min easy run is long"),
    pytest.param(dict(type=RunType.EASY, minutes=80), [line(sets=4)], [],
                 id="an 80 min easy run is not long"),
]


@pytest.mark.parametrize(("run_kw", "lines", "expected"), AFTER_LONG)
def test_lifting_the_day_after_a_long_run(run_kw: dict[str, object], lines: list[object],
                                          expected: list[tuple[str, str]]) -> None:
    sessions = [run(SUN - dt.timedelta(days=7), "08:00", **run_kw),  # type: ignore[arg-type]
                lift(MON, "17:30", lines=lines)]  # type: ignore[arg-type]
    assert placement(findings(ctx(), sessions)) == expected


def test_lifting_two_days_after_a_long_run_is_fine() -> None:
    sessions = [run(SUN - dt.timedelta(days=7), "08:00", type=RunType.LONG), heavy(TUE)]
    assert placement(findings(ctx(), sessions)) == []


HEAVY_CLOSE = [
    pytest.param(MON, WED, [(Rule.HEAVY_SESSIONS_TOO_CLOSE, W)], id="Monday and Wednesday"),
    pytest.param(MON, THU, [], id="Monday and Thursday: 3 days apart, fine"),
    pytest.param(MON, TUE, [(Rule.HEAVY_SESSIONS_TOO_CLOSE, W)], id="consecutive days"),
    pytest.param(FRI, SUN + dt.timedelta(days=1), [], id="Friday and next Monday"),
]


@pytest.mark.parametrize(("first", "second", "expected"), HEAVY_CLOSE)
def test_two_heavy_sessions_need_three_days(first: dt.date, second: dt.date,
                                            expected: list[tuple[str, str]]) -> None:
    assert placement(findings(ctx(), [heavy(first), heavy(second)])) == expected


def test_a_heavy_and_a_moderate_session_two_days_apart_are_fine() -> None:
    sessions = [heavy(MON), lift(WED, lines=[line(sets=2)])]
    assert placement(findings(ctx(), sessions)) == []


def test_heavy_on_an_easy_day_when_a_key_day_could_host_it() -> None:
    easy_day = [run(TUE, "07:00"), heavy(TUE, "18:00", id=7), run(THU, "07:00", type=INTERVALS)]
    (hint,) = only(findings(ctx(), easy_day, today=MON), Rule.STRENGTH_ON_EASY_DAY)
    assert hint.severity.value == I
    assert hint.move is not None and hint.move.date == THU
    assert hint.move.start_time == dt.time(14, 0)  # 6 h after the intervals end at 08:00


STRENGTH_ON_EASY = [
    pytest.param([run(THU, "07:00", type=INTERVALS), run(FRI, "16:00", type=RunType.TEMPO)],
                 False, id="Thursday's evening sits 25 h before Friday's tempo (a warning), "
                           "and Friday's is past 21:00"),
    pytest.param([], False, id="no key-run day this week"),
    pytest.param([run(THU, "16:00", type=INTERVALS)], False,
                 id="6 h after the key run is past 21:00: no host"),
    pytest.param([run(THU, "14:00", type=INTERVALS)], True,
                 id="6 h after the key run is 21:00: the latest start, a host"),
]


@pytest.mark.parametrize(("others", "flagged"), STRENGTH_ON_EASY)
def test_strength_on_easy_day_needs_a_host_that_breaks_nothing(others: list[object],
                                                               flagged: bool) -> None:
    sessions = [run(TUE, "07:00"), heavy(TUE, "18:00"), *others]
    found = findings(ctx(), sessions, today=MON)  # type: ignore[arg-type]
    assert bool(only(found, Rule.STRENGTH_ON_EASY_DAY)) is flagged


def test_heavy_on_a_rest_day_is_not_an_easy_day() -> None:
    sessions = [heavy(TUE, "18:00"), run(THU, "07:00", type=INTERVALS)]
    assert not only(findings(ctx(), sessions, today=MON), Rule.STRENGTH_ON_EASY_DAY)


def test_a_logged_heavy_session_on_an_easy_day_gets_the_hint_but_no_move() -> None:
    done = lift(TUE, "18:00", logged=sets(n=4, reps=4))
    sessions = [run(TUE, "07:00", logged=True), done,
                run(THU, "07:00", type=INTERVALS, logged=True)]
    (hint,) = only(findings(ctx(), sessions, today=SAT), Rule.STRENGTH_ON_EASY_DAY)
    assert hint.move is None


def test_one_pair_gives_one_placement_finding() -> None:
    # Heavy at 06:00 then intervals at 07:30 the same day: only the same-day code,
    # even though the lift also ends < 24 h before the run.
    found = findings(ctx(), [heavy(WED, "06:00"), run(WED, "07:30", type=INTERVALS)])
    assert placement(found) == [(Rule.HEAVY_SAME_DAY_BEFORE_RUN, E)]


def test_explicit_intensity_makes_a_session_heavy_without_a_prescription() -> None:
    found = findings(ctx(), [lift(TUE, "07:30", intensity=Intensity.HEAVY),
                             run(WED, "08:00", type=INTERVALS)])
    assert placement(found) == [(Rule.HEAVY_BEFORE_KEY_RUN, E)]
