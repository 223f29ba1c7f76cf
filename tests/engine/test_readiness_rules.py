"""Readiness rules (docs/rules.md, "Readiness and missed sessions"): each row reads like the rule it
checks. Today is Monday 23 Nov 2026 unless a row says; the heavy session is back squat
4 x 4 at 120 kg at 17:30 (docs/rules.md's default start), the athlete lives in Europe/Berlin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from scheduling.engine import (
    AthleteContext,
    AvailabilitySlot,
    CheckIn,
    Finding,
    Intensity,
    Race,
    Rule,
    RunType,
    Session,
    check,
)
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
    line,
    only,
    run,
    sets,
)

SORE = Rule.SORE_LEGS_BEFORE_HEAVY
LOW = Rule.LOW_READINESS


def feeling(day: dt.date = MON, *, soreness: int = 4, total: int | None = None) -> CheckIn:
    """A check-in with this leg soreness, its other four items making up ``total`` (the sum
    of the five; readiness is a fifth of it), spread as evenly as whole numbers go."""
    rest = (total if total is not None else soreness + 16) - soreness
    base, extra = divmod(rest, 4)
    sleep, energy, stress, mood = (base + (1 if i < extra else 0) for i in range(4))
    return CheckIn(day, sleep, energy, soreness, stress, mood)


def check_on(sessions: Sequence[Session], *, today: dt.date = MON,
             context: AthleteContext | None = None,
             now: dt.datetime | None = None) -> tuple[Finding, ...]:
    """``check`` over this ISO week and the next, from ``today``."""
    return check(context or ctx(), sessions, today=today, window_start=MON,
                 window_end=NEXT_MON + dt.timedelta(days=6), now=now)


# (today's leg soreness, the heavy session's day, expected SORE_LEGS_BEFORE_HEAVY findings)
SORENESS = [
    pytest.param(2, TUE, 1, id="soreness 2, heavy tomorrow: warning"),
    pytest.param(1, TUE, 1, id="soreness 1 (very sore), heavy tomorrow: warning"),
    pytest.param(3, TUE, 0, id="soreness 3 is not sore: fine"),
    pytest.param(5, TUE, 0, id="soreness 5 (fresh): fine"),
    pytest.param(2, MON, 1, id="heavy today: warning"),
    pytest.param(2, WED, 0, id="heavy the day after tomorrow: fine"),
]


@pytest.mark.parametrize(("soreness", "day", "expected"), SORENESS)
def test_sore_legs_before_a_heavy_session(soreness: int, day: dt.date, expected: int) -> None:
    context = ctx(check_in=feeling(soreness=soreness))
    found = only(check_on([heavy(day)], context=context), SORE)
    assert len(found) == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("session", [
    pytest.param(lift(TUE, lines=[line(sets=2, load=120)]), id="a moderate session (2 heavy sets)"),
    pytest.param(lift(TUE, lines=[line("calf-raise", 3, 10)]), id="a light session"),
    pytest.param(run(TUE, type=RunType.INTERVALS), id="a key run"),
    pytest.param(lift(MON, logged=sets(n=4, reps=4, load=120)), id="a heavy session logged today"),
])
def test_only_a_heavy_lower_session_still_to_do_counts_for_sore_legs(session: Session) -> None:
    context = ctx(check_in=feeling(soreness=1))
    assert only(check_on([session], context=context), SORE) == []


def test_a_heavy_session_fulfilled_today_is_done_not_planned() -> None:
    planned = heavy(MON, id=40)
    done = lift(MON, logged=sets(n=4), fulfils=planned.ref, id=41)
    context = ctx(check_in=feeling(soreness=1))
    assert only(check_on([planned, done], context=context), SORE) == []


def test_only_todays_check_in_drives_the_rules() -> None:
    """Yesterday's sore check-in, handed in as if it were today's, is no reason."""
    context = ctx(check_in=feeling(SUN - dt.timedelta(days=7), soreness=1, total=6))
    found = check_on([heavy(TUE), run(MON, type=RunType.INTERVALS)], context=context)
    assert only(found, SORE) == only(found, LOW) == []


def test_no_check_in_no_readiness_finding() -> None:
    found = check_on([heavy(TUE), heavy(MON, "06:00"), run(MON, type=RunType.TEMPO)])
    assert only(found, SORE) == only(found, LOW) == []


def test_the_sore_legs_finding_quotes_the_check_in_and_the_session() -> None:
    context = ctx(check_in=feeling(soreness=2))
    (hit,) = only(check_on([heavy(TUE, id=12)], context=context), SORE)
    assert hit.title == "Sore legs before heavy back squat tomorrow"
    assert hit.explanation.startswith(
        "Today's check-in (Monday 23 Nov) gives leg soreness 2 of 5 (1 is very sore, 5 fresh; "
        "2 or less is sore), and Tuesday 24 Nov's back squat, 4 x 4 at 120 kg, a heavy lower "
        "session, is planned tomorrow, Tuesday 24 Nov.")
    assert hit.key == "SORE_LEGS_BEFORE_HEAVY:planned:12#2026-11-23"
    assert hit.dates == (TUE,)


def test_each_days_check_in_is_a_new_cause() -> None:
    """The key carries the check-in's date: sore again tomorrow is another finding."""
    sessions = [heavy(TUE, "18:00", id=12)]
    (monday,) = only(check_on(sessions, context=ctx(check_in=feeling(soreness=2))), SORE)
    (tuesday,) = only(check_on(sessions, today=TUE,
                               context=ctx(check_in=feeling(TUE, soreness=2))), SORE)
    assert monday.key != tuesday.key


