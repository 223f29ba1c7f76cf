"""Digest emails after a pass: one email per person per night with their new errors and
warnings (the athlete for their own plan, each coach for their roster), never one per finding,
and the new comments on the sessions they see, pain flags first (``notify_comments``).

"Night" is the UTC date of the run; the ``Digest`` row (unique per person and night) is the
claim, so two runs finishing together for one coach still send one email. What each person
has been told is kept per person, so a finding someone could not get tonight (they had their
digest already, or the mail server refused it) goes in their next one:

- an athlete is checked in one run a night, so ``Finding.notified_at`` says they were told
  (or never will be: opted out, inactive); an info that turns into a warning is new to them;
- a coach's roster can span time zones checked in different runs of one UTC night (Berlin's
  athletes at 01:00 UTC, New York's at 07:00), so a coach's digest reads the whole roster's
  findings the athletes were told of within ``NEW_FOR`` (or not yet), less those an earlier
  digest of theirs carried (``Digest.items``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from athletes.models import AthleteProfile, Membership, User
from scheduling.models import CheckChunk, CheckRun, Digest, Finding, FindingStatus, Severity
from scheduling.services.notify_comments import (
    CommentLine,
    athlete_comment_lines,
    coach_comment_lines,
)

logger = logging.getLogger(__name__)

BATCH = 2000  # athletes read at a time
COACH_BATCH = 200  # coaches whose digests are built at a time
NEW_FOR = dt.timedelta(days=7)  # how long a finding stays news for a coach who missed it

DigestItem = Digest.items.through


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


@dataclass(frozen=True)
class OpenFinding:
    """An open error or warning, with whose it is and whether they want to hear of it."""

    user_id: int  # the athlete's user
    wanted: bool  # the athlete neither opted out nor is inactive
    line: DigestLine


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


def _open_findings(athlete_ids: list[int], *,
                   told_since: dt.datetime | None = None) -> list[OpenFinding]:
    """The open errors and warnings of these athletes that the athlete was not told of yet
    (or, with ``told_since``, was told of since then), in athlete and date order (one
    query)."""
    untold = Q(notified_at__isnull=True)
    rows = Finding.objects.filter(
        untold if told_since is None else untold | Q(notified_at__gte=told_since),
        athlete_id__in=athlete_ids, status=FindingStatus.OPEN,
        severity__in=[Severity.ERROR, Severity.WARNING],
    ).values_list(
        "id", "athlete_id", "athlete__user_id", "athlete__user__name", "athlete__digest_opt_out",
        "athlete__user__is_active", "severity", "title", "explanation", "suggestion",
        "first_date",
    ).order_by("athlete_id", "first_date", "id")
    return [OpenFinding(user_id, active and not opt_out,
                        DigestLine(fid, aid, name, sev, title, expl, sugg, first))
            for fid, aid, user_id, name, opt_out, active, sev, title, expl, sugg, first in rows]


def _mark_told(finding_ids: list[int]) -> None:
    Finding.objects.filter(id__in=finding_ids, notified_at__isnull=True).update(
        notified_at=timezone.now())


def digests_for_athletes(*, athlete_ids: list[int], night: dt.date) -> int:
    """Coaches first (each with their whole roster's new findings), then the athletes, a
    batch at a time, so memory stays bounded by a batch whatever the size of the run."""
    sent = 0
    coach_ids: set[int] = set()
    for batch in _batches(athlete_ids):
        coach_ids.update(Membership.objects.filter(athlete_id__in=batch).values_list(
            "roster__coach_id", flat=True))
    since = dt.datetime.combine(night, dt.time.min, tzinfo=dt.UTC) - NEW_FOR
    for coaches in _batches(sorted(coach_ids), COACH_BATCH):
        sent += _coach_digests(coaches, night, since)
    for batch in _batches(athlete_ids):
        found = _open_findings(batch)
        own: dict[int, list[DigestLine]] = defaultdict(list)
        for item in found:
            if item.wanted:
                own[item.user_id].append(item.line)
        _mark_told([item.line.finding_id for item in found if not item.wanted])
        # notified_at keeps what each was told, marked with their digest
        sent += len(_send(own, night, keep_items=False, told=own,
                          comments=athlete_comment_lines(batch, night)))
    return sent


def _coach_digests(coaches: list[int], night: dt.date, since: dt.datetime) -> int:
    """The digests of these coaches who have none tonight yet: their rosters' findings a
    batch of athletes at a time, less what their earlier digests carried."""
    waiting = sorted(set(coaches) - set(Digest.objects.filter(
        user_id__in=coaches, night=night).values_list("user_id", flat=True)))
    roster: dict[int, set[int]] = defaultdict(set)  # athlete id -> coaches who want the digest
    for aid, coach_id in Membership.objects.filter(
        roster__coach_id__in=waiting, roster__coach__digest_opt_out=False,
        roster__coach__is_active=True,
    ).values_list("athlete_id", "roster__coach_id"):
        roster[aid].add(coach_id)
    readers: dict[int, set[int]] = defaultdict(set)  # coach -> athletes, for the comments
    for aid, coach_ids in roster.items():
        for coach_id in coach_ids:
            readers[coach_id].add(aid)
    lines: dict[int, list[DigestLine]] = defaultdict(list)
    for athletes in _batches(sorted(roster)):
        found = _open_findings(athletes, told_since=since)
        told = set(DigestItem.objects.filter(
            digest__user_id__in=waiting, finding_id__in=[f.line.finding_id for f in found],
        ).values_list("digest__user_id", "finding_id"))
        for item in found:
            for coach_id in sorted(roster[item.line.athlete_id] - {item.user_id}):
                if (coach_id, item.line.finding_id) not in told:
                    lines[coach_id].append(item.line)
    # A coach who trains too gets their own findings in the same email: one digest a night,
    # so the athletes' pass would find the night taken.
    own: dict[int, list[DigestLine]] = defaultdict(list)
    for item in _open_findings(list(AthleteProfile.objects.filter(
        user_id__in=waiting, user__is_active=True, digest_opt_out=False,
    ).values_list("id", flat=True))):
        lines[item.user_id].append(item.line)
        own[item.user_id].append(item.line)
    return len(_send(lines, night, keep_items=True, told=own,
                     comments=coach_comment_lines(readers, night)))


def _send(lines: dict[int, list[DigestLine]], night: dt.date, *, keep_items: bool,
          told: dict[int, list[DigestLine]],
          comments: dict[int, list[CommentLine]]) -> set[int]:
    """Mail each user their lines and new comments, unless they had tonight's digest;
    returns who got one. ``keep_items``: the digests keep the findings they carry;
    ``told``: each user's own findings among them, marked told with the digest."""
    wanted = {uid for uid, found in lines.items() if found} | set(comments)
    if not wanted:
        return set()
    users = {u.pk: u for u in User.objects.filter(pk__in=wanted, is_active=True)}
    mailed: set[int] = set()
    try:
        with get_connection() as mail:
            for user_id in sorted(wanted):
                user = users.get(user_id)
                if user is not None and _deliver(user, night, lines.get(user_id, []), mail,
                                                 keep_items, told.get(user_id, []),
                                                 comments.get(user_id, [])):
                    mailed.add(user_id)
    except OSError:  # the mail server is out of reach: whoever was not mailed waits
        logger.exception("digests of %s not sent: no mail server", night)
    return mailed


def _deliver(user: User, night: dt.date, lines: list[DigestLine], mail: BaseEmailBackend,
             keep_items: bool, own: list[DigestLine], comments: list[CommentLine]) -> bool:
    """Claim tonight's digest for this user, record what it carries (``own``: their own
    findings, told now) and mail it, in one transaction: False if the night is taken, or if
    the mail server refused it (the claim is undone with it). A pass stopped half-way (a
    killed worker) leaves each person done or not begun, so running it again sends the
    digests that did not go (the mail goes last: only a death between the mail server's
    acceptance and the commit sends one twice)."""
    message = EmailMessage(subject=_subject(lines, comments), body=_body(user, lines, comments),
                           from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
                           connection=mail)
    try:
        with transaction.atomic():
            digest = Digest.objects.create(user=user, night=night, findings=len(lines),
                                           comments=len(comments))
            if keep_items:
                DigestItem.objects.bulk_create(
                    DigestItem(digest_id=digest.pk, finding_id=line.finding_id)
                    for line in lines)
            _mark_told([line.finding_id for line in own])
            message.send()
    except IntegrityError:
        return False
    except OSError:  # smtplib's errors are OSErrors
        logger.exception("digest to user %s on %s not sent", user.pk, night)
        return False
    return True


def _subject(lines: list[DigestLine], comments: list[CommentLine]) -> str:
    errors = sum(1 for line in lines if line.severity == Severity.ERROR)
    warnings = len(lines) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    said = [f"{' and '.join(parts)} in the plan"] if parts else []
    pains = sum(1 for c in comments if c.pain)
    if pains:
        said.append(f"{pains} pain flag{'s' * (pains != 1)}")
    if comments:
        said.append(f"{len(comments)} new comment{'s' * (len(comments) != 1)}")
    return f"Apex Zone: {', '.join(said)}"


def week_link(user: User, athlete_id: int, day: dt.date) -> str:
    monday = day - dt.timedelta(days=day.weekday())
    own = getattr(getattr(user, "athlete", None), "pk", None) == athlete_id
    path = "/week/" if own else f"/athletes/{athlete_id}/week/"
    year, week, _ = monday.isocalendar()
    return f"{settings.SITE_URL}{path}?week={year}-W{week:02d}"


def _comments_part(user: User, comments: list[CommentLine]) -> list[str]:
    """The new comments, by athlete, pain flags first (a coach's roster: the athlete's name
    heads each athlete's; an athlete's own go under no name)."""
    if not comments:
        return []
    out = ["New comments on the sessions:", ""]
    own = getattr(getattr(user, "athlete", None), "pk", None)
    current = None
    for c in comments:
        if c.athlete_id != current and c.athlete_id != own:
            out += [f"== {c.athlete_name} ==", ""]
        current = c.athlete_id
        head = f"[PAIN {c.pain}] " if c.pain else ""
        out.append(f"{head}{c.author} on the {c.session}:")
        out += [f"  {text}" for text in c.body.splitlines() if text.strip()]
        out += [f"  Reply: {c.link}", ""]
    return out


def _day(day: dt.date) -> str:
    """Tue 1 Dec: the explanations name weekdays, and a digest spans more than one week."""
    return f"{day:%a} {day.day} {day:%b}"


def _body(user: User, lines: list[DigestLine], comments: list[CommentLine]) -> str:
    out = [f"Hello {user.get_short_name()},", ""]
    if lines:
        out += ["The nightly check found new problems in the plan:", ""]
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
    out += _comments_part(user, comments)
    out += ["You get one digest a night at most. To stop it, see your settings (Email, and for "
            f"a coach Roster digest): {settings.SITE_URL}{reverse('portal:settings')}"]
    return "\n".join(out)
