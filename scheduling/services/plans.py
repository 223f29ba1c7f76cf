"""Planned sessions and their prescriptions: create, change, move, delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from athletes.models import AthleteProfile, User
from core.errors import Conflict, DomainError, Forbidden
from core.rows import row_lock, save_changed
from core.validation import validated_clean
from scheduling.models import Kind, PlannedSession, Prescription
from scheduling.services.load import load_refresh
from scheduling.services.locks import (
    lock_check_change,
    lock_check_delete,
    lock_default,
)
from scheduling.services.recheck import athlete_recheck_on_commit
from training.library import is_hold
from training.selectors import exercise_get_for_athlete

PLANNED_FIELDS = {
    "date", "start_time", "order", "kind", "run_type", "intensity", "duration_min",
    "distance_m", "planned_rpe", "title", "notes", "external_id", "locked",
}


@dataclass(frozen=True)
class PrescriptionInput:
    exercise: str  # slug
    sets: int = 3
    reps_min: int | None = 5
    reps_max: int | None = None
    load_kg: Decimal | float | None = None
    pct_e1rm: Decimal | float | None = None
    rir: int | None = None
    ground_contacts: int | None = None
    hold_s: int | None = None  # a hold: seconds a set, and then no reps


MAX_HOLD_S = 3600


def _line_reps(line: PrescriptionInput, exercise: Any, prefix: str
               ) -> tuple[int | None, int | None, int | None]:
    """The line's reps range and hold (docs/rules.md, "Holds"): a hold has seconds and no
    reps; a rep line has reps; a plank or another hold is never prescribed as reps."""
    if line.hold_s is not None:
        if line.reps_min is not None or line.reps_max is not None:
            raise DomainError("A hold is given in seconds, not reps: leave the reps empty.",
                              field=prefix + ("reps_min" if line.reps_min is not None
                                              else "reps_max"))
        if not 1 <= line.hold_s <= MAX_HOLD_S:
            raise DomainError(f"A hold is 1 to {MAX_HOLD_S} seconds.", field=prefix + "hold_s")
        return None, None, line.hold_s
    if is_hold(exercise.slug, exercise.name):
        raise DomainError(f"{exercise.name} is a hold: give its seconds (hold_s), not reps.",
                          field=prefix + "hold_s")
    if line.reps_min is None:
        raise DomainError("How many reps? (A hold: give its seconds instead.)",
                          field=prefix + "reps_min")
    reps_max = line.reps_max if line.reps_max is not None else line.reps_min
    if line.reps_min < 1:
        raise DomainError("Reps must be 1 or more.", field=prefix + "reps_min")
    if reps_max < line.reps_min:
        raise DomainError("Top of the rep range is below the bottom.",
                          field=prefix + "reps_max")
    return line.reps_min, reps_max, None


def _check_kind(session: PlannedSession, prescription: Sequence[PrescriptionInput] | None) -> None:
    if session.kind not in Kind.values:
        raise DomainError("Kind is run or strength.", field="kind")
    if session.kind == Kind.RUN:
        if not session.run_type:
            raise DomainError("A run needs a run type.", field="run_type")
        if session.intensity:
            raise DomainError("Intensity is for strength sessions.", field="intensity")
        if prescription:
            raise DomainError("A run has no strength prescription.", field="prescription")
    else:
        if session.run_type:
            raise DomainError("A strength session has no run type.", field="run_type")


def _prescription_rows(
    *, session: PlannedSession, lines: Sequence[PrescriptionInput]
) -> list[Prescription]:
    rows = []
    for i, line in enumerate(lines):
        prefix = f"prescription[{i}]."
        exercise = exercise_get_for_athlete(
            athlete=session.athlete, slug=line.exercise, field=prefix + "exercise"
        )
        reps_min, reps_max, hold_s = _line_reps(line, exercise, prefix)
        if line.sets < 1 or line.sets > 20:
            raise DomainError("Sets are 1 to 20.", field=prefix + "sets")
        if line.load_kg is not None and Decimal(str(line.load_kg)) < 0:
            raise DomainError("Load cannot be negative.", field=prefix + "load_kg")
        if line.pct_e1rm is not None and not 0 < Decimal(str(line.pct_e1rm)) <= 110:
            raise DomainError("% of e1RM is above 0 and at most 110.", field=prefix + "pct_e1rm")
        if line.rir is not None and not 0 <= line.rir <= 10:
            raise DomainError("RIR is 0 to 10.", field=prefix + "rir")
        if line.ground_contacts is not None and line.ground_contacts < 0:
            raise DomainError("Cannot be negative.", field=prefix + "ground_contacts")
        rows.append(Prescription(
            session=session, exercise=exercise, order=i, sets=line.sets,
            reps_min=reps_min, reps_max=reps_max, hold_s=hold_s,
            load_kg=None if line.load_kg is None else Decimal(str(line.load_kg)),
            pct_e1rm=None if line.pct_e1rm is None else Decimal(str(line.pct_e1rm)),
            rir=line.rir, ground_contacts=line.ground_contacts,
        ))
    return rows


def _apply(session: PlannedSession, fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        if key not in PLANNED_FIELDS:
            raise DomainError(f"Unknown field {key}.", field=key)
        if key in {"run_type", "intensity", "title", "notes"} and value is None:
            value = ""
        if key == "external_id" and value == "":
            value = None
        setattr(session, key, value)


EXTERNAL_ID_TAKEN = "Another planned session has this external id."


def _external_id_free(session: PlannedSession) -> None:
    if session.external_id is None:
        return
    clash = PlannedSession.objects.filter(
        athlete=session.athlete, external_id=session.external_id
    ).exclude(pk=session.pk)
    if clash.exists():  # the same answer a racing writer gets (see ``_save``): a 409
        raise Conflict(EXTERNAL_ID_TAKEN, field="external_id")


def _external_ids_lock(athlete_id: int) -> None:
    """Writes that set an athlete's external ids take turns (a lock on the athlete's row,
    held to commit), so the check that an id is free holds until the write: two syncs of one
    new id end as one row, and the later one updates it. Taken before any session's row."""
    list(AthleteProfile.objects.select_for_update(no_key=True).filter(pk=athlete_id)
         .values_list("pk", flat=True))


