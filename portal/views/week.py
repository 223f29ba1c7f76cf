"""My week (and a coached athlete's week), and acting on findings: apply, acknowledge."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from athletes.models import AthleteProfile, User
from athletes.selectors import athlete_get_for_user
from core.errors import DomainError
from portal.forms.plans import MoveForm
from portal.support import portal_view
from portal.views.common import athlete_page, is_htmx, parse_week
from scheduling.engine import Rule
from scheduling.models import FindingStatus
from scheduling.selectors import (
    Week,
    athlete_today,
    finding_get_for_user,
    findings_for_user,
    week_for_athlete,
)
from scheduling.selectors.comments import ThreadCount, thread_counts_for_sessions
from scheduling.selectors.locks import findings_mark_locked_fixes
from scheduling.services import athlete_check, finding_acknowledge, finding_apply_fix
from scheduling.services.compliance import compliance_week
from training.selectors import check_in_on, week_load_for_athlete

RECENT = dt.timedelta(days=30)
MISSED_SESSION = Rule.MISSED_SESSION.value
THREAD_ROUTES = {"planned": "portal:planned_thread", "strength": "portal:strength_thread",
                 "run": "portal:run_thread"}


@dataclass(frozen=True)
class ThreadLink:
    """A session card's way into a thread: its words, where, how many comments, how many
    the viewer has not read."""

    label: str
    url: str
    total: int
    unread: int


def _threads(user: User, athlete: AthleteProfile, week: Week) -> int:
    """Give each of the week's items its thread links (``item.threads``): the logged
    session's, and the plan's (when nothing is logged yet, or it has comments). Returns the
    week's unread comments. One query (none for an empty week)."""
    items = [item for day in week.days for item in day.items]
    counts = thread_counts_for_sessions(
        user=user, athlete=athlete,
        planned_ids=[i.planned.pk for i in items if i.planned is not None],
        strength_ids=[i.strength.pk for i in items if i.strength is not None],
        run_ids=[i.run.pk for i in items if i.run is not None])

    def link(label: str, kind: str, pk: int) -> ThreadLink:
        c = counts.get((kind, pk), ThreadCount())
        return ThreadLink(label, reverse(THREAD_ROUTES[kind], args=[pk]), c.total, c.unread)

    for item in items:
        links = []
        if item.strength is not None:
            links.append(link("Comments", "strength", item.strength.pk))
        if item.run is not None:
            links.append(link("Comments", "run", item.run.pk))
        if item.planned is not None:
            plan = link("Comments on the plan" if links else "Comments", "planned",
                        item.planned.pk)
            if not links or plan.total:
                links.append(plan)
        item.threads = links  # type: ignore[attr-defined]
    return sum(c.unread for c in counts.values())


def week_context(request: HttpRequest, athlete: AthleteProfile, monday_value: str | None,
                 **extra: object) -> dict[str, object]:
    today = athlete_today(athlete=athlete)
    monday = parse_week(monday_value, today=today)
    week = week_for_athlete(athlete=athlete, monday=monday, today=today)
    compliance, verdicts = compliance_week(athlete_id=athlete.pk, monday=monday, today=today)
    week.judge(verdicts)
    findings_mark_locked_fixes(user=request.user, athlete=athlete, findings=week.findings,
                               known=[i.planned for d in week.days for i in d.items if i.planned])
    unread = _threads(request.user, athlete, week)
    return athlete_page(
        request, athlete, "week", week=week, today=today, week_unread=unread,
        prev_week=monday - dt.timedelta(days=7), next_week=monday + dt.timedelta(days=7),
        this_week=monday == week.today - dt.timedelta(days=week.today.weekday()),
        move_form=MoveForm(), compliance=compliance,
        week_load=week_load_for_athlete(athlete_id=athlete.pk, monday=monday), **extra,
    )


