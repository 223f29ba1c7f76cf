"""Files from watches and apps turned into normalized records: Garmin FIT, GPX, TCX,
Strava's bulk export, Strong and Hevy CSV. Plain Python and the parsing libraries only (no
Django, no database): the import pipeline builds on ``parse_upload``'s outcomes."""

from training.imports.archive import DEFAULT_LIMITS, Limits
from training.imports.files import parse_bytes
from training.imports.parse import parse_upload
from training.imports.records import (
    FileOutcome,
    Outcome,
    ParsedLap,
    ParsedRun,
    ParsedSet,
    ParsedStrengthSession,
    SetKind,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FileOutcome",
    "Limits",
    "Outcome",
    "ParsedLap",
    "ParsedRun",
    "ParsedSet",
    "ParsedStrengthSession",
    "SetKind",
    "parse_bytes",
    "parse_upload",
]
