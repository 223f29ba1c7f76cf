"""One file (not an archive) to its outcome: what it is is read from its content, then its
parser turns it into records, all of them or none."""

from __future__ import annotations

from core.plates import IMPERIAL, METRIC
from training.imports.archive import DEFAULT_LIMITS, Limits, gunzip
from training.imports.detect import Format, detect
from training.imports.fit import parse_fit
from training.imports.gpx import parse_gpx
from training.imports.hevy import parse_hevy
from training.imports.records import FileOutcome, FileProblem, FileSkipped, Outcome
from training.imports.sheets import read_table
from training.imports.strava_csv import runs_from_index
from training.imports.strong import parse_strong
from training.imports.tcx import parse_tcx

HEAD = 4096


def parse_bytes(name: str, data: bytes, *, units: str = METRIC,
                limits: Limits = DEFAULT_LIMITS) -> FileOutcome:
    """The outcome of one file. ``units`` (METRIC or IMPERIAL) are the athlete's, read into
    a Strong export that does not say its unit."""
    found = ""
    try:
        found = detect(name, data[:HEAD])
        if found is Format.GZIP:
            data = gunzip(data, limits)
            found = detect(name.removesuffix(".gz").removesuffix(".GZ"), data[:HEAD])
            if found in (Format.GZIP, Format.ZIP):
                raise FileSkipped("an archive inside a gzip file is not opened")
        if found is Format.ZIP:
            raise FileSkipped("an archive inside the archive is not opened")
        return _parse(name, found, data, units)
    except FileProblem as problem:
        return FileOutcome.problem(name, problem, format=str(found))


def _parse(name: str, found: Format, data: bytes, units: str) -> FileOutcome:
    assumed = None
    if found is Format.FIT:
        records = parse_fit(data)
    elif found is Format.GPX:
        records = parse_gpx(data)
    elif found is Format.TCX:
        records = parse_tcx(data)
    elif found is Format.STRAVA_CSV:
        records = runs_from_index(read_table(data))
    elif found is Format.HEVY:
        records = parse_hevy(read_table(data))
    else:
        records, guessed = parse_strong(read_table(data), units)
        assumed = units if guessed else None
    if not records:
        raise FileSkipped("the file holds no workout")
    return FileOutcome(name, Outcome.READY, _note(assumed), format=str(found),
                       records=tuple(records), assumed_units=assumed)


def _note(assumed: str | None) -> str:
    if assumed is None:
        return ""
    unit = "lb and miles" if assumed == IMPERIAL else "kg and km"
    return f"the file does not say its units: loads and distances read in {unit}"

