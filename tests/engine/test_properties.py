"""Properties that hold for any plan (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling.engine import (
    AthleteContext,
    Finding,
    Kind,
    Session,
    SessionRef,
    Severity,
    SourceType,
    check,
    propose,
)
from scheduling.engine.moves import MOVABLE_RULES
from scheduling.engine.scope import Scope
from tests.engine.builders import moved
from tests.engine.strategies import DAYS, plans, plans_with_history, runs

# ENGINE_EXAMPLES=2000 for a deeper local run; the default keeps the suite fast.
FAST = settings(deadline=None, max_examples=int(os.environ.get("ENGINE_EXAMPLES", "60")),
                suppress_health_check=[HealthCheck.too_slow])
Plan = tuple[AthleteContext, list[Session], dt.date]


def run_check(context: AthleteContext, sessions: list[Session], today: dt.date,
              ) -> tuple[Finding, ...]:
    return check(context, sessions, today=today, window_start=DAYS[0], window_end=DAYS[-1])


def errors(found: tuple[Finding, ...]) -> set[str]:
    return {f.key for f in found if f.severity is Severity.ERROR}


@FAST
@given(plans(), st.randoms(use_true_random=False))
def test_the_order_of_the_input_does_not_matter(plan: Plan, rnd: object) -> None:
    context, sessions, today = plan
    shuffled = list(sessions)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert run_check(context, shuffled, today) == run_check(context, sessions, today)


@FAST
@given(plans())
def test_findings_name_only_input_sessions_with_sorted_refs_and_unique_keys(plan: Plan) -> None:
    context, sessions, today = plan
    found = run_check(context, sessions, today)
    refs = {s.ref for s in sessions}
    dates = {s.date for s in sessions}
    for f in found:
        assert set(f.sessions) <= refs
        assert list(f.sessions) == sorted(f.sessions)
        assert list(f.dates) == sorted(set(f.dates))
        assert set(f.dates) <= dates or f.rule.startswith("WEEKLY")
        assert f.title and f.explanation and f.suggestion
    assert len({f.key for f in found}) == len(found)


@FAST
@given(plans(), st.data())
def test_adding_an_easy_run_never_removes_an_error(plan: Plan, data: st.DataObject) -> None:
    context, sessions, today = plan
    easy = data.draw(runs(999, today, easy=True))
    before = errors(run_check(context, sessions, today))
    after = errors(run_check(context, [*sessions, easy], today))
    assert before <= after


@FAST
@given(plans())
def test_applying_a_findings_move_clears_it_and_adds_no_error(plan: Plan) -> None:
    context, sessions, today = plan
    found = run_check(context, sessions, today)
    before = errors(found)
    for f in found:
        if f.move is None:
            continue
        assert f.move.date >= today
        after = run_check(context, moved(sessions, f.move.session, f.move.date,
                                         f.move.start_time), today)
        assert f.key not in {g.key for g in after}, f
        assert errors(after) <= before, f


@FAST
@given(plans())
def test_a_move_says_every_finding_it_leaves(plan: Plan) -> None:
    """The suggestion names each placement, race or plyo finding the moved session has at its
    new slot: a move that trades an error for a warning says so."""
    context, sessions, today = plan
    for f in run_check(context, sessions, today):
        if f.move is None:
            continue
        after = run_check(context, moved(sessions, f.move.session, f.move.date,
                                         f.move.start_time), today)
        left = [g for g in after if g.rule in MOVABLE_RULES and f.move.session in g.sessions]
        assert f.suggestion.count("; it leaves ") == len(left), (f.suggestion, left)


def place(sessions: list[Session], ref: SessionRef | None, intensity: object,
          day: dt.date, at: dt.time, n: int) -> list[Session]:
    if ref is not None:
        return moved(sessions, ref, day, at)
    new = Session(ref=SessionRef(SourceType.PLANNED, 5000 + n), kind=Kind.STRENGTH, date=day,
                  start_time=at, intensity=intensity)  # type: ignore[arg-type]
    return [*sessions, new]


@FAST
@given(plans(), st.sampled_from(DAYS[::7]))
def test_a_placed_session_never_makes_an_error(plan: Plan, monday: dt.date) -> None:
    context, sessions, today = plan
    proposals = propose(context, sessions, week_monday=monday, today=today)
    jointly = list(sessions)
    placed: set[SessionRef] = set()
    for n, p in enumerate(proposals):
        assert bool(p.slots) != bool(p.unplaced_reason)
        for slot in p.slots:
            assert slot.date >= today and slot.date - monday < dt.timedelta(days=7)
            one = place(sessions, p.session, p.intensity, slot.date, slot.start_time, n)
            target = p.session or one[-1].ref
            assert not [f for f in run_check(context, one, today)
                        if f.severity is Severity.ERROR and target in f.sessions], slot
        if p.slots:
            best = p.slots[0]
            jointly = place(jointly, p.session, p.intensity, best.date, best.start_time, n)
            placed.add(p.session or jointly[-1].ref)
    assert not [f for f in run_check(context, jointly, today)
                if f.severity is Severity.ERROR and placed & set(f.sessions)]


@FAST
@given(plans(), st.sampled_from(DAYS[::7]))
def test_the_placer_is_deterministic(plan: Plan, monday: dt.date) -> None:
    context, sessions, today = plan
    first = propose(context, sessions, week_monday=monday, today=today)
    again = propose(context, list(reversed(sessions)), week_monday=monday, today=today)
    assert first == again


@FAST
@given(plans(), st.sampled_from(DAYS[::7]), st.integers(0, 23 * 60 + 59))
def test_nothing_is_offered_at_a_time_already_gone(plan: Plan, monday: dt.date,
                                                   minute: int) -> None:
    """With the time of day known, no proposal and no move starts before it."""
    context, sessions, today = plan
    zone = ZoneInfo(context.timezone)
    now = dt.datetime.combine(today, dt.time(minute // 60, minute % 60), tzinfo=zone)

    def begun(day: dt.date, at: dt.time | None) -> bool:
        return day == today and at is not None and at < now.time().replace(tzinfo=None)

    for p in propose(context, sessions, week_monday=monday, today=today, now=now):
        assert not [s for s in p.slots if begun(s.date, s.start_time)], p
    for f in check(context, sessions, today=today, window_start=DAYS[0],
                   window_end=DAYS[-1], now=now):
        assert f.move is None or not begun(f.move.date, f.move.start_time), f


def test_moved_helper_keeps_everything_else() -> None:
    s = Session(ref=SessionRef(SourceType.PLANNED, 1), kind=Kind.RUN, date=DAYS[0])
    (m,) = moved([s], s.ref, DAYS[1], dt.time(9))
    assert dataclasses.replace(m, date=s.date, start_time=None) == s


@FAST
@given(plans_with_history(), st.integers(0, 13), st.integers(0, 13), st.booleans())
def test_a_check_makes_every_finding_its_scope_judges(plan: Plan, a: int, b: int,
                                                      base: bool) -> None:
    """What lets the findings' store resolve a finding a check no longer makes: a check over
    a part of the plan makes only findings its ``Scope`` judges, and every finding of a check
    over the whole plan that this scope judges (the same key). ``base``: no goal race, so
    today is in the base phase (STALLED_PROGRESSION)."""
    context, sessions, today = plan
    if base:
        context = dataclasses.replace(context, goal_race=None)
    start, end = DAYS[min(a, b)], DAYS[max(a, b)]
    part = check(context, sessions, today=today, window_start=start, window_end=end)
    whole = check(context, sessions, today=today, window_start=DAYS[0] - dt.timedelta(days=60),
                  window_end=DAYS[-1])
    scope = Scope(today, start, end)
    assert all(scope.judges(f.rule, f.dates) for f in part)
    assert {f.key for f in whole if scope.judges(f.rule, f.dates)} == {f.key for f in part}