def test_the_sore_session_moves_48_h_or_more_later_or_becomes_light() -> None:
    context = ctx(check_in=feeling(soreness=2))
    (hit,) = only(check_on([heavy(TUE, "17:30", id=12)], context=context), SORE)
    assert hit.move is not None and hit.move.session.id == 12
    planned_at = dt.datetime.combine(TUE, dt.time(17, 30))
    assert dt.datetime.combine(hit.move.date, hit.move.start_time or dt.time(0)) \
        >= planned_at + dt.timedelta(hours=48)
    assert hit.suggestion.startswith("Move Tuesday 24 Nov's back squat to Thursday 26 Nov")
    assert hit.suggestion.endswith(
        "(48 h or more), time for the legs to recover. Or keep the day and make it light: "
        "the main lifts cut to 2 sets at RIR 3 or more.")


def test_a_sore_session_late_in_the_week_moves_into_the_next() -> None:
    """Saturday's heavy session, sore on Friday: 48 h later is Monday of the next week."""
    context = ctx(check_in=feeling(FRI, soreness=1))
    (hit,) = only(check_on([heavy(SAT, "17:30", id=12)], today=FRI, context=context), SORE)
    assert hit.move is not None
    assert hit.move.date >= NEXT_MON


def test_a_session_already_begun_is_not_moved_it_is_made_light() -> None:
    context = ctx(check_in=feeling(soreness=2))
    now = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)  # 19:00 in Berlin
    (hit,) = only(check_on([heavy(MON, "18:00", id=12)], context=context, now=now), SORE)
    assert hit.move is None
    assert hit.suggestion == ("Make Monday 23 Nov's back squat light: the main lifts cut to 2 sets "
                              "at RIR 3 or more.")


def test_a_sore_session_never_moves_onto_an_error_nor_across_the_race() -> None:
    """Race on Saturday: Thursday and Friday, 48 h or more later, are in the taper's last
    week (an error each), and after the race is no place for it (RULES.md, "Suggestions"):
    no move, and the fix is the light version on its own day."""
    context = ctx(check_in=feeling(soreness=2), goal_race=Race(SAT, "10K", 10_000))
    (hit,) = only(check_on([heavy(TUE, "17:30", id=12)], context=context), SORE)
    assert hit.move is None
    assert [f.kind.value for f in hit.fixes] == ["lighten", "drop"]
    assert hit.fixes[0].intensity is Intensity.LIGHT


def test_no_slot_free_of_errors_the_session_is_made_light() -> None:
    """Tuesdays only, and next Tuesday is the day before the race: nowhere to go."""
    context = ctx(check_in=feeling(soreness=2),
                  goal_race=Race(NEXT_MON + dt.timedelta(days=2), "10K", 10_000),
                  availability=(AvailabilitySlot(1, dt.time(6), dt.time(21)),))
    (hit,) = only(check_on([heavy(TUE, "17:30", id=12)], context=context), SORE)
    assert hit.move is None
    assert hit.suggestion == ("Make Tuesday 24 Nov's back squat light: the main lifts cut to 2 "
                              "sets at RIR 3 or more. No slot 48 h or more later, this week or "
                              "next, is free of errors.")


