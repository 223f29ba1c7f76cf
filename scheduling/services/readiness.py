"""What the check-ins give a check window (RULES.md, "Readiness"): each athlete's check-in of
their local today, and the mean readiness of their check-ins of the 28 days before it with
how many there were. One query for a whole chunk of athletes, whatever their time zones."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scheduling import engine
from scheduling.engine.rules.readiness import BASELINE_DAYS
from training.models import CheckIn


@dataclass(frozen=True)
class Readiness:
    """One athlete's readiness as the engine takes it (``AthleteContext`` fields)."""

    check_in: engine.CheckIn | None = None
    readiness_mean: float | None = None
    readiness_count: int = 0


def read_readiness(ids: Sequence[int], todays: Mapping[int, dt.date]) -> dict[int, Readiness]:
    """Each athlete's readiness on their own today (``todays``: athlete id -> local date);
    an athlete with no check-in in the 29 days is left out."""
    if not todays:
        return {}
    since = min(todays.values()) - dt.timedelta(days=BASELINE_DAYS)
    until = max(todays.values())
    today_of: dict[int, engine.CheckIn] = {}
    totals: dict[int, list[int]] = defaultdict(list)
    for aid, date, *items in CheckIn.objects.filter(
        athlete_id__in=ids, date__gte=since, date__lte=until
    ).values_list("athlete_id", "date", "sleep", "energy", "soreness", "stress", "mood"):
        today = todays[aid]
        if date == today:
            today_of[aid] = engine.CheckIn(date, *items)
        elif today - dt.timedelta(days=BASELINE_DAYS) <= date < today:
            totals[aid].append(sum(items))
    out = {}
    for aid in today_of.keys() | totals.keys():
        baseline = totals.get(aid, [])
        out[aid] = Readiness(
            check_in=today_of.get(aid),
            # The mean of the days' readiness (a fifth of each total), exact until this one
            # division: the rule compares it with today's to the hundredth.
            readiness_mean=sum(baseline) / (5 * len(baseline)) if baseline else None,
            readiness_count=len(baseline),
        )
    return out
