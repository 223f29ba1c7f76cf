"""The engine's vocabulary: frozen, typed values in; findings, placements and targets out.

Standard library only. Everything here is data; the rules live in sibling modules.
Dates are the athlete's local calendar dates; times are local wall-clock times; the
athlete's IANA zone (``AthleteContext.timezone``) turns them into real elapsed hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Phase(StrEnum):
    BASE = "base"
    RACE_SPECIFIC = "race_specific"
    TAPER = "taper"
    RECOVERY = "recovery"
    OFFSEASON = "offseason"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Units(StrEnum):
    METRIC = "metric"
    IMPERIAL = "imperial"


class Kind(StrEnum):
    RUN = "run"
    STRENGTH = "strength"


class RunType(StrEnum):
    EASY = "easy"
    RECOVERY = "recovery"
    LONG = "long"
    TEMPO = "tempo"
    INTERVALS = "intervals"
    HILLS = "hills"
    RACE = "race"


class Intensity(StrEnum):
    """Lower-body load class of a strength session (docs/rules.md, "Heavy lower session")."""

    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"


class SourceType(StrEnum):
    """Where a session comes from; the API shows it as ``{"type": ..., "id": ...}``."""

    PLANNED = "planned"
    STRENGTH = "strength"  # a logged strength session
    RUN = "run"  # a logged run


class Pattern(StrEnum):
    SQUAT = "squat"
    HINGE = "hinge"
    SINGLE_LEG = "single_leg"
    CALF = "calf"
    GLUTE = "glute"
    CORE = "core"
    UPPER = "upper"
    PLYO = "plyo"


class Category(StrEnum):
    MAIN = "main"
    ACCESSORY = "accessory"
    PLYOMETRIC = "plyometric"


@dataclass(frozen=True, slots=True, order=True)
class SessionRef:
    type: SourceType
    id: int


@dataclass(frozen=True, slots=True)
class ExerciseInfo:
    slug: str
    name: str
    pattern: Pattern
    category: Category
    lower_body: bool
    unilateral: bool = False
    # Equipment it needs: any one of these items will do ("barbell", "trap_bar",
    # "dumbbells", "kettlebell", "backpack", "band", "box"). Empty: bodyweight. An athlete
    # whose equipment includes "gym" has everything.
    equipment: frozenset[str] = frozenset()


class LoggedSet(NamedTuple):
    """One logged set. A named tuple, not a dataclass: thousands are built per chunk of the
    nightly pass, and a tuple is built four times faster than a frozen dataclass."""

    exercise: str  # slug
    order: int
    reps: int
    load_kg: float = 0.0
    rir: int | None = None
    is_warmup: bool = False
    ground_contacts: int | None = None
    hold_s: int | None = None


class PrescriptionLine(NamedTuple):
    """One line of a planned session's prescription (a named tuple, as ``LoggedSet``)."""

    exercise: str  # slug
    order: int
    sets: int
    reps_min: int
    reps_max: int
    load_kg: float | None = None
    pct_e1rm: float | None = None  # 0-100
    rir: int | None = None
    ground_contacts: int | None = None  # per set
    hold_s: int | None = None  # a hold (a plank): seconds per set, not reps


@dataclass(frozen=True, slots=True)
class Session:
    """One run or strength session, planned or logged, on the athlete's local calendar.

    A logged session (ref.type STRENGTH or RUN) carries ``sets`` (strength) and may name
    the planned session it fulfils in ``fulfils``; a planned one (ref.type PLANNED) carries
    ``prescription`` and/or an explicit ``intensity``.
    """

    ref: SessionRef
    kind: Kind
    date: dt.date
    start_time: dt.time | None = None
    order: int = 0
    # Minutes, exact: a logged run's seconds / 60 (89 min 45 s is 89.75, not a 90-minute
    # long run); planned sessions and strength logs are whole minutes.
    duration_min: float | None = None
    run_type: RunType | None = None
    distance_m: int | None = None
    rpe: int | None = None  # planned RPE for a planned session, session RPE once logged
    intensity: Intensity | None = None  # a coach's explicit intensity (planned strength)
    sets: tuple[LoggedSet, ...] = ()
    prescription: tuple[PrescriptionLine, ...] = ()
    fulfils: SessionRef | None = None
    title: str = ""

    @property
    def is_logged(self) -> bool:
        return self.ref.type is not SourceType.PLANNED


