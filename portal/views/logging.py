"""Set-by-set strength logging, built for a phone: each set is saved by its own POST the
moment it is entered, so a reload or a lost connection loses nothing already saved."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from athletes.selectors import athlete_get_for_user
from core.errors import DomainError, NotFound
from portal.forms.logs import SetForm, StrengthSessionForm
from portal.support import apply_domain_error, portal_view
from portal.views.comments import thread_context
from portal.views.common import athlete_page, is_htmx
from portal.views.log_blocks import build_blocks
from scheduling.models import Kind
from scheduling.selectors import (
    athlete_today,
    planned_session_get_for_user,
    planned_sessions_for_user,
)
from scheduling.services import (
    strength_session_create,
    strength_session_delete,
    strength_session_update,
    strength_set_create,
    strength_set_delete,
    strength_set_update,
)
from training.drafts import strength_is_draft
from training.models import StrengthSession
from training.selectors import (
    exercises_for_athlete,
    strength_session_get_for_user,
    strength_set_get_for_user,
)
from training.services import SetInput

PREFIXES = {"new"} | {f"b{i}" for i in range(40)}


def _log_url(session: StrengthSession) -> str:
    return reverse("portal:strength_log", args=[session.pk])


@portal_view
@require_http_methods(["GET", "POST"])
def strength_new(request: HttpRequest, athlete_id: int) -> HttpResponse:
    """Start a session: from a planned one (targets prefilled) or from scratch.

    ``?planned=<id>`` shows the planned session's start form, its date the plan's (today
    for a session planned later: nothing is logged ahead of time) and open to change;
    nothing is logged until it is sent. A bare ``planned`` POST (the one-tap list of this
    week's sessions) starts it on that date at once."""
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    today = athlete_today(athlete=athlete)
    form = StrengthSessionForm(initial={"date": today})
    planned_id = request.POST.get("planned") or request.GET.get("planned")
    planned = None
    if planned_id:
        planned = planned_session_get_for_user(user=request.user, session_id=planned_id)
        if planned.athlete_id != athlete.pk or planned.kind != Kind.STRENGTH:
            raise NotFound("Planned session not found.")
        if planned.logged_strength_id:
            return redirect("portal:strength_log", session_id=planned.logged_strength_id)
        form = StrengthSessionForm(initial={"date": min(planned.date, today),
                                            "title": planned.title,
                                            "start_time": planned.start_time})
    if request.method == "POST":
        if planned is not None and "date" not in request.POST:
            fields = {"date": min(planned.date, today), "title": planned.title,
                      "start_time": planned.start_time}
        else:
            form = StrengthSessionForm(request.POST)
            fields = form.cleaned_data if form.is_valid() else {}
        if fields:
            try:
                session = strength_session_create(actor=request.user, athlete=athlete,
                                                  planned_session=planned, **fields)
            except DomainError as exc:
                apply_domain_error(exc, form)
            else:
                return redirect(_log_url(session))
    upcoming = [] if planned is not None else list(planned_sessions_for_user(
        user=request.user).filter(
        athlete=athlete, kind=Kind.STRENGTH, logged_strength__isnull=True,
        date__gte=today - dt.timedelta(days=7), date__lte=today + dt.timedelta(days=1),
    ).order_by("-date")[:5])
    return render(request, "portal/strength_new.html", athlete_page(
        request, athlete, "log", form=form, upcoming=upcoming, planned=planned,
        page_title="Log a lift"))


def _screen(request: HttpRequest, session: StrengthSession, *, bound: SetForm | None = None,
            fragment: bool = False, meta_form: StrengthSessionForm | None = None,
            rest: bool = False) -> HttpResponse:
    context = build_blocks(user=request.user, session=session, bound=bound)
    context["rest_start"] = rest  # a working set was just saved: the page starts the timer
    if fragment:
        return render(request, "portal/_log_blocks.html", context)
    meta_form = meta_form or StrengthSessionForm(initial={
        "title": session.title, "date": session.date, "start_time": session.start_time,
        "duration_min": session.duration_min, "rpe": session.rpe, "notes": session.notes})
    page = athlete_page(request, session.athlete, "log", page_title="Logging",
                        meta_form=meta_form,
                        **thread_context(request, kind="strength_session", session=session))
    return render(request, "portal/strength_log.html", {**page, **context})


@portal_view
@require_http_methods(["GET", "POST"])
def strength_log(request: HttpRequest, session_id: int) -> HttpResponse:
    """The logging screen; POST saves the session's own fields (finishing it)."""
    session = strength_session_get_for_user(user=request.user, session_id=session_id)
    if request.method == "POST":
        form = StrengthSessionForm(request.POST)
        if form.is_valid():
            try:
                strength_session_update(session=session, **form.cleaned_data)
            except DomainError as exc:
                apply_domain_error(exc, form)
            else:
                messages.success(request, "Session saved.")
                url = reverse("portal:athlete_week", args=[session.athlete_id])
                return redirect(f"{url}?week={session.date.isoformat()}")
        return _screen(request, session, meta_form=form)
    return _screen(request, session)


def _after_set(request: HttpRequest, session: StrengthSession,
               bound: SetForm | None = None, rest: bool = False) -> HttpResponse:
    if is_htmx(request):
        fresh = strength_session_get_for_user(user=request.user, session_id=session.pk)
        return _screen(request, fresh, bound=bound, fragment=True, rest=rest)
    if bound is not None:
        for errors in bound.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_log_url(session))


