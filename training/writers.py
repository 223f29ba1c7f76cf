"""Internal: the rows of a log (strength sessions with their sets, runs, daily check-ins)
and of a changed or deleted exercise, and nothing else.

A writer validates and writes training's own tables. It does not link the plan a log
fulfils, re-check the athlete or tell the webhooks: the public service that composes it does,
in ``scheduling.services.logs`` (training may not import scheduling), under the same name:
``scheduling.services.run_create`` composes ``training.writers.run_create``. So a writer is
called from nowhere else: the faces, the admin, the commands and the importers call the
public service, and an import-linter contract (pyproject.toml, "Writers are internal") lets
only ``scheduling.services`` import this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from athletes.models import AthleteProfile, User
from core.errors import DomainError, PreconditionFailed
from core.rows import row_lock, save_changed, version_bump
from core.validation import validated_clean, validated_save
from training.load import DayLoad
from training.models import (
    CHECK_IN_ITEMS,
    CheckIn,
    DailyLoad,
    Exercise,
    Run,
    StrengthSession,
    StrengthSet,
)
from training.selectors import exercise_get_for_athlete
from training.services import SetInput


def _decimal(value: Any, field: str) -> Decimal:
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError("Enter a number.", field=field) from None
    if not result.is_finite():
        raise DomainError("Enter a number.", field=field)
    return result


def _build_set(
    *, athlete: AthleteProfile, session: StrengthSession, data: SetInput, order: int, index: int
) -> StrengthSet:
    prefix = f"sets[{index}]."
    exercise = exercise_get_for_athlete(athlete=athlete, slug=data.exercise,
                                        field=prefix + "exercise")
    row = StrengthSet(
        session=session, exercise=exercise, order=order, reps=data.reps,
        load_kg=_decimal(data.load_kg, prefix + "load_kg"), rir=data.rir,
        is_warmup=data.is_warmup, ground_contacts=data.ground_contacts, hold_s=data.hold_s,
    )
    _check_set(row, prefix)
    return row


def _check_set(row: StrengthSet, prefix: str = "") -> None:
    if row.reps is None or row.reps < 1:
        raise DomainError("Reps must be 1 or more.", field=prefix + "reps")
    if row.load_kg < 0:
        raise DomainError("Load cannot be negative.", field=prefix + "load_kg")
    if row.load_kg > 1000:
        raise DomainError("Load must be 1000 kg or less.", field=prefix + "load_kg")
    if row.rir is not None and not 0 <= row.rir <= 10:
        raise DomainError("RIR is 0 to 10.", field=prefix + "rir")
    for name in ("ground_contacts", "hold_s"):
        value = getattr(row, name)
        if value is not None and value < 0:
            raise DomainError("Cannot be negative.", field=prefix + name)


@transaction.atomic
def strength_session_create(
    *, actor: User, athlete: AthleteProfile, date: dt.date, start_time: dt.time | None = None,
    duration_min: int | None = None, rpe: int | None = None, title: str = "", notes: str = "",
    sets: Sequence[SetInput] = (),
) -> StrengthSession:
    session = StrengthSession(
        athlete=athlete, date=date, start_time=start_time, duration_min=duration_min, rpe=rpe,
        title=title, notes=notes, created_by=actor,
    )
    validated_save(session)
    rows = [
        _build_set(athlete=athlete, session=session, data=s,
                   order=s.order if s.order is not None else i, index=i)
        for i, s in enumerate(sets)
    ]
    StrengthSet.objects.bulk_create(rows)
    return session


@transaction.atomic
def strength_session_update(
    *, session: StrengthSession, sets: Sequence[SetInput] | None = None, **fields: Any
) -> StrengthSession:
    """Change the ``fields`` given and save only them, with the session's next version, on
    the row its service locked and read again (``core.rows.row_lock``); ``sets`` (when
    given) replaces all the session's sets."""
    allowed = {"date", "start_time", "duration_min", "rpe", "title", "notes"}
    for key, value in fields.items():
        if key not in allowed:
            raise DomainError(f"Unknown field {key}.", field=key)
        setattr(session, key, value)
    validated_clean(session)
    save_changed(session, fields)
    if sets is not None:
        session.sets.all().delete()
        StrengthSet.objects.bulk_create([
            _build_set(athlete=session.athlete, session=session, data=s,
                       order=s.order if s.order is not None else i, index=i)
            for i, s in enumerate(sets)
        ])
    return session


@transaction.atomic
def strength_session_delete(*, session: StrengthSession) -> None:
    session.delete()


