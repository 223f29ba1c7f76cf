"""The progress page's running: weekly distance and time by run type, the long run's
progression, the pace of easy runs and of tempo/interval work over the weeks, and the latest
runs, all in the viewer's units."""

from __future__ import annotations

import datetime as dt
from typing import Any

from athletes.models import AthleteProfile
from core import units as convert
from portal.views.common import axis_labels
from scheduling.selectors import monday_of
from training.models import RunType
from training.running import RunWeek, types_run
from training.selectors import running_for_athlete

RUN_WEEKS = 12  # the 12 ISO weeks that end with this one
RECENT_RUNS = 10


def _per_unit_m(units: str) -> float:
    return float(convert.M_PER_MILE) if units == convert.IMPERIAL else 1000.0


def _distance(metres: int | None, units: str) -> float | None:
    shown = convert.distance_to_display(metres, units)
    return None if shown is None else float(shown)


def _pace(s_per_km: float | None, units: str) -> int | None:
    """Seconds per km -> whole seconds per km or per mile."""
    return None if s_per_km is None else round(s_per_km * _per_unit_m(units) / 1000)


def _chart(weeks: list[RunWeek], types: list[str], units: str) -> dict[str, Any]:
    return {
        "labels": axis_labels([w.monday for w in weeks]),
        "unit": convert.distance_unit(units),
        "types": [{"label": RunType(t).label,
                   "distance": [_distance(w.distance_m.get(t, 0), units) for w in weeks],
                   "minutes": [round(w.duration_s.get(t, 0) / 60) for w in weeks]}
                  for t in types],
        "long": [_distance(w.long_run.distance_m, units) if w.long_run else None
                 for w in weeks],
        "easy_pace": [_pace(w.easy_pace_s_km, units) for w in weeks],
        "quality_pace": [_pace(w.quality_pace_s_km, units) for w in weeks],
    }


def running_context(*, athlete: AthleteProfile, units: str, today: dt.date) -> dict[str, Any]:
    """What the running section shows (one query)."""
    first = monday_of(today) - dt.timedelta(weeks=RUN_WEEKS - 1)
    weeks, recent = running_for_athlete(athlete=athlete, first_monday=first, weeks=RUN_WEEKS,
                                        recent=RECENT_RUNS)
    types = types_run(weeks)
    rows = [{"week": w, "cells": [(w.distance_m.get(t), w.duration_s.get(t)) for t in types],
             "easy_pace": _pace(w.easy_pace_s_km, units),
             "quality_pace": _pace(w.quality_pace_s_km, units)}
            for w in reversed(weeks)]
    return {
        "run_chart": _chart(weeks, types, units) if types else None,
        "run_types": [RunType(t).label for t in types],
        "run_rows": rows, "recent_runs": recent, "run_weeks": RUN_WEEKS,
        "pace_unit": f"min/{convert.distance_unit(units)}",
    }