def planned_session_build(
    *, actor: User | None, athlete: AthleteProfile, prescription: Sequence[PrescriptionInput]
    | None = None, session: PlannedSession | None = None, **fields: Any,
) -> tuple[PlannedSession, list[Prescription] | None]:
    """Validate without writing (the bulk sync validates every item before it writes any)."""
    if session is None:
        session = PlannedSession(athlete=athlete, created_by=actor)
    _apply(session, fields)
    _check_kind(session, prescription)
    validated_clean(
        session, exclude=["athlete", "created_by", "logged_strength", "logged_run"]
    )
    _external_id_free(session)
    rows = None if prescription is None else _prescription_rows(session=session, lines=prescription)
    return session, rows


def _linked_dates(session: PlannedSession) -> list[dt.date]:
    """The session's stored date and those of the logs it names: their daily load reads it
    (its planned RPE, and whether it is free for an unlinked log of its day to fulfil)."""
    if session.pk is None:
        return []
    row = PlannedSession.objects.filter(pk=session.pk).values_list(
        "date", "logged_run__date", "logged_strength__date").first()
    return [d for d in row or () if d is not None]


def _save(session: PlannedSession, rows: list[Prescription] | None,
          fields: Any = PLANNED_FIELDS) -> list[dt.date]:
    """Insert a new session or save the given ``fields`` of a locked one (``row_lock``);
    ``rows``, when given, replace its prescription. Returns the dates whose daily load may
    change (a save changes the session's date, never the logs it names). An external id a
    concurrent writer took first (one that skipped the athlete's lock) is a ``Conflict``,
    never a 500."""
    before = _linked_dates(session)
    try:
        if session.pk is None:
            session.save()
        else:
            save_changed(session, fields)
    except IntegrityError as exc:  # the service's atomic rolls back; nothing more is read
        if "external_id" not in str(exc):
            raise
        raise Conflict(EXTERNAL_ID_TAKEN, field="external_id") from exc
    if rows is not None:
        Prescription.objects.filter(session=session).delete()
        for row in rows:
            row.session = session
        Prescription.objects.bulk_create(rows)
    return [*before, session.date]


@transaction.atomic
def planned_session_create(
    *, actor: User | None, athlete: AthleteProfile,
    prescription: Sequence[PrescriptionInput] | None = None, **fields: Any,
) -> PlannedSession:
    """A coach's session starts locked on a roster that locks them (``locks``) unless
    ``locked`` is given; only a coach may give it."""
    if fields.get("external_id"):
        _external_ids_lock(athlete.pk)
    lock_check_change(actor=actor, session=PlannedSession(athlete=athlete), fields=fields)
    if "locked" not in fields:
        fields["locked"] = lock_default(actor=actor, athlete=athlete)
    session, rows = planned_session_build(
        actor=actor, athlete=athlete, prescription=prescription, **fields
    )
    load_refresh(athlete_id=athlete.pk, dates=_save(session, rows))
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    return session


