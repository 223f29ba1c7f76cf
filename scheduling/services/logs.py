"""Logging work: the one write path of strength sessions, their sets and runs.

Each service writes the log's rows through the internal ``training.writers`` function of the
same name, keeps the link to the planned session it fulfils, brings the daily load of the
dates it touched up to date (``load_refresh``, in the same transaction), re-checks the athlete
after commit, and tells the webhooks of a new log. The API, the portal and the admin call these;
the nightly pass calls ``drafts_discard``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from athletes.models import AthleteProfile, User
from core.errors import DomainError, NotFound
from core.rows import row_lock, save_changed
from scheduling.models import Comment, Kind, PlannedSession
from scheduling.services.load import load_refresh, plan_dates
from scheduling.services.recheck import athlete_recheck_on_commit
from scheduling.services.webhooks import emit_session_logged
from training import writers
from training.drafts import DRAFT_AGE, run_takes_part, strength_takes_part
from training.models import Run, StrengthSession, StrengthSet
from training.services import SetInput


def _link(
    *, planned: PlannedSession | None, athlete: AthleteProfile, kind: str,
    strength: StrengthSession | None = None, run: Run | None = None,
) -> None:
    """Point ``planned`` at the logged session that fulfils it (and unlink any old one); each
    planned session changed gets its next version."""
    bump = {"version": F("version") + 1, "updated_at": timezone.now()}
    if strength is not None:
        PlannedSession.objects.filter(logged_strength=strength).exclude(
            pk=getattr(planned, "pk", None)
        ).update(logged_strength=None, **bump)
    if run is not None:
        PlannedSession.objects.filter(logged_run=run).exclude(
            pk=getattr(planned, "pk", None)
        ).update(logged_run=None, **bump)
    if planned is None:
        return
    row_lock(planned, what="Planned session")
    if planned.athlete_id != athlete.pk:
        raise NotFound("Planned session not found.", field="planned_session")
    if planned.kind != kind:
        raise DomainError(f"That planned session is not a {kind} session.",
                          field="planned_session")
    taken = planned.logged_strength_id or planned.logged_run_id
    mine = (strength.pk if strength else None) or (run.pk if run else None)
    if taken and taken != mine:
        raise DomainError("That planned session is already logged.", field="planned_session")
    if (planned.logged_strength_id, planned.logged_run_id) == (
            getattr(strength, "pk", None), getattr(run, "pk", None)):
        return  # already linked: nothing to write
    planned.logged_strength = strength
    planned.logged_run = run
    save_changed(planned, ["logged_strength", "logged_run"])


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
    load_refresh(athlete_id=athlete.pk, dates=[getattr(planned_session, "date", None)],
                 lift_dates=[session.date])
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    emit_session_logged(athlete_id=athlete.pk, kind="strength", session_id=session.pk,
                        date=session.date.isoformat())
    return session


_UNSET: Any = object()


@transaction.atomic
def strength_session_update(
    *, session: StrengthSession, sets: Sequence[SetInput] | None = None,
    planned_session: PlannedSession | None = _UNSET, version: int | None = None, **fields: Any,
) -> StrengthSession:
    """Change the ``fields`` given and only those, on the row read again under a lock (a
    concurrent change of another field is kept); given ``sets`` replace all the session's
    sets. ``version``: the one the caller saw (``If-Match``); another one raises
    ``PreconditionFailed``."""
    row_lock(session, version=version, what="Strength session")
    before = session.date  # as stored: the lock read the row again
    plans_before = plan_dates(strength=session)
    writers.strength_session_update(session=session, sets=sets, **fields)
    if planned_session is not _UNSET:
        _link(planned=planned_session, athlete=session.athlete, kind=Kind.STRENGTH,
              strength=session)
    plans_after = plans_before if planned_session is _UNSET else [
        getattr(planned_session, "date", None)]
    load_refresh(athlete_id=session.athlete_id, dates=[*plans_before, *plans_after],
                 lift_dates=[before, session.date])
    athlete_recheck_on_commit(athlete_id=session.athlete_id)
    return session


@transaction.atomic
def strength_session_delete(*, session: StrengthSession, version: int | None = None) -> None:
    """``version``: as for ``strength_session_update``. The plan it fulfilled is unlinked."""
    row_lock(session, version=version, what="Strength session")
    athlete_id, day = session.athlete_id, session.date
    plans_before = plan_dates(strength=session)
    _link(planned=None, athlete=session.athlete, kind=Kind.STRENGTH, strength=session)
    writers.strength_session_delete(session=session)
    load_refresh(athlete_id=athlete_id, dates=plans_before, lift_dates=[day])
    athlete_recheck_on_commit(athlete_id=athlete_id)


@transaction.atomic
def strength_set_create(*, session: StrengthSession, data: SetInput) -> StrengthSet:
    row = writers.strength_set_create(session=session, data=data)
    load_refresh(athlete_id=session.athlete_id, lift_dates=[session.date])
    athlete_recheck_on_commit(athlete_id=session.athlete_id)
    return row


@transaction.atomic
def strength_set_update(*, row: StrengthSet, **fields: Any) -> StrengthSet:
    writers.strength_set_update(row=row, **fields)
    load_refresh(athlete_id=row.session.athlete_id, lift_dates=[row.session.date])
    athlete_recheck_on_commit(athlete_id=row.session.athlete_id)
    return row


@transaction.atomic
def strength_set_delete(*, row: StrengthSet) -> None:
    athlete_id = row.session.athlete_id
    day = row.session.date
    writers.strength_set_delete(row=row)
    load_refresh(athlete_id=athlete_id, lift_dates=[day])
    athlete_recheck_on_commit(athlete_id=athlete_id)


@transaction.atomic
def run_create(
    *, actor: User, athlete: AthleteProfile, date: dt.date,
    planned_session: PlannedSession | None = None, **fields: Any,
) -> Run:
    run = writers.run_create(actor=actor, athlete=athlete, date=date, **fields)
    _link(planned=planned_session, athlete=athlete, kind=Kind.RUN, run=run)
    load_refresh(athlete_id=athlete.pk,
                 dates=[run.date, getattr(planned_session, "date", None)])
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    emit_session_logged(athlete_id=athlete.pk, kind="run", session_id=run.pk,
                        date=run.date.isoformat())
    return run


@transaction.atomic
def run_update(
    *, run: Run, planned_session: PlannedSession | None = _UNSET, version: int | None = None,
    **fields: Any,
) -> Run:
    """As ``strength_session_update``, for a run."""
    row_lock(run, version=version, what="Run")
    before = run.date  # as stored: the lock read the row again
    plans_before = plan_dates(run=run)
    writers.run_update(run=run, **fields)
    if planned_session is not _UNSET:
        _link(planned=planned_session, athlete=run.athlete, kind=Kind.RUN, run=run)
    plans_after = plans_before if planned_session is _UNSET else [
        getattr(planned_session, "date", None)]
    load_refresh(athlete_id=run.athlete_id,
                 dates=[before, run.date, *plans_before, *plans_after])
    athlete_recheck_on_commit(athlete_id=run.athlete_id)
    return run


@transaction.atomic
def run_delete(*, run: Run, version: int | None = None) -> None:
    """``version``: as for ``run_update``. The plan it fulfilled is unlinked."""
    row_lock(run, version=version, what="Run")
    athlete_id, day = run.athlete_id, run.date
    plans_before = plan_dates(run=run)
    _link(planned=None, athlete=run.athlete, kind=Kind.RUN, run=run)
    writers.run_delete(run=run)
    load_refresh(athlete_id=athlete_id, dates=[day, *plans_before])
    athlete_recheck_on_commit(athlete_id=athlete_id)


@transaction.atomic
def drafts_discard(*, athlete_ids: Sequence[int], now: dt.datetime) -> int:
    """Discard the athletes' empty drafts (RULES.md, "Logged") created more than
    ``DRAFT_AGE`` before ``now``, in bulk: two reads, then a few writes only when there is
    something to discard. A draft with comments is left to its people. The plans they named
    are unlinked (each gets its next version); no load or re-check follows, as a draft
    carries neither. Returns how many went."""
    cutoff = now - DRAFT_AGE
    lifts = list(StrengthSession.objects.filter(
        athlete_id__in=athlete_ids, created_at__lt=cutoff,
    ).exclude(strength_takes_part()).exclude(
        Exists(Comment.objects.filter(strength_session=OuterRef("pk")))
    ).values_list("pk", flat=True))
    runs = list(Run.objects.filter(
        athlete_id__in=athlete_ids, created_at__lt=cutoff,
    ).exclude(run_takes_part()).exclude(
        Exists(Comment.objects.filter(run=OuterRef("pk")))
    ).values_list("pk", flat=True))
    if lifts or runs:
        bump = {"version": F("version") + 1, "updated_at": timezone.now()}
        PlannedSession.objects.filter(logged_strength_id__in=lifts).update(
            logged_strength=None, **bump)
        PlannedSession.objects.filter(logged_run_id__in=runs).update(logged_run=None, **bump)
        writers.logs_delete(strength_ids=lifts, run_ids=runs)
    return len(lifts) + len(runs)
