"""Races and phases: the athlete's races (add, edit, remove) and the phases a goal race
lays, whose dates the coach adjusts. The athlete manages their own races, as the API lets
them; the phases are their coach's (the service refuses an athlete's change)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from athletes.models import AthleteProfile
from athletes.selectors import athlete_get_for_user
from core.errors import DomainError, Forbidden
from portal.forms.races import PhaseDatesForm, RaceForm
from portal.support import apply_domain_error, portal_view
from portal.views.common import athlete_page
from scheduling.models import Race
from scheduling.selectors import athlete_today, race_get_for_user
from scheduling.selectors.races import phase_block_get_for_user, races_page_for_athlete
from scheduling.services import phase_block_update, race_create, race_delete, race_update

ALIASES = {"distance_m": "distance"}


def _page(request: HttpRequest, athlete: AthleteProfile, *, form: RaceForm | None = None,
          phase_form: PhaseDatesForm | None = None) -> HttpResponse:
    today = athlete_today(athlete=athlete)
    page = races_page_for_athlete(user=request.user, athlete=athlete, today=today)
    phase_forms = {}
    if athlete.user_id != request.user.pk:  # the coach adjusts the dates
        phase_forms = {row.block.pk: PhaseDatesForm(block=row.block) for row in page.phases}
        if phase_form is not None:
            phase_forms[phase_form.block.pk] = phase_form
    phases = [(row, phase_forms.get(row.block.pk)) for row in page.phases]
    return render(request, "portal/races.html", athlete_page(
        request, athlete, "week", page=page, phases=phases, today=today,
        form=form or RaceForm(athlete=athlete), page_title="Races and phases"))


def _back(athlete: AthleteProfile) -> HttpResponse:
    return redirect(reverse("portal:races", args=[athlete.pk]))


@portal_view
@require_http_methods(["GET", "POST"])
def races_page(request: HttpRequest, athlete_id: int) -> HttpResponse:
    """The page, and adding a race from its form."""
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    if request.method == "GET":
        return _page(request, athlete)
    form = RaceForm(request.POST, athlete=athlete)
    if form.is_valid():
        try:
            race = race_create(athlete=athlete, **form.service_fields())
        except DomainError as exc:
            apply_domain_error(exc, form, aliases=ALIASES)
        else:
            messages.success(request, _saved(race))
            return _back(athlete)
    return _page(request, athlete, form=form)


def _saved(race: Race) -> str:
    laid = " Its build's phases are laid below." if race.priority == "A" else ""
    return f"Saved \u201c{race.name}\u201d on {race.date:%A %-d %b %Y}.{laid}"


@portal_view
@require_http_methods(["GET", "POST"])
def race_edit(request: HttpRequest, race_id: int) -> HttpResponse:
    race = race_get_for_user(user=request.user, race_id=race_id)
    athlete = athlete_get_for_user(user=request.user, athlete_id=race.athlete_id)
    if request.method == "POST":
        form = RaceForm(request.POST, athlete=athlete)
        if form.is_valid():
            try:
                race = race_update(race=race, **form.service_fields())
            except DomainError as exc:
                apply_domain_error(exc, form, aliases=ALIASES)
            else:
                messages.success(request, _saved(race))
                return _back(athlete)
    else:
        form = RaceForm(initial=RaceForm.initial_from(race, athlete.units), athlete=athlete)
    return render(request, "portal/race_form.html", athlete_page(
        request, athlete, "week", form=form, race=race, page_title=f"Edit {race.name}"))


@portal_view
@require_POST
def race_remove(request: HttpRequest, race_id: int) -> HttpResponse:
    race = race_get_for_user(user=request.user, race_id=race_id)
    athlete = athlete_get_for_user(user=request.user, athlete_id=race.athlete_id)
    name = race.name
    race_delete(race=race)
    messages.success(request, f"Removed \u201c{name}\u201d and the phases it laid.")
    return _back(athlete)


@portal_view
@require_POST
def phase_dates(request: HttpRequest, phase_id: int) -> HttpResponse:
    """The coach moves a phase's dates; the touching neighbours follow (the service)."""
    block = phase_block_get_for_user(user=request.user, phase_id=phase_id)
    athlete = block.athlete
    form = PhaseDatesForm(request.POST, block=block)
    if form.is_valid():
        fields: dict[str, Any] = {"start": form.cleaned_data["start"],
                                  "end": form.cleaned_data["end"]}
        try:
            phase_block_update(block=block, actor=request.user, **fields)
        except Forbidden as exc:  # the athlete: the page shows them no dates to change
            messages.error(request, exc.message)
            return _back(athlete)
        except DomainError as exc:
            apply_domain_error(exc, form)
        else:
            messages.success(request, f"{block.get_phase_display()} now runs "
                                      f"{block.start:%a %-d %b} to {block.end:%a %-d %b %Y}.")
            return _back(athlete)
    return _page(request, athlete, phase_form=form)