# (today's readiness as the sum of the five items, mean of the 28 days before, how many
# check-ins made it, expected LOW_READINESS) with intervals planned today. A readiness is a
# fifth of a whole number: 2.5 itself cannot be reached, so 2.4 is the highest low one and
# 2.6 the lowest that is not.
READINESS = [
    pytest.param(12, None, 0, 1, id="readiness 2.4 (2.5 or lower): info"),
    pytest.param(13, None, 0, 0, id="readiness 2.6, no history: fine"),
    pytest.param(5, None, 0, 1, id="readiness 1.0: info"),
    pytest.param(15, 4.0, 7, 1, id="3.0 is 1.0 below a mean of 4.0 over 7: info"),
    pytest.param(15, 3.9, 7, 0, id="3.0 is 0.9 below a mean of 3.9: fine"),
    pytest.param(18, 4.6, 7, 1, id="3.6 is 1.0 below 4.6 (0.9999999999999996 in floats): info"),
    pytest.param(15, 4.0, 6, 0, id="1.0 below, but only 6 check-ins: fine"),
    pytest.param(15, 4.6, 28, 1, id="1.6 below the mean of a full 28 days: info"),
    pytest.param(20, 4.2, 20, 0, id="4.0 a little below the usual: fine"),
]


@pytest.mark.parametrize(("total", "mean", "count", "expected"), READINESS)
def test_low_readiness(total: int, mean: float | None, count: int, expected: int) -> None:
    context = ctx(check_in=feeling(total=total, soreness=3), readiness_mean=mean,
                  readiness_count=count)
    found = only(check_on([run(MON, "17:00", type=RunType.INTERVALS)], context=context), LOW)
    assert len(found) == expected
    assert all(f.severity.value == "info" for f in found)


# What today holds, with readiness 2.4: the finding names the hard sessions still to do today.
TODAY = [
    pytest.param([run(MON, type=RunType.INTERVALS)], 1, id="a key run today: info"),
    pytest.param([heavy(MON)], 1, id="a heavy lower session today: info"),
    pytest.param([run(MON, type=RunType.EASY)], 0, id="an easy run today: fine"),
    pytest.param([lift(MON, lines=[line(sets=2, load=120)])], 0, id="a moderate session: fine"),
    pytest.param([run(TUE, type=RunType.INTERVALS), heavy(TUE)], 0,
                 id="hard sessions tomorrow only: fine"),
    pytest.param([run(MON, type=RunType.TEMPO, logged=True, km=10)], 0,
                 id="a key run already logged today: fine"),
]


@pytest.mark.parametrize(("sessions", "expected"), TODAY)
def test_low_readiness_needs_a_hard_session_today(sessions: list[Session], expected: int
                                                  ) -> None:
    context = ctx(check_in=feeling(total=12, soreness=3))
    assert len(only(check_on(sessions, context=context), LOW)) == expected


def test_the_low_readiness_finding_quotes_the_figures_and_the_dates() -> None:
    context = ctx(check_in=CheckIn(MON, 2, 3, 2, 3, 2), readiness_mean=3.6,
                  readiness_count=12)
    sessions = [run(MON, "07:00", type=RunType.INTERVALS, km=6, id=15),
                heavy(MON, "18:00", id=12)]
    (hit,) = only(check_on(sessions, context=context), LOW)
    assert hit.title == "Low readiness today (2.4 of 5)"
    assert hit.explanation == (
        "Today's check-in (Monday 23 Nov): sleep 2, energy 3, leg soreness 2, stress 3, mood "
        "2, gives a readiness of 2.4 of 5: 2.5 or lower and 1.2 below the mean of 3.6 over "
        "the 12 check-ins from Monday 26 Oct to Sunday 22 Nov (1.0 or more below is a drop). "
        "Planned today: Monday 23 Nov's 6 km intervals; Monday 23 Nov's back squat, 4 x 4 at "
        "120 kg. A hard session on a low day costs more and gives less.")
    assert hit.suggestion == ("Ease today: run Monday 23 Nov's intervals as an easy run and cut "
                              "Monday 23 Nov's back squat to 2 sets of its main lifts.")
    assert hit.move is None
    assert hit.key == "LOW_READINESS:planned:12,planned:15#2026-11-23"
    assert hit.dates == (MON,)


def test_sore_and_low_on_one_day_give_both_findings() -> None:
    context = ctx(check_in=feeling(soreness=1, total=11))
    found = check_on([heavy(MON, "18:00"), run(THU, type=RunType.TEMPO),
                      run(SAT, type=RunType.LONG, km=20)], context=context)
    assert [f.rule for f in found if f.rule in {SORE, LOW}] == [SORE, LOW]
    assert all(f.dates == (MON,) for f in found if f.rule in {SORE, LOW})
