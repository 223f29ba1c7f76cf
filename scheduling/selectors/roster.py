"""The coach's roster: one row per athlete with this week's figures, read in one query, and
the reasons each needs the coach now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from athletes.models import AthleteProfile, Membership, User
from scheduling.models import BodyArea, Finding, FindingStatus, PlannedSession, Severity
from scheduling.selectors.comments import PAIN_RECENT, roster_comment_annotations
from training.drafts import run_takes_part, strength_takes_part
from training.models import Run, StrengthSession

ROSTER_SORTS = {
    "name": (Lower("user__name"), "id"),
    "-name": (Lower("user__name").desc(), "-id"),
    "errors": ("-errors", "-warnings", Lower("user__name")),
    "warnings": ("-warnings", "-errors", Lower("user__name")),
    "last": ("-last_strength_date", Lower("user__name")),
    "done": ("done_count", Lower("user__name")),
}


def _count(qs: QuerySet) -> Coalesce:
    """A correlated COUNT(*) as an annotation: one subquery, no join fan-out."""
    counted = qs.order_by().values("athlete_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def roster_rows_for_coach(
    *, user: User, monday: dt.date, today: dt.date, sort: str = "errors", search: str = "",
    flagged: str = "",
) -> QuerySet[AthleteProfile]:
    """The coach's athletes, each annotated with this week's open errors and warnings, the
    next open error or warning ahead (this week and the next), the last logged strength
    session and run and the drafts to finish or discard, and this week's planned vs done
    (drafts left out), and what ``roster_attention`` reads
    (open errors from today on, pain flagged in the last 7 days, sore legs before a heavy
    session, sessions missed in the last 7 days, comments the coach has not read): one query
    whatever the roster size (every figure is a correlated subquery)."""
    sunday = monday + dt.timedelta(days=6)
    memberships = Membership.objects.all() if user.is_superuser else Membership.objects.filter(
        roster__coach=user)
    ids = memberships.values("athlete_id")
    week_open = Finding.objects.filter(
        athlete=OuterRef("pk"), status=FindingStatus.OPEN, last_date__gte=monday,
        first_date__lte=sunday,
    )
    # The next flag worth a look: an open error or warning from today to the end of next
    # week, the soonest first (an error before a warning on the same day).
    next_flag = Finding.objects.filter(
        athlete=OuterRef("pk"), status=FindingStatus.OPEN,
        severity__in=[Severity.ERROR, Severity.WARNING], last_date__gte=today,
        first_date__lte=sunday + dt.timedelta(days=7),
    ).order_by("first_date", "severity", "id")
    # Drafts (RULES.md, "Logged") are no session: never the last logged, never done.
    strength = StrengthSession.objects.filter(athlete=OuterRef("pk"))
    runs = Run.objects.filter(athlete=OuterRef("pk"))
    last_strength = strength.filter(strength_takes_part()).order_by("-date", "-id")
    last_run = runs.filter(run_takes_part()).order_by("-date", "-id")
    week_plan = PlannedSession.objects.filter(athlete=OuterRef("pk"), date__gte=monday,
                                              date__lte=sunday)
    qs = (
        AthleteProfile.objects.filter(id__in=ids)
        .select_related("user", "check_horizon")
        .annotate(
            errors=_count(week_open.filter(severity=Severity.ERROR)),
            warnings=_count(week_open.filter(severity=Severity.WARNING)),
            next_flag_id=Subquery(next_flag.values("id")[:1]),
            next_flag_title=Subquery(next_flag.values("title")[:1]),
            next_flag_date=Subquery(next_flag.values("first_date")[:1]),
            next_flag_severity=Subquery(next_flag.values("severity")[:1]),
            last_strength_date=Subquery(last_strength.values("date")[:1]),
            last_strength_title=Subquery(last_strength.values("title")[:1]),
            last_strength_id=Subquery(last_strength.values("id")[:1]),
            last_run_date=Subquery(last_run.values("date")[:1]),
            last_run_type=Subquery(last_run.values("run_type")[:1]),
            last_run_distance=Subquery(last_run.values("distance_m")[:1]),
            open_errors=_count(Finding.objects.filter(
                athlete=OuterRef("pk"), status=FindingStatus.OPEN, severity=Severity.ERROR,
                last_date__gte=today)),
            sore_before_heavy=_count(Finding.objects.filter(
                athlete=OuterRef("pk"), status=FindingStatus.OPEN,
                rule="SORE_LEGS_BEFORE_HEAVY", last_date__gte=today)),
            missed_sessions=_count(Finding.objects.filter(
                athlete=OuterRef("pk"), status=FindingStatus.OPEN, rule="MISSED_SESSION",
                last_date__gte=today - dt.timedelta(days=7))),
            planned_count=_count(week_plan),
            done_count=_count(week_plan.filter(
                strength_takes_part("logged_strength_id") | run_takes_part("logged_run__"))),
            drafts=_count(strength.exclude(strength_takes_part()))
            + _count(runs.exclude(run_takes_part())),
            **roster_comment_annotations(user=user, since=timezone.now() - PAIN_RECENT),
        )
    )
    if search:
        qs = qs.filter(Q(user__name__icontains=search) | Q(user__email__icontains=search))
    if flagged == "errors":
        qs = qs.filter(errors__gt=0)
    elif flagged == "any":
        qs = qs.filter(Q(errors__gt=0) | Q(warnings__gt=0))
    return qs.order_by(*ROSTER_SORTS.get(sort, ROSTER_SORTS["errors"]))


# --- The roster as an attention list: what needs the coach now, each with its reason ---

INACTIVE_DAYS = 7  # no session logged in 7 days


@dataclass(frozen=True)
class Attention:
    """Why an athlete needs the coach now: ``rank`` orders the reasons (0 first)."""

    rank: int
    reason: str


def roster_attention(rows: list[AthleteProfile], *, loads: Mapping[int, Any],
                     today: Mapping[int, dt.date], acwr_high: float) -> None:
    """Give each row of ``roster_rows_for_coach`` its reasons (``attention``, most pressing
    first) and sort the rows by them in place: open errors, pain reported in the last 7
    days, sore legs before a heavy session, missed sessions, unread comments, an
    acute:chronic ratio above ``acwr_high`` (a trend), no session logged in 7 days; athletes
    with none last, by name. ``loads``: each athlete's
    figures on their local ``today`` (``training.selectors.load_today_for_athletes``)."""
    for a in rows:
        reasons: list[Attention] = []
        errors = getattr(a, "open_errors", 0)
        if errors:
            reasons.append(Attention(0, f"{errors} open error{'s' if errors != 1 else ''}"))
        pain = getattr(a, "pain_flags", 0)
        if pain:
            area = BodyArea(a.pain_area).label.lower() if a.pain_area else "pain"
            more = f" ({pain} flags in 7 days)" if pain > 1 else ""
            reasons.append(Attention(1, f"Pain reported: {area} {a.pain_score}/10{more}"))
        if getattr(a, "sore_before_heavy", 0):
            reasons.append(Attention(2, "Sore legs before a heavy session"))
        missed = getattr(a, "missed_sessions", 0)
        if missed:
            reasons.append(Attention(3, f"Missed {missed} session{'s' if missed != 1 else ''} "
                                        "in the last 7 days"))
        unread = getattr(a, "unread_comments", 0)
        if unread:
            reasons.append(Attention(4, f"{unread} unread comment{'s' if unread != 1 else ''}"))
        point = loads.get(a.pk)
        if point is not None and point.acwr is not None and point.acwr > acwr_high:
            reasons.append(Attention(5, f"Load ratio {point.acwr:.2f}, above {acwr_high} "
                                        "(7:28, a trend)"))
        last = max((d for d in (a.last_strength_date, a.last_run_date) if d is not None),
                   default=None)
        day = today[a.pk]
        if last is None:
            reasons.append(Attention(6, "No session logged yet"))
        elif (day - last).days >= INACTIVE_DAYS:
            reasons.append(Attention(6, f"No session logged in {(day - last).days} days"))
        a.attention = reasons
    # By the most pressing reason, then the next (more reasons first), then by name.
    rows.sort(key=lambda a: ([r.rank for r in a.attention] + [99],
                             (a.user.name or a.user.email).lower(), a.pk))
