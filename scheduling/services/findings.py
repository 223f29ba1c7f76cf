"""Acting on findings: acknowledge one, apply its suggested move."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import transaction
from django.utils import timezone

from athletes.models import User
from core.errors import DomainError
from scheduling.models import Finding, FindingStatus, PlannedSession
from scheduling.services.plans import planned_session_move


@transaction.atomic
def finding_acknowledge(*, finding: Finding, actor: User) -> Finding:
    """Seen and accepted: it stays acknowledged while its cause stays the same."""
    if finding.status == FindingStatus.RESOLVED:
        raise DomainError("This finding is already resolved.", field="status")
    if finding.status == FindingStatus.OPEN:
        finding.status = FindingStatus.ACKNOWLEDGED
        finding.acknowledged_at = timezone.now()
        finding.acknowledged_by = actor
        finding.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    return finding


@transaction.atomic
def finding_apply_move(*, finding: Finding, actor: User | None = None) -> PlannedSession:
    """Carry out the finding's one-click fix: move the planned session it names (``actor``:
    who clicked; the athlete may not move a session their coach locked)."""
    move = finding.move
    if not move or move["session"]["type"] != "planned":
        raise DomainError("This finding has no move to apply.")
    session = PlannedSession.objects.filter(
        pk=move["session"]["id"], athlete_id=finding.athlete_id
    ).first()
    if session is None:
        raise DomainError("The session to move no longer exists.")
    start = move.get("start_time")
    date = dt.date.fromisoformat(move["date"])
    at = dt.time.fromisoformat(start) if start else None
    zone = zoneinfo.ZoneInfo(finding.athlete.timezone)
    if dt.datetime.combine(date, at or dt.time(23, 59), tzinfo=zone) < timezone.now():
        # Suggested by an earlier check (the night's) for a time that has gone by since.
        raise DomainError("That slot has passed: check again for a new suggestion.")
    return planned_session_move(session=session, date=date, start_time=at, actor=actor)
