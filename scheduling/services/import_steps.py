"""The two background steps of an import (``scheduling.tasks``): reading the files into a
preview, and writing a confirmed preview. Each claims its import with a filtered update (a
second worker given the same task finds nothing to do), reports its progress on the
import's row as it goes, and is safe to run again after a worker died: the reading starts
over, the writing skips the files already written.

A file is all or nothing: its preview is checked before anything is written, and its rows
are written in one transaction. The athlete's daily load is brought up to date and the
athlete re-checked once, after the last file.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from athletes.models import AthleteProfile
from scheduling.models import Kind, PlannedSession
from scheduling.services.import_records import RUN, Known, counts, preview_rows
from scheduling.services.load import load_refresh
from scheduling.services.recheck import athlete_recheck_on_commit
from training import writers
from training.imports import FileOutcome, Limits, Outcome, parse_upload
from training.imports.archive import MIB, is_ignored, open_zip
from training.imports.names import fold
from training.imports.records import FileFailed, FileProblem
from training.models import Import, ImportFile, ImportState, Run, StrengthSession
from training.selectors import exercise_names_for_athlete, exercises_for_athlete

log = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=30)  # a claim older than this is a dead worker's
BATCH = 25  # file rows saved (and progress reported) together
DEFAULT_START = {Kind.RUN: dt.time(7, 0), Kind.STRENGTH: dt.time(17, 30)}  # RULES.md, "Gap"


def _claim(import_id: int, state: str) -> Import | None:
    now = timezone.now()
    won = Import.objects.filter(pk=import_id, state=state).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE)).update(claimed_at=now)
    if not won:
        return None
    return Import.objects.select_related("athlete").get(pk=import_id)


def limits() -> Limits:
    return Limits(max_file_bytes=64 * MIB, max_total_bytes=8 * settings.IMPORT_MAX_BYTES,
                  max_files=settings.IMPORT_MAX_MEMBERS, max_ratio=settings.IMPORT_MAX_RATIO)


def _expected(path: str) -> int:
    """How many files an upload holds (its members, for an archive): the progress total."""
    with default_storage.open(path, "rb") as stream:
        if stream.read(2) != b"PK":
            return 1
        stream.seek(0)
        try:
            with open_zip(stream) as archive:
                return max(1, sum(not is_ignored(i) for i in archive.infolist()))
        except FileProblem:
            return 1


def import_parse(*, import_id: int) -> bool:
    """Read the import's files into its preview; False when there was nothing to claim."""
    upload = _claim(import_id, ImportState.PARSING)
    if upload is None:
        return False
    try:
        _parse(upload)
    except DatabaseError:
        raise
    except Exception as error:  # a parser's bug must not leave the import parsing forever
        log.exception("import %s: reading failed", upload.pk)
        Import.objects.filter(pk=upload.pk).update(
            state=ImportState.FAILED, error=f"The files could not be read ({error}).")
    return True


def _parse(upload: Import) -> None:
    ImportFile.objects.filter(upload=upload).delete()  # a dead worker's half
    total = sum(_expected(item["path"]) for item in upload.uploads)
    Import.objects.filter(pk=upload.pk).update(progress_total=total, progress_done=0)
    zone = ZoneInfo(upload.athlete.timezone)
    known = Known(upload.athlete_id)
    done = 0
    batch: list[ImportFile] = []
    for item in upload.uploads:
        with default_storage.open(item["path"], "rb") as stream:
            for found in parse_upload(item["name"], stream, units=upload.units,
                                      limits=limits()):
                batch.append(_file_row(upload, item["path"], found, zone, known))
                done += 1
                if len(batch) >= BATCH:
                    _flush(upload, batch, done, total)
    if done == 0:
        batch.append(ImportFile(upload=upload, name="(the upload)", outcome=Outcome.SKIPPED,
                                reason="the upload holds no file"))
    _flush(upload, batch, done, total)
    Import.objects.filter(pk=upload.pk, state=ImportState.PARSING).update(
        state=ImportState.READY, claimed_at=None)


def _flush(upload: Import, batch: list[ImportFile], done: int, total: int) -> None:
    ImportFile.objects.bulk_create(batch)
    batch.clear()
    Import.objects.filter(pk=upload.pk).update(progress_done=done,
                                               progress_total=max(total, done))


def _file_row(upload: Import, path: str, found: FileOutcome, zone: ZoneInfo,
              known: Known) -> ImportFile:
    row = ImportFile(upload=upload, name=found.name[-255:], outcome=found.outcome,
                     reason=found.reason, line=found.line, format=found.format,
                     original=path, assumed_units=found.assumed_units or "")
    if found.outcome is not Outcome.READY:
        return row
    try:
        rows = preview_rows(found, zone)
    except FileFailed as problem:
        row.outcome, row.reason, row.line = Outcome.FAILED, problem.reason, problem.line
        return row
    _, there = known.split(rows)
    names: dict[str, None] = {}
    for item in rows:
        for entry in item.get("sets", ()):
            names.setdefault(entry[0])
    row.preview, row.exercises, row.already_there = rows, list(names), counts(there)
    row.runs = sum(r["kind"] == RUN for r in rows)
    row.strength_sessions = len(rows) - row.runs
    row.sets = sum(len(r.get("sets", ())) for r in rows)
    return row


