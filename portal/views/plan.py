"""Plan editing: add, edit, move and delete planned sessions; the placer's proposals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from athletes.models import AthleteProfile
from athletes.selectors import athlete_get_for_user, units_of_athlete
from core.errors import DomainError
from portal.forms.plans import (
    MoveForm,
    PlannedSessionForm,
    PrescriptionForm,
    PrescriptionFormSet,
    ProposalApplyForm,
)
from portal.support import apply_domain_error, portal_view
from portal.views.calendar import calendar_back
from portal.views.comments import thread_context
from portal.views.common import athlete_page, is_htmx, parse_week
from portal.views.week import fresh_findings, week_context
from scheduling.models import Kind, PlannedSession
from scheduling.selectors import athlete_today, planned_session_get_for_user
from scheduling.services import (
    placement_apply,
    placement_proposals,
    planned_session_create,
    planned_session_delete,
    planned_session_move,
    planned_session_update,
)
from scheduling.services.locks import MOVE_LOCKED, session_locked_for
from training.selectors import exercises_for_athlete


def week_url(athlete_id: int, day: dt.date | str | None) -> str:
    url = reverse("portal:athlete_week", args=[athlete_id])
    return f"{url}?week={day}" if day else url


def _forms(request: HttpRequest, athlete: AthleteProfile,
           session: PlannedSession | None) -> tuple[PlannedSessionForm, Any]:
    exercises = list(exercises_for_athlete(athlete=athlete).order_by("name"))
    units = units_of_athlete(athlete=athlete)
    if request.method == "POST":
        form = PlannedSessionForm(request.POST, athlete=athlete)
        _hold_when_locked(request, form, session)
        return (form, PrescriptionFormSet(request.POST, prefix="rx", exercises=exercises,
                                          units=units))
    if session is not None:
        initial = PlannedSessionForm.initial_from(session, units)
        lines = [PrescriptionForm.initial_from(line, units) for line in session.prescription.all()]
    else:
        kind = request.GET.get("kind", Kind.STRENGTH)
        initial = {"kind": kind if kind in Kind.values else Kind.STRENGTH,
                   "date": request.GET.get("date") or athlete_today(athlete=athlete)}
        lines = []
    form = PlannedSessionForm(initial=initial, athlete=athlete)
    _hold_when_locked(request, form, session)
    return (form, PrescriptionFormSet(initial=lines, prefix="rx", exercises=exercises,
                                      units=units))


def _hold_when_locked(request: HttpRequest, form: PlannedSessionForm,
                      session: PlannedSession | None) -> None:
    """The athlete's form for a session their coach locked: its day and time shown, fixed
    (a disabled field keeps its stored value whatever is posted)."""
    if session is None or not session_locked_for(actor=request.user, session=session):
        return
    stored = PlannedSessionForm.initial_from(session, session.athlete.units)
    for name in ("date", "start_time"):
        form.fields[name].disabled = True
        form.fields[name].help_text = MOVE_LOCKED
        form.initial[name] = stored[name]


def _save(request: HttpRequest, athlete: AthleteProfile, session: PlannedSession | None,
          form: PlannedSessionForm, formset: Any) -> PlannedSession | None:
    # A run's prescription lines are not used: half-filled ones are no reason to refuse it.
    strength = form.data.get("kind", Kind.STRENGTH) != Kind.RUN
    if not form.is_valid() or (strength and not formset.is_valid()):
        return None
    fields = form.service_fields()
    lines = formset.lines() if fields["kind"] == Kind.STRENGTH else []
    try:
        if session is None:
            return planned_session_create(actor=request.user, athlete=athlete,
                                          prescription=lines, **fields)
        return planned_session_update(session=session, actor=request.user, prescription=lines,
                                      **fields)
    except DomainError as exc:
        apply_domain_error(exc, form, formsets={"prescription": formset},
                           aliases={"distance_m": "distance"})
        return None


def _editor(request: HttpRequest, athlete: AthleteProfile,
            session: PlannedSession | None) -> HttpResponse:
    form, formset = _forms(request, athlete, session)
    if request.method == "POST":
        saved = _save(request, athlete, session, form, formset)
        if saved is not None:
            messages.success(request, f"Saved \u201c{saved}\u201d on {saved.date:%A %-d %b}.")
            return redirect(week_url(athlete.pk, saved.date.isoformat()))
    thread = ({} if session is None
              else thread_context(request, kind="planned_session", session=session))
    return render(request, "portal/planned_form.html", athlete_page(
        request, athlete, "week", form=form, formset=formset, session=session,
        page_title="Edit session" if session else "Plan a session", **thread))


@portal_view
@require_http_methods(["GET", "POST"])
def planned_new(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    return _editor(request, athlete, None)


@portal_view
@require_http_methods(["GET", "POST"])
def planned_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = planned_session_get_for_user(user=request.user, session_id=session_id)
    return _editor(request, session.athlete, session)


def _board(request: HttpRequest, athlete: AthleteProfile, *, error: str = "",
           notice: str = "") -> HttpResponse:
    week = request.POST.get("week")
    if is_htmx(request):
        fresh_findings(athlete)
        return render(request, "portal/_week_board.html", week_context(
            request, athlete, week, board_error=error, board_notice=notice))
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect(week_url(athlete.pk, week))


@portal_view
@require_POST
def planned_move(request: HttpRequest, session_id: int) -> HttpResponse:
    """Move a session (the week's Move form, or the calendar's drag and drop and "Move
    to...": ``from=calendar`` answers with the calendar, and a way to undo the move)."""
    session = planned_session_get_for_user(user=request.user, session_id=session_id)
    back = calendar_back if request.POST.get("from") == "calendar" else _board
    form = MoveForm(request.POST)
    if not form.is_valid():
        return back(request, session.athlete, error="Choose a day to move it to.")
    was = (session.date, session.start_time)
    try:
        planned_session_move(session=session, date=form.cleaned_data["date"],
                             start_time=form.cleaned_data.get("start_time"), actor=request.user)
    except DomainError as exc:
        return back(request, session.athlete, error=exc.message)
    notice = f"Moved \u201c{session}\u201d to {session.date:%A %-d %b}."
    if back is calendar_back:
        return calendar_back(request, session.athlete, notice=notice, undo=session, undo_to=was)
    return _board(request, session.athlete, notice=notice)


@portal_view
@require_POST
def planned_delete(request: HttpRequest, session_id: int) -> HttpResponse:
    session = planned_session_get_for_user(user=request.user, session_id=session_id)
    title = str(session)
    try:
        planned_session_delete(session=session, actor=request.user)
    except DomainError as exc:
        return _board(request, session.athlete, error=exc.message)
    return _board(request, session.athlete, notice=f"Deleted \u201c{title}\u201d.")


@portal_view
@require_POST
def planned_lock(request: HttpRequest, session_id: int) -> HttpResponse:
    """The coach locks a session (the athlete logs it, but may not move or delete it), or
    unlocks it. The athlete asking is refused by the service."""
    session = planned_session_get_for_user(user=request.user, session_id=session_id)
    locked = request.POST.get("locked") == "1"
    try:
        planned_session_update(session=session, actor=request.user, locked=locked)
    except DomainError as exc:
        return _board(request, session.athlete, error=exc.message)
    return _board(request, session.athlete, notice=(
        f"Locked \u201c{session}\u201d: the athlete logs it but cannot move or delete it."
        if locked else f"Unlocked \u201c{session}\u201d."))


@portal_view
@require_GET
def proposals(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    today = athlete_today(athlete=athlete)
    monday = parse_week(request.GET.get("week"), today=today)
    found = placement_proposals(athlete=athlete, week_monday=monday)
    ids = [p.session.id for p in found if p.session is not None]
    titles = {s.pk: s for s in PlannedSession.objects.filter(athlete=athlete, pk__in=ids)}
    rows = [{"proposal": p, "session": titles.get(p.session.id) if p.session else None}
            for p in found]
    return render(request, "portal/proposals.html", athlete_page(
        request, athlete, "week", rows=rows, monday=monday, page_title="Strength placement",
        prev_week=monday - dt.timedelta(days=7), next_week=monday + dt.timedelta(days=7)))


@portal_view
@require_POST
def proposal_apply(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    form = ProposalApplyForm(request.POST)
    back = reverse("portal:proposals", args=[athlete.pk])
    if not form.is_valid():
        messages.error(request, "That proposal is incomplete; pick one from the list.")
        return redirect(back)
    data = form.cleaned_data
    monday = parse_week(data["week"].isoformat(), today=data["week"])
    try:
        session = placement_apply(actor=request.user, athlete=athlete, week_monday=monday,
                                  session_id=data.get("session_id"), date=data["date"],
                                  start_time=data["start_time"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{back}?week={monday}")
    messages.success(request, f"Placed \u201c{session}\u201d on {session.date:%A %-d %b} at "
                              f"{session.start_time:%H:%M}.")
    return redirect(week_url(athlete.pk, monday.isoformat()))
