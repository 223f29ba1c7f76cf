"""Set rules (docs/rules.md, "Set rules"): how each set is lifted. Base phase unless a row says."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine import LoggedSet, Phase, PhaseBlock, Rule, check
from tests.engine.builders import SUN, WED, ctx, findings, lift, line, only, sets

TAPER = (PhaseBlock(WED - dt.timedelta(days=3), WED + dt.timedelta(days=3), Phase.TAPER),)


def rules_of(found: object, *wanted: str) -> list[str]:
    return [f.rule for f in found if f.rule in wanted]  # type: ignore[attr-defined]


MAIN_REPS = [
    pytest.param(sets(n=3, reps=3), [], id="logged 3 reps: in range"),
    pytest.param(sets(n=3, reps=2), [Rule.MAIN_LIFT_REPS], id="logged 2 reps: below 3"),
    pytest.param(sets(n=3, reps=6), [], id="logged 6 reps: in range"),
    pytest.param(sets(n=3, reps=7), [Rule.MAIN_LIFT_REPS], id="logged 7 reps: above 6"),
    pytest.param(sets(n=1, reps=12, warmup=True) + sets(n=3, reps=5), [],
                 id="warm-up sets are not judged"),
    pytest.param(sets("calf-raise", n=3, reps=10), [], id="accessories are not main lifts"),
]


@pytest.mark.parametrize(("logged", "expected"), MAIN_REPS)
def test_main_lift_reps_logged(logged: list[LoggedSet], expected: list[str]) -> None:
    found = findings(ctx(), [lift(WED, logged=logged)])
    assert rules_of(found, Rule.MAIN_LIFT_REPS) == expected


@pytest.mark.parametrize(("reps", "flagged"), [((4, 6), False), ((5, 8), True), ((2, 5), True),
                                               ((3, 3), False)])
def test_main_lift_reps_planned_use_the_whole_range(reps: tuple[int, int], flagged: bool) -> None:
    found = findings(ctx(), [lift(WED, lines=[line(sets=3, reps=reps)])])
    assert bool(only(found, Rule.MAIN_LIFT_REPS)) is flagged


def test_main_lift_reps_only_in_base_and_race_specific() -> None:
    found = findings(ctx(phases=TAPER), [lift(WED, lines=[line(sets=3, reps=8)])])
    assert not only(found, Rule.MAIN_LIFT_REPS)


ACCESSORY = [
    pytest.param(sets("calf-raise", 3, 8, 0), [], id="8 reps: in range"),
    pytest.param(sets("calf-raise", 3, 7, 0), [Rule.ACCESSORY_REPS], id="7 reps: below 8"),
    pytest.param(sets("calf-raise", 3, 12, 0), [], id="12 reps: in range"),
    pytest.param(sets("calf-raise", 3, 13, 0), [Rule.ACCESSORY_REPS], id="13 reps: above 12"),
    pytest.param(sets("plank", 3, 1, 0, hold=45), [], id="a core hold is excluded"),
    pytest.param(sets("plank", 3, 45, 0), [], id="a plank typed as 3 x 45 reps: core, excluded"),
    pytest.param(sets("pallof-press", 3, 5, 0), [], id="core work with reps is excluded"),
    pytest.param(sets("dead-bug", 3, 20, 0), [], id="a dead bug of 20 reps: core, excluded"),
    pytest.param(sets("glute-bridge", 3, 1, 0, hold=30), [],
                 id="a glute bridge held 30 s: a hold, excluded"),
    pytest.param(sets("glute-bridge", 3, 15, 0), [Rule.ACCESSORY_REPS],
                 id="a glute bridge of 15 reps is judged"),
    pytest.param(sets("pogo-hops", 3, 20, 0), [], id="plyometrics are excluded"),
]


@pytest.mark.parametrize(("logged", "expected"), ACCESSORY)
def test_accessory_reps(logged: list[LoggedSet], expected: list[str]) -> None:
    found = findings(ctx(), [lift(WED, logged=logged)])
    assert rules_of(found, Rule.ACCESSORY_REPS) == expected


ACCESSORY_PLANNED = [
    pytest.param(line("calf-raise", 3, (8, 12)), False, id="8-12: in range"),
    pytest.param(line("calf-raise", 3, (6, 10)), True, id="6-10: the low end is out"),
    pytest.param(line("calf-raise", 3, (10, 15)), True, id="10-15: the high end is out"),
    pytest.param(line("plank", 3, 1, hold=45), False, id="a plank held 45 s"),
    pytest.param(line("plank", 3, 45), False, id="a plank line of 45 reps: core, excluded"),
    pytest.param(line("glute-bridge", 3, 1, hold=30), False, id="a glute bridge hold"),
    pytest.param(line("glute-bridge", 3, 1), True, id="a glute bridge of 1 rep is judged"),
]


@pytest.mark.parametrize(("planned", "flagged"), ACCESSORY_PLANNED)
def test_accessory_reps_planned(planned: object, flagged: bool) -> None:
    found = findings(ctx(), [lift(WED, lines=[planned])])  # type: ignore[list-item]
    assert bool(only(found, Rule.ACCESSORY_REPS)) is flagged


TOO_MANY = [
    pytest.param([line(sets=4)], [], id="4 working sets: fine"),
    pytest.param([line(sets=5)], [Rule.TOO_MANY_SETS], id="5 working sets: too many"),
    pytest.param([line(sets=3), line(sets=2, order=3)], [Rule.TOO_MANY_SETS],
                 id="3 + 2 sets of one lift in two lines"),
    pytest.param([line(sets=4), line("deadlift", sets=4, order=2)], [],
                 id="4 sets each of two lifts: fine"),
    pytest.param([line("calf-raise", sets=6, reps=10)], [], id="accessories are not counted"),
]


@pytest.mark.parametrize(("lines", "expected"), TOO_MANY)
def test_too_many_sets(lines: list[object], expected: list[str]) -> None:
    found = findings(ctx(), [lift(WED, lines=lines)])  # type: ignore[arg-type]
    assert rules_of(found, Rule.TOO_MANY_SETS) == expected


def test_too_many_sets_counts_logged_working_sets_only() -> None:
    logged = sets(n=2, reps=5, load=60, warmup=True) + sets(n=4, reps=5)
    assert not only(findings(ctx(), [lift(WED, logged=logged)]), Rule.TOO_MANY_SETS)
    assert only(findings(ctx(), [lift(WED, logged=sets(n=5, reps=5))]), Rule.TOO_MANY_SETS)


TO_FAILURE = [
    pytest.param(sets(n=3, reps=5, rir=0), "warning", id="main lift at RIR 0: warning"),
    pytest.param(sets(n=3, reps=5, rir=1), None, id="RIR 1: fine"),
    pytest.param(sets("calf-raise", 3, 10, 20, rir=0), None, id="an accessory to failure: fine"),
    pytest.param(sets(n=1, reps=5, rir=0, warmup=True) + sets(n=3, reps=5, rir=2), None,
                 id="a warm-up is not a working set"),
]


@pytest.mark.parametrize(("logged", "severity"), TO_FAILURE)
def test_to_failure(logged: list[LoggedSet], severity: str | None) -> None:
    found = only(findings(ctx(), [lift(WED, logged=logged)]), Rule.TO_FAILURE)
    assert [f.severity.value for f in found] == ([severity] if severity else [])


def test_a_plan_at_rir_0_is_not_logged_to_failure() -> None:
    assert not only(findings(ctx(), [lift(WED, lines=[line(rir=0)])]), Rule.TO_FAILURE)


# STALLED_PROGRESSION: today Sunday 29 Nov; "the last 4 weeks" = 2-29 Nov, the 4 weeks
# before = 5 Oct - 1 Nov. A 5 x 100 kg set is e1RM 116.7 kg.
TODAY = SUN
RECENT = [TODAY - dt.timedelta(days=d) for d in (2, 9, 16, 23, 27)]
BEFORE = [TODAY - dt.timedelta(days=d) for d in (30, 40)]


def squat_days(days: list[dt.date], load: float) -> list[object]:
    return [lift(d, logged=sets(n=3, reps=5, load=load)) for d in days]


STALLED = [
    pytest.param(RECENT[:4], 100, BEFORE, 100, True, id="4 exposures, same best e1RM: stalled"),
    pytest.param(RECENT[:3], 100, BEFORE, 100, False, id="3 exposures: too few to say"),
    pytest.param(RECENT[:4], 100, BEFORE, 102.5, True, id="lower than before: stalled"),
    pytest.param(RECENT[:4], 102.5, BEFORE, 100, False, id="a gain: progressing"),
    pytest.param(RECENT[:4], 100, [], 100, False, id="nothing before to compare with"),
    pytest.param(RECENT[1:5], 100, BEFORE, 100, True,
                 id="27 days ago is still in the last 4 weeks"),
    pytest.param([*RECENT[1:4], TODAY - dt.timedelta(days=28)], 100, BEFORE[1:], 100, False,
                 id="28 days ago is the span before, leaving 3 recent"),
    pytest.param([TODAY - dt.timedelta(days=d) for d in (15, 18, 22, 27)], 100, BEFORE, 100,
                 True, id="not trained in the last 14 days: still stalled"),
]


@pytest.mark.parametrize(("recent", "load", "before", "before_load", "stalled"), STALLED)
def test_stalled_progression(recent: list[dt.date], load: float, before: list[dt.date],
                             before_load: float, stalled: bool) -> None:
    sessions = squat_days(recent, load) + squat_days(before, before_load)
    # The window of the check service: 14 days back, 13 ahead.
    found = check(ctx(), sessions, today=TODAY,  # type: ignore[arg-type]
                  window_start=TODAY - dt.timedelta(days=14),
                  window_end=TODAY + dt.timedelta(days=13))
    hits = only(found, Rule.STALLED_PROGRESSION)
    assert bool(hits) is stalled
    if stalled:
        assert hits[0].key.endswith("#back-squat")
        assert len(hits[0].sessions) == len(recent)


def test_stalled_progression_is_a_base_phase_hint() -> None:
    taper = (PhaseBlock(TODAY - dt.timedelta(days=3), TODAY, Phase.TAPER),)
    sessions = squat_days(RECENT[:4], 100) + squat_days(BEFORE, 100)
    found = check(ctx(phases=taper), sessions, today=TODAY,  # type: ignore[arg-type]
                  window_start=TODAY - dt.timedelta(days=27), window_end=TODAY)
    assert not only(found, Rule.STALLED_PROGRESSION)
