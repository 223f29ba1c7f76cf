"""Time and phases: the definitions every rule stands on (the e1RM: tests/core/test_lifting.py)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from scheduling.engine import (
    Phase,
    PhaseBlock,
    Race,
    default_phases,
    phase_on,
)
from scheduling.engine.timeline import HOUR, instant, session_span
from tests.engine.builders import WED, ctx, heavy, run

RACE = Race(dt.date(2026, 12, 6))


def days_before(n: int) -> dt.date:
    return RACE.date - dt.timedelta(days=n)


PHASES = [
    pytest.param(days_before(0), Phase.TAPER, id="race day is taper"),
    pytest.param(days_before(10), Phase.TAPER, id="10 days before: taper"),
    pytest.param(days_before(11), Phase.RACE_SPECIFIC, id="11 days before: race-specific"),
    pytest.param(days_before(66), Phase.RACE_SPECIFIC, id="8 weeks before the taper starts"),
    pytest.param(days_before(67), Phase.BASE, id="the day before that: base"),
    pytest.param(days_before(-1), Phase.RECOVERY, id="the day after: recovery"),
    pytest.param(days_before(-14), Phase.RECOVERY, id="14 days after: recovery"),
    pytest.param(days_before(-15), Phase.BASE, id="15 days after: base again"),
]


@pytest.mark.parametrize(("day", "phase"), PHASES)
def test_default_phases_from_the_goal_race(day: dt.date, phase: Phase) -> None:
    assert phase_on(ctx(goal_race=RACE), day) is phase


def test_default_phases_are_contiguous_blocks() -> None:
    blocks = default_phases(RACE)
    assert [b.phase for b in blocks] == [Phase.BASE, Phase.RACE_SPECIFIC, Phase.TAPER,
                                         Phase.RECOVERY]
    for a, b in itertools.pairwise(blocks):
        assert b.start - a.end == dt.timedelta(days=1)


def test_explicit_blocks_win_and_no_race_means_base() -> None:
    block = PhaseBlock(days_before(5), days_before(3), Phase.OFFSEASON)
    context = ctx(goal_race=RACE, phases=(block,))
    assert phase_on(context, days_before(4)) is Phase.OFFSEASON
    assert phase_on(context, days_before(2)) is Phase.TAPER
    assert phase_on(ctx(), WED) is Phase.BASE


def test_overlapping_explicit_blocks_the_later_start_wins() -> None:
    wide = PhaseBlock(days_before(30), days_before(0), Phase.BASE)
    narrow = PhaseBlock(days_before(10), days_before(5), Phase.TAPER)
    assert phase_on(ctx(phases=(narrow, wide)), days_before(7)) is Phase.TAPER


def test_default_start_times_and_duration() -> None:
    zone = "Europe/Berlin"
    start, end = session_span(zone, heavy(WED))
    assert start == instant(zone, WED, dt.time(17, 30)) and end - start == HOUR
    start, _ = session_span(zone, run(WED))
    assert start == instant(zone, WED, dt.time(7, 0))


def test_a_race_without_a_time_starts_at_eight() -> None:
    from scheduling.engine import RunType

    start, _ = session_span("Europe/Berlin", run(WED, type=RunType.RACE))
    assert start == instant("Europe/Berlin", WED, dt.time(8, 0))


def test_the_spring_night_is_23_hours_and_the_autumn_night_25() -> None:
    # Berlin 2026-03-29: 02:00 -> 03:00. New York 2026-11-01: 02:00 -> 01:00.
    berlin = instant("Europe/Berlin", dt.date(2026, 3, 29), dt.time(7)) - instant(
        "Europe/Berlin", dt.date(2026, 3, 28), dt.time(7))
    new_york = instant("America/New_York", dt.date(2026, 11, 1), dt.time(7)) - instant(
        "America/New_York", dt.date(2026, 10, 31), dt.time(7))
    assert (berlin / HOUR, new_york / HOUR) == (23, 25)
