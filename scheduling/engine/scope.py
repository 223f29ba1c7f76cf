"""What one ``check`` judges, and so what a finding it no longer makes means.

A check over a window makes a finding about sessions when the last of them lies in the window, a
weekly finding when its ISO week overlaps the window, and STALLED_PROGRESSION (about "the
last 4 weeks counted back from today", whatever the dates of the sessions it names) when
that span overlaps the window. Whoever keeps findings between checks asks ``judges``: a
stored finding the check judges and did not make has lost its cause; one it does not judge
may still hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from scheduling.engine.rules.sets import stall_span
from scheduling.engine.timeline import monday_of
from scheduling.engine.types import Rule

WEEKLY_RULES = frozenset({Rule.WEEKLY_FREQUENCY_LOW, Rule.WEEKLY_FREQUENCY_HIGH})
# Judged on today's look back, not on the dates of the sessions they name.
TODAY_RULES = frozenset({Rule.STALLED_PROGRESSION})


@dataclass(frozen=True, slots=True)
class Scope:
    """A check's ``today`` and window (first and last date, inclusive)."""

    today: dt.date
    start: dt.date
    end: dt.date
    # The window ends at the last session: a finding about later dates names sessions that
    # are no longer there (moved or deleted), so its cause is gone and the check judges it.
    open_end: bool = False

    @property
    def looks_back(self) -> bool:
        """Whether the check judges the rules of ``TODAY_RULES``."""
        first, last = stall_span(self.today)
        return first <= self.end and last >= self.start

    @property
    def earliest(self) -> dt.date:
        """The earliest date a finding the check judges by its dates may name."""
        return monday_of(self.start)

    @property
    def latest(self) -> dt.date:
        """The latest date a finding the check judges by its dates may name."""
        return dt.date.max if self.open_end else monday_of(self.end) + dt.timedelta(days=6)

    @property
    def whatever_the_dates(self) -> frozenset[Rule]:
        """The rules the check judges whatever the dates of their findings."""
        return TODAY_RULES if self.looks_back else frozenset()

    def judges(self, rule: str, dates: Sequence[dt.date]) -> bool:
        """Whether the check judges a finding of ``rule`` about ``dates`` (sorted)."""
        if rule in TODAY_RULES:
            return self.looks_back
        if not dates:
            return False
        if self.open_end and dates[0] > self.end:
            return True
        if rule in WEEKLY_RULES:
            monday = monday_of(dates[0])
            return monday <= self.end and monday + dt.timedelta(days=6) >= self.start
        return self.start <= dates[-1] <= self.end