@transaction.atomic
def strength_set_create(*, session: StrengthSession, data: SetInput) -> StrengthSet:
    """Append one set (set-by-set logging): saved at once, so nothing entered is lost."""
    last = session.sets.order_by("-order").values_list("order", flat=True).first()
    order = data.order if data.order is not None else (last + 1 if last is not None else 0)
    row = _build_set(athlete=session.athlete, session=session, data=data, order=order, index=0)
    row.save()
    version_bump(StrengthSession, session.pk)
    return row


@transaction.atomic
def strength_set_update(*, row: StrengthSet, **fields: Any) -> StrengthSet:
    allowed = {"reps", "load_kg", "rir", "is_warmup", "ground_contacts", "hold_s", "order"}
    for key, value in fields.items():
        if key not in allowed:
            raise DomainError(f"Unknown field {key}.", field=key)
        if key == "load_kg":
            value = _decimal(value, "load_kg")
        setattr(row, key, value)
    _check_set(row)
    row.save()
    version_bump(StrengthSession, row.session_id)
    return row


@transaction.atomic
def strength_set_delete(*, row: StrengthSet) -> None:
    session_id = row.session_id
    row.delete()
    version_bump(StrengthSession, session_id)


@transaction.atomic
def run_create(
    *, actor: User, athlete: AthleteProfile, date: dt.date, run_type: str = "easy",
    start_time: dt.time | None = None, distance_m: int | None = None,
    duration_s: int | None = None, rpe: int | None = None, notes: str = "",
) -> Run:
    run = Run(
        athlete=athlete, date=date, start_time=start_time, run_type=run_type,
        distance_m=distance_m, duration_s=duration_s, rpe=rpe, notes=notes, created_by=actor,
    )
    validated_save(run)
    return run


@transaction.atomic
def run_update(*, run: Run, **fields: Any) -> Run:
    """As ``strength_session_update``: only the ``fields`` given, on the locked row."""
    allowed = {"date", "start_time", "run_type", "distance_m", "duration_s", "rpe", "notes"}
    for key, value in fields.items():
        if key not in allowed:
            raise DomainError(f"Unknown field {key}.", field=key)
        setattr(run, key, value)
    validated_clean(run)
    save_changed(run, fields)
    return run


@transaction.atomic
def run_delete(*, run: Run) -> None:
    run.delete()


@transaction.atomic
def logs_delete(*, strength_ids: Sequence[int], run_ids: Sequence[int]) -> None:
    """Delete these strength sessions (their sets with them) and runs, in bulk."""
    StrengthSession.objects.filter(pk__in=strength_ids).delete()
    Run.objects.filter(pk__in=run_ids).delete()


CHECK_IN_FIELDS = {*CHECK_IN_ITEMS, "resting_hr", "hrv_ms", "body_weight_kg"}


