"""The thread on every session: shown under the planned session's and the logged session's
pages (opening it marks it read), and its own page where a comment is added."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from athletes.models import AthleteProfile
from core.errors import DomainError
from portal.forms.comments import CommentForm
from portal.support import apply_domain_error, portal_view
from portal.views.common import athlete_page
from scheduling.models import PlannedSession
from scheduling.selectors import planned_session_get_for_user
from scheduling.selectors.comments import thread_for_user
from scheduling.services import comment_create, comment_mark_read
from training.models import Run, StrengthSession
from training.selectors import run_get_for_user, strength_session_get_for_user

ROUTES = {"planned_session": "portal:planned_thread",
          "strength_session": "portal:strength_thread", "run": "portal:run_thread"}


def _target(kind: str, session: Any) -> str:
    return reverse(ROUTES[kind], args=[session.pk])


def thread_context(request: HttpRequest, *, kind: str, session: Any,
                   form: CommentForm | None = None) -> dict[str, Any]:
    """What a page shows of a session's thread (``kind``: planned_session, strength_session
    or run): the comments, which were new, the form. Showing them marks them read."""
    thread = thread_for_user(user=request.user, **{kind: session})
    if thread.unread:  # nothing to write (not even a savepoint) when all is read
        comment_mark_read(user=request.user, comments=thread.unread)
    return {"thread": thread, "comment_form": form or CommentForm(),
            "thread_url": _target(kind, session)}


def _session_label(kind: str, session: Any) -> str:
    if kind == "planned_session":
        return f"Planned: {session} on {session.date:%a %-d %b}"
    if kind == "strength_session":
        return f"{session.title or 'Strength session'} on {session.date:%a %-d %b}"
    return f"{session.get_run_type_display()} run on {session.date:%a %-d %b}"


def _session_url(kind: str, session: Any) -> str:
    name = {"planned_session": "portal:planned_edit", "strength_session": "portal:strength_log",
            "run": "portal:run_edit"}[kind]
    return reverse(name, args=[session.pk])


def _thread_page(request: HttpRequest, kind: str,
                 session: PlannedSession | StrengthSession | Run) -> HttpResponse:
    athlete: AthleteProfile = session.athlete
    form = None
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                comment_create(author=request.user, **{kind: session}, **form.service_fields())
            except DomainError as exc:
                apply_domain_error(exc, form)
            else:
                messages.success(request, "Comment added.")
                return redirect(_target(kind, session) + "#thread")
    context = thread_context(request, kind=kind, session=session, form=form)
    return render(request, "portal/thread.html", athlete_page(
        request, athlete, "week", page_title="Thread", session_label=_session_label(
            kind, session), session_url=_session_url(kind, session), **context))


@portal_view
@require_http_methods(["GET", "POST"])
def planned_thread(request: HttpRequest, session_id: int) -> HttpResponse:
    session = planned_session_get_for_user(user=request.user, session_id=session_id)
    return _thread_page(request, "planned_session", session)


@portal_view
@require_http_methods(["GET", "POST"])
def strength_thread(request: HttpRequest, session_id: int) -> HttpResponse:
    session = strength_session_get_for_user(user=request.user, session_id=session_id)
    return _thread_page(request, "strength_session", session)


@portal_view
@require_http_methods(["GET", "POST"])
def run_thread(request: HttpRequest, run_id: int) -> HttpResponse:
    run = run_get_for_user(user=request.user, run_id=run_id)
    return _thread_page(request, "run", run)
