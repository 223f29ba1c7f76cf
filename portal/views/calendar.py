"""The calendar of weeks (a mode of the Week tab): 4 or 6 weeks on a desktop, one at a time
on a phone; sessions move by drag and drop or "Move to..." (the Move view, with an undo),
and a week copies onto another."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from athletes.models import AthleteProfile
from athletes.selectors import athlete_get_for_user
from core.errors import DomainError
from portal.forms.calendar import CopyWeekForm
from portal.support import portal_view
from portal.views.common import athlete_page, is_htmx, parse_week
from scheduling.models import PlannedSession
from scheduling.selectors import athlete_today
from scheduling.selectors.calendar import WEEKS_CHOICES, calendar_for_athlete
from scheduling.services import athlete_check, planned_week_copy

COPY_AHEAD = 12  # weeks after the calendar's last one a week may be copied to
COPY_BEHIND = 4  # and before its first


def _weeks(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) in WEEKS_CHOICES else 4


def calendar_context(request: HttpRequest, athlete: AthleteProfile, params: Mapping[str, Any],
                     **extra: object) -> dict[str, object]:
    """The calendar from ``params`` (``start``: a date of its first week; ``weeks``: 4|6)."""
    today = athlete_today(athlete=athlete)
    first = parse_week(params.get("start"), today=today)
    weeks = _weeks(params.get("weeks"))
    cal = calendar_for_athlete(athlete=athlete, first=first, weeks=weeks, today=today)
    span = dt.timedelta(days=7 * weeks)
    week = dt.timedelta(days=7)
    targets = [first + week * i for i in range(-COPY_BEHIND, weeks + COPY_AHEAD)]
    return athlete_page(
        request, athlete, "week", page_title="Calendar", calendar=cal, weeks=weeks,
        weeks_choices=WEEKS_CHOICES, first=first, prev_start=first - span,
        next_start=first + span, prev_week=first - week, next_week=first + week,
        this_monday=today - dt.timedelta(days=today.weekday()), copy_targets=targets,
        calendar_url=reverse("portal:athlete_calendar", args=[athlete.pk]), **extra)


@portal_view
@require_GET
def athlete_calendar(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    context = calendar_context(request, athlete, request.GET)
    if is_htmx(request) and request.htmx.target == "calendar":
        return render(request, "portal/_calendar.html", context)
    return render(request, "portal/calendar.html", context)


def calendar_back(request: HttpRequest, athlete: AthleteProfile, *, error: str = "",
                  notice: str = "", undo: PlannedSession | None = None,
                  undo_to: tuple[dt.date, dt.time | None] | None = None) -> HttpResponse:
    """After a write from the calendar: htmx gets the calendar again (re-checked, so the
    flags are the change's), with what happened and, after a move, the way to undo it;
    otherwise back to the calendar with a message."""
    if is_htmx(request):
        athlete_check(athlete_id=athlete.pk)  # as the week's board does (week.fresh_findings)
        return render(request, "portal/_calendar.html", calendar_context(
            request, athlete, request.POST, board_error=error, board_notice=notice,
            undo=undo, undo_to=undo_to))
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    query = urlencode({k: request.POST[k] for k in ("start", "weeks") if request.POST.get(k)})
    url = reverse("portal:athlete_calendar", args=[athlete.pk])
    return redirect(f"{url}?{query}" if query else url)


@portal_view
@require_POST
def calendar_copy(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    form = CopyWeekForm(request.POST)
    if not form.is_valid():
        return calendar_back(request, athlete, error="Choose the week to copy it to.")
    source, target = form.cleaned_data["source"], form.cleaned_data["target"]
    try:
        copies = planned_week_copy(actor=request.user, athlete=athlete, source=source,
                                   target=target)
    except DomainError as exc:
        return calendar_back(request, athlete, error=exc.message)
    monday = copies[0].date - dt.timedelta(days=copies[0].date.weekday())
    n = len(copies)
    return calendar_back(request, athlete, notice=(
        f"Copied {n} session{'s' if n != 1 else ''} to the week of {monday:%A %-d %b}."))
