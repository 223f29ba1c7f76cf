"""The read path of the races page: an athlete's races and the phases they lay, scoped to the
acting user like every selector."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from athletes.models import AthleteProfile, User
from core.scoping import scoped_get
from scheduling.models import PhaseBlock, Race
from scheduling.selectors import phase_blocks_for_user, races_for_user


@dataclass(frozen=True)
class RaceRow:
    race: Race
    days_to_go: int  # from the athlete's today; negative once run


@dataclass(frozen=True)
class PhaseRow:
    block: PhaseBlock
    weeks: int  # whole weeks it spans, rounded up
    is_current: bool


@dataclass(frozen=True)
class RacesPage:
    upcoming: list[RaceRow]
    past: list[RaceRow]
    phases: list[PhaseRow]


def phase_block_get_for_user(*, user: User, phase_id: object) -> PhaseBlock:
    return scoped_get(phase_blocks_for_user(user=user).select_related("athlete__user", "race"),
                      phase_id, what="Phase")


def races_page_for_athlete(*, user: User, athlete: AthleteProfile, today: dt.date
                           ) -> RacesPage:
    """The athlete's races, the coming ones first by date and those run since, latest
    first; and every phase block in date order, with the race it comes from. Two queries."""
    races = list(races_for_user(user=user).filter(athlete=athlete).order_by("date", "id"))
    blocks = list(phase_blocks_for_user(user=user).filter(athlete=athlete)
                  .select_related("race").order_by("start", "id"))
    rows = [RaceRow(race=r, days_to_go=(r.date - today).days) for r in races]
    return RacesPage(
        upcoming=[r for r in rows if r.days_to_go >= 0],
        past=sorted((r for r in rows if r.days_to_go < 0), key=lambda r: r.race.date,
                    reverse=True),
        phases=[PhaseRow(block=b, weeks=-(-((b.end - b.start).days + 1) // 7),
                         is_current=b.start <= today <= b.end) for b in blocks],
    )
