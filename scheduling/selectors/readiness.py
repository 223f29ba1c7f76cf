"""An athlete's readiness day by day (RULES.md, "Readiness and missed sessions"), for the
progress page's trend: each day's readiness as the engine computes it for LOW_READINESS
(``engine.CheckIn.readiness``), the mean of the 28 days before it that the rule compares it
with, and whether the rule would call it low or a drop. One query for any window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scheduling import engine
from scheduling.engine.rules.readiness import BASELINE_DAYS, BASELINE_MIN, dropped, is_low
from training.models import CHECK_IN_ITEMS, CheckIn


@dataclass(frozen=True)
class ReadinessDay:
    date: dt.date
    check_in: engine.CheckIn | None = None
    resting_hr: int | None = None
    hrv_ms: int | None = None
    baseline: float | None = None  # the mean of the previous 28 days, from 7 check-ins on
    baseline_count: int = 0

    @property
    def readiness(self) -> float | None:
        return None if self.check_in is None else self.check_in.readiness

    @property
    def low(self) -> bool:
        return self.check_in is not None and is_low(self.check_in)

    @property
    def dropped(self) -> bool:
        return self.check_in is not None and dropped(self.check_in, self.baseline,
                                                     self.baseline_count)


def readiness_for_athlete(*, athlete_id: int, date_from: dt.date, date_to: dt.date
                          ) -> list[ReadinessDay]:
    """Every day from ``date_from`` to ``date_to``, a day without a check-in included (its
    readiness None); the check-ins of the 28 days before ``date_from`` feed the first
    days' means."""
    rows = CheckIn.objects.filter(
        athlete_id=athlete_id, date__gte=date_from - dt.timedelta(days=BASELINE_DAYS),
        date__lte=date_to,
    ).values_list("date", *CHECK_IN_ITEMS, "resting_hr", "hrv_ms")
    by_date = {date: (engine.CheckIn(date, *items), hr, hrv)
               for date, *items, hr, hrv in rows}
    days = []
    for n in range((date_to - date_from).days + 1):
        day = date_from + dt.timedelta(days=n)
        # As scheduling.services.readiness: the days' totals summed, one division at the end.
        before = [by_date[d][0].total for k in range(1, BASELINE_DAYS + 1)
                  if (d := day - dt.timedelta(days=k)) in by_date]
        check_in, hr, hrv = by_date.get(day, (None, None, None))
        days.append(ReadinessDay(
            date=day, check_in=check_in, resting_hr=hr, hrv_ms=hrv,
            baseline=sum(before) / (5 * len(before)) if len(before) >= BASELINE_MIN else None,
            baseline_count=len(before)))
    return days
