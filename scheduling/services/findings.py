"""Acting on findings: acknowledge one, apply one of its fixes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from athletes.models import User
from core.errors import DomainError
from scheduling import engine
from scheduling.models import Finding, FindingStatus, Kind, PlannedSession
from scheduling.services.locks import lock_check_change, lock_check_delete, session_locked_for
from scheduling.services.plans import (
    PrescriptionInput,
    planned_session_delete,
    planned_session_move,
    planned_session_update,
)
from scheduling.services.windows import load_windows


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


def _change(finding: Finding, fix_id: str, now: dt.datetime) -> engine.Change:
    """What the stored fix ``fix_id`` does to the plan as it is now; a ``DomainError`` on
    ``fix`` when the finding has no such fix or it no longer fits."""
    if fix_id not in {f["id"] for f in finding.fixes}:
        raise DomainError("This finding has no such fix.", field="fix")
    if finding.status == FindingStatus.RESOLVED:
        raise DomainError("This finding is resolved: its fix no longer fits the plan.",
                          field="fix")
    dates = [dt.date.fromisoformat(d) for d in finding.dates]
    move_to = next((f.get("date") for f in finding.fixes if f["id"] == fix_id), None)
    if move_to:
        dates.append(dt.date.fromisoformat(move_to))
    lo, hi = min(dates), max(dates)
    (window,) = load_windows([finding.athlete_id], now=now,
                             also=(lo - dt.timedelta(days=7), hi + dt.timedelta(days=7)))
    change = engine.change_of(window.context, window.sessions, fix_id, today=window.today,
                              now=window.now)
    if change is None:
        raise DomainError("This fix no longer fits the plan (its session has changed, begun "
                          "or gone): check again for a new suggestion.", field="fix")
    why = engine.misfit(window.context, window.sessions, change, today=window.today,
                        now=window.now)
    if why:
        raise DomainError(why, field="fix")
    return change


_RX_FIELDS = ("load_kg", "pct_e1rm", "ground_contacts", "hold_s")


def _lightened(session: PlannedSession, after: engine.Session) -> dict[str, Any]:
    """The service's fields for a session's lighter version: its intensity (strength) or run
    type and RPE (a run), and the cut prescription (each kept line as it is stored, with the
    sets and RIR of the cut)."""
    if session.kind == Kind.RUN:
        return {"run_type": after.run_type.value if after.run_type else None,
                "planned_rpe": after.rpe}
    rows = {(row.exercise.slug, row.order): row
            for row in session.prescription.select_related("exercise")}
    lines = []
    for line in after.prescription:
        row = rows[(line.exercise, line.order)]
        lines.append(PrescriptionInput(
            line.exercise, sets=line.sets, reps_min=row.reps_min, reps_max=row.reps_max,
            rir=line.rir, **{name: getattr(row, name) for name in _RX_FIELDS}))
    fields: dict[str, Any] = {"prescription": lines}
    if after.intensity is not None:
        fields["intensity"] = after.intensity.value
    return fields


@dataclass(frozen=True)
class Applied:
    """A fix carried out: its kind, the session after it (None: dropped), its words."""

    kind: str
    session: PlannedSession | None
    text: str


@transaction.atomic
def _lock_check(finding: Finding, fix_id: str, actor: User | None) -> None:
    """Refuse a move or a drop of a session the coach locked before anything else: the
    athlete may not, whether or not the fix still fits."""
    fix = next((f for f in finding.fixes if f["id"] == fix_id), None)
    ref = (fix or {}).get("session") or {}
    if fix is None or fix["kind"] not in ("move", "drop") or ref.get("type") != "planned":
        return
    session = PlannedSession.objects.filter(pk=ref["id"], athlete_id=finding.athlete_id).first()
    if session is not None and session_locked_for(actor=actor, session=session):
        if fix["kind"] == "drop":
            lock_check_delete(actor=actor, session=session)
        lock_check_change(actor=actor, session=session, fields={"date": None})


def finding_apply_fix(*, finding: Finding, fix_id: str, actor: User | None = None) -> Applied:
    """Carry out one of the finding's one-click fixes (move, lighten, drop) through the plan
    services, if it still fits the plan as it is now (RULES.md, "Suggestions"); the services
    re-check the athlete after commit. ``actor``: who clicked; the athlete may not move or
    drop a session their coach locked."""
    _lock_check(finding, fix_id, actor)
    change = _change(finding, fix_id, timezone.now())
    session = PlannedSession.objects.filter(
        pk=change.before.ref.id, athlete_id=finding.athlete_id).first()
    if session is None:
        raise DomainError("The session of this fix no longer exists.", field="fix")
    text = next(f["text"] for f in finding.fixes if f["id"] == fix_id)
    after = change.after
    kind = change.kind.value
    if after is None:
        planned_session_delete(session=session, actor=actor)
        return Applied(kind, None, text)
    if change.kind is engine.FixKind.MOVE:
        moved = planned_session_move(session=session, date=after.date,
                                     start_time=after.start_time, actor=actor)
        return Applied(kind, moved, text)
    return Applied(kind, planned_session_update(session=session, actor=actor,
                                          **_lightened(session, after)),
                   text)
