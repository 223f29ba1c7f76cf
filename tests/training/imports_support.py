"""Shared by the import tests: the fixture files, one-file reading, and an import read and
ready to confirm (for the worlds of the access tests)."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from athletes.models import AthleteProfile
from scheduling import services
from scheduling.services.import_steps import import_parse
from training.imports import FileOutcome, parse_upload
from training.models import Import

FILES = Path(__file__).parent / "fixtures" / "files"


def outcomes(name: str, data: bytes | None = None, **options: object) -> list[FileOutcome]:
    """Every outcome of an upload: a fixture by its name, or the given bytes."""
    payload = (FILES / name).read_bytes() if data is None else data
    return list(parse_upload(Path(name).name, io.BytesIO(payload), **options))  # type: ignore[arg-type]


def outcome(name: str, data: bytes | None = None, **options: object) -> FileOutcome:
    [only] = outcomes(name, data, **options)
    return only


IMPORT_CSV = (b'"title","start_time","end_time","description","exercise_title","superset_id",'
              b'"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
              b'"duration_seconds","rpe"\n'
              b'"Legs","5 Mar 2024, 18:04","5 Mar 2024, 19:09","","Squat (Barbell)",,"",0,'
              b'"normal",100,5,,,8\n')


def make_import(athlete: AthleteProfile) -> Import:
    """A Hevy export of one workout, read (the parsing step run in place, as a worker
    would after the upload's commit)."""
    upload = services.import_create(actor=athlete.user, athlete=athlete, files=[
        SimpleUploadedFile("hevy.csv", IMPORT_CSV)])
    import_parse(import_id=upload.pk)
    upload.refresh_from_db()
    return upload
