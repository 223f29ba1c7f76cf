"""The placer (docs/rules.md, "The placer"): where each strength session of a week goes."""

from __future__ import annotations

import datetime as dt

from scheduling.engine import (
    AvailabilitySlot,
    Intensity,
    Phase,
    PhaseBlock,
    RunType,
    Severity,
    SourceType,
    check,
    propose,
)
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
    moved,
    run,
    sets,
)

DAYS = [MON, TUE, WED, THU, FRI, SAT, SUN]
INTERVALS, TEMPO, LONG = RunType.INTERVALS, RunType.TEMPO, RunType.LONG


def week_runs() -> list[object]:
    """Tuesday intervals, Thursday tempo, Saturday long run, easy Wednesday and Sunday."""
    return [run(TUE, "07:00", type=INTERVALS), run(WED, "07:00"),
            run(THU, "07:00", type=TEMPO), run(SAT, "08:00", type=LONG, minutes=120),
            run(SUN, "09:00")]


def test_the_evening_of_a_key_run_day_comes_first() -> None:
    session = heavy(MON, "17:30", id=10)
    (p,) = [p for p in propose(ctx(), [*week_runs(), session], week_monday=MON, today=MON)
            if p.session == session.ref]
    best = p.slots[0]
    assert (best.date, best.start_time) == (TUE, dt.time(14, 0))  # intervals end 08:00 + 6 h
    assert "hard days hard" in best.reasons[0]
    assert [s.score for s in p.slots] == sorted((s.score for s in p.slots), reverse=True)


def test_without_a_key_run_evening_a_day_48_h_before_the_next_key_run() -> None:
    # Only mornings are free, so no evening after a key run: Monday 06:00 is 48 h+ before
    # Wednesday's intervals; Friday is the day after Thursday's long run.
    mornings = tuple(AvailabilitySlot(d, dt.time(6), dt.time(6)) for d in range(7))
    runs = [run(WED, "07:00", type=INTERVALS), run(THU, "07:00", type=LONG, minutes=120),
            run(SUN, "07:00", type=TEMPO)]
    session = heavy(TUE, id=1)
    (p, _new) = propose(ctx(availability=mornings), [*runs, session], week_monday=MON,
                        today=MON)
    assert p.session == session.ref and p.slots[0].date == MON
    assert p.slots[0].reasons[0] == ("48 h before Wednesday 25 Nov's 8 km intervals, not the day "
                                     "after a long run")
    # Friday goes to one of the two sessions only (one consistent set), with its reason.
    (fri,) = [s for q in (p, _new) for s in q.slots if s.date == FRI]
    assert fri.score < p.slots[0].score and "day after" in " ".join(fri.reasons)


def test_the_base_phase_gets_two_new_heavy_sessions_72_h_apart() -> None:
    proposals = propose(ctx(), week_runs(), week_monday=MON, today=MON)  # type: ignore[arg-type]
    assert [(p.session, p.intensity) for p in proposals] == [(None, Intensity.HEAVY)] * 2
    first, second = (p.slots[0] for p in proposals)
    start = dt.datetime.combine(first.date, first.start_time)
    other = dt.datetime.combine(second.date, second.start_time)
    assert abs(other - start) >= dt.timedelta(hours=72)


def test_phases_decide_how_many_new_sessions() -> None:
    def count(phase: Phase) -> int:
        context = ctx(phases=(PhaseBlock(MON, SUN, phase),))
        return len(propose(context, week_runs(), week_monday=MON, today=MON))  # type: ignore[arg-type]

    assert {p: count(p) for p in Phase} == {Phase.BASE: 2, Phase.RACE_SPECIFIC: 1,
                                            Phase.OFFSEASON: 2, Phase.TAPER: 0,
                                            Phase.RECOVERY: 0}


def test_logged_past_and_fulfilled_sessions_are_not_placed_but_count() -> None:
    done = lift(MON, logged=sets(n=3, reps=5))
    planned = lift(TUE, lines=[line(sets=3)])
    fulfilled = lift(WED, lines=[line(sets=3)])
    log = lift(WED, logged=sets(n=3, reps=5), fulfils=fulfilled.ref)
    proposals = propose(ctx(), [done, planned, fulfilled, log], week_monday=MON, today=TUE)
    assert [p.session for p in proposals] == [planned.ref]  # 3 in the week: nothing new


def test_no_slot_before_today_or_outside_availability() -> None:
    windows = (AvailabilitySlot(3, dt.time(18), dt.time(19)),
               AvailabilitySlot(5, dt.time(9), dt.time(10, 30)))
    (p, new) = propose(ctx(availability=windows), [heavy(MON, id=1)], week_monday=MON,
                       today=WED)
    # The two sessions share the two dates out: no slot offered to both.
    assert [(s.date, s.start_time) for q in (p, new) for s in q.slots] == [
        (THU, dt.time(18)), (SAT, dt.time(9))]


def test_a_session_that_fits_nowhere_comes_back_unplaced_with_the_reason() -> None:
    # Key runs every morning at 07:00 and lifting possible only at 05:30: heavy lifting
    # would always come before a key run the same day, or < 24 h before the next one.
    early = tuple(AvailabilitySlot(d, dt.time(5, 30), dt.time(5, 30)) for d in range(7))
    runs = [run(d, "07:00", type=TEMPO) for d in DAYS]
    (p,) = [p for p in propose(ctx(availability=early), [*runs, heavy(MON, id=1)],
                               week_monday=MON, today=MON) if p.session is not None]
    assert p.slots == ()
    assert "before a key run on the same day" in p.unplaced_reason


def test_no_time_left_in_the_week_is_said_so() -> None:
    none_on_sunday = (AvailabilitySlot(0, dt.time(6), dt.time(20)),)
    (p, *_) = propose(ctx(availability=none_on_sunday), [heavy(SUN, id=1)],
                      week_monday=MON, today=SUN)
    assert p.slots == () and "No available start time" in p.unplaced_reason


def test_a_home_athlete_gets_the_home_variant_named() -> None:
    home = ctx(equipment=frozenset({"kettlebell"}))
    (p, *_) = propose(home, [heavy(TUE, id=1)], week_monday=MON, today=MON)
    assert p.slots and "Goblet squat" in " ".join(p.slots[0].reasons)


def test_a_session_needing_kit_with_no_home_variant_is_unplaced() -> None:
    home = ctx(equipment=frozenset({"kettlebell"}))
    bench = lift(TUE, lines=[line("bench-press", 3, 5)], id=1)
    (p, *_) = propose(home, [bench], week_monday=MON, today=MON)
    assert p.slots == () and "Bench press needs barbell, bench" in p.unplaced_reason


def test_the_proposal_applied_makes_no_error_and_keeps_its_intensity() -> None:
    session = heavy(MON, "17:30", id=10)
    sessions = [*week_runs(), session]
    (p, *_) = propose(ctx(), sessions, week_monday=MON, today=MON)  # type: ignore[arg-type]
    for slot in p.slots:
        after = check(ctx(), moved(sessions, session.ref, slot.date, slot.start_time),  # type: ignore[arg-type]
                      today=MON, window_start=MON, window_end=SUN)
        assert not [f for f in after if f.severity is Severity.ERROR]
    assert p.intensity is Intensity.HEAVY and p.session is not None
    assert p.session.type is SourceType.PLANNED