def _check_in_fill(row: CheckIn, fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        if key not in CHECK_IN_FIELDS:
            raise DomainError(f"Unknown field {key}.", field=key)
        if key == "body_weight_kg" and value is not None:
            value = _decimal(value, key)
        setattr(row, key, value)
    # Every check constraint is validated here; the one per athlete and date is left to the
    # database (``check_in_save`` updates the row that won a race for the date).
    validated_clean(row, exclude=["athlete"])


@transaction.atomic
def check_in_save(
    *, actor: User, athlete: AthleteProfile, date: dt.date, version: int | None = None,
    **fields: Any,
) -> tuple[CheckIn, bool]:
    """The athlete's check-in of ``date``, created with ``fields`` or, when there is one,
    updated with them (fields left out keep their values, read under a row lock); returns it
    and whether it is new. Two saves racing for one date end as one row: the later updates
    the earlier. ``version``: the version of the date's check-in the caller saw
    (``If-Match``): another one, or none, raises ``PreconditionFailed``."""
    for _ in range(2):
        row = CheckIn.objects.select_for_update().filter(athlete=athlete, date=date).first()
        created = row is None
        if version is not None and (row is None or row.version != version):
            raise PreconditionFailed()
        if row is None:
            row = CheckIn(athlete=athlete, date=date, created_by=actor)
        _check_in_fill(row, fields)
        try:
            with transaction.atomic():
                if created:
                    row.save()
                else:
                    save_changed(row, fields)
        except IntegrityError:
            if not created:
                raise
            continue  # a concurrent save created the date's check-in first: update it
        return row, created
    raise DomainError("The check-in could not be saved; try again.", field="date")


@transaction.atomic
def check_in_delete(*, check_in: CheckIn, version: int | None = None) -> None:
    row_lock(check_in, version=version, what="Check-in")
    check_in.delete()


BULK = 2000  # rows per insert when a whole history is written


@transaction.atomic(savepoint=False)
def daily_load_replace(
    *, athlete_ids: Sequence[int], days: Sequence[tuple[int, DayLoad]],
    date_from: dt.date | None = None, date_to: dt.date | None = None,
    only: Collection[dt.date] | None = None,
) -> None:
    """Replace the athletes' daily load rows over ``date_from``..``date_to`` (either open:
    unbounded; ``only``: just those days of it) with ``days`` (athlete id, day). Called by
    ``scheduling.services.load``."""
    old = DailyLoad.objects.filter(athlete_id__in=athlete_ids)
    if date_from is not None:
        old = old.filter(date__gte=date_from)
    if date_to is not None:
        old = old.filter(date__lte=date_to)
    if only is not None:
        old = old.filter(date__in=list(only))
    old.delete()  # nothing refers to a daily row: one DELETE
    DailyLoad.objects.bulk_create(
        [DailyLoad(athlete_id=athlete_id, date=d.date, load=d.load, run_load=d.run_load,
                   strength_load=d.strength_load, estimated=d.estimated)
         for athlete_id, d in days],
        batch_size=BULK,
    )


EXERCISE_FIELDS = {"name", "pattern", "category", "lower_body", "unilateral", "equipment"}


@transaction.atomic
def exercise_update(*, exercise: Exercise, **fields: Any) -> set[str]:
    """Change an exercise's description (its slug, which plans and clients name it by, and
    its owner stay); returns the names of the fields whose value changed."""
    changed = set()
    for key, value in fields.items():
        if key not in EXERCISE_FIELDS:
            raise DomainError(f"Unknown field {key}.", field=key)
        if key == "name":
            value = str(value).strip()
        if key == "equipment" and (not isinstance(value, list)
                                   or not all(isinstance(item, str) for item in value)):
            raise DomainError("Equipment is a list of items.", field="equipment")
        if getattr(exercise, key) != value:
            changed.add(key)
        setattr(exercise, key, value)
    validated_save(exercise)
    return changed


@transaction.atomic
def exercise_delete(*, exercise: Exercise) -> None:
    try:
        exercise.delete()
    except ProtectedError:
        raise DomainError("This exercise is in plans or logs: it stays.") from None


IMPORT_CHUNK = 500


def _chunks(rows: Sequence[Any], size: int = IMPORT_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


@transaction.atomic
def imported_runs_create(*, actor: User | None, athlete: AthleteProfile,
                         rows: Sequence[dict[str, Any]]) -> list[Run]:
    """Runs read from files, in bulk (chunks of IMPORT_CHUNK). Each row is a preview record
    the import pipeline checked against the model's bounds: ``key``, ``date``, ``time``,
    ``run_type``, ``distance_m``, ``duration_s``, ``rpe``, ``notes``."""
    runs = [Run(athlete=athlete, date=dt.date.fromisoformat(r["date"]),
                start_time=_time(r["time"]), run_type=r["run_type"],
                distance_m=r["distance_m"], duration_s=r["duration_s"], rpe=r["rpe"],
                notes=r["notes"], created_by=actor, external_key=r["key"]) for r in rows]
    created: list[Run] = []
    for chunk in _chunks(runs):
        created += Run.objects.bulk_create(chunk)
    return created


@transaction.atomic
def imported_strength_create(
    *, actor: User | None, athlete: AthleteProfile, rows: Sequence[dict[str, Any]],
    exercise_ids: dict[str, int],
) -> tuple[list[StrengthSession], int]:
    """Strength sessions read from files with their sets, in bulk; returns them and how
    many sets were written. A row: ``key``, ``date``, ``time``, ``duration_min``, ``title``,
    ``notes``, ``sets`` (``[name, reps, load_kg, is_warmup, rir, hold_s]`` each); a set whose
    name maps to no exercise (``exercise_ids`` lacks it: ignored) is left out."""
    sessions = [StrengthSession(
        athlete=athlete, date=dt.date.fromisoformat(r["date"]), start_time=_time(r["time"]),
        duration_min=r["duration_min"], title=r["title"], notes=r["notes"], created_by=actor,
        external_key=r["key"]) for r in rows]
    created: list[StrengthSession] = []
    for chunk in _chunks(sessions):
        created += StrengthSession.objects.bulk_create(chunk)
    sets = [StrengthSet(session=session, exercise_id=exercise_ids[name], order=order,
                        reps=reps, load_kg=Decimal(load), is_warmup=warmup, rir=rir,
                        hold_s=hold)
            for session, row in zip(created, rows, strict=True)
            for order, (name, reps, load, warmup, rir, hold) in enumerate(row["sets"])
            if name in exercise_ids]
    for chunk in _chunks(sets, 2 * IMPORT_CHUNK):
        StrengthSet.objects.bulk_create(chunk)
    return created, len(sets)


def _time(value: str | None) -> dt.time | None:
    return None if value is None else dt.time.fromisoformat(value)
