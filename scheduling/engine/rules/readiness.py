"""Readiness rules: how the athlete feels today against the hard sessions ahead (docs/rules.md,
"Readiness and missed sessions").

Only today's check-in drives them: a context whose check-in is of another date is no reason.
A session counts while it is still to be done: a planned one nothing has fulfilled yet
(``Prepared`` has already swapped a fulfilled plan for the logged session).
"""

from __future__ import annotations

from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.types import CheckIn, Rule, Severity, SourceType

SORE_MAX = 2  # leg soreness at or below this is sore (1 very sore ... 5 fresh)
SORE_DAYS_AHEAD = 1  # today and tomorrow
LATER_H = 48.0  # a sore athlete's heavy session moves at least this much later
LOW_READINESS_MAX = 2.5  # readiness at or below this is low
READINESS_DROP = 1.0  # ... as is a readiness this far or further below the athlete's mean
BASELINE_DAYS = 28  # the mean of the check-ins of the days before today
BASELINE_MIN = 7  # ... taken only from this many check-ins or more
LIGHT_SETS = 2  # what "light" and "eased" mean: the main lifts cut to 2 sets ...
LIGHT_RIR = 3  # ... at RIR 3 or more
# A readiness is a fifth of a whole number and a mean of at most 28 of them, so two figures
# that differ at all differ by 1/140 or more: this only absorbs the floats' rounding
# (4.6 - 3.6 is 0.9999999999999996 in binary).
_EPS = 1e-9


def todays_check_in(prep: Prepared) -> CheckIn | None:
    found = prep.context.check_in
    return found if found is not None and found.date == prep.today else None


def _to_do(item: Item) -> bool:
    return item.ref.type is SourceType.PLANNED


def sore_hits(prep: Prepared) -> list[Hit]:
    """SORE_LEGS_BEFORE_HEAVY: sore legs today and a heavy lower session still to do today
    or tomorrow; one finding per such session."""
    check_in = todays_check_in(prep)
    if check_in is None or check_in.soreness > SORE_MAX:
        return []
    return [
        Hit(Rule.SORE_LEGS_BEFORE_HEAVY, Severity.WARNING, (item,), number=check_in.soreness,
            limit=SORE_MAX, suffix=check_in.date.isoformat())
        for item in prep.near(prep.today_day, 0, SORE_DAYS_AHEAD)
        if item.heavy and not item.is_run and _to_do(item)
    ]


def is_low(check_in: CheckIn) -> bool:
    return check_in.readiness <= LOW_READINESS_MAX + _EPS


def dropped(check_in: CheckIn, mean: float | None, count: int) -> bool:
    """Whether today's readiness is READINESS_DROP or more below the mean of enough days."""
    return (mean is not None and count >= BASELINE_MIN
            and mean - check_in.readiness >= READINESS_DROP - _EPS)


def low_readiness_hits(prep: Prepared) -> list[Hit]:
    """LOW_READINESS: a low readiness today, or a drop below the athlete's own mean, with a
    key run or a heavy lower session still to do today; one finding naming them all."""
    check_in = todays_check_in(prep)
    if check_in is None:
        return []
    context = prep.context
    if not (is_low(check_in)
            or dropped(check_in, context.readiness_mean, context.readiness_count)):
        return []
    hard = tuple(i for i in prep.day_items(prep.today_day)
                 if _to_do(i) and (i.key if i.is_run else i.heavy))
    if not hard:
        return []
    return [Hit(Rule.LOW_READINESS, Severity.INFO, hard, number=check_in.readiness,
                limit=LOW_READINESS_MAX, suffix=check_in.date.isoformat())]


def hits(prep: Prepared) -> list[Hit]:
    return sore_hits(prep) + low_readiness_hits(prep)
