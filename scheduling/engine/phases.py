"""The athlete's training phase on a date (docs/rules.md, "Phase").

Defaults from the goal race: taper = race day and the 10 days before it, race-specific =
the 8 weeks before the taper, base before that, recovery = the 14 days after race day.
Explicit blocks of the athlete's race build win over the defaults; no goal race: base.
For the weekly rules an ISO week takes the phase of its Monday (see ``week_phase``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from scheduling.engine.timeline import monday_of
from scheduling.engine.types import AthleteContext, Phase, PhaseBlock, Race

TAPER_DAYS_BEFORE = 10
RACE_SPECIFIC_DAYS = 8 * 7
RECOVERY_DAYS_AFTER = 14

_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=4096)
def default_phases(race: Race) -> tuple[PhaseBlock, ...]:
    """Base, race-specific, taper and recovery blocks around ``race``, in date order."""
    taper_start = race.date - TAPER_DAYS_BEFORE * _DAY
    specific_start = taper_start - RACE_SPECIFIC_DAYS * _DAY
    return (
        PhaseBlock(dt.date.min, specific_start - _DAY, Phase.BASE),
        PhaseBlock(specific_start, taper_start - _DAY, Phase.RACE_SPECIFIC),
        PhaseBlock(taper_start, race.date, Phase.TAPER),
        PhaseBlock(race.date + _DAY, race.date + RECOVERY_DAYS_AFTER * _DAY, Phase.RECOVERY),
    )


def phase_on(context: AthleteContext, day: dt.date) -> Phase:
    """The phase on a local date: an explicit block covering it, else the goal-race default.

    Overlapping explicit blocks: the one that starts latest wins (the most recent decision),
    ties to the earlier in the tuple. Dates outside every block are base.
    """
    best: PhaseBlock | None = None
    for block in context.phases:
        if block.start <= day <= block.end and (best is None or block.start > best.start):
            best = block
    if best is not None:
        return best.phase
    if context.goal_race is not None:
        for block in default_phases(context.goal_race):
            if block.start <= day <= block.end:
                return block.phase
    return Phase.BASE


def week_phase(context: AthleteContext, day: dt.date) -> Phase:
    """The phase of the ISO week containing ``day``: the phase of its Monday."""
    return phase_on(context, monday_of(day))


# Strength sessions a week wants (WEEKLY_FREQUENCY_LOW) and allows (WEEKLY_FREQUENCY_HIGH).
WEEKLY_WANTED: dict[Phase, int] = {
    Phase.BASE: 2,
    Phase.RACE_SPECIFIC: 1,
    Phase.OFFSEASON: 2,
    Phase.TAPER: 0,
    Phase.RECOVERY: 0,
}
WEEKLY_MAX: dict[Phase, int] = {
    Phase.BASE: 3,
    Phase.RACE_SPECIFIC: 2,
    Phase.TAPER: 1,
    Phase.RECOVERY: 1,
    Phase.OFFSEASON: 3,
}
