"""What the coach's lock keeps a viewer from doing (the rule itself: services/locks.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from athletes.models import AthleteProfile, User
from scheduling.models import Finding, PlannedSession
from scheduling.services.locks import writes_as_athlete

BARRED_BY_LOCK = ("move", "drop")  # a lighter version keeps the session where it is


def _planned_id(fix: dict[str, Any]) -> int | None:
    session = fix.get("session") or {}
    return session.get("id") if session.get("type") == "planned" else None


def _fixes(finding: Finding) -> list[dict[str, Any]]:
    """The finding's fixes as one list kept on the row, so marks set on them stay."""
    fixes = finding.fixes
    finding.move = fixes or None
    return fixes


def findings_mark_locked_fixes(*, user: User, athlete: AthleteProfile,
                               findings: Iterable[Finding],
                               known: Iterable[PlannedSession] = ()) -> None:
    """Mark ``locked`` each one-click fix that moves or drops a session the lock keeps
    ``user`` from moving or deleting, so the page does not offer it. ``known``: sessions the
    page has read already (the week's); one query for the others, none when all are known
    or the lock does not bind ``user``."""
    findings, known = list(findings), list(known)
    fixes = [fix for finding in findings for fix in _fixes(finding)]
    for fix in fixes:
        fix["locked"] = False
    if not writes_as_athlete(actor=user, athlete=athlete):
        return
    wanted = {pk for fix in fixes
              if fix.get("kind") in BARRED_BY_LOCK and (pk := _planned_id(fix)) is not None}
    locked = {s.pk for s in known if s.locked and s.pk in wanted}
    unknown = wanted - {s.pk for s in known}
    if unknown:
        locked |= set(PlannedSession.objects.filter(
            athlete=athlete, pk__in=unknown, locked=True).values_list("pk", flat=True))
    for fix in fixes:
        fix["locked"] = fix.get("kind") in BARRED_BY_LOCK and _planned_id(fix) in locked
