"""What the coach's lock keeps a viewer from doing (the rule itself: services/locks.py)."""

from __future__ import annotations

from collections.abc import Iterable

from athletes.models import AthleteProfile, User
from scheduling.models import Finding, PlannedSession
from scheduling.services.locks import writes_as_athlete


def _moved_planned_id(finding: Finding) -> int | None:
    move = finding.move or {}
    session = move.get("session") or {}
    return session.get("id") if session.get("type") == "planned" else None


def findings_mark_locked_fixes(*, user: User, athlete: AthleteProfile,
                               findings: Iterable[Finding],
                               known: Iterable[PlannedSession] = ()) -> None:
    """Set ``fix_locked`` on each finding whose one-click fix moves a session the lock keeps
    ``user`` from moving, so the page does not offer it. ``known``: sessions the page has
    read already (the week's); one query for the others, none when all are known or the
    lock does not bind ``user``."""
    findings, known = list(findings), list(known)
    for finding in findings:
        finding.fix_locked = False  # type: ignore[attr-defined]
    if not writes_as_athlete(actor=user, athlete=athlete):
        return
    wanted = {pk for f in findings if (pk := _moved_planned_id(f)) is not None}
    locked = {s.pk for s in known if s.locked and s.pk in wanted}
    unknown = wanted - {s.pk for s in known}
    if unknown:
        locked |= set(PlannedSession.objects.filter(
            athlete=athlete, pk__in=unknown, locked=True).values_list("pk", flat=True))
    for finding in findings:
        finding.fix_locked = _moved_planned_id(finding) in locked  # type: ignore[attr-defined]
