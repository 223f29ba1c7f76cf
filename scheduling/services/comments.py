"""The thread on every session: a comment (with an optional pain flag), and marking a
thread read.

A comment belongs to the athlete of its session; the callers pass a session they fetched
through its scoped getter (a foreign one never gets here). Each new comment is a webhook
event ``comment.created`` (through the same outbox path as every event) and goes into the
nightly digests of those who may see it and have not read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from athletes.models import User
from core.errors import DomainError
from scheduling.models import (
    BodyArea,
    Comment,
    CommentRead,
    PlannedSession,
    WebhookEventType,
)
from scheduling.models.comments import BODY_MAX, PAIN_RANGE
from scheduling.services.webhooks import emit
from training.models import Run, StrengthSession


def comment_payload(comment: Comment) -> dict[str, Any]:
    kind, pk = comment.target
    return {
        "id": comment.pk, "athlete": comment.athlete_id, "author": comment.author_id,
        "session": {"type": kind, "id": pk}, "body": comment.body,
        "pain": ({"area": comment.pain_area, "score": comment.pain_score}
                 if comment.has_pain else None),
        "created_at": comment.created_at.isoformat(),
    }


def _pain(area: str, score: int | None) -> tuple[str, int | None]:
    if (score is None) != (not area):
        field = "pain_score" if score is None else "pain_area"
        raise DomainError("A pain flag is a body area and a score 0-10: give both, or neither.",
                          field=field)
    if area and area not in BodyArea.values:
        raise DomainError(f"Choose a body area: {', '.join(BodyArea.values)}.",
                          field="pain_area")
    if score is not None and not PAIN_RANGE[0] <= score <= PAIN_RANGE[1]:
        raise DomainError("Pain is a score from 0 (none) to 10 (the worst).", field="pain_score")
    return area, score


@transaction.atomic
def comment_create(
    *, author: User, planned_session: PlannedSession | None = None,
    strength_session: StrengthSession | None = None, run: Run | None = None, body: str = "",
    pain_area: str = "", pain_score: int | None = None,
) -> Comment:
    """Add ``author``'s comment to the thread of one session (exactly one of
    ``planned_session``, ``strength_session``, ``run``), with an optional pain flag."""
    targets = [t for t in (planned_session, strength_session, run) if t is not None]
    if len(targets) != 1:
        raise DomainError("A comment is on one session: a planned session, a strength "
                          "session or a run.")
    body = (body or "").strip()
    pain_area, pain_score = _pain(pain_area or "", pain_score)
    if not body and pain_score is None:
        raise DomainError("Write something, or flag pain.", field="body", code="required")
    if len(body) > BODY_MAX:
        raise DomainError(f"At most {BODY_MAX} characters.", field="body")
    comment = Comment(athlete_id=targets[0].athlete_id, author=author,
                      planned_session=planned_session, strength_session=strength_session,
                      run=run, body=body, pain_area=pain_area, pain_score=pain_score,
                      created_at=timezone.now())
    comment.full_clean()
    comment.save()
    emit([(WebhookEventType.COMMENT_CREATED, comment.athlete_id, comment_payload(comment))])
    return comment


@transaction.atomic
def comment_mark_read(*, user: User, comments: Iterable[Comment]) -> int:
    """``user`` has read these comments (their own need no marking; one already marked
    stays as it was). Returns how many were given to mark. One query, none for nothing."""
    now = timezone.now()
    rows = [CommentRead(user=user, comment=c, read_at=now) for c in comments
            if c.author_id != user.pk]
    if rows:
        CommentRead.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