def import_write(*, import_id: int) -> bool:
    """Write a confirmed import's new sessions, file by file; False when there was nothing
    to claim."""
    upload = _claim(import_id, ImportState.CONFIRMING)
    if upload is None:
        return False
    athlete = upload.athlete
    exercise_ids = _exercise_ids(upload)
    known = Known(athlete.pk)
    done = upload.progress_done
    pending = upload.files.filter(outcome=Outcome.READY, written=False).order_by("id")
    for file_id in list(pending.values_list("id", flat=True)):
        row = ImportFile.objects.get(pk=file_id)
        try:
            with transaction.atomic():
                _write_file(upload, athlete, row, known, exercise_ids)
        except IntegrityError:  # another import wrote one of these sessions meanwhile
            ImportFile.objects.filter(pk=file_id).update(
                outcome=Outcome.FAILED, reason="another import wrote some of these sessions "
                "at the same time: import this file again")
        done += row.runs + row.strength_sessions
        Import.objects.filter(pk=upload.pk).update(
            progress_done=min(done, upload.progress_total))
    with transaction.atomic():
        _refresh_load(upload)
        Import.objects.filter(pk=upload.pk).update(
            state=ImportState.DONE, progress_done=upload.progress_total, claimed_at=None)
        athlete_recheck_on_commit(athlete_id=athlete.pk)
    return True


def _refresh_load(upload: Import) -> None:
    """The athlete's daily load over every date the import wrote, once (as the re-check):
    the days of its runs, and the six weeks each of its lifts reaches."""
    run_dates: set[str] = set()
    lift_dates: set[str] = set()
    for result in upload.files.filter(written=True).values_list("result", flat=True):
        run_dates.update(result.get("run_dates", ()))
        lift_dates.update(result.get("lift_dates", ()))
    if run_dates or lift_dates:
        load_refresh(athlete_id=upload.athlete_id,
                     dates=[dt.date.fromisoformat(d) for d in run_dates],
                     lift_dates=[dt.date.fromisoformat(d) for d in lift_dates])


def _exercise_ids(upload: Import) -> dict[str, int]:
    """Each exercise name of the import that maps to an exercise, to its id (names mapped
    to nothing, ignored, are left out)."""
    meaning = exercise_names_for_athlete(athlete=upload.athlete)
    names = {name for values in upload.files.filter(outcome=Outcome.READY).values_list(
        "exercises", flat=True) for name in values}
    slugs = {name: meaning.get(fold(name)) for name in names}
    ids = dict(exercises_for_athlete(athlete=upload.athlete).filter(
        slug__in={s for s in slugs.values() if s}).values_list("slug", "id"))
    return {name: ids[slug] for name, slug in slugs.items() if slug in ids}


def _write_file(upload: Import, athlete: AthleteProfile, row: ImportFile, known: Known,
                exercise_ids: dict[str, int]) -> None:
    new, there = known.split(row.preview)
    runs = [r for r in new if r["kind"] == RUN]
    lifts = [r for r in new if r["kind"] != RUN
             and any(entry[0] in exercise_ids for entry in r["sets"])]
    actor = upload.created_by
    created_runs = writers.imported_runs_create(actor=actor, athlete=athlete, rows=runs)
    created_lifts, sets = writers.imported_strength_create(
        actor=actor, athlete=athlete, rows=lifts, exercise_ids=exercise_ids)
    _fulfil(athlete, created_runs, created_lifts)
    row.result = {"created": {"runs": len(created_runs),
                              "strength_sessions": len(created_lifts), "sets": sets},
                  "already_there": counts(there),
                  "ignored": len(new) - len(runs) - len(lifts),
                  "run_dates": sorted({r["date"] for r in runs}),
                  "lift_dates": sorted({r["date"] for r in lifts})}
    row.written = True
    row.save(update_fields=["result", "written"])


def _fulfil(athlete: AthleteProfile, runs: Sequence[Run],
            lifts: Sequence[StrengthSession]) -> None:
    """Imported sessions fulfil the planned ones RULES.md says ("Fulfils"): of the same
    kind on the same local date and fulfilled by nothing else; for runs the same run type
    first, then the nearest start time."""
    logged: list[Any] = [*runs, *lifts]
    if not logged:
        return
    dates = [s.date for s in logged]
    open_plans: dict[tuple[str, dt.date], list[PlannedSession]] = defaultdict(list)
    for plan in PlannedSession.objects.filter(
            athlete=athlete, date__gte=min(dates), date__lte=max(dates),
            logged_run__isnull=True, logged_strength__isnull=True):
        open_plans[(plan.kind, plan.date)].append(plan)
    if not open_plans:
        return
    changed: list[PlannedSession] = []
    for session in sorted(logged, key=lambda s: (s.date, s.start_time or dt.time(0), s.pk)):
        kind = Kind.RUN if isinstance(session, Run) else Kind.STRENGTH
        candidates = open_plans.get((kind, session.date))
        if not candidates:
            continue
        plan = min(candidates, key=lambda p: _closeness(p, session, kind))
        candidates.remove(plan)
        if kind == Kind.RUN:
            plan.logged_run = session
        else:
            plan.logged_strength = session
        changed.append(plan)
    PlannedSession.objects.bulk_update(changed, ["logged_run", "logged_strength"])


def _closeness(plan: PlannedSession, session: Any, kind: str) -> tuple[int, float, int]:
    def minutes(t: dt.time | None) -> int:
        t = t or DEFAULT_START[kind]  # type: ignore[index]
        return t.hour * 60 + t.minute

    other_type = int(kind == Kind.RUN and plan.run_type != session.run_type)
    return (other_type, abs(minutes(plan.start_time) - minutes(session.start_time)), plan.pk)
