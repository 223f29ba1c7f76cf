"""Profile and settings: time zone, units, equipment, availability, the digests' opt-outs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from athletes.models import AthleteProfile
from athletes.selectors import athlete_calendar_feed_path, athlete_for_self
from athletes.services import (
    athlete_calendar_token_rotate,
    athlete_profile_ensure,
    coach_digest_set,
    user_units_set,
)
from core.errors import DomainError, NotFound
from portal.forms.settings import (
    WEEKDAYS,
    AvailabilityFormSet,
    CoachDigestForm,
    SettingsForm,
    ViewerUnitsForm,
    availability_days,
    availability_initial,
)
from portal.support import apply_domain_error, portal_view
from scheduling.services import athlete_profile_update

DEFAULTS = SettingsForm.initial_from(AthleteProfile())


@portal_view
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own athlete settings. A coach without an athlete profile sees
    their account only; saving creates the profile of a new athlete."""
    athlete = athlete_for_self(user=request.user)
    coach_only = athlete is None and request.user.is_coach
    coach_form = CoachDigestForm(
        initial={"roster_digest_opt_out": request.user.digest_opt_out}, prefix="coach"
    ) if request.user.is_coach else None
    if request.method == "POST" and request.user.is_coach and "coach-form" in request.POST:
        coach_form = CoachDigestForm(request.POST, prefix="coach")
        coach_form.is_valid()  # a checkbox: always valid
        changed = coach_digest_set(
            coach=request.user, opt_out=coach_form.cleaned_data["roster_digest_opt_out"])
        messages.success(request, "Email settings saved." if changed else "Nothing changed.")
        return redirect(reverse("portal:settings") + "#email")
    units_form = ViewerUnitsForm(initial={"units": request.user.units}, prefix="view"
                                 ) if request.user.is_coach else None
    if request.method == "POST" and request.user.is_coach and "units-form" in request.POST:
        units_form = ViewerUnitsForm(request.POST, prefix="view")
        if units_form.is_valid():
            changed = user_units_set(user=request.user, units=units_form.cleaned_data["units"])
            messages.success(request, "Units saved." if changed else "Nothing changed.")
            return redirect(reverse("portal:settings") + "#units")
        return render(request, "portal/settings.html", {
            "form": None, "athlete": athlete, "nav": "settings", "coach_only": True,
            "coach_form": coach_form, "units_form": units_form}, status=400)
    if request.method == "POST" and coach_only:
        messages.info(request, "Coach accounts have no athlete settings.")
        return redirect("portal:settings")
    if request.method == "POST":
        form = SettingsForm(request.POST, profile=athlete)
        days = AvailabilityFormSet(request.POST, prefix="days")
        if form.is_valid() and days.is_valid():
            try:
                athlete = athlete or athlete_profile_ensure(user=request.user)
                changed = athlete_profile_update(
                    athlete=athlete, actor=request.user, availability=availability_days(days),
                    **form.cleaned_data)
            except DomainError as exc:
                apply_domain_error(exc, form)
            else:
                messages.success(request, "Settings saved." if changed or days.has_changed()
                                 else "Nothing changed.")
                return redirect("portal:settings")
    else:
        rows = list(athlete.availability.all()) if athlete else []
        form = SettingsForm(initial=SettingsForm.initial_from(athlete) if athlete else DEFAULTS,
                            profile=athlete)
        days = AvailabilityFormSet(initial=availability_initial(rows), prefix="days")
    return render(request, "portal/settings.html", {
        "form": form, "days": list(zip(WEEKDAYS, days.forms, strict=False)),
        "days_formset": days, "athlete": athlete, "nav": "settings",
        "coach_only": coach_only, "coach_form": coach_form, "units_form": units_form,
        "calendar_url": request.build_absolute_uri(
            athlete_calendar_feed_path(athlete=athlete)) if athlete else None,
    })


@portal_view
@require_POST
def calendar_rotate(request: HttpRequest) -> HttpResponse:
    """A new calendar link: the old one stops working (shared by mistake, a lost phone)."""
    athlete = athlete_for_self(user=request.user)
    if athlete is None:
        raise NotFound("You have no calendar.")
    athlete_calendar_token_rotate(athlete=athlete)
    messages.success(request, "New calendar link made: the old one no longer works. "
                              "Subscribe again with the new one.")
    return redirect(reverse("portal:settings") + "#calendar")
