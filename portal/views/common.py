"""What every portal page about one athlete shares: who is looking, which week, the header."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.dateformat import format as date_format

from athletes.models import AthleteProfile
from athletes.selectors import units_for_viewer
from core.dates import MAX_DATE, MIN_DATE
from scheduling.selectors import athlete_today, monday_of


def parse_week(value: str | None, *, today: dt.date) -> dt.date:
    """The Monday of ``?week=`` given as a date of it (2026-05-12) or an ISO week (2026-W20,
    as the digest emails link), else of the athlete's today."""
    day = today
    if value:
        try:
            if "W" in value.upper():
                year, _, week = value.upper().partition("-W")
                day = dt.date.fromisocalendar(int(year), int(week), 1)
            else:
                day = dt.date.fromisoformat(value)
        except ValueError:
            day = today
    if not MIN_DATE <= day <= MAX_DATE:  # 9999-12-31 would overflow the week's arithmetic
        day = today
    return monday_of(day)


def athlete_page(request: HttpRequest, athlete: AthleteProfile, tab: str,
                 **extra: Any) -> dict[str, Any]:
    """The context of a page about ``athlete``: the tabs, whether a coach is acting, and the
    units the viewer reads loads and distances in (their own, not the athlete's)."""
    is_self = athlete.user_id == request.user.pk
    return {
        "athlete": athlete,
        "units": units_for_viewer(user=request.user, athlete=athlete),
        "is_self": is_self,
        "acting_coach": not is_self,
        "tab": tab,
        "nav": "week" if is_self else "roster",
        "today": athlete_today(athlete=athlete),
        **extra,
    }


def axis_labels(dates: list[dt.date]) -> list[str]:
    """Dates as the portal writes them ("3 Dec"), not ISO: with the year when the dates
    span more than one (a chart axis has little room)."""
    years = {d.year for d in dates}
    pattern = "j M" if len(years) <= 1 else "j M Y"
    return [date_format(d, pattern) for d in dates]


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
