"""The first-run step of a new athlete: time zone (the browser's, pre-selected), units,
level, equipment and the days they can train, in one short page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from athletes.selectors import athlete_for_self
from core.errors import DomainError
from core.zones import zone_canonical
from portal.forms.onboarding import FirstRunForm
from portal.forms.settings import (
    WEEKDAYS,
    AvailabilityFormSet,
    availability_days,
    availability_initial,
)
from portal.support import ZONE_COOKIE, apply_domain_error, first_run_exempt, portal_view
from scheduling.services import athlete_onboard


@portal_view
@first_run_exempt
@require_http_methods(["GET", "POST"])
def first_run(request: HttpRequest) -> HttpResponse:
    """Once done, the step is the settings page; a coach without an athlete profile has
    nothing to set up here: their roster."""
    athlete = athlete_for_self(user=request.user)
    if athlete is None and request.user.is_coach:
        return redirect("portal:dashboard")
    if athlete is not None and not request.user.first_run_due:
        return redirect("portal:settings")
    if request.method == "POST":
        form = FirstRunForm(request.POST)
        days = AvailabilityFormSet(request.POST, prefix="days")
        if form.is_valid() and days.is_valid():
            try:
                athlete_onboard(user=request.user, availability=availability_days(days),
                                **form.cleaned_data)
            except DomainError as exc:
                apply_domain_error(exc, form)
            else:
                messages.success(request, "You're set. Your coach plans in your time zone; "
                                          "change any of it in Settings.")
                return redirect("portal:home")
    else:
        # The browser's zone as zone.js last reported it; empty, the page's script fills it
        # in, and without script the athlete picks it: never UTC by default.
        browser = zone_canonical(request.COOKIES.get(ZONE_COOKIE, "")[:64]) or ""
        form = FirstRunForm(initial={"timezone": browser})
        days = AvailabilityFormSet(initial=availability_initial([]), prefix="days")
    return render(request, "portal/first_run.html", {
        "form": form, "days": list(zip(WEEKDAYS, days.forms, strict=False)),
        "days_formset": days,
    })
