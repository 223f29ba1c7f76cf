"""Adjusting a phase's dates (scheduling/services/races.py, ``phase_block_update``): the
phases stay in order without overlaps, a touching neighbour follows, the athlete may not."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError, Forbidden
from scheduling.models import PhaseBlock
from scheduling.services import phase_block_create, phase_block_update, race_create

RACE_DAY = dt.date.today() + dt.timedelta(days=150)
ONE = dt.timedelta(days=1)


@pytest.fixture
def build(athlete) -> dict[str, PhaseBlock]:
    race = race_create(athlete=athlete, name="Seville Half", date=RACE_DAY, distance_m=21097)
    return {b.phase: b for b in PhaseBlock.objects.filter(race=race)}


def _dates(block: PhaseBlock) -> tuple[dt.date, dt.date]:
    block.refresh_from_db()
    return block.start, block.end


def test_a_longer_race_specific_phase_moves_the_taper_that_touches_it(build, coach) -> None:
    specific, taper = build["race_specific"], build["taper"]
    old_taper_start = taper.start
    phase_block_update(block=specific, actor=coach, end=old_taper_start + 2 * ONE)
    assert _dates(specific)[1] == old_taper_start + 2 * ONE
    assert _dates(taper) == (old_taper_start + 3 * ONE, RACE_DAY)
    taper.refresh_from_db()
    assert not taper.auto and not specific.auto  # the coach's own now


def test_an_earlier_taper_start_shortens_race_specific(build, coach) -> None:
    specific, taper = build["race_specific"], build["taper"]
    phase_block_update(block=taper, actor=coach, start=taper.start - 7 * ONE)
    assert _dates(specific)[1] == _dates(taper)[0] - ONE


def test_a_neighbour_is_never_left_with_no_days(build, coach) -> None:
    taper, recovery = build["taper"], build["recovery"]
    with pytest.raises(DomainError) as caught:
        phase_block_update(block=taper, actor=coach, end=recovery.end)
    assert caught.value.field == "end"
    assert "leaves Recovery no days" in caught.value.message
    assert _dates(taper)[1] == RACE_DAY


def test_an_overlap_with_a_phase_it_did_not_touch_is_refused(build, coach, athlete) -> None:
    late = phase_block_create(athlete=athlete, phase="offseason",
                              start=build["recovery"].end + 10 * ONE,
                              end=build["recovery"].end + 40 * ONE)
    with pytest.raises(DomainError) as caught:
        phase_block_update(block=late, actor=coach, start=build["recovery"].end)
    assert caught.value.field == "start"
    assert "overlap Recovery" in caught.value.message


def test_a_phase_ending_before_it_starts_is_a_field_error(build, coach) -> None:
    taper = build["taper"]
    with pytest.raises(DomainError) as caught:
        phase_block_update(block=taper, actor=coach, start=taper.end + ONE)
    assert (caught.value.field, caught.value.message) == ("end", "The phase ends before it starts.")


def test_a_phase_cannot_jump_past_its_neighbour(build, coach) -> None:
    specific, recovery = build["race_specific"], build["recovery"]
    with pytest.raises(DomainError):
        phase_block_update(block=specific, actor=coach, start=recovery.start + ONE,
                           end=recovery.end + 5 * ONE)


def test_the_athlete_may_not_change_their_phases(build, athlete) -> None:
    taper = build["taper"]
    with pytest.raises(Forbidden):
        phase_block_update(block=taper, actor=athlete.user, start=taper.start - ONE)
    assert _dates(taper)[0] == RACE_DAY - 10 * ONE
