"""Digest emails after a pass: one email per person per night with their new errors and
warnings (the athlete for their own plan, each coach for their roster), never one per finding.

"Night" is the UTC date of the run; the ``Digest`` row (unique per person and night) is the
claim, so two runs finishing together for one coach still send one email. Findings a person
could not get tonight (they already had their digest) stay un-notified and go in tomorrow's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from athletes.models import AthleteProfile, Membership, User
from scheduling.models import CheckChunk, CheckRun, Digest, Finding, FindingStatus, Severity

BATCH = 2000  # athletes read at a time
COACH_BATCH = 200  # coaches whose digests are built at a time


@dataclass(frozen=True)
class DigestLine:
    finding_id: int
    athlete_id: int
    athlete_name: str
    severity: str
    title: str
    explanation: str
    suggestion: str
    first_date: dt.date


def _run_athlete_ids(run_id: int) -> list[int]:
    ids: list[int] = []
    for part in CheckChunk.objects.filter(run_id=run_id).values_list("athlete_ids", flat=True):
        ids += part
    return ids


def _batches(ids: list[int], size: int = BATCH) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def digests_send(*, run_id: int) -> int:
    """Send the digests for a finished run; returns how many emails went out."""
    run = CheckRun.objects.get(pk=run_id)
    return digests_for_athletes(athlete_ids=_run_athlete_ids(run_id), night=run.started_at.date())


def _open_lines(athlete_ids: list[int]) -> list[tuple[int, int, bool, DigestLine]]:
    """(finding id, athlete's user id, athlete opted out, line) for the un-notified open
    errors and warnings of these athletes, in athlete and date order (one query)."""
    rows = Finding.objects.filter(
        athlete_id__in=athlete_ids, status=FindingStatus.OPEN, notified_at__isnull=True,
        severity__in=[Severity.ERROR, Severity.WARNING],
    ).values_list(
        "id", "athlete_id", "athlete__user_id", "athlete__user__name", "athlete__digest_opt_out",
        "severity", "title", "explanation", "suggestion", "first_date",
    ).order_by("athlete_id", "first_date", "id")
    return [(fid, user_id, opt_out, DigestLine(fid, aid, name, sev, title, expl, sugg, first))
            for fid, aid, user_id, name, opt_out, sev, title, expl, sugg, first in rows]


def digests_for_athletes(*, athlete_ids: list[int], night: dt.date) -> int:
    """Coaches first (each with all their athletes of the run), then the athletes, a batch
    at a time, so memory stays bounded by a batch whatever the size of the run. The athletes'
    pass marks what it read as notified."""
    run_athletes = set(athlete_ids)
    sent = 0
    coach_ids: set[int] = set()
    for batch in _batches(athlete_ids):
        coach_ids.update(Membership.objects.filter(athlete_id__in=batch).values_list(
            "roster__coach_id", flat=True))
    for coaches in _batches(sorted(coach_ids), COACH_BATCH):
        roster: dict[int, set[int]] = defaultdict(set)  # athlete id -> coaches of this batch
        for aid, coach_id in Membership.objects.filter(
            roster__coach_id__in=coaches, roster__coach__digest_opt_out=False
        ).values_list("athlete_id", "roster__coach_id"):
            if aid in run_athletes:
                roster[aid].add(coach_id)
        lines: dict[int, list[DigestLine]] = defaultdict(list)
        for _fid, user_id, _opt_out, line in _open_lines(sorted(roster)):
            for coach_id in sorted(roster[line.athlete_id] - {user_id}):
                lines[coach_id].append(line)
        # A coach who trains too gets their own findings in the same email (one digest a
        # night: the athletes' pass below would find the night taken, and mark them notified).
        own = [aid for aid in AthleteProfile.objects.filter(
            user_id__in=list(lines), digest_opt_out=False).values_list("id", flat=True)
            if aid in run_athletes]
        for _fid, user_id, _opt_out, line in _open_lines(sorted(own)):
            lines[user_id].append(line)
        sent += _send(lines, night)
    for batch in _batches(athlete_ids):
        rows = _open_lines(batch)
        own: dict[int, list[DigestLine]] = defaultdict(list)
        for _fid, user_id, opt_out, line in rows:
            if not opt_out:
                own[user_id].append(line)
        sent += _send(own, night)
        Finding.objects.filter(id__in=[row[0] for row in rows], notified_at__isnull=True).update(
            notified_at=timezone.now())
    return sent


def _send(lines: dict[int, list[DigestLine]], night: dt.date) -> int:
    if not lines:
        return 0
    users = {u.pk: u for u in User.objects.filter(pk__in=lines, is_active=True)}
    sent = 0
    with get_connection() as mail:
        for user_id, user_lines in sorted(lines.items()):
            user = users.get(user_id)
            if user is None or not _claim(user, night, len(user_lines)):
                continue
            EmailMessage(
                subject=_subject(user_lines), body=_body(user, user_lines),
                from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email], connection=mail,
            ).send()
            sent += 1
    return sent


def _claim(user: User, night: dt.date, count: int) -> bool:
    try:
        with transaction.atomic():
            Digest.objects.create(user=user, night=night, findings=count)
    except IntegrityError:
        return False
    return True


def _subject(lines: list[DigestLine]) -> str:
    errors = sum(1 for line in lines if line.severity == Severity.ERROR)
    warnings = len(lines) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    return f"Apex Zone: {' and '.join(parts)} in the plan"


def week_link(user: User, athlete_id: int, day: dt.date) -> str:
    monday = day - dt.timedelta(days=day.weekday())
    own = getattr(getattr(user, "athlete", None), "pk", None) == athlete_id
    path = "/week/" if own else f"/athletes/{athlete_id}/week/"
    year, week, _ = monday.isocalendar()
    return f"{settings.SITE_URL}{path}?week={year}-W{week:02d}"


def _day(day: dt.date) -> str:
    """Tue 1 Dec: the explanations name weekdays, and a digest spans more than one week."""
    return f"{day:%a} {day.day} {day:%b}"


def _body(user: User, lines: list[DigestLine]) -> str:
    out = [f"Hello {user.get_short_name()},", "",
           "The nightly check found new problems in the plan:", ""]
    current = None
    for line in lines:
        if line.athlete_id != current:
            current = line.athlete_id
            out += [f"== {line.athlete_name} ==", ""]
        out += [
            f"[{line.severity.upper()}] {_day(line.first_date)}: {line.title}",
            f"  {line.explanation}",
            f"  Fix: {line.suggestion}",
            f"  The week: {week_link(user, line.athlete_id, line.first_date)}",
            "",
        ]
    out += ["You get one digest a night at most. To stop it, see your settings (Email, and for "
            f"a coach Roster digest): {settings.SITE_URL}{reverse('portal:settings')}"]
    return "\n".join(out)
