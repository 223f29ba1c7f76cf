"""Drafts (docs/rules.md, "Logged"): a logged strength session takes part only with a working
set, a logged run only with a duration or a distance; an empty one is a draft and takes part
in no rule. Week of Monday 23 Nov 2026 (2026-W48), today Wednesday, Europe/Berlin, base phase
(2 to 3 strength sessions a week)."""

from __future__ import annotations

import pytest

from scheduling.engine import LoggedSet, Rule, RunType, check
from tests.engine.builders import (
    FRI,
    MON,
    SAT,
    SUN,
    THU,
    TUE,
    WED,
    ctx,
    heavy,
    lift,
    line,
    only,
    run,
    sets,
)

HIGH, LOW = Rule.WEEKLY_FREQUENCY_HIGH, Rule.WEEKLY_FREQUENCY_LOW

# Three lifts planned ahead (Thursday to Saturday) and Tuesday's log: a fourth session only
# when it has a working set.
TUESDAY_LOG = [
    pytest.param(sets(n=1), [HIGH], id="one working set: a session, the fourth"),
    pytest.param(sets(n=3, warmup=True), [], id="warm-ups only: a draft"),
    pytest.param([], [], id="no set at all: a draft"),
]


@pytest.mark.parametrize(("logged", "expected"), TUESDAY_LOG)
def test_a_strength_draft_is_no_session_of_the_week(logged: list[LoggedSet],
                                                     expected: list[str]) -> None:
    plan = [lift(d, lines=[line("calf-raise", 3, 10)]) for d in (THU, FRI, SAT)]
    found = check(ctx(), [*plan, lift(TUE, logged=logged)], today=WED, window_start=MON,
                  window_end=SUN)
    assert [f.rule for f in found if f.rule.startswith("WEEKLY")] == expected


# Tuesday's heavy plan and the log started for it (linked) but left: the plan is missed,
# so the week has one session (Thursday's) and is low, never done with "0 sets".
LINKED_LOG = [
    pytest.param(sets(n=4), [], 0, id="four working sets: the plan is done"),
    pytest.param(sets(n=1), [], 0, id="one working set: done in part, a session"),
    pytest.param(sets(n=2, warmup=True), [LOW], 1, id="warm-ups only: a draft, plan missed"),
    pytest.param([], [LOW], 1, id="left without a set: a draft, plan missed"),
]


@pytest.mark.parametrize(("logged", "weekly", "missed"), LINKED_LOG)
def test_a_log_left_without_a_working_set_fulfils_nothing(
        logged: list[LoggedSet], weekly: list[str], missed: int) -> None:
    plan = heavy(TUE, "17:30", id=1)
    log = lift(TUE, "17:30", logged=logged, id=2, fulfils=plan.ref)
    found = check(ctx(), [plan, log, heavy(THU, "17:30", id=3)], today=WED,
                  window_start=MON, window_end=SUN)
    assert [f.rule for f in found if f.rule.startswith("WEEKLY")] == weekly
    assert len(only(found, Rule.MISSED_SESSION)) == missed


# A run logged at 07:00 beside intervals planned at 07:00 the same day: it overlaps only when
# it takes part (a duration or a distance).
RUN_LOG = [
    pytest.param(None, 30, 1, id="30 min: a run, it overlaps"),
    pytest.param(5, None, 1, id="5 km: a run, it overlaps"),
    pytest.param(None, None, 0, id="neither: a draft, nothing to overlap"),
]


@pytest.mark.parametrize(("km", "minutes", "overlaps"), RUN_LOG)
def test_a_run_draft_takes_part_in_no_placement_rule(km: float | None, minutes: int | None,
                                                      overlaps: int) -> None:
    logged = run(THU, "07:00", km=km, minutes=minutes, logged=True, type=RunType.RECOVERY)
    planned = run(THU, "07:00", type=RunType.INTERVALS)
    found = check(ctx(), [logged, planned], today=THU, window_start=MON, window_end=SUN)
    assert len(only(found, Rule.SESSIONS_OVERLAP)) == overlaps