@dataclass(frozen=True, slots=True)
class PhaseBlock:
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    phase: Phase


@dataclass(frozen=True, slots=True)
class Race:
    date: dt.date
    name: str = ""
    distance_m: int | None = None
    start_time: dt.time | None = None  # docs/rules.md: a race with no time starts at 08:00


@dataclass(frozen=True, slots=True)
class AvailabilitySlot:
    weekday: int  # 0 = Monday
    earliest: dt.time
    latest: dt.time  # latest start time


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A daily check-in (docs/rules.md, "Readiness"): each item 1-5 where 5 is best (soreness 5 =
    fresh legs, 1 = very sore)."""

    date: dt.date
    sleep: int
    energy: int
    soreness: int
    stress: int
    mood: int

    @property
    def total(self) -> int:
        return self.sleep + self.energy + self.soreness + self.stress + self.mood

    @property
    def readiness(self) -> float:
        """The mean of the five items."""
        return self.total / 5


@dataclass(frozen=True, slots=True)
class AthleteContext:
    athlete_id: int
    timezone: str  # IANA name
    level: Level = Level.INTERMEDIATE
    units: Units = Units.METRIC
    goal_race: Race | None = None
    # Explicit phase blocks; dates they do not cover fall back to the goal race defaults.
    phases: tuple[PhaseBlock, ...] = ()
    # "gym" means everything; otherwise the home items the athlete has.
    equipment: frozenset[str] = frozenset({"gym"})
    availability: tuple[AvailabilitySlot, ...] = ()  # none: every day 06:00-21:00
    plate_step_kg: float = 2.5
    e1rm: Mapping[str, float] = field(default_factory=dict)  # current e1RM per exercise slug
    exercises: Mapping[str, ExerciseInfo] = field(default_factory=dict)
    # Today's check-in (only today's drives a rule), and the mean readiness of the check-ins
    # of the 28 days before today with how many there were (docs/rules.md, "Readiness").
    check_in: CheckIn | None = None
    readiness_mean: float | None = None
    readiness_count: int = 0


@dataclass(frozen=True, slots=True)
class SuggestedMove:
    """The one-click fix behind a suggestion: move ``session`` to ``date`` (and time)."""

    session: SessionRef
    date: dt.date
    start_time: dt.time | None = None


class FixKind(StrEnum):
    """What a one-click fix does (docs/rules.md, "Suggestions")."""

    MOVE = "move"
    LIGHTEN = "lighten"
    DROP = "drop"


@dataclass(frozen=True, slots=True)
class Fix:
    """One one-click fix of a finding: move ``session`` to ``date`` (and time), make it the
    lighter version it describes, or drop it. ``id`` is stable for the same fix of the same
    plan (``move:planned:12@2026-12-08T13:30``); ``text`` says what it does and ``leaves``
    what the week has after it, both in words."""

    id: str
    kind: FixKind
    session: SessionRef
    text: str
    leaves: str
    date: dt.date | None = None  # move: the target date
    start_time: dt.time | None = None  # move: the target time
    intensity: Intensity | None = None  # lighten: the class the session becomes
    # lighten: the prescription it becomes (strength), or the run type (a key run made easy)
    prescription: tuple[PrescriptionLine, ...] = ()
    run_type: RunType | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # a code from docs/rules.md
    severity: Severity
    sessions: tuple[SessionRef, ...]  # sorted
    dates: tuple[dt.date, ...]  # sorted, distinct
    title: str
    explanation: str
    suggestion: str
    # Stable identity within one athlete: rule + sessions, plus the ISO week for weekly
    # rules (a week with no strength session at all still needs its own identity).
    key: str
    move: SuggestedMove | None = None
    fixes: tuple[Fix, ...] = ()  # the one-click fixes, the move (if any) first
    signature: str = ""  # what it is made of, hashed (``check``'s ``known``)
    # Found again as the caller holds it (``known``): not put into words, no move; the
    # caller's words and move stand.
    kept: bool = False


@dataclass(frozen=True, slots=True)
class Slot:
    date: dt.date
    start_time: dt.time
    score: float  # higher is better
    reasons: tuple[str, ...]
    # The rules a placement here would still break (a warning or a note it leaves), as
    # codes: for the API and the links to the rules' page; the reasons say it in words.
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True, slots=True)
class Proposal:
    """Where one strength session could go, best slot first; empty slots: ``unplaced``."""

    session: SessionRef | None  # None: a new session the phase wants but the plan lacks
    intensity: Intensity
    slots: tuple[Slot, ...]
    unplaced_reason: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    exercise: str  # slug to do next time (a home variant when there is no barbell)
    sets: int
    reps_min: int
    reps_max: int
    load_kg: float | None
    rir: int
    reason: str
    based_on: str = ""  # slug of the lift whose history drove it
    tempo: str = ""  # e.g. "3-1-1" (seconds down, pause, up) for a tempo progression


class Rule(StrEnum):
    """The rule codes of docs/rules.md: a public contract (API, webhooks, exports); never rename."""

    HEAVY_BEFORE_KEY_RUN = "HEAVY_BEFORE_KEY_RUN"
    HEAVY_SAME_DAY_BEFORE_RUN = "HEAVY_SAME_DAY_BEFORE_RUN"
    SAME_DAY_TOO_CLOSE = "SAME_DAY_TOO_CLOSE"
    HEAVY_AFTER_LONG_RUN = "HEAVY_AFTER_LONG_RUN"
    STRENGTH_ON_EASY_DAY = "STRENGTH_ON_EASY_DAY"
    HEAVY_SESSIONS_TOO_CLOSE = "HEAVY_SESSIONS_TOO_CLOSE"
    WEEKLY_FREQUENCY_LOW = "WEEKLY_FREQUENCY_LOW"
    WEEKLY_FREQUENCY_HIGH = "WEEKLY_FREQUENCY_HIGH"
    TAPER_HEAVY = "TAPER_HEAVY"
    RACE_WEEK_TOO_CLOSE = "RACE_WEEK_TOO_CLOSE"
    MAINTENANCE_TOO_MUCH = "MAINTENANCE_TOO_MUCH"
    MAINTENANCE_TOO_LIGHT = "MAINTENANCE_TOO_LIGHT"
    MAIN_LIFT_REPS = "MAIN_LIFT_REPS"
    ACCESSORY_REPS = "ACCESSORY_REPS"
    TOO_MANY_SETS = "TOO_MANY_SETS"
    TO_FAILURE = "TO_FAILURE"
    STALLED_PROGRESSION = "STALLED_PROGRESSION"
    PLYO_BEFORE_BASE = "PLYO_BEFORE_BASE"
    PLYO_VOLUME = "PLYO_VOLUME"
    PLYO_NOT_FIRST = "PLYO_NOT_FIRST"
    PLYO_TOO_CLOSE = "PLYO_TOO_CLOSE"
    SESSIONS_OVERLAP = "SESSIONS_OVERLAP"
    NO_E1RM_FOR_PERCENT = "NO_E1RM_FOR_PERCENT"
    SORE_LEGS_BEFORE_HEAVY = "SORE_LEGS_BEFORE_HEAVY"
    LOW_READINESS = "LOW_READINESS"
    MISSED_SESSION = "MISSED_SESSION"
