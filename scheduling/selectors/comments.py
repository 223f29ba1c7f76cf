"""The read path of the threads on sessions: scoped to the acting user, with what they have
not read yet (another person's comment without their read marker)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from athletes.models import AthleteProfile, User
from athletes.selectors import athletes_for_user
from scheduling.models import Comment, CommentRead, PlannedSession
from training.models import Run, StrengthSession

PAIN_RECENT = dt.timedelta(days=7)  # the roster's "pain reported": a flag in the last 7 days


def _read_by(user: User) -> Exists:
    return Exists(CommentRead.objects.filter(user=user, comment=OuterRef("pk")))


def unread_q(user: User) -> Q:
    """Comments ``user`` has not read: another person's (or a removed account's), with no
    read marker of theirs."""
    return ~Q(author=user) & ~Q(_read_by(user))


def comments_for_user(*, user: User) -> QuerySet[Comment]:
    return Comment.objects.filter(
        athlete__in=athletes_for_user(user=user).values("id")).select_related("author")


def comments_with_unread_for_user(*, user: User) -> QuerySet[Comment]:
    """``comments_for_user``, each with ``unread`` as ``unread_q`` says: in the same query."""
    return comments_for_user(user=user).annotate(
        unread=ExpressionWrapper(unread_q(user), output_field=BooleanField()))


@dataclass(frozen=True)
class Thread:
    """One session's thread as ``user`` sees it: the comments, oldest first, each with
    ``unread`` (set before the page marks them read)."""

    comments: list[Comment]

    @property
    def unread(self) -> list[Comment]:
        return [c for c in self.comments if c.unread]  # type: ignore[attr-defined]


def thread_for_user(*, user: User, planned_session: PlannedSession | None = None,
                    strength_session: StrengthSession | None = None, run: Run | None = None,
                    ) -> Thread:
    """The thread of a session the caller fetched through its scoped getter (one query)."""
    if planned_session is not None:
        qs = Comment.objects.filter(planned_session=planned_session)
    elif strength_session is not None:
        qs = Comment.objects.filter(strength_session=strength_session)
    elif run is not None:
        qs = Comment.objects.filter(run=run)
    else:
        raise ValueError("a thread is a session's")
    rows = qs.select_related("author").annotate(
        read=_read_by(user)).order_by("created_at", "id")
    comments = list(rows)
    for c in comments:
        c.unread = c.author_id != user.pk and not c.read  # type: ignore[attr-defined]
    return Thread(comments)


@dataclass(frozen=True)
class ThreadCount:
    total: int = 0
    unread: int = 0


def thread_counts_for_sessions(
    *, user: User, athlete: AthleteProfile, planned_ids: list[int], strength_ids: list[int],
    run_ids: list[int],
) -> dict[tuple[str, int], ThreadCount]:
    """How many comments each of these sessions' threads holds and how many ``user`` has
    not read, keyed as findings name sessions (``("run", 7)``): one query, none without
    sessions."""
    if not (planned_ids or strength_ids or run_ids):
        return {}
    rows = Comment.objects.filter(
        Q(planned_session_id__in=planned_ids) | Q(strength_session_id__in=strength_ids)
        | Q(run_id__in=run_ids), athlete=athlete,
    ).values("planned_session_id", "strength_session_id", "run_id").annotate(
        total=Count("id"), unread=Count("id", filter=unread_q(user)),
    ).order_by()
    counts: dict[tuple[str, int], ThreadCount] = {}
    for row in rows:
        key = (("planned", row["planned_session_id"]) if row["planned_session_id"]
               else ("strength", row["strength_session_id"]) if row["strength_session_id"]
               else ("run", row["run_id"]))
        counts[key] = ThreadCount(row["total"], row["unread"])
    return counts


def _count(qs: QuerySet) -> Coalesce:
    counted = qs.order_by().values("athlete_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def roster_comment_annotations(*, user: User, since: dt.datetime) -> dict[str, object]:
    """What the roster reads of each athlete's threads, as correlated subqueries on the
    athlete: comments ``user`` has not read, pain flags since ``since`` and the worst one
    (its area and score; the latest of equals)."""
    pain = Comment.objects.filter(athlete=OuterRef("pk"), pain_score__isnull=False,
                                  created_at__gte=since)
    worst = pain.order_by("-pain_score", "-created_at", "-id")
    return {
        "unread_comments": _count(Comment.objects.filter(unread_q(user),
                                                         athlete=OuterRef("pk"))),
        "pain_flags": _count(pain),
        "pain_area": Subquery(worst.values("pain_area")[:1]),
        "pain_score": Subquery(worst.values("pain_score")[:1]),
    }
