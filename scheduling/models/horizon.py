"""What the checks last judged of each athlete's plan: the horizon, and when."""

from __future__ import annotations

import datetime as dt

from django.db import models

from athletes.models import AthleteProfile


class CheckHorizon(models.Model):
    """The span of dates the last check of an athlete judged (docs: RULES.md "Horizon"),
    and what the nightly pass needs to tell whether the far weeks must be judged again.

    A week overlapping ``start``-``end`` is "checked" as of ``checked_at``; any other week
    is "not checked". The far weeks (after the near window) change only when their inputs
    do: a write re-checks the whole horizon at once; the nightly pass judges them again when
    ``far_stamp`` (the time-dependent inputs: the goal race it picks, the current e1RM of the
    lifts their lines give as % of e1RM, ``far_lifts``) no longer matches."""

    athlete = models.OneToOneField(AthleteProfile, on_delete=models.CASCADE, primary_key=True,
                                   related_name="check_horizon")
    start = models.DateField()
    end = models.DateField()
    checked_at = models.DateTimeField()
    far_checked_at = models.DateTimeField()
    far_stamp = models.CharField(max_length=40, blank=True)
    far_lifts = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.athlete_id}: {self.start} to {self.end}"

    def covers(self, monday: dt.date) -> bool:
        """Whether the ISO week of ``monday`` overlaps the judged span."""
        return monday <= self.end and monday + dt.timedelta(days=6) >= self.start
