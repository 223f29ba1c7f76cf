"""Logging a run (from the plan or from scratch) and editing it after the fact."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from athletes.selectors import athlete_get_for_user
from core.errors import DomainError, NotFound
from core.units import distance_to_display
from portal.forms.logs import RunForm
from portal.support import apply_domain_error, portal_view
from portal.views.comments import thread_context
from portal.views.common import athlete_page
from scheduling.models import Kind, PlannedSession
from scheduling.selectors import athlete_today, planned_session_get_for_user
from scheduling.services import run_create, run_update
from scheduling.services import run_delete as run_delete_service
from training.drafts import run_is_draft
from training.selectors import run_get_for_user

ALIASES = {"distance_m": "distance", "duration_s": "duration"}


def _week(athlete_id: int, date: object) -> str:
    return f"{reverse('portal:athlete_week', args=[athlete_id])}?week={date}"


def _planned(request: HttpRequest, athlete_id: int) -> PlannedSession | None:
    raw = request.POST.get("planned") or request.GET.get("planned")
    if not raw:
        return None
    planned = planned_session_get_for_user(user=request.user, session_id=raw)
    if planned.athlete_id != athlete_id or planned.kind != Kind.RUN:
        raise NotFound("Planned run not found.")
    return planned


@portal_view
@require_http_methods(["GET", "POST"])
def run_new(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    planned = _planned(request, athlete.pk)
    if planned is not None and planned.logged_run_id:
        return redirect("portal:run_edit", run_id=planned.logged_run_id)
    if request.method == "POST":
        form = RunForm(request.POST, athlete=athlete)
        if form.is_valid():
            try:
                run = run_create(actor=request.user, athlete=athlete, planned_session=planned,
                                 **form.service_fields())
            except DomainError as exc:
                apply_domain_error(exc, form, aliases=ALIASES)
            else:
                messages.success(request, "Run logged.")
                return redirect(_week(athlete.pk, run.date))
    else:
        today = athlete_today(athlete=athlete)
        initial: dict[str, object] = {"date": today, "run_type": "easy"}
        if planned is not None:
            initial = {
                "date": min(planned.date, today), "run_type": planned.run_type,
                "start_time": planned.start_time, "rpe": planned.planned_rpe,
                "distance": distance_to_display(planned.distance_m, athlete.units),
                "duration": str(planned.duration_min or ""),
            }
        form = RunForm(initial=initial, athlete=athlete)
    return render(request, "portal/run_form.html", athlete_page(
        request, athlete, "run", form=form, planned=planned, run=None, page_title="Log a run"))


@portal_view
@require_http_methods(["GET", "POST"])
def run_edit(request: HttpRequest, run_id: int) -> HttpResponse:
    run = run_get_for_user(user=request.user, run_id=run_id)
    athlete = run.athlete
    if request.method == "POST":
        form = RunForm(request.POST, athlete=athlete)
        if form.is_valid():
            try:
                run_update(run=run, **form.service_fields())
            except DomainError as exc:
                apply_domain_error(exc, form, aliases=ALIASES)
            else:
                messages.success(request, "Run saved.")
                return redirect(_week(athlete.pk, run.date))
    else:
        form = RunForm(initial=RunForm.initial_from_run(run, athlete.units), athlete=athlete)
    return render(request, "portal/run_form.html", athlete_page(
        request, athlete, "run", form=form, planned=None, run=run, page_title="Edit a run",
        **thread_context(request, kind="run", session=run)))


@portal_view
@require_POST
def run_delete(request: HttpRequest, run_id: int) -> HttpResponse:
    run = run_get_for_user(user=request.user, run_id=run_id)
    athlete_id, date = run.athlete_id, run.date
    draft = run_is_draft(run)
    run_delete_service(run=run)
    messages.success(request, "Draft discarded." if draft else "Run deleted.")
    return redirect(_week(athlete_id, date))
