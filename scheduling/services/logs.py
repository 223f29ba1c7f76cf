"""Logging work: the one write path of strength sessions, their sets and runs.

Each service writes the log's rows through the internal ``training.writers`` function of the
same name, keeps the link to the planned session it fulfils, re-checks the athlete after
commit, and tells the webhooks of a new log. The API, the portal and the admin call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from athletes.models import AthleteProfile, User
from core.errors import DomainError, NotFound
from scheduling.models import Kind, PlannedSession
from scheduling.services.recheck import athlete_recheck_on_commit
from scheduling.services.webhooks import emit_session_logged
from training import writers
from training.models import Run, StrengthSession, StrengthSet
from training.services import SetInput


def _link(
    *, planned: PlannedSession | None, athlete: AthleteProfile, kind: str,
    strength: StrengthSession | None = None, run: Run | None = None,
) -> None:
    """Point ``planned`` at the logged session that fulfils it (and unlink any old one)."""
    if strength is not None:
        PlannedSession.objects.filter(logged_strength=strength).exclude(
            pk=getattr(planned, "pk", None)
        ).update(logged_strength=None)
    if run is not None:
        PlannedSession.objects.filter(logged_run=run).exclude(
            pk=getattr(planned, "pk", None)
        ).update(logged_run=None)
    if planned is None:
        return
    if planned.athlete_id != athlete.pk:
        raise NotFound("Planned session not found.", field="planned_session")
    if planned.kind != kind:
        raise DomainError(f"That planned session is not a {kind} session.",
                          field="planned_session")
    taken = planned.logged_strength_id or planned.logged_run_id
    mine = (strength.pk if strength else None) or (run.pk if run else None)
    if taken and taken != mine:
        raise DomainError("That planned session is already logged.", field="planned_session")
    planned.logged_strength = strength
    planned.logged_run = run
    planned.save(update_fields=["logged_strength", "logged_run", "updated_at"])


@transaction.atomic
def strength_session_create(
    *, actor: User, athlete: AthleteProfile, date: dt.date,
    planned_session: PlannedSession | None = None, sets: Sequence[SetInput] = (),
    **fields: Any,
) -> StrengthSession:
    session = writers.strength_session_create(
        actor=actor, athlete=athlete, date=date, sets=sets, **fields
    )
    _link(planned=planned_session, athlete=athlete, kind=Kind.STRENGTH, strength=session)
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    emit_session_logged(athlete_id=athlete.pk, kind="strength", session_id=session.pk,
                        date=session.date.isoformat())
    return session


_UNSET: Any = object()


@transaction.atomic
def strength_session_update(
    *, session: StrengthSession, sets: Sequence[SetInput] | None = None,
    planned_session: PlannedSession | None = _UNSET, **fields: Any,
) -> StrengthSession:
    writers.strength_session_update(session=session, sets=sets, **fields)
    if planned_session is not _UNSET:
        _link(planned=planned_session, athlete=session.athlete, kind=Kind.STRENGTH,
              strength=session)
    athlete_recheck_on_commit(athlete_id=session.athlete_id)
    return session


@transaction.atomic
def strength_session_delete(*, session: StrengthSession) -> None:
    athlete_id = session.athlete_id
    writers.strength_session_delete(session=session)
    athlete_recheck_on_commit(athlete_id=athlete_id)


@transaction.atomic
def strength_set_create(*, session: StrengthSession, data: SetInput) -> StrengthSet:
    row = writers.strength_set_create(session=session, data=data)
    athlete_recheck_on_commit(athlete_id=session.athlete_id)
    return row


@transaction.atomic
def strength_set_update(*, row: StrengthSet, **fields: Any) -> StrengthSet:
    writers.strength_set_update(row=row, **fields)
    athlete_recheck_on_commit(athlete_id=row.session.athlete_id)
    return row


@transaction.atomic
def strength_set_delete(*, row: StrengthSet) -> None:
    athlete_id = row.session.athlete_id
    writers.strength_set_delete(row=row)
    athlete_recheck_on_commit(athlete_id=athlete_id)


@transaction.atomic
def run_create(
    *, actor: User, athlete: AthleteProfile, date: dt.date,
    planned_session: PlannedSession | None = None, **fields: Any,
) -> Run:
    run = writers.run_create(actor=actor, athlete=athlete, date=date, **fields)
    _link(planned=planned_session, athlete=athlete, kind=Kind.RUN, run=run)
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    emit_session_logged(athlete_id=athlete.pk, kind="run", session_id=run.pk,
                        date=run.date.isoformat())
    return run


@transaction.atomic
def run_update(
    *, run: Run, planned_session: PlannedSession | None = _UNSET, **fields: Any
) -> Run:
    writers.run_update(run=run, **fields)
    if planned_session is not _UNSET:
        _link(planned=planned_session, athlete=run.athlete, kind=Kind.RUN, run=run)
    athlete_recheck_on_commit(athlete_id=run.athlete_id)
    return run


@transaction.atomic
def run_delete(*, run: Run) -> None:
    athlete_id = run.athlete_id
    writers.run_delete(run=run)
    athlete_recheck_on_commit(athlete_id=athlete_id)
