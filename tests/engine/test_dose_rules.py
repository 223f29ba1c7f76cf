"""Dose rules (docs/rules.md, "Dose rules"): weekly frequency by phase, taper, race week,
race-specific maintenance. Week of Monday 23 Nov 2026 (2026-W48) unless a row says."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine import Phase, PhaseBlock, Race, Rule, SourceType, check
from tests.engine.builders import (
    FRI,
    MON,
    NEXT_MON,
    SAT,
    SUN,
    THU,
    TUE,
    WED,
    ctx,
    findings,
    heavy,
    lift,
    line,
    only,
    run,
    sets,
)

WEEK = PhaseBlock(MON, SUN, Phase.BASE)
DAYS = [MON, TUE, WED, THU, FRI, SAT, SUN]


def in_phase(phase: Phase) -> PhaseBlock:
    return PhaseBlock(MON - dt.timedelta(days=30), SUN + dt.timedelta(days=30), phase)


def light_on(days: list[dt.date]) -> list[object]:
    return [lift(d, lines=[line("calf-raise", 3, 10)]) for d in days]


WEEKLY = [
    pytest.param(Phase.BASE, 1, [(Rule.WEEKLY_FREQUENCY_LOW, "info")], id="base wants 2: 1"),
    pytest.param(Phase.BASE, 2, [], id="base: 2 is right"),
    pytest.param(Phase.BASE, 3, [], id="base allows 3"),
    pytest.param(Phase.BASE, 4, [(Rule.WEEKLY_FREQUENCY_HIGH, "warning")], id="base: 4 > 3"),
    pytest.param(Phase.RACE_SPECIFIC, 0, [(Rule.WEEKLY_FREQUENCY_LOW, "info")],
                 id="race-specific wants 1: none"),
    pytest.param(Phase.RACE_SPECIFIC, 1, [], id="race-specific: 1 is right"),
    pytest.param(Phase.RACE_SPECIFIC, 2, [], id="race-specific allows 2"),
    pytest.param(Phase.RACE_SPECIFIC, 3, [(Rule.WEEKLY_FREQUENCY_HIGH, "warning")],
                 id="race-specific: 3 > 2"),
    pytest.param(Phase.TAPER, 0, [], id="taper wants none"),
    pytest.param(Phase.TAPER, 1, [], id="taper allows 1"),
    pytest.param(Phase.TAPER, 2, [(Rule.WEEKLY_FREQUENCY_HIGH, "warning")], id="taper: 2 > 1"),
    pytest.param(Phase.RECOVERY, 2, [(Rule.WEEKLY_FREQUENCY_HIGH, "warning")],
                 id="recovery: 2 > 1"),
    pytest.param(Phase.OFFSEASON, 1, [(Rule.WEEKLY_FREQUENCY_LOW, "info")],
                 id="offseason wants 2: 1"),
    pytest.param(Phase.OFFSEASON, 4, [(Rule.WEEKLY_FREQUENCY_HIGH, "warning")],
                 id="offseason: 4 > 3"),
]


@pytest.mark.parametrize(("phase", "count", "expected"), WEEKLY)
def test_weekly_frequency_by_phase(phase: Phase, count: int,
                                   expected: list[tuple[str, str]]) -> None:
    sessions = light_on([MON, WED, FRI, SUN][:count])
    found = check(ctx(phases=(in_phase(phase),)), sessions, today=MON,  # type: ignore[arg-type]
                  window_start=MON, window_end=SUN)
    assert [(f.rule, f.severity.value) for f in found if f.rule.startswith("WEEKLY")] == expected


def test_a_week_with_no_strength_session_has_its_own_identity() -> None:
    (low,) = check(ctx(), [], today=MON, window_start=MON, window_end=SUN)
    assert low.key == "WEEKLY_FREQUENCY_LOW@2026-W48"
    assert low.sessions == () and low.dates == (MON,)


def test_weekly_findings_name_the_weeks_sessions_and_the_week() -> None:
    sessions = light_on([TUE])
    (low,) = check(ctx(), sessions, today=MON, window_start=MON, window_end=SUN)  # type: ignore[arg-type]
    assert low.key == f"WEEKLY_FREQUENCY_LOW:planned:{sessions[0].ref.id}@2026-W48"  # type: ignore[attr-defined]
    assert low.dates == (TUE,)


def test_a_week_takes_the_phase_of_its_monday() -> None:
    # Monday is race-specific (wants 1); taper (allows 1) starts on Tuesday.
    blocks = (PhaseBlock(MON - dt.timedelta(days=30), MON, Phase.RACE_SPECIFIC),
              PhaseBlock(TUE, SUN, Phase.TAPER))
    found = check(ctx(phases=blocks), light_on([WED, FRI]), today=MON,  # type: ignore[arg-type]
                  window_start=MON, window_end=SUN)
    assert not [f for f in found if f.rule.startswith("WEEKLY")]


def test_weekly_rules_cover_every_iso_week_the_window_touches() -> None:
    found = check(ctx(), [], today=MON, window_start=THU, window_end=NEXT_MON)
    assert [f.key for f in found] == ["WEEKLY_FREQUENCY_LOW@2026-W48",
                                      "WEEKLY_FREQUENCY_LOW@2026-W49"]


def test_a_missed_session_does_not_count_and_a_fulfilled_one_counts_once() -> None:
    missed = lift(MON, lines=[line(reps=10)])
    planned = lift(TUE, lines=[line(reps=10)])
    done = lift(TUE, logged=sets(reps=10, load=60), fulfils=planned.ref)
    extra = lift(THU, lines=[line(reps=10)])
    found = check(ctx(), [missed, planned, done, extra], today=WED, window_start=MON,
                  window_end=SUN)
    assert not [f for f in found if f.rule.startswith("WEEKLY")]  # done + extra = 2
    found = check(ctx(), [missed, planned, done], today=WED, window_start=MON, window_end=SUN)
    (low,) = only(found, Rule.WEEKLY_FREQUENCY_LOW)
    assert [r.type for r in low.sessions] == [SourceType.STRENGTH]


RACE = Race(dt.date(2026, 12, 6), name="Valencia Marathon")  # Sunday, 08:00


def race_ctx(**kw: object) -> object:
    return ctx(goal_race=RACE, **kw)


TAPER = [
    pytest.param(0, "06:00", "error", id="race morning, before the start"),
    pytest.param(7, "17:30", "error", id="7 days before: error"),
    pytest.param(8, "17:30", "warning", id="8 days before: warning"),
    pytest.param(10, "17:30", "warning", id="10 days before: warning"),
    pytest.param(11, "17:30", None, id="11 days before: fine"),
    pytest.param(-1, "17:30", None, id="the day after the race is not before it"),
    pytest.param(0, "18:00", None, id="race day after the race is not before it"),
]


@pytest.mark.parametrize(("days_before", "start", "severity"), TAPER)
def test_taper_heavy(days_before: int, start: str, severity: str | None) -> None:
    day = RACE.date - dt.timedelta(days=days_before)
    found = findings(race_ctx(), [heavy(day, start)])  # type: ignore[arg-type]
    assert [f.severity.value for f in only(found, Rule.TAPER_HEAVY)] == (
        [severity] if severity else [])


def test_taper_heavy_names_the_strength_session_only() -> None:
    session = heavy(RACE.date - dt.timedelta(days=5), id=77)
    (taper,) = only(findings(race_ctx(), [session]), Rule.TAPER_HEAVY)  # type: ignore[arg-type]
    assert taper.sessions == (session.ref,)
    assert taper.key == "TAPER_HEAVY:planned:77"
    assert "Valencia Marathon" in taper.explanation and "5 days" in taper.explanation


def test_a_moderate_session_in_the_taper_is_not_taper_heavy() -> None:
    session = lift(RACE.date - dt.timedelta(days=5), lines=[line(sets=2)])
    assert not only(findings(race_ctx(), [session]), Rule.TAPER_HEAVY)  # type: ignore[arg-type]


RACE_WEEK = [
    pytest.param(None, "07:00", None, id="ends Wed 08:00, race Sun 08:00: exactly 96 h, fine"),
    pytest.param(None, "07:30", "warning", id="ends 95.5 h before: warning"),
    pytest.param(dt.time(10, 0), "09:00", None, id="race at 10:00: ends exactly 96 h before"),
    pytest.param(dt.time(10, 0), "09:30", "warning", id="race at 10:00: 95.5 h"),
]


@pytest.mark.parametrize(("race_at", "lift_at", "severity"), RACE_WEEK)
def test_race_week_too_close(race_at: dt.time | None, lift_at: str,
                             severity: str | None) -> None:
    race = Race(RACE.date, start_time=race_at)
    wednesday = RACE.date - dt.timedelta(days=4)
    session = lift(wednesday, lift_at, lines=[line("calf-raise", 3, 10)])  # a light one
    found = findings(ctx(goal_race=race), [session])
    assert [f.severity.value for f in only(found, Rule.RACE_WEEK_TOO_CLOSE)] == (
        [severity] if severity else [])


def test_race_week_counts_real_hours_across_the_spring_clock_change() -> None:
    # Berlin, Sunday 29 March 2026: clocks jump 02:00 -> 03:00. A session ending Wednesday
    # 08:00 CET is 96 h before Sunday 08:00 on the wall clock but only 95 h in real time.
    race = Race(dt.date(2026, 3, 29))
    session = lift(dt.date(2026, 3, 25), "07:00", lines=[line("calf-raise", 3, 10)])
    found = findings(ctx(goal_race=race), [session])
    (close,) = only(found, Rule.RACE_WEEK_TOO_CLOSE)
    assert "95 h" in close.explanation


def rs_ctx() -> object:
    return ctx(phases=(PhaseBlock(MON - dt.timedelta(days=30), SUN, Phase.RACE_SPECIFIC),))


MAINTENANCE = [
    pytest.param([line(sets=3, reps=4, rir=2)], [], id="3 x 4 at RIR 2: right"),
    pytest.param([line(sets=4, reps=4)], [Rule.MAINTENANCE_TOO_MUCH], id="4 sets > 3"),
    pytest.param([line(sets=2), line(sets=2, order=2)], [Rule.MAINTENANCE_TOO_MUCH],
                 id="two lines of one lift add up to 4"),
    pytest.param([line(sets=2), line("deadlift", sets=2, order=2)], [],
                 id="2 + 2 sets of two lifts: fine"),
    pytest.param([line(sets=3, reps=6)], [], id="6 reps: fine"),
    pytest.param([line(sets=3, reps=7)], [Rule.MAINTENANCE_TOO_LIGHT], id="7 reps > 6"),
    pytest.param([line(sets=3, reps=5, rir=3)], [], id="RIR 3: fine"),
    pytest.param([line(sets=3, reps=5, rir=4)], [Rule.MAINTENANCE_TOO_LIGHT], id="RIR 4 > 3"),
    pytest.param([line("calf-raise", sets=5, reps=15)], [], id="accessories are not judged"),
]


@pytest.mark.parametrize(("lines", "expected"), MAINTENANCE)
def test_maintenance_in_the_race_specific_phase(lines: list[object],
                                                expected: list[str]) -> None:
    found = findings(rs_ctx(), [lift(WED, lines=lines)])  # type: ignore[arg-type]
    assert [f.rule for f in found if f.rule.startswith("MAINTENANCE")] == expected


def test_maintenance_rules_sleep_outside_the_race_specific_phase() -> None:
    found = findings(ctx(), [lift(WED, lines=[line(sets=4, reps=8, rir=4)])])
    assert not [f for f in found if f.rule.startswith("MAINTENANCE")]


def test_race_week_and_weekly_rules_ignore_runs() -> None:
    found = findings(race_ctx(), [run(RACE.date - dt.timedelta(days=1))])  # type: ignore[arg-type]
    assert not only(found, Rule.RACE_WEEK_TOO_CLOSE)


# NO_E1RM_FOR_PERCENT: today Sunday 29 Nov 2026; "the last 6 weeks" are 19 Oct - 29 Nov
# (42 dates, today included). The plan: back squat 4 x 5 at 80 % e1RM on Wednesday 2 Dec.
AHEAD = NEXT_MON + dt.timedelta(days=2)


def squats(days_before: int, reps: int = 5, load: float = 100, **kw: object) -> object:
    return lift(SUN - dt.timedelta(days=days_before), logged=sets(n=1, reps=reps, load=load,
                                                                  **kw))  # type: ignore[arg-type]


NO_E1RM = [
    pytest.param([], {}, line(sets=4, reps=5, pct=80), True, id="no squat ever logged"),
    pytest.param([squats(41)], {}, line(sets=4, reps=5, pct=80), False,
                 id="a set 41 days back: the 6 weeks hold it"),
    pytest.param([squats(42)], {}, line(sets=4, reps=5, pct=80), True,
                 id="a set 42 days back: outside the 6 weeks"),
    pytest.param([squats(0)], {}, line(sets=4, reps=5, pct=80), False, id="a set today"),
    pytest.param([squats(3, reps=10)], {}, line(sets=4, reps=5, pct=80), False,
                 id="a set of 10 reps gives an e1RM"),
    pytest.param([squats(3, reps=11)], {}, line(sets=4, reps=5, pct=80), True,
                 id="a set of 11 reps gives none"),
    pytest.param([squats(3, warmup=True)], {}, line(sets=4, reps=5, pct=80), True,
                 id="a warm-up is no working set"),
    pytest.param([squats(3, load=0)], {}, line(sets=4, reps=5, pct=80), True,
                 id="an unloaded set gives none"),
    pytest.param([lift(SUN - dt.timedelta(days=3), logged=sets("front-squat", 1, 5))], {},
                 line(sets=4, reps=5, pct=80), True, id="another lift's e1RM is not this one"),
    pytest.param([], {"back-squat": 140.0}, line(sets=4, reps=5, pct=80), False,
                 id="an e1RM the context knows"),
    pytest.param([], {}, line(sets=4, reps=5, pct=80, load=100), False,
                 id="a load beside the percentage: the athlete knows it"),
    pytest.param([], {}, line(sets=4, reps=5, load=100), False, id="a load alone"),
]


@pytest.mark.parametrize(("history", "e1rm", "planned", "flagged"), NO_E1RM)
def test_no_e1rm_for_percent(history: list[object], e1rm: dict[str, float], planned: object,
                             flagged: bool) -> None:
    sessions = [*history, lift(AHEAD, lines=[planned])]  # type: ignore[list-item]
    found = only(findings(ctx(e1rm=e1rm), sessions, today=SUN, start=AHEAD, end=AHEAD),  # type: ignore[arg-type]
                 Rule.NO_E1RM_FOR_PERCENT)
    assert [f.severity.value for f in found] == (["info"] if flagged else [])


# Europe/Berlin, Sunday 29 March 2026: the clocks jump from 02:00 to 03:00. The 6 weeks are
# calendar dates: counted back from Sunday 5 April, a set 41 dates back (Tuesday 24 Feb)
# still counts although those 42 days hold one of only 23 hours.
DST_TODAY = dt.date(2026, 4, 5)


@pytest.mark.parametrize(("days_before", "flagged"), [(41, False), (42, True)])
def test_no_e1rm_counts_calendar_dates_across_a_clock_change(days_before: int,
                                                             flagged: bool) -> None:
    logged = lift(DST_TODAY - dt.timedelta(days=days_before), "17:30",
                  logged=sets(n=1, reps=5, load=100))
    planned = lift(DST_TODAY + dt.timedelta(days=1), lines=[line(sets=4, reps=5, pct=80)])
    found = findings(ctx(), [logged, planned], today=DST_TODAY, start=planned.date,
                     end=planned.date)
    assert bool(only(found, Rule.NO_E1RM_FOR_PERCENT)) is flagged


def test_no_e1rm_names_the_lifts_and_quotes_their_lines() -> None:
    planned = lift(AHEAD, lines=[line(sets=4, reps=5, pct=80),
                                 line("calf-raise", 3, 10, pct=60, order=2),
                                 line("deadlift", 3, 5, load=140, order=3)], id=7)
    (hit,) = only(findings(ctx(), [planned], today=SUN), Rule.NO_E1RM_FOR_PERCENT)
    assert hit.title == "No e1RM for back squat and calf raise"
    assert hit.explanation.startswith(
        "Wednesday 2 Dec: back squat, 4 x 5 at 80 % e1RM; calf raise, 3 x 10 at 60 % e1RM. "
        "No working set of back squat and calf raise of 1-10 reps was logged in the last "
        "6 weeks")
    assert hit.key == "NO_E1RM_FOR_PERCENT:planned:7" and hit.move is None
