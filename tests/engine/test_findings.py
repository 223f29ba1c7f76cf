"""The finding contract: words in the athlete's units, keys, window, order, one-click moves."""

from __future__ import annotations

import datetime as dt

from scheduling.engine import Race, Rule, RunType, Severity, Units, check
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
    moved,
    only,
    run,
    sets,
)


def pair() -> list[object]:
    return [heavy(TUE, "17:00", id=12), run(WED, "07:00", type=RunType.INTERVALS, km=6, id=15)]


def test_the_explanation_quotes_the_athletes_numbers() -> None:
    (hit,) = only(findings(ctx(), pair(), today=MON), Rule.HEAVY_BEFORE_KEY_RUN)  # type: ignore[arg-type]
    assert hit.title == "Heavy back squat 13 h before intervals"
    assert hit.explanation.startswith(
        "Tuesday 24 Nov's back squat, 4 x 4 at 120 kg, ends 13 h before Wednesday 25 Nov's "
        "6 km intervals.")
    assert hit.key == "HEAVY_BEFORE_KEY_RUN:planned:12,planned:15"
    assert hit.dates == (TUE, WED)


def test_imperial_athletes_read_pounds_and_miles() -> None:
    """Loads are quoted as the portal shows them: exact to 0.1 lb, so a plan written in
    pounds (265 lb, stored as 120.2 kg) reads back as written."""
    in_pounds = [lift(TUE, "17:00", lines=[line(load=120.2)], id=12), pair()[1]]
    for sessions, quoted in ((pair(), "264.6 lb"), (in_pounds, "265 lb")):
        (hit,) = only(findings(ctx(units=Units.IMPERIAL), sessions, today=MON),  # type: ignore[arg-type]
                      Rule.HEAVY_BEFORE_KEY_RUN)
        assert f"back squat, 4 x 4 at {quoted}, ends" in hit.explanation
        assert "3.7 mi intervals" in hit.explanation


def test_a_run_timed_to_the_second_is_quoted_to_the_second() -> None:
    sessions = [run(SAT, "08:00", type=RunType.LONG, km=None, minutes=95.5, id=20),
                lift(SUN, "17:00", lines=[line(sets=2)], id=21)]
    (hit,) = only(findings(ctx(), sessions, today=MON), Rule.HEAVY_AFTER_LONG_RUN)  # type: ignore[arg-type]
    assert "the day after Saturday 28 Nov's 95 min 30 s long run." in hit.explanation


def test_the_move_goes_to_the_key_days_evening_and_says_so() -> None:
    (hit,) = only(findings(ctx(), pair(), today=MON), Rule.HEAVY_BEFORE_KEY_RUN)  # type: ignore[arg-type]
    assert hit.move is not None
    assert (hit.move.session.id, hit.move.date, hit.move.start_time) == (12, WED, dt.time(14))
    assert hit.suggestion.startswith(
        "Move Tuesday 24 Nov's back squat to Wednesday 25 Nov at 14:00")


def test_a_logged_lift_is_never_moved_the_planned_run_is() -> None:
    done = lift(TUE, "17:00", logged=sets(n=4, reps=4), id=12)
    intervals = run(WED, "07:00", type=RunType.INTERVALS, id=15)
    (hit,) = only(findings(ctx(), [done, intervals], today=WED), Rule.HEAVY_BEFORE_KEY_RUN)
    assert hit.move is not None and hit.move.session == intervals.ref
    assert hit.move.date == THU and hit.move.start_time == dt.time(7)


def test_no_move_when_nothing_clears_it_the_suggestion_cuts_instead() -> None:
    race = Race(SUN, name="Local 10K")
    (taper,) = only(findings(ctx(goal_race=race), [heavy(MON, id=3)], today=MON),
                    Rule.TAPER_HEAVY)
    assert taper.move is None  # every day left is 7 days or fewer before; race day is out
    assert "cut to 1-2 sets" in taper.suggestion


def test_a_past_planned_session_is_not_judged_or_moved() -> None:
    found = findings(ctx(), pair(), today=WED)  # type: ignore[arg-type]
    assert not only(found, Rule.HEAVY_BEFORE_KEY_RUN)


def test_applying_the_easy_day_hint_clears_it() -> None:
    sessions = [run(TUE, "07:00"), heavy(TUE, "18:00", id=7),
                run(THU, "07:00", type=RunType.INTERVALS)]
    (hint,) = only(findings(ctx(), sessions, today=MON), Rule.STRENGTH_ON_EASY_DAY)
    assert hint.move is not None
    after = findings(ctx(), moved(sessions, hint.move.session, hint.move.date,
                                  hint.move.start_time), today=MON)
    assert not only(after, Rule.STRENGTH_ON_EASY_DAY)
    assert not [f for f in after if f.severity is Severity.ERROR]


def test_only_findings_with_a_date_in_the_window_are_reported() -> None:
    sessions = [heavy(MON, "06:00", id=1), run(MON, "08:00", type=RunType.TEMPO, id=2),
                heavy(THU, "07:30", id=3), run(FRI, "08:00", type=RunType.INTERVALS, id=4),
                lift(SAT, lines=[line(sets=6)], id=5)]
    found = check(ctx(), sessions, today=MON, window_start=FRI, window_end=FRI)  # type: ignore[arg-type]
    assert [f.key for f in found if not f.rule.startswith("WEEKLY")] == [
        "HEAVY_BEFORE_KEY_RUN:planned:3,planned:4"]  # Thursday-Friday touches Friday


def test_findings_come_sorted_by_first_date_then_severity() -> None:
    sessions = [lift(WED, lines=[line(sets=6)], id=1), heavy(THU, "07:30", id=2),
                run(FRI, "08:00", type=RunType.INTERVALS, id=3), heavy(MON, id=4),
                run(TUE, "07:00", type=RunType.TEMPO, id=5)]
    found = check(ctx(), sessions, today=MON, window_start=MON, window_end=SUN)  # type: ignore[arg-type]
    order = [(f.dates[0], f.severity.value, f.rule) for f in found]
    rank = {"error": 0, "warning": 1, "info": 2}
    assert order == sorted(order, key=lambda o: (o[0], rank[o[1]], o[2]))
    assert found[0].rule == Rule.HEAVY_BEFORE_KEY_RUN and found[0].dates[0] == MON


def test_the_same_input_gives_the_same_keys_run_after_run() -> None:
    sessions = [heavy(MON, id=1), heavy(WED, id=2), run(THU, "07:00", type=RunType.HILLS, id=3)]
    first = check(ctx(), sessions, today=MON, window_start=MON, window_end=NEXT_MON)
    again = check(ctx(), sessions[::-1], today=MON, window_start=MON, window_end=NEXT_MON)
    assert first == again
    assert "HEAVY_SESSIONS_TOO_CLOSE:planned:1,planned:2" in {f.key for f in first}


def test_every_finding_has_words() -> None:
    sessions = [heavy(MON, "06:00"), run(MON, "08:00", type=RunType.TEMPO),
                lift(WED, logged=sets(n=5, reps=8, rir=0) + sets("calf-raise", 3, 15, 20)),
                lift(TUE, lines=[line("pogo-hops", 5, 30, contacts=30)])]
    found = check(ctx(goal_race=Race(SAT)), sessions, today=MON, window_start=MON,
                  window_end=SUN)  # type: ignore[arg-type]
    assert len({f.rule for f in found}) >= 8
    for f in found:
        assert f.title and f.explanation.endswith(".") and f.suggestion.endswith(".")
