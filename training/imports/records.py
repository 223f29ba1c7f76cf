"""What a parsed file gives: runs, strength sessions and their sets, and one outcome per file.

Frozen dataclasses in SI units, no Django: the import pipeline maps them to models. A file is
all or nothing: its outcome is ``ready`` with every record, or ``skipped``/``failed`` with a
reason (and the line or record number at fault) and no record at all.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from core.plates import KG_PER_LB

CENTS = Decimal("0.01")


class Outcome(StrEnum):
    READY = "ready"
    SKIPPED = "skipped"
    FAILED = "failed"


class SetKind(StrEnum):
    """The apps' set types: Strong's W/F/D and Hevy's warmup/normal/failure/dropset."""

    NORMAL = "normal"
    WARMUP = "warmup"
    FAILURE = "failure"
    DROP = "drop"


class FileProblem(Exception):
    """Why a whole file is not imported; ``line`` is the line or record number at fault."""

    outcome = Outcome.FAILED

    def __init__(self, reason: str, *, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


class FileFailed(FileProblem):
    """The file is broken or is not what it claims to be: the athlete has to look at it."""


class FileSkipped(FileProblem):
    """A sound file that holds nothing we import (a ride, a route, a settings file)."""

    outcome = Outcome.SKIPPED


def _check_start(start: dt.datetime, local: bool) -> None:
    """Watches record UTC; Strong and Hevy record the athlete's wall clock, with no zone."""
    if local and start.tzinfo is not None:
        raise ValueError("a local wall-clock start has no time zone")
    if not local and start.utcoffset() != dt.timedelta(0):
        raise ValueError("a recorded start is an aware UTC datetime")


@dataclass(frozen=True)
class ParsedLap:
    start: dt.datetime
    elapsed_s: int
    moving_s: int | None = None
    distance_m: int | None = None
    avg_hr: int | None = None


@dataclass(frozen=True)
class ParsedRun:
    """One run. ``moving_s`` is the watch's timer time (pauses excluded); ``sport`` is the
    source's own word (FIT ``running/trail``, Strava ``Trail Run``)."""

    source: str
    external_key: str
    start: dt.datetime
    elapsed_s: int
    moving_s: int | None = None
    distance_m: int | None = None
    avg_hr: int | None = None
    laps: tuple[ParsedLap, ...] = ()
    name: str = ""
    sport: str = "running"
    perceived_exertion: int | None = None
    start_is_local: bool = False

    def __post_init__(self) -> None:
        _check_start(self.start, self.start_is_local)


@dataclass(frozen=True)
class ParsedSet:
    """One set as the app wrote it: the exercise name untouched (the pipeline maps it to the
    library), ``order`` from 1 within its session, loads in kg to 0.01."""

    exercise: str
    order: int
    reps: int | None = None
    load_kg: Decimal | None = None
    kind: SetKind = SetKind.NORMAL
    rpe: Decimal | None = None
    hold_s: int | None = None
    distance_m: int | None = None
    notes: str = ""

    @property
    def is_warmup(self) -> bool:
        return self.kind is SetKind.WARMUP

    @property
    def rir(self) -> int | None:
        """Reps in reserve when the file says so: 0 for a set to failure, 10 - RPE for a
        whole RPE; a half RPE (8.5) gives no whole number, so none."""
        if self.kind is SetKind.FAILURE:
            return 0
        if self.rpe is not None and self.rpe == self.rpe.to_integral() and 0 <= self.rpe <= 10:
            return int(10 - self.rpe)
        return None


@dataclass(frozen=True)
class ParsedStrengthSession:
    source: str
    external_key: str
    start: dt.datetime
    title: str
    sets: tuple[ParsedSet, ...]
    duration_s: int | None = None
    notes: str = ""
    start_is_local: bool = False

    def __post_init__(self) -> None:
        _check_start(self.start, self.start_is_local)


Record = ParsedRun | ParsedStrengthSession


@dataclass(frozen=True)
class FileOutcome:
    """One file's verdict. ``assumed_units`` is set when the file does not say its load unit
    (a Strong export without a unit column): the loads were read in those units, which the
    preview asks the athlete to confirm (parse again with the other units to change them)."""

    name: str
    outcome: Outcome
    reason: str = ""
    line: int | None = None
    format: str = ""
    records: tuple[Record, ...] = field(default=())
    assumed_units: str | None = None

    @property
    def runs(self) -> int:
        return sum(isinstance(r, ParsedRun) for r in self.records)

    @property
    def strength_sessions(self) -> int:
        return sum(isinstance(r, ParsedStrengthSession) for r in self.records)

    @property
    def sets(self) -> int:
        return sum(len(r.sets) for r in self.records if isinstance(r, ParsedStrengthSession))

    @classmethod
    def problem(cls, name: str, problem: FileProblem, *, format: str = "") -> FileOutcome:
        return cls(name, problem.outcome, problem.reason, problem.line, format)


def kg_from_pounds(pounds: Decimal) -> Decimal:
    """Exact by definition (1 lb = 0.45359237 kg), then to the 0.01 kg the models keep."""
    return (pounds * KG_PER_LB).quantize(CENTS, rounding=ROUND_HALF_UP)


def kg(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def whole(value: float | Decimal) -> int:
    """Seconds and metres to the nearest whole one, halves up (``round`` would go to even)."""
    return math.floor(float(value) + 0.5)
