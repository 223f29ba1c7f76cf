"""Fixes that compose (RULES.md, "Suggestions" and "The placer"), over generated weeks.

Each property was seen to fail on the engine before fixes composed (the report of the change
that added them quotes the falsifying examples)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import os
from collections.abc import Sequence
from unittest import mock
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scheduling.engine import (
    AthleteContext,
    AvailabilitySlot,
    CheckIn,
    Finding,
    Fix,
    FixKind,
    Kind,
    RunType,
    Session,
    SessionRef,
    Severity,
    SourceType,
    SuggestedMove,
    check,
    propose,
    suggest,
)
from tests.engine.builders import ctx, line, moved
from tests.engine.strategies import DAYS, plans

# The module (the package's ``check`` is the function of the same name).
CHECK = importlib.import_module("scheduling.engine.check")
UNSETTLED = CHECK._UNSETTLED
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
FAST = settings(deadline=None, max_examples=int(os.environ.get("ENGINE_EXAMPLES", "60")),
                suppress_health_check=[HealthCheck.too_slow])
Plan = tuple[AthleteContext, list[Session], dt.date]
Checked = tuple[AthleteContext, list[Session], dt.date, dt.datetime | None]
WIDE = (DAYS[0] - dt.timedelta(days=7), DAYS[-1] + dt.timedelta(days=7))
TAPER_DAYS = 10


def run_check(context: AthleteContext, sessions: Sequence[Session], today: dt.date,
              now: dt.datetime | None = None) -> tuple[Finding, ...]:
    return check(context, sessions, today=today, window_start=DAYS[0], window_end=DAYS[-1],
                 now=now)


def errors(context: AthleteContext, sessions: Sequence[Session], today: dt.date) -> set[str]:
    """Every error of the plan, over a span wide enough for a move into the next week."""
    return {f.key for f in check(context, sessions, today=today, window_start=WIDE[0],
                                 window_end=WIDE[1]) if f.severity is Severity.ERROR}


def offered(f: Finding) -> tuple[Fix, ...]:
    return f.fixes


def applied(sessions: Sequence[Session], fix: Fix) -> list[Session]:
    """The plan after ``fix``, carried out from what the fix says (not by the engine)."""
    if fix.kind is FixKind.MOVE:
        return moved(sessions, fix.session, fix.date, fix.start_time)
    if fix.kind is FixKind.DROP:
        return [s for s in sessions if s.ref != fix.session]
    out = []
    for s in sessions:
        if s.ref == fix.session:
            if s.kind is Kind.RUN:
                s = dataclasses.replace(s, run_type=fix.run_type,
                                        rpe=None if s.rpe is None else min(s.rpe, 4))
            else:
                s = dataclasses.replace(s, intensity=fix.intensity,
                                        prescription=fix.prescription)
        out.append(s)
    return out


def strength_on(sessions: Sequence[Session], day: dt.date, today: dt.date) -> list[Session]:
    """The strength sessions that take part on ``day`` (a past plan is missed or done)."""
    fulfilled = {s.fulfils for s in sessions if s.is_logged and s.fulfils is not None}
    return [s for s in sessions if s.kind is Kind.STRENGTH and s.date == day
            and not (s.ref.type is SourceType.PLANNED and (s.date < today or s.ref in fulfilled))]


@st.composite
def checked(draw: st.DrawFn) -> Checked:
    """A plan, a time of day or none, sometimes sore legs today, and sometimes key runs in
    the week after the checked fortnight (a move must not land next to what it cannot see)."""
    context, sessions, today = draw(plans())
    if draw(st.booleans()):
        context = dataclasses.replace(context, check_in=CheckIn(today, 3, 3, 1, 3, 3))
    for n in range(draw(st.integers(0, 3))):
        day = DAYS[-1] + dt.timedelta(days=draw(st.integers(1, 7)))
        sessions.append(Session(ref=SessionRef(SourceType.PLANNED, 900 + n), kind=Kind.RUN,
                                date=day, start_time=dt.time(draw(st.integers(6, 8))),
                                run_type=RunType.INTERVALS, duration_min=60))
    now = None
    if draw(st.booleans()):
        minute = draw(st.integers(0, 23 * 60 + 59))
        now = dt.datetime.combine(today, dt.time(minute // 60, minute % 60),
                                  tzinfo=ZoneInfo(context.timezone))
    return context, sessions, today, now


def _sore_before_an_unseen_week() -> Checked:
    """Sore legs on Monday 30 Nov with a heavy squat that evening; the athlete is free on
    Mondays and Thursdays 06:00-11:00 only, and every such morning of the checked fortnight
    is before a key run. The week after it has intervals on Thursday 10 Dec at 12:00, which
    the check over the fortnight does not see: moving the squat there makes an error."""
    today = dt.date(2026, 11, 30)
    context = ctx(availability=tuple(AvailabilitySlot(wd, dt.time(6), dt.time(11))
                                     for wd in (0, 3)),
                  check_in=CheckIn(today, 3, 3, 1, 3, 3))

    def intervals(ident: int, day: dt.date, hour: int) -> Session:
        return Session(ref=SessionRef(SourceType.PLANNED, ident), kind=Kind.RUN, date=day,
                       start_time=dt.time(hour), run_type=RunType.INTERVALS, duration_min=60)

    squat = Session(ref=SessionRef(SourceType.PLANNED, 100), kind=Kind.STRENGTH, date=today,
                    start_time=dt.time(17, 30), prescription=(line(sets=4, reps=4, load=120),))
    return context, [squat, intervals(1, dt.date(2026, 12, 3), 12),
                     intervals(2, dt.date(2026, 12, 8), 7),
                     intervals(3, dt.date(2026, 12, 10), 12)], today, None


@FAST
@given(checked())
@example(_sore_before_an_unseen_week())
def test_applying_any_offered_fix_never_creates_an_error(plan: Checked) -> None:
    context, sessions, today, now = plan
    before = errors(context, sessions, today)
    for f in run_check(context, sessions, today, now):
        for fix in offered(f):
            after = errors(context, applied(sessions, fix), today)
            assert after <= before, (f.rule, fix, after - before)


@FAST
@given(checked())
def test_the_moves_of_one_check_applied_together_never_create_an_error(plan: Checked) -> None:
    """Fixes that compose: every session moved as its first offered move, all at once."""
    context, sessions, today, now = plan
    before = errors(context, sessions, today)
    together = list(sessions)
    done: set[SessionRef] = set()
    for f in run_check(context, sessions, today, now):
        for fix in offered(f):
            if fix.kind is FixKind.MOVE and fix.session not in done:
                done.add(fix.session)
                together = applied(together, fix)
    assert errors(context, together, today) <= before


@FAST
@given(checked())
def test_no_fix_puts_two_strength_sessions_on_one_date(plan: Checked) -> None:
    context, sessions, today, now = plan
    for f in run_check(context, sessions, today, now):
        for fix in offered(f):
            if fix.kind is not FixKind.MOVE:
                continue
            plan_after = applied(sessions, fix)
            mine = next(s for s in plan_after if s.ref == fix.session)
            if mine.kind is Kind.STRENGTH:
                assert len(strength_on(plan_after, fix.date, today)) == 1, (f.rule, fix)


@FAST
@given(checked())
def test_no_fix_crosses_the_goal_race_or_moves_into_its_taper(plan: Checked) -> None:
    context, sessions, today, now = plan
    race = context.goal_race
    if race is None:
        return
    taper = race.date - dt.timedelta(days=TAPER_DAYS)
    by_ref = {s.ref: s for s in sessions}
    for f in run_check(context, sessions, today, now):
        for fix in offered(f):
            if fix.kind is not FixKind.MOVE:
                continue
            was = by_ref[fix.session].date
            assert fix.date != race.date, (f.rule, fix)
            assert (was < race.date) == (fix.date < race.date), (f.rule, fix)
            if was < taper:
                assert fix.date < taper, (f.rule, fix)


@FAST
@given(checked())
def test_the_targets_of_one_check_are_pairwise_distinct(plan: Checked) -> None:
    """No two findings suggest the same slot for two sessions, nor one date for two strength
    sessions (two findings of one session may agree on its slot)."""
    context, sessions, today, now = plan
    kinds = {s.ref: s.kind for s in sessions}
    slots: dict[tuple[dt.date, dt.time | None], set[SessionRef]] = {}
    strength_days: dict[dt.date, set[SessionRef]] = {}
    for f in run_check(context, sessions, today, now):
        for fix in offered(f):
            if fix.kind is FixKind.MOVE:
                slots.setdefault((fix.date, fix.start_time), set()).add(fix.session)
                if kinds[fix.session] is Kind.STRENGTH:
                    strength_days.setdefault(fix.date, set()).add(fix.session)
    assert all(len(who) == 1 for who in slots.values()), slots
    assert all(len(who) == 1 for who in strength_days.values()), strength_days


@FAST
@given(checked())
def test_every_error_and_warning_on_a_plan_still_ahead_has_a_fix(plan: Checked) -> None:
    """A finding that names a planned session not begun yet can be acted on in one click."""
    context, sessions, today, now = plan
    by_ref = {s.ref: s for s in sessions}
    for f in run_check(context, sessions, today, now):
        ahead = [r for r in f.sessions if r.type is SourceType.PLANNED
                 and by_ref[r].date > today]
        if f.severity is not Severity.INFO and ahead:
            assert offered(f), f


@FAST
@given(plans(), st.sampled_from(DAYS[::7]))
def test_the_placers_proposal_never_offers_one_slot_twice(plan: Plan, monday: dt.date) -> None:
    """One consistent set: no slot, and no date, offered to two sessions of the week."""
    context, sessions, today = plan
    proposals = propose(context, sessions, week_monday=monday, today=today)
    slots = [(s.date, s.start_time) for p in proposals for s in p.slots]
    assert len(slots) == len(set(slots)), slots
    days = [d for d, _ in slots]
    assert len(days) == len(set(days)), days


@FAST
@given(checked())
def test_suggest_makes_the_fixes_of_check_from_the_plan_and_the_findings(plan: Checked) -> None:
    """What lets a caller compute fixes for new findings only: ``suggest`` over a check's
    findings (their fixes stripped) gives each the same move, words and fixes."""
    context, sessions, today, now = plan
    found = run_check(context, sessions, today, now)
    bare = [dataclasses.replace(f, move=None, fixes=()) for f in found]
    again = suggest(context, sessions, bare, today=today, window_start=DAYS[0],
                    window_end=DAYS[-1], now=now)
    for f in found:
        got = again[f.key]
        assert (got.move, got.fixes) == (f.move, f.fixes)
        assert got.text is None or got.text == f.suggestion


@FAST
@given(checked(), st.integers(min_value=1, max_value=6))
def test_kept_findings_hold_their_slots_from_the_fixes_of_the_others(plan: Checked,
                                                                    held: int) -> None:
    """A check that keeps the findings it holds unchanged (``known``: the nightly pass) words
    the others anew, and their moves never take a slot a kept finding's stored move holds.
    Here the first ``held`` findings to pick a slot (errors first) are held and taken as
    settled whatever their dates (but for the rules that never settle: a missed session's
    words read the clock), so the others pick after them."""
    context, sessions, today, now = plan
    first = run_check(context, sessions, today, now)
    order = sorted(first, key=lambda f: (SEVERITY_ORDER[f.severity], f.key))
    known = {f.signature: tuple(SuggestedMove(x.session, x.date, x.start_time)
                                for x in f.fixes if x.kind is FixKind.MOVE)
             for f in order[:held]}
    with mock.patch.object(CHECK, "_settled", lambda hit, today: hit.rule not in UNSETTLED):
        again = check(context, sessions, today=today, window_start=DAYS[0],
                      window_end=DAYS[-1], now=now, known=known)
    slots: dict[tuple[dt.date, dt.time | None], set[SessionRef]] = {}
    for f in again:
        moves = known[f.signature] if f.kept else tuple(
            SuggestedMove(x.session, x.date, x.start_time)
            for x in f.fixes if x.kind is FixKind.MOVE)
        for move in moves:
            slots.setdefault((move.date, move.start_time), set()).add(move.session)
    assert all(len(who) == 1 for who in slots.values()), slots
