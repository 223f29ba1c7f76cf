"""MISSED_SESSION (docs/rules.md, "Readiness and missed sessions"): each row reads like the rule
it checks. Today is Thursday 26 Nov 2026 unless a row says; the athlete lives in
Europe/Berlin; the strength session is back squat 4 x 4 at 120 kg (heavy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from scheduling.engine import Finding, Rule, RunType, Session, Severity, check
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
    heavy,
    lift,
    moved,
    only,
    run,
    sets,
)

MISSED = Rule.MISSED_SESSION
TODAY = THU


def days_ago(n: int, today: dt.date = TODAY) -> dt.date:
    return today - dt.timedelta(days=n)


def check_on(sessions: Sequence[Session], *, today: dt.date = TODAY,
             zone: str = "Europe/Berlin") -> tuple[Finding, ...]:
    """``check`` over the window the services use: 14 days back, 14 days on."""
    return check(ctx(timezone=zone), sessions, today=today,
                 window_start=today - dt.timedelta(days=14),
                 window_end=today + dt.timedelta(days=13))


# (the planned session, expected MISSED_SESSION findings); nothing logged fulfils it.
ROWS = [
    pytest.param(heavy(days_ago(1)), 1, id="strength yesterday: missed"),
    pytest.param(heavy(days_ago(7)), 1, id="strength 7 days ago: missed"),
    pytest.param(heavy(days_ago(8)), 0, id="strength 8 days ago: past the 7 days"),
    pytest.param(heavy(TODAY), 0, id="strength today: not missed yet"),
    pytest.param(lift(days_ago(2)), 1, id="a strength session with no prescription: missed"),
    pytest.param(run(days_ago(3), type=RunType.INTERVALS), 1, id="intervals: missed key run"),
    pytest.param(run(days_ago(3), type=RunType.LONG), 1, id="long run: missed key run"),
    pytest.param(run(days_ago(3), minutes=90), 1, id="90 min easy (long): missed key run"),
    pytest.param(run(days_ago(3), minutes=89), 0, id="89 min easy: not key, not flagged"),
    pytest.param(run(days_ago(3), rpe=7), 1, id="easy at planned RPE 7: key, missed"),
    pytest.param(run(days_ago(3), rpe=6), 0, id="easy at planned RPE 6: not flagged"),
    pytest.param(run(days_ago(3), type=RunType.RECOVERY), 0, id="recovery run: not flagged"),
]


@pytest.mark.parametrize(("planned", "expected"), ROWS)
def test_a_missed_key_run_or_strength_session_in_the_last_7_days(planned: Session,
                                                                 expected: int) -> None:
    found = only(check_on([planned]), MISSED)
    assert len(found) == expected
    assert all(f.severity is Severity.INFO and f.sessions == (planned.ref,) for f in found)


def test_a_session_fulfilled_by_a_log_is_not_missed() -> None:
    plan = heavy(TUE, id=1)
    log = lift(TUE, logged=sets(n=4), id=2, fulfils=plan.ref)
    assert only(check_on([plan, log]), MISSED) == []


def test_a_draft_fulfils_nothing_so_its_plan_is_missed() -> None:
    plan = heavy(TUE, id=1)
    draft = lift(TUE, logged=sets(n=2, warmup=True), id=2, fulfils=plan.ref)
    assert len(only(check_on([plan, draft]), MISSED)) == 1


# Europe/Berlin, Sunday 25 Oct 2026: at 03:00 the clocks go back to 02:00, so that night is
# 25 h long. Days are calendar dates: 7 days before Saturday 31 Oct is Saturday 24 Oct
# (169 real hours), still missed; Friday 23 Oct is 8 days, past the rule.
DST_TODAY = dt.date(2026, 10, 31)
DST = [
    pytest.param(dt.date(2026, 10, 24), 1, id="Sat 24 Oct, 7 days across the 25 h night: missed"),
    pytest.param(dt.date(2026, 10, 23), 0, id="Fri 23 Oct, 8 days: past the rule"),
    pytest.param(dt.date(2026, 10, 25), 1, id="Sun 25 Oct, the night itself: missed"),
]


@pytest.mark.parametrize(("day", "expected"), DST)
def test_days_are_calendar_dates_across_a_daylight_saving_night(day: dt.date,
                                                                expected: int) -> None:
    found = only(check_on([heavy(day, "17:30")], today=DST_TODAY), MISSED)
    assert len(found) == expected


def test_a_missed_strength_session_is_made_up_in_the_rest_of_its_week_without_an_error(
) -> None:
    missed = heavy(TUE, "17:30", id=1)
    # Saturday's intervals at 07:00: the heavy session may not go within 24 h before them
    # (Friday evening is an error); Thursday already holds a strength session.
    plan = [missed, run(SAT, "07:00", type=RunType.INTERVALS, id=2),
            lift(THU, "18:00", intensity=None, id=3), run(SUN, "08:00", id=4)]
    (finding,) = only(check_on(plan), MISSED)
    move = finding.move
    assert move is not None and move.session == missed.ref
    assert TODAY <= move.date <= SUN
    assert move.date not in (THU, FRI)
    assert finding.suggestion.startswith("Move Tuesday 24 Nov's back squat to ")
    assert finding.suggestion.endswith("Or let it go.")
    after = check_on(moved(plan, missed.ref, move.date, move.start_time))
    assert [f for f in after if f.severity is Severity.ERROR] == []
    assert only(after, MISSED) == []  # made up: no longer missed


def test_a_missed_strength_session_with_no_slot_left_is_let_go() -> None:
    missed = heavy(TUE, "17:30", id=1)
    # Today is next Monday: Tuesday's week is over.
    (finding,) = only(check_on([missed], today=NEXT_MON), MISSED)
    assert finding.move is None
    assert finding.suggestion == "Let it go: its week is over, and next week's plan stands."


def test_a_week_with_no_error_free_slot_lets_the_session_go() -> None:
    missed = heavy(MON, "17:30", id=1)
    # Key runs every morning from Friday to Monday: a heavy session on Thursday, Friday,
    # Saturday or Sunday ends less than 24 h before one, or sits before one the same day.
    runs = [run(day, "07:00", type=RunType.TEMPO) for day in (TODAY, FRI, SAT, SUN, NEXT_MON)]
    (finding,) = only(check_on([missed, *runs]), MISSED)
    assert finding.move is None
    assert finding.suggestion.startswith("Let it go: no time from Thursday 26 Nov to Sunday "
                                         "29 Nov")


def test_a_missed_key_run_is_let_go_never_stacked_before_the_next() -> None:
    missed = run(TUE, "07:00", type=RunType.INTERVALS, id=1)
    plan = [missed, run(SAT, "07:00", type=RunType.LONG, id=2)]
    (finding,) = only(check_on(plan), MISSED)
    assert finding.move is None
    assert finding.suggestion == "Let it go, and keep the next key run as planned."
    assert finding.title == "Missed key run: Tuesday 24 Nov's intervals"


def test_the_words_quote_the_session_and_how_long_ago() -> None:
    (finding,) = only(check_on([heavy(WED, "17:30", id=1)]), MISSED)
    assert finding.title == "Missed strength session: Wednesday 25 Nov's back squat"
    assert finding.explanation.startswith(
        "Nothing logged fulfils Wednesday 25 Nov's back squat, 4 x 4 at 120 kg, planned "
        "yesterday.")


def test_two_missed_sessions_are_never_offered_the_same_date() -> None:
    monday_lift, tuesday_lift = heavy(MON, "17:30", id=1), lift(TUE, "17:30", id=2)
    found = only(check_on([monday_lift, tuesday_lift]), MISSED)
    moves = [f.move for f in found]
    assert all(m is not None for m in moves)
    assert len({m.date for m in moves if m is not None}) == 2
