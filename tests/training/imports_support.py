"""Shared by the import parser tests: the fixture files and one-file reading."""

from __future__ import annotations

import io
from pathlib import Path

from training.imports import FileOutcome, parse_upload

FILES = Path(__file__).parent / "fixtures" / "files"


def outcomes(name: str, data: bytes | None = None, **options: object) -> list[FileOutcome]:
    """Every outcome of an upload: a fixture by its name, or the given bytes."""
    payload = (FILES / name).read_bytes() if data is None else data
    return list(parse_upload(Path(name).name, io.BytesIO(payload), **options))  # type: ignore[arg-type]


def outcome(name: str, data: bytes | None = None, **options: object) -> FileOutcome:
    [only] = outcomes(name, data, **options)
    return only
