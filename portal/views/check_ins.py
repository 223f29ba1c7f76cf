"""The daily check-in: five taps and a save, on the athlete's local today (or another day
gone by, ``?date=``); a second save of a day updates it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from athletes.selectors import athlete_get_for_user
from core.dates import MIN_DATE
from core.errors import DomainError
from portal.forms.check_ins import CheckInForm
from portal.support import apply_domain_error, portal_view
from portal.views.common import athlete_page
from scheduling.selectors import athlete_today
from scheduling.services import check_in_save
from training.selectors import check_in_on

ALIASES = {"body_weight_kg": "body_weight"}


def _day(value: str | None, today: dt.date) -> dt.date:
    """The day asked for, else today (a malformed or future one too)."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return today
    return day if MIN_DATE <= day <= today else today


@portal_view
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    today = athlete_today(athlete=athlete)
    day = _day(request.POST.get("date") or request.GET.get("date"), today)
    existing = None
    if request.method == "POST":
        form = CheckInForm(request.POST, athlete=athlete)
        if form.is_valid():
            try:
                row, created = check_in_save(actor=request.user, athlete=athlete,
                                             **form.service_fields())
            except DomainError as exc:
                apply_domain_error(exc, form, aliases=ALIASES)
            else:
                messages.success(request, f"Check-in {'saved' if created else 'updated'}: "
                                          f"readiness {row.readiness:.1f} of 5.")
                url = reverse("portal:athlete_week", args=[athlete.pk])
                return redirect(f"{url}?week={row.date.isoformat()}")
    else:
        existing = check_in_on(user=request.user, athlete=athlete, date=day)
        initial = (CheckInForm.initial_from(existing, athlete.units) if existing is not None
                   else {"date": day})
        form = CheckInForm(initial=initial, athlete=athlete)
    title = "How do you feel today?" if athlete.user_id == request.user.pk else "Check-in"
    form.fields["date"].widget.attrs["max"] = today.isoformat()
    return render(request, "portal/check_in.html", athlete_page(
        request, athlete, "check_in", form=form, check_in=existing, day=day, page_title=title))
