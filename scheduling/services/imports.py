"""Importing history: an upload (files or one archive) read in the background into a
preview, its exercise names mapped, then, once confirmed, written in the background.

The public services: ``import_create`` (store the files, queue the parsing),
``import_mapping_set`` (answer "what is this exercise?"), ``import_units_set`` (the units of
a file that does not say them), ``import_confirm`` (queue the writing) and
``imports_purge`` (delete the originals past their keep). The two background steps are in
``scheduling.services.import_steps``; they report progress on the import's row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from athletes.models import AthleteProfile, Units, User
from core.errors import DomainError
from scheduling.services.queue import IMPORT_PARSE, IMPORT_WRITE, send_on_commit
from training.imports.archive import is_ignored, open_zip, unsafe_path
from training.imports.names import fold
from training.imports.records import FileProblem
from training.models import ExerciseMapping, Import, ImportFile, ImportState
from training.selectors import exercise_get_for_athlete, exercise_names_for_athlete

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
RATIO_FLOOR = 1024 * 1024  # a member smaller than this unpacked is harmless, however packed


class TooLarge(DomainError):
    """An upload over the caps: the API answers 413 (``too_large``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file", code="too_large")


def _check_limits(files: Sequence[UploadedFile]) -> None:
    if not files:
        raise DomainError("Choose at least one file.", field="file", code="required")
    if len(files) > settings.IMPORT_MAX_FILES:
        raise TooLarge(f"{len(files)} files is over the limit of {settings.IMPORT_MAX_FILES} "
                       "in one upload: put them in one zip archive.")
    total = sum(f.size or 0 for f in files)
    if total > settings.IMPORT_MAX_BYTES:
        raise TooLarge(f"The upload is {total // 2**20} MiB, over the limit of "
                       f"{settings.IMPORT_MAX_BYTES // 2**20} MiB.")
    for upload in files:
        _check_archive(upload)


def _check_archive(upload: UploadedFile) -> None:
    """An archive's directory, read before it is kept: a member that would leave it, a
    member that unpacks far beyond its packed size (a bomb) or too many members refuse the
    upload. The parsers check again as they read (headers may lie)."""
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head not in ZIP_MAGIC:
        return
    try:
        with open_zip(upload) as archive:  # type: ignore[arg-type]
            members = [info for info in archive.infolist() if not is_ignored(info)]
    except FileProblem as problem:
        raise DomainError(f"{upload.name}: {problem.reason}", field="file") from None
    finally:
        upload.seek(0)
    for info in archive.infolist():
        if reason := unsafe_path(info.filename):
            raise DomainError(f"{upload.name}: {reason}.", field="file", code="unsafe_path")
    if len(members) > settings.IMPORT_MAX_MEMBERS:
        raise TooLarge(f"{upload.name} holds {len(members)} files, over the limit of "
                       f"{settings.IMPORT_MAX_MEMBERS}.")
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > settings.IMPORT_MAX_RATIO:
            raise DomainError(
                f"{upload.name}: {info.filename} unpacks {int(ratio)} times its packed size, "
                f"over the {settings.IMPORT_MAX_RATIO}:1 limit (a zip bomb?).",
                field="file", code="zip_bomb")


def _store(athlete: AthleteProfile, upload: UploadedFile) -> dict[str, str]:
    name = (upload.name or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"
    path = default_storage.save(
        f"imports/{athlete.pk}/{uuid.uuid4().hex}-{get_valid_filename(name)[:80]}", upload)
    return {"name": name, "path": path}


@transaction.atomic
def import_create(*, actor: User, athlete: AthleteProfile,
                  files: Sequence[UploadedFile]) -> Import:
    """Keep the uploaded files and queue their reading; the import is ``parsing`` until its
    preview is ready. Raises TooLarge (413) past the caps, DomainError (400) for an archive
    whose members would leave it or that looks like a bomb."""
    _check_limits(files)
    stored = [_store(athlete, f) for f in files]
    upload = Import(athlete=athlete, created_by=actor, units=athlete.units or Units.METRIC,
                    progress_total=len(stored), uploads=stored,
                    expires_at=timezone.now() + dt.timedelta(days=settings.IMPORT_KEEP_DAYS))
    upload.full_clean()
    upload.save()
    send_on_commit(IMPORT_PARSE, upload.pk)
    return upload


def unmapped_names(*, upload: Import, files: Sequence[ImportFile] | None = None) -> list[str]:
    """The exercise names of the import's ready files that nothing maps (the questions),
    in the order they first appear."""
    known = exercise_names_for_athlete(athlete=upload.athlete)
    out: dict[str, str] = {}
    rows = files if files is not None else list(upload.files.all())
    for row in rows:
        if row.outcome != "ready":
            continue
        for name in row.exercises:
            if fold(name) not in known:
                out.setdefault(fold(name), name)
    return list(out.values())


def _names_of(upload: Import) -> set[str]:
    return {fold(name) for names in upload.files.filter(outcome="ready").values_list(
        "exercises", flat=True) for name in names}


@transaction.atomic
def import_mapping_set(*, actor: User, upload: Import, name: str,
                       exercise: str | None) -> ExerciseMapping:
    """Answer what ``name`` (as an app writes it) means: an exercise slug the athlete may
    use, or None to ignore its sets. Remembered for the athlete, and for the coach when a
    coach answers (for all their athletes' next imports)."""
    if upload.state not in (ImportState.READY, ImportState.PARSING):
        raise DomainError("This import is already confirmed.", field="name")
    folded = fold(name)
    if not folded or folded not in _names_of(upload):
        raise DomainError(f"{name!r} is not an exercise name of this import.", field="name",
                          code="invalid_choice")
    target = None if exercise is None else exercise_get_for_athlete(
        athlete=upload.athlete, slug=exercise, field="exercise")
    mapping, _ = ExerciseMapping.objects.update_or_create(
        athlete=upload.athlete, name=folded, defaults={"exercise": target, "coach": None})
    if actor.is_coach and actor.pk != upload.athlete.user_id:
        ExerciseMapping.objects.update_or_create(
            coach=actor, name=folded, defaults={"exercise": target, "athlete": None})
    return mapping


@transaction.atomic
def import_units_set(*, actor: User, upload: Import, units: str) -> Import:
    """The units of the files that do not say them (a Strong export without a unit column):
    the import is read again with them."""
    if units not in Units.values:
        raise DomainError(f"Unknown units {units!r}.", field="units", code="invalid_choice")
    locked = Import.objects.select_for_update().get(pk=upload.pk)
    if locked.state != ImportState.READY:
        raise DomainError("The units can be changed while the preview is shown only.",
                          field="units")
    if locked.units != units:
        locked.files.all().delete()
        Import.objects.filter(pk=locked.pk).update(
            units=units, state=ImportState.PARSING, progress_done=0,
            progress_total=len(locked.uploads), claimed_at=None)
        send_on_commit(IMPORT_PARSE, locked.pk)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def import_confirm(*, actor: User, upload: Import) -> Import:
    """Write what the preview shows, in the background; every exercise name must have an
    answer first. Confirming twice is refused, so nothing is written twice."""
    locked = Import.objects.select_for_update().get(pk=upload.pk)
    if locked.state != ImportState.READY:
        raise DomainError(f"The import is {locked.get_state_display().lower()}: only a "
                          "ready import is confirmed.", field="non_field_errors",
                          code="invalid_state")
    files = list(locked.files.defer("preview"))
    if unmapped := unmapped_names(upload=locked, files=files):
        raise DomainError("Say what these exercises are first (or ignore them): "
                          + ", ".join(unmapped[:10]), field="unmapped", code="unmapped")
    total = sum(f.runs + f.strength_sessions for f in files if f.outcome == "ready")
    Import.objects.filter(pk=locked.pk).update(
        state=ImportState.CONFIRMING, progress_done=0, progress_total=total, claimed_at=None)
    send_on_commit(IMPORT_WRITE, locked.pk)
    locked.refresh_from_db()
    return locked


def imports_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the original files and previews of the imports past their keep; returns
    how many imports were purged. What they wrote stays."""
    now = now or timezone.now()
    purged = 0
    for upload in Import.objects.filter(expires_at__lte=now).exclude(uploads=[]):
        for item in upload.uploads:
            default_storage.delete(item["path"])
        ImportFile.objects.filter(upload=upload).update(original="", preview=[])
        Import.objects.filter(pk=upload.pk).update(uploads=[])
        purged += 1
    return purged


def import_summary(files: Sequence[ImportFile]) -> dict[str, Any]:
    """The import's totals from its files: what the preview would create (``new``) and
    finds ``already_there``; once written, what was ``created``."""
    created = {"runs": 0, "strength_sessions": 0, "sets": 0}
    there = {"runs": 0, "strength_sessions": 0}
    parsed = {"runs": 0, "strength_sessions": 0}
    for row in files:
        if row.outcome == "ready":
            parsed["runs"] += row.runs
            parsed["strength_sessions"] += row.strength_sessions
        source = row.result.get("already_there") if row.written else row.already_there
        for key in there:
            there[key] += (source or {}).get(key, 0)
        for key in created:
            created[key] += row.result.get("created", {}).get(key, 0)
    new = {key: parsed[key] - there[key] for key in there}
    return {"created": created, "already_there": there, "new": new}