@transaction.atomic
def planned_session_update(
    *, session: PlannedSession, actor: User | None = None,
    prescription: Sequence[PrescriptionInput] | None = None, version: int | None = None,
    **fields: Any,
) -> PlannedSession:
    """Change the ``fields`` given, and only those: the row is read again under a lock, so
    a concurrent change of another field is kept. ``prescription`` (when given) replaces the
    whole prescription. ``version``: the one the caller saw (``If-Match``); another one
    raises ``PreconditionFailed``. Bumps the version. ``actor``: who asks (the athlete may
    not move a session their coach locked, nor lock or unlock one: ``Forbidden``)."""
    if fields.get("external_id"):
        _external_ids_lock(session.athlete_id)
    row_lock(session, version=version, what="Planned session")
    lock_check_change(actor=actor, session=session, fields=fields)
    if "kind" in fields and fields["kind"] == Kind.RUN and prescription is None:
        prescription_now = list(session.prescription.all())
        if prescription_now:
            raise DomainError("A run has no strength prescription.", field="prescription")
    session, rows = planned_session_build(
        actor=None, athlete=session.athlete, prescription=prescription, session=session, **fields
    )
    load_refresh(athlete_id=session.athlete_id, dates=_save(session, rows, fields))
    athlete_recheck_on_commit(athlete_id=session.athlete_id)
    return session


@transaction.atomic
def planned_session_move(
    *, session: PlannedSession, date: dt.date, start_time: dt.time | None = None,
    keep_time: bool = False, actor: User | None = None,
) -> PlannedSession:
    """Move a session to another day (and time; ``keep_time`` keeps its current one).
    ``actor``: as for ``planned_session_update``."""
    fields: dict[str, Any] = {"date": date}
    if not keep_time:
        fields["start_time"] = start_time
    return planned_session_update(session=session, actor=actor, **fields)


@transaction.atomic
def planned_session_delete(*, session: PlannedSession, actor: User | None = None,
                           version: int | None = None) -> None:
    """``version``, ``actor``: as for ``planned_session_update`` (the athlete may not delete
    a session their coach locked)."""
    row_lock(session, version=version, what="Planned session")
    lock_check_delete(actor=actor, session=session)
    athlete_id, dates = session.athlete_id, _linked_dates(session)
    session.delete()
    load_refresh(athlete_id=athlete_id, dates=dates)
    athlete_recheck_on_commit(athlete_id=athlete_id)


@transaction.atomic
def planned_sessions_sync(
    *, actor: User | None, athlete: AthleteProfile, items: Sequence[dict[str, Any]],
) -> tuple[list[PlannedSession], int]:
    """Create or update each item by its ``external_id`` (a sync from another planner), all or
    nothing: every item is validated before any is written, a bad one raises a DomainError
    naming ``sessions[i].<field>``, and the athlete is re-checked once. Each item is a whole
    session (``prescription`` included: an empty or missing one clears it). Returns the
    sessions in item order and how many were created. Syncs of one athlete take turns: two
    racing with one new id end as one row, the later sync updating it."""
    ext_ids: list[str] = []
    for i, item in enumerate(items):
        ext_id = item.get("external_id")
        if not ext_id:
            raise DomainError("Each item needs an external id.", field=f"sessions[{i}].external_id")
        if ext_id in ext_ids:
            raise DomainError("This external id is given twice.",
                              field=f"sessions[{i}].external_id")
        ext_ids.append(ext_id)
    _external_ids_lock(athlete.pk)
    existing = {
        s.external_id: s
        for s in PlannedSession.objects.select_for_update().filter(
            athlete=athlete, external_id__in=ext_ids).order_by("pk")
    }
    built = []
    locked_default: bool | None = None
    for i, item in enumerate(items):
        fields = dict(item)
        prescription = fields.pop("prescription", None) or []
        session = existing.get(fields["external_id"])
        try:
            lock_check_change(actor=actor, session=session or PlannedSession(athlete=athlete),
                              fields=fields)
            if session is None and "locked" not in fields:
                if locked_default is None:  # one query for the whole sync
                    locked_default = lock_default(actor=actor, athlete=athlete)
                fields["locked"] = locked_default
            built.append(planned_session_build(
                actor=actor, athlete=athlete, prescription=prescription, session=session,
                **fields,
            ))
        except Forbidden as exc:
            raise Forbidden(exc.message, field=f"sessions[{i}].{exc.field or 'locked'}",
                            code=exc.code) from exc
        except DomainError as exc:
            where = f"sessions[{i}]" + (f".{exc.field}" if exc.field else "")
            raise DomainError(exc.message, field=where, code=exc.code) from exc
    created = 0
    touched: list[dt.date] = []
    for session, rows in built:
        created += session.pk is None
        touched.extend(_save(session, rows))
    load_refresh(athlete_id=athlete.pk, dates=touched)  # once for the whole sync
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    return [session for session, _ in built], created