def _set_form(request: HttpRequest, session: StrengthSession, prefix: str) -> SetForm:
    exercises = list(exercises_for_athlete(athlete=session.athlete))
    return SetForm(request.POST, prefix=prefix, athlete=session.athlete, exercises=exercises)


@portal_view
@require_POST
def set_add(request: HttpRequest, session_id: int) -> HttpResponse:
    session = strength_session_get_for_user(user=request.user, session_id=session_id)
    prefix = request.POST.get("prefix", "new")
    form = _set_form(request, session, prefix if prefix in PREFIXES else "new")
    if not form.is_valid():
        return _after_set(request, session, bound=form)
    data = form.cleaned_data
    try:
        strength_set_create(session=session, data=SetInput(
            exercise=data["exercise"], reps=data["reps"], load_kg=data["load_kg"],
            rir=data.get("rir"), is_warmup=data.get("is_warmup", False),
            hold_s=data.get("hold_s")))
    except DomainError as exc:
        apply_domain_error(exc, form, aliases={"sets[0].load_kg": "load",
                                               "sets[0].reps": "reps", "sets[0].rir": "rir",
                                               "sets[0].exercise": "exercise",
                                               "sets[0].hold_s": "hold_s"})
        return _after_set(request, session, bound=form)
    return _after_set(request, session, rest=not data.get("is_warmup", False))


@portal_view
@require_http_methods(["GET", "POST"])
def set_edit(request: HttpRequest, set_id: int) -> HttpResponse:
    """Correct a set after the fact (inline on the logging screen)."""
    row = strength_set_get_for_user(user=request.user, set_id=set_id)
    session = row.session
    prefix = f"s{row.pk}"
    if request.method == "POST":
        form = _set_form(request, session, prefix)
        if form.is_valid():
            data = form.cleaned_data
            try:
                strength_set_update(row=row, reps=data["reps"], load_kg=data["load_kg"],
                                    rir=data.get("rir"), is_warmup=data.get("is_warmup", False),
                                    hold_s=data.get("hold_s"))
            except DomainError as exc:
                apply_domain_error(exc, form, aliases={"load_kg": "load"})
            else:
                return _after_set(request, session)
    else:
        exercises = [row.exercise]
        initial = SetForm.initial_from(exercise=row.exercise.slug, reps=row.reps,
                                       load_kg=row.load_kg, rir=row.rir,
                                       units=session.athlete.units, hold_s=row.hold_s)
        initial["is_warmup"] = row.is_warmup
        form = SetForm(prefix=prefix, initial=initial, athlete=session.athlete,
                       exercises=exercises)
    template = "portal/_set_edit.html" if is_htmx(request) else "portal/set_edit.html"
    context = athlete_page(request, session.athlete, "log", row=row, form=form,
                           session=session, page_title="Edit a set")
    return render(request, template, context)


@portal_view
@require_POST
def set_delete(request: HttpRequest, set_id: int) -> HttpResponse:
    row = strength_set_get_for_user(user=request.user, set_id=set_id)
    session = row.session
    strength_set_delete(row=row)
    return _after_set(request, session)


@portal_view
@require_POST
def strength_delete(request: HttpRequest, session_id: int) -> HttpResponse:
    session = strength_session_get_for_user(user=request.user, session_id=session_id)
    athlete_id, date = session.athlete_id, session.date
    draft = strength_is_draft(session)
    strength_session_delete(session=session)
    messages.success(request, "Draft discarded." if draft else "Session deleted.")
    url = reverse("portal:athlete_week", args=[athlete_id])
    return redirect(f"{url}?week={date.isoformat()}")