@portal_view
@require_GET
def athlete_week(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    context = week_context(request, athlete, request.GET.get("week"))
    if is_htmx(request) and request.htmx.target == "week-board":
        return render(request, "portal/_week_board.html", context)
    # The page (not the board that prev/next swap in) starts with today's check-in, or asks
    # for it.
    context["today_check_in"] = check_in_on(user=request.user, athlete=athlete,
                                            date=context["today"])
    return render(request, "portal/week.html", context)


def fresh_findings(athlete: AthleteProfile) -> None:
    """Re-check now, so the board swapped in shows the verdict of the change just made.
    The write also queued its re-check after commit (eager without Redis, so this repeats
    it; on a worker with Redis it may not have run yet). Idempotent either way."""
    athlete_check(athlete_id=athlete.pk)


def _board_or_back(request: HttpRequest, athlete: AthleteProfile, error: str = "",
                   notice: str = "") -> HttpResponse:
    """htmx: the re-rendered board (flags updated in place); otherwise back to the page."""
    back = request.POST.get("week") or request.GET.get("week")
    if is_htmx(request) and request.POST.get("from") != "findings":
        fresh_findings(athlete)
        context = week_context(request, athlete, back, board_error=error, board_notice=notice)
        return render(request, "portal/_week_board.html", context)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    if request.POST.get("from") == "findings":
        return redirect("portal:athlete_findings", athlete_id=athlete.pk)
    url = reverse("portal:athlete_week", args=[athlete.pk])
    return redirect(url + (f"?week={back}" if back else ""))


@portal_view
@require_POST
def finding_apply(request: HttpRequest, finding_id: int) -> HttpResponse:
    """Apply the fix the button names (``fix``; none named: the finding's first)."""
    finding = finding_get_for_user(user=request.user, finding_id=finding_id)
    fixes = finding.fixes
    fix_id = request.POST.get("fix") or (fixes[0]["id"] if fixes else "")
    try:
        done = finding_apply_fix(finding=finding, fix_id=fix_id, actor=request.user)
    except DomainError as exc:
        return _board_or_back(request, finding.athlete, error=exc.message)
    moved = done.session
    if done.kind == "move" and moved is not None:
        when = f"{moved.date:%A %-d %b}" + (f" at {moved.start_time:%H:%M}"
                                             if moved.start_time else "")
        notice = f"Moved \u201c{moved}\u201d to {when}."
    else:
        notice = f"Done: {done.text}"
    return _board_or_back(request, finding.athlete, notice=notice)


@portal_view
@require_POST
def finding_ack(request: HttpRequest, finding_id: int) -> HttpResponse:
    finding = finding_get_for_user(user=request.user, finding_id=finding_id)
    try:
        finding_acknowledge(finding=finding, actor=request.user)
    except DomainError as exc:
        return _board_or_back(request, finding.athlete, error=exc.message)
    if is_htmx(request) and request.POST.get("from") == "findings":
        return render(request, "portal/_finding_row.html",
                      {"finding": finding, "athlete": finding.athlete})
    # A missed session acknowledged is let go (RULES.md): it stays missed, the plan goes on.
    notice = ("Let go: it stays missed, and the rest of the plan stands."
              if finding.rule == MISSED_SESSION else "Acknowledged.")
    return _board_or_back(request, finding.athlete, notice=notice)


@portal_view
@require_GET
def athlete_findings(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    mine = findings_for_user(user=request.user).filter(athlete=athlete).select_related(
        "acknowledged_by")
    open_ = list(mine.filter(status__in=[FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED])
                 .order_by("status", "first_date", "id"))
    recent = list(mine.filter(status=FindingStatus.RESOLVED,
                              resolved_at__gte=timezone.now() - RECENT)
                  .order_by("-resolved_at")[:30])
    findings_mark_locked_fixes(user=request.user, athlete=athlete, findings=open_)
    return render(request, "portal/findings.html",
                  athlete_page(request, athlete, "findings", open_findings=open_,
                               recent_findings=recent))
