"""The coach's roster dashboard: every athlete's week at a glance, sortable and filterable."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from athletes.selectors import invitations_pending_for_user, rosters_for_user, units_for_viewer
from portal.forms.settings import InviteForm
from portal.support import portal_view, viewer_zone
from scheduling.selectors import (
    ROSTER_SORTS,
    monday_of,
    roster_attention,
    roster_rows_for_coach,
    week_checked_at,
)
from scheduling.services.windows import local_today
from training.load import ACWR_HIGH, ACWR_LIMITS
from training.selectors import load_today_for_athletes

FILTERS = {"": "Everyone", "any": "With errors or warnings", "errors": "With errors"}
SORT_LABELS = {"attention": "What needs you now", "errors": "Errors first",
               "warnings": "Warnings first", "name": "Name A-Z", "-name": "Name Z-A",
               "last": "Last logged", "done": "Least done this week"}


@portal_view
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_coach and not user.is_superuser:
        raise Http404("The roster dashboard is for coaches.")
    today = local_today(viewer_zone(request), timezone.now())
    monday = monday_of(today)
    sort = request.GET.get("sort", "attention")
    sort = sort if sort in ROSTER_SORTS or sort == "attention" else "attention"
    flagged = request.GET.get("flagged", "")
    flagged = flagged if flagged in FILTERS else ""
    search = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL: no NUL
    rows = list(roster_rows_for_coach(user=user, monday=monday, today=today, sort=sort,
                                      search=search, flagged=flagged))
    order = {a.pk: i for i, a in enumerate(rows)}
    now = timezone.now()
    their_today = {a.pk: local_today(a.timezone, now) for a in rows}
    loads = load_today_for_athletes(today=their_today)
    for a in rows:
        horizon = getattr(a, "check_horizon", None)  # none yet: never checked
        a.week_checked = week_checked_at(horizon, monday) is not None
        a.next_checked = week_checked_at(horizon, monday + dt.timedelta(days=7)) is not None
        a.load = loads[a.pk]
        a.acwr_high = a.load.acwr is not None and a.load.acwr > ACWR_HIGH
    roster_attention(rows, loads=loads, today=their_today, acwr_high=ACWR_HIGH)
    if sort != "attention":  # the list keeps the reasons, in the order asked for
        rows.sort(key=lambda a: order[a.pk])
    context = {
        "rows": rows, "monday": monday, "sunday": monday + dt.timedelta(days=6),
        "sort": sort, "flagged": flagged, "q": search, "sorts": SORT_LABELS,
        "filters": FILTERS, "nav": "roster", "today": today, "acwr_limits": ACWR_LIMITS,
        "acwr_high": ACWR_HIGH, "units": units_for_viewer(user=user),
    }
    if bool(getattr(request, "htmx", False)) and request.htmx.target == "roster-table":
        return render(request, "portal/_roster_table.html", context)
    context["rosters"] = rosters = list(rosters_for_user(user=user))
    context["invite_form"] = InviteForm(rosters=rosters)
    context["invitations"] = invitations = list(invitations_pending_for_user(user=user))
    for invitation in invitations:
        invitation.expired = invitation.expires_at <= now
    context["zone"] = viewer_zone(request)
    context["invitation_days"] = settings.INVITATION_TTL.days
    template = "portal/dashboard.html"
    return render(request, template, context)

