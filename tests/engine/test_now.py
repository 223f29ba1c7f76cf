"""The time of day: no slot and no move that has already begun, and a session that has
begun is not moved (docs/rules.md: suggestions must be something the athlete can still do)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from scheduling.engine import Rule, RunType, propose
from tests.engine.builders import (
    MON,
    THU,
    TUE,
    WED,
    ctx,
    findings,
    heavy,
    lift,
    only,
    run,
    sets,
)

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: dt.date, clock: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=BERLIN)


def pair(lift_day: dt.date, lift_at: str) -> list[object]:
    return [heavy(lift_day, lift_at, id=12),
            run(lift_day + dt.timedelta(days=1), "07:00", type=RunType.INTERVALS, km=6, id=15)]


def test_without_now_the_whole_day_is_open() -> None:
    (hit,) = only(findings(ctx(), pair(TUE, "17:00"), today=TUE),  # type: ignore[arg-type]
                  Rule.HEAVY_BEFORE_KEY_RUN)
    assert hit.move is not None and hit.move.date == WED


def test_a_session_that_has_begun_is_not_moved() -> None:
    sessions = pair(TUE, "08:00")
    (before,) = only(findings(ctx(), sessions, today=TUE, now=at(TUE, "07:30")),  # type: ignore[arg-type]
                     Rule.HEAVY_BEFORE_KEY_RUN)
    assert before.move is not None and before.move.session.id == 12
    (after,) = only(findings(ctx(), sessions, today=TUE, now=at(TUE, "10:00")),  # type: ignore[arg-type]
                    Rule.HEAVY_BEFORE_KEY_RUN)
    # The lift has begun: only the run (planned, tomorrow) can still move.
    assert after.move is None or after.move.session.id == 15


def test_a_run_move_is_never_to_a_time_gone() -> None:
    done = lift(TUE, "17:00", logged=sets(n=4, reps=4), id=12)  # logged: the run moves
    intervals = run(WED, "07:00", type=RunType.INTERVALS, id=15)
    moves = {}
    for now in (None, at(TUE, "10:00")):
        (hit,) = only(findings(ctx(), [done, intervals], today=TUE, now=now),
                      Rule.HEAVY_BEFORE_KEY_RUN)
        assert hit.move is not None and hit.move.session == intervals.ref
        moves[now] = (hit.move.date, hit.move.start_time)
    assert moves[None] == (TUE, dt.time(7))  # this morning, before the lift: if still to come
    assert moves[at(TUE, "10:00")][0] > TUE  # at 10:00 it has gone


def test_proposals_start_after_now_and_still_offer_the_evening() -> None:
    sessions = [run(TUE, "07:00", type=RunType.INTERVALS, id=15), heavy(THU, "18:00", id=12)]
    morning = propose(ctx(), sessions, week_monday=MON, today=TUE, now=at(TUE, "10:00"))
    evening = propose(ctx(), sessions, week_monday=MON, today=TUE, now=at(TUE, "19:30"))
    tuesday = [s for p in morning for s in p.slots if s.date == TUE]
    assert tuesday and all(s.start_time >= dt.time(10) for s in tuesday)
    assert not [s for p in evening for s in p.slots
                if s.date == TUE and s.start_time < dt.time(19, 30)]


def test_a_clock_change_day_counts_wall_clock_time() -> None:
    # Europe/Berlin leaves summer time at 03:00 on Sunday 25 October 2026 (back to 02:00):
    # 10:00 local that day is 09:00 UTC, and a 09:30 slot has begun by then.
    sunday = dt.date(2026, 10, 25)
    monday = sunday - dt.timedelta(days=6)
    sessions = [run(sunday - dt.timedelta(days=1), "08:00", type=RunType.LONG, km=20, id=15),
                heavy(sunday, "09:30", id=12)]
    now = dt.datetime(2026, 10, 25, 9, 0, tzinfo=dt.UTC)  # 10:00 in Berlin
    for p in propose(ctx(), sessions, week_monday=monday, today=sunday, now=now):
        assert all(s.start_time >= dt.time(10) for s in p.slots if s.date == sunday), p
