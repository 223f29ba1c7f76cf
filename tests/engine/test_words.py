"""Words a coach reads (docs/rules.md, "Suggestions"): every date in full ("Tuesday 24 Nov's
back squat", never "Tuesday's"), no ISO week label ("2026-W48") and no rule code
("HEAVY_BEFORE_KEY_RUN", "(warning: HEAVY_SESSIONS_TOO_CLOSE)") in a finding's title,
explanation or suggestion, nor in the placer's reasons: a code is the finding's (and the
slot's ``rules``), for the API and the links to the rules' page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given

from scheduling.engine import (
    AvailabilitySlot,
    LoggedSet,
    PrescriptionLine,
    Rule,
    RunType,
    Session,
    propose,
)
from scheduling.engine.scoring import OTHER_PHRASES
from tests.engine.builders import MON, SAT, SUN, TUE, WED, ctx, heavy, lift, line, run, sets
from tests.engine.strategies import DAYS, plans
from tests.engine.test_properties import FAST, Plan, run_check

CODE = re.compile("|".join(sorted((r.value for r in Rule), key=len, reverse=True)))
ISO_WEEK = re.compile(r"\b\d{4}-W\d{2}\b")
# A weekday not followed by its date ("Tuesday 24 Nov"); "a Monday and the Thursday after
# it" (a spacing, not a date) is no weekday of the plan.
BARE_WEEKDAY = re.compile(r"(?<!\ba )(?<!\bthe )\b(Monday|Tuesday|Wednesday|Thursday|Friday|"
                          r"Saturday|Sunday)\b(?! \d{1,2} [A-Z][a-z]{2}\b)")


def faults(text: str) -> list[str]:
    """What in ``text`` a coach should not read: codes, ISO weeks, weekdays without dates."""
    return [m.group(0) for pattern in (CODE, ISO_WEEK, BARE_WEEKDAY)
            for m in pattern.finditer(text)]


@pytest.mark.parametrize(("text", "found"), [
    ("Tuesday 24 Nov's back squat ends 13 h before Wednesday 25 Nov's intervals.", []),
    ("Tuesday's back squat", ["Tuesday"]),
    ("Move it to Wednesday at 14:00.", ["Wednesday"]),
    ("the week of Monday 23 Nov (2026-W48)", ["2026-W48"]),
    ("but it is 2 days from it (warning: HEAVY_SESSIONS_TOO_CLOSE)",
     ["HEAVY_SESSIONS_TOO_CLOSE"]),
    ("HEAVY_BEFORE_KEY_RUN", ["HEAVY_BEFORE_KEY_RUN"]),
    ("3 days or more between them (a Monday and the Thursday after it)", []),
])
def test_the_fault_finder_itself(text: str, found: list[str]) -> None:
    assert faults(text) == found


def test_a_heavy_lift_before_intervals_names_both_dates_in_full() -> None:
    sessions = [heavy(TUE, "18:00", id=1), run(WED, "07:00", type=RunType.INTERVALS, id=2)]
    (hit,) = [f for f in run_check(*_plan(sessions)) if f.rule == Rule.HEAVY_BEFORE_KEY_RUN]
    assert hit.explanation.startswith("Tuesday 24 Nov's back squat, 4 x 4 at 120 kg, ends ")
    assert "h before Wednesday 25 Nov's 8 km intervals." in hit.explanation
    assert hit.suggestion.startswith("Move Tuesday 24 Nov's back squat to ")
    assert faults(" ".join((hit.title, hit.explanation, hit.suggestion))) == []


def test_a_weekly_finding_names_its_monday_without_the_iso_week() -> None:
    sessions = [heavy(MON + dt.timedelta(days=d), "18:00", id=d) for d in (0, 3, 5, 6)]
    weekly = [f for f in run_check(*_plan(sessions)) if f.rule == Rule.WEEKLY_FREQUENCY_HIGH]
    assert weekly and all("The week of Monday 23 Nov," in f.explanation for f in weekly)
    assert all(faults(" ".join((f.title, f.explanation, f.suggestion))) == [] for f in weekly)


def test_every_rule_has_words_for_what_a_move_leaves() -> None:
    assert set(OTHER_PHRASES) == set(Rule)
    assert all(faults(words) == [] for words in OTHER_PHRASES.values())


def _plan(sessions: list[Session]) -> Plan:
    return ctx(), sessions, MON


@FAST
@given(plans())
def test_no_finding_text_has_a_code_an_iso_week_or_a_bare_weekday(plan: Plan) -> None:
    for f in run_check(*plan):
        for text in (f.title, f.explanation, f.suggestion):
            assert faults(text) == [], (f.rule, text)


@FAST
@given(plans())
def test_no_placer_reason_has_a_code_an_iso_week_or_a_bare_weekday(plan: Plan) -> None:
    context, sessions, today = plan
    for monday in DAYS[::7]:
        for p in propose(context, sessions, week_monday=monday, today=today):
            assert faults(p.unplaced_reason) == [], p.unplaced_reason
            for slot in p.slots:
                for reason in slot.reasons:
                    assert faults(reason) == [], reason
                # What it leaves is there as codes too, one per rule its reasons name.
                left = [r for r in slot.reasons if r.startswith("but ")]
                assert len(slot.rules) <= len(left)
                assert all(isinstance(rule, Rule) for rule in slot.rules)
                assert not any(rule.value in " ".join(slot.reasons) for rule in slot.rules)


def test_a_slot_that_leaves_a_warning_says_it_in_words_and_gives_its_code() -> None:
    """Only Sunday evening is free and Saturday holds the long run: the one slot is the day
    after it (HEAVY_AFTER_LONG_RUN, a warning), said in words; the code is the slot's."""
    context = ctx(availability=(AvailabilitySlot(6, dt.time(17), dt.time(19)),))
    sessions = [heavy(MON, "18:00", id=1),
                run(SAT, "08:00", type=RunType.LONG, km=25, minutes=150, id=2)]
    (proposal,) = [p for p in propose(context, sessions, week_monday=MON, today=MON)
                   if p.session is not None]
    (slot,) = proposal.slots
    assert slot.date == SUN
    assert slot.rules == (Rule.HEAVY_AFTER_LONG_RUN,)
    assert "but it is the day after Saturday 28 Nov's 25 km long run (a warning)" in (
        slot.reasons)
    assert all(faults(reason) == [] for reason in slot.reasons)


@pytest.mark.parametrize(("lines", "logged", "text"), [
    ([line("plank", 3, 1, hold=45)], None, "plank, 3 x 45 s"),
    ([line("plank", 2, 1, hold=30), line("plank", 1, 1, hold=45, order=2)], None,
     "plank, 3 sets of 30-45 s"),
    ([], sets("plank", 3, 1, 0, hold=50), "plank, 3 x 50 s"),
])
def test_a_hold_reads_in_seconds_never_as_one_rep(
    lines: list[PrescriptionLine], logged: list[LoggedSet] | None, text: str
) -> None:
    """A session of holds alone, overlapping a run: its words give the seconds."""
    sessions = [lift(TUE, "07:00", lines=lines, logged=logged, id=1, minutes=20),
                run(TUE, "07:00", id=2)]
    (hit,) = [f for f in run_check(ctx(), sessions, MON) if f.rule == Rule.SESSIONS_OVERLAP]
    assert f"the {text} (07:00-07:20)" in hit.explanation
