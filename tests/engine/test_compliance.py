"""Compliance (docs/rules.md, "Compliance"): each row reads like the rule it checks. Today is
Monday 30 Nov 2026 (the Monday after ISO week 2026-W48), so every session of that week is
past."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine.compliance import (
    Measure,
    Status,
    band,
    compliance,
    takes_part,
    week_compliance,
)
from scheduling.engine.types import RunType
from tests.engine.builders import MON, NEXT_MON, TUE, WED, lift, line, ref, run, sets

TODAY = NEXT_MON

# (planned, logged, expected): the edges of each band, both sides.
BANDS = [
    pytest.param(60, 29.9, Status.OFF, id="49.8 %: off"),
    pytest.param(100, 49.9, Status.OFF, id="49.9 %: off"),
    pytest.param(100, 50, Status.PARTIAL, id="50 %: partial"),
    pytest.param(100, 79.9, Status.PARTIAL, id="79.9 %: partial"),
    pytest.param(100, 80, Status.DONE, id="80 %: done"),
    pytest.param(60, 48, Status.DONE, id="48 of 60 min (80 %): done"),
    pytest.param(100, 100, Status.DONE, id="100 %: done"),
    pytest.param(100, 120, Status.DONE, id="120 %: done"),
    pytest.param(60, 72, Status.DONE, id="72 of 60 min (120 %): done"),
    pytest.param(100, 120.1, Status.PARTIAL, id="120.1 %: partial"),
    pytest.param(100, 150, Status.PARTIAL, id="150 %: partial"),
    pytest.param(100, 150.1, Status.OFF, id="150.1 %: off"),
    pytest.param(100, 0, Status.OFF, id="nothing of it: off"),
]


@pytest.mark.parametrize(("planned", "logged", "expected"), BANDS)
def test_the_bands_at_their_edges(planned: float, logged: float, expected: Status) -> None:
    assert band(planned, logged) is expected


# (planned minutes, logged seconds, expected): a run's duration, exact to the second.
RUN_MINUTES = [
    pytest.param(60, 47 * 60 + 59, Status.PARTIAL, id="47:59 of 60 min: partial"),
    pytest.param(60, 48 * 60, Status.DONE, id="48:00 of 60 min: done"),
    pytest.param(60, 72 * 60, Status.DONE, id="72:00 of 60 min: done"),
    pytest.param(60, 72 * 60 + 1, Status.PARTIAL, id="72:01 of 60 min: partial"),
    pytest.param(60, 90 * 60 + 1, Status.OFF, id="90:01 of 60 min: off"),
    pytest.param(60, 29 * 60 + 59, Status.OFF, id="29:59 of 60 min: off"),
]


@pytest.mark.parametrize(("planned", "seconds", "expected"), RUN_MINUTES)
def test_a_run_is_judged_on_its_duration(planned: int, seconds: int, expected: Status) -> None:
    plan = run(TUE, minutes=planned, km=10, id=1)
    log = run(TUE, minutes=seconds / 60, km=10, id=2, logged=True, fulfils=plan.ref)
    found = compliance([plan, log], today=TODAY)
    assert found[plan.ref].status is expected
    assert found[plan.ref].measure is Measure.DURATION
    assert found[log.ref].status is expected  # the log shares its plan's verdict
    assert found[log.ref].other == plan.ref


# (planned km, logged km, expected): a plan that gives only a distance.
RUN_DISTANCE = [
    pytest.param(10, 7.99, Status.PARTIAL, id="7.99 of 10 km: partial"),
    pytest.param(10, 8, Status.DONE, id="8 of 10 km: done"),
    pytest.param(10, 12, Status.DONE, id="12 of 10 km: done"),
    pytest.param(10, 15.01, Status.OFF, id="15.01 of 10 km: off"),
]


@pytest.mark.parametrize(("planned", "logged", "expected"), RUN_DISTANCE)
def test_a_plan_giving_only_a_distance_is_judged_on_it(planned: float, logged: float,
                                                      expected: Status) -> None:
    plan = run(TUE, km=planned, id=1)
    log = run(TUE, km=logged, minutes=50, id=2, logged=True, fulfils=plan.ref)
    verdict = compliance([plan, log], today=TODAY)[plan.ref]
    assert (verdict.status, verdict.measure) == (expected, Measure.DISTANCE)


# (planned sets, logged working sets, expected): strength counts working sets.
STRENGTH_SETS = [
    pytest.param(5, 1, Status.OFF, id="1 of 5 sets (20 %): off"),
    pytest.param(4, 2, Status.PARTIAL, id="2 of 4 sets (50 %): partial"),
    pytest.param(5, 3, Status.PARTIAL, id="3 of 5 sets (60 %): partial"),
    pytest.param(5, 4, Status.DONE, id="4 of 5 sets (80 %): done"),
    pytest.param(5, 6, Status.DONE, id="6 of 5 sets (120 %): done"),
    pytest.param(4, 6, Status.PARTIAL, id="6 of 4 sets (150 %): partial"),
    pytest.param(4, 7, Status.OFF, id="7 of 4 sets (175 %): off"),
]


@pytest.mark.parametrize(("planned", "logged", "expected"), STRENGTH_SETS)
def test_strength_is_judged_on_its_working_sets(planned: int, logged: int,
                                                expected: Status) -> None:
    plan = lift(WED, lines=[line(sets=planned)], id=1)
    done = sets(n=logged) + sets(n=3, warmup=True, load=60)  # warm-ups do not count
    log = lift(WED, logged=done, id=2, fulfils=plan.ref)
    verdict = compliance([plan, log], today=TODAY)[plan.ref]
    assert (verdict.status, verdict.measure) == (expected, Measure.SETS)
    assert (verdict.planned, verdict.logged) == (planned, logged)


def test_a_past_plan_nothing_fulfils_is_missed_and_a_log_fulfilling_nothing_unplanned() -> None:
    plan = run(TUE, minutes=60, id=1)
    extra = run(WED, minutes=40, id=2, logged=True)
    found = compliance([plan, extra], today=TODAY)
    assert found[plan.ref].status is Status.MISSED
    assert found[extra.ref].status is Status.UNPLANNED


def test_a_draft_fulfils_nothing_and_is_not_unplanned() -> None:
    plan = lift(TUE, lines=[line(sets=4)], id=1)
    draft = lift(TUE, logged=sets(n=2, warmup=True), id=2, fulfils=plan.ref)
    empty_run = run(TUE, km=None, id=3, logged=True)
    assert not takes_part(draft)
    assert not takes_part(empty_run)
    found = compliance([plan, draft, empty_run], today=TODAY)
    assert found[plan.ref].status is Status.MISSED
    assert draft.ref not in found
    assert empty_run.ref not in found


def test_today_and_later_are_not_judged_yet() -> None:
    today = run(TODAY, minutes=60, id=1)
    tomorrow = lift(TODAY + dt.timedelta(days=1), id=2)
    yesterday = run(TODAY - dt.timedelta(days=1), minutes=60, id=3)
    found = compliance([today, tomorrow, yesterday], today=TODAY)
    assert set(found) == {yesterday.ref}


def test_a_plan_giving_nothing_to_compare_is_done_once_fulfilled() -> None:
    plan = lift(TUE, id=1)  # no prescription
    log = lift(TUE, logged=sets(n=1), id=2, fulfils=plan.ref)
    verdict = compliance([plan, log], today=TODAY)[plan.ref]
    assert (verdict.status, verdict.measure, verdict.percent) == (Status.DONE, None, None)


def test_the_week_counts_done_over_past_planned_and_key_runs_on_their_own() -> None:
    intervals = run(MON, type=RunType.INTERVALS, minutes=60, id=1)  # key, done
    long_run = run(WED, type=RunType.LONG, minutes=120, id=2)  # key, missed
    easy = run(TUE, minutes=40, id=3)  # not key, partial
    squat = lift(TUE, lines=[line(sets=4)], id=4)  # done
    logs = [
        run(MON, type=RunType.INTERVALS, minutes=58, id=11, logged=True, fulfils=intervals.ref),
        run(TUE, minutes=25, id=13, logged=True, fulfils=easy.ref),
        lift(TUE, logged=sets(n=4), id=14, fulfils=squat.ref),
        run(TUE, minutes=30, id=15, logged=True),  # unplanned: not in the figures
    ]
    verdicts = compliance([intervals, long_run, easy, squat, *logs], today=TODAY)
    week = week_compliance(verdicts, MON)
    assert (week.planned, week.done, week.key_planned, week.key_done) == (4, 2, 2, 1)
    assert (week.ratio, week.key_ratio) == (0.5, 0.5)
    assert verdicts[ref("run", 15)].status is Status.UNPLANNED


def test_a_week_with_nothing_past_has_no_ratio() -> None:
    week = week_compliance({}, TODAY)
    assert (week.planned, week.ratio, week.key_ratio) == (0, None, None)
