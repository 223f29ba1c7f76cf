"""Apex Zone coach engine: pure Python, standard library only (see docs/rules.md).

Frozen dataclasses in (``types``), findings, proposals and targets out. No Django, no clock
reads: ``today`` is always an argument. The one module it imports from outside is
``core.lifting`` (Epley and the current e1RM, shared with ``training``), itself standard
library only.
"""

from scheduling.engine.apply import Change, change_of, misfit
from scheduling.engine.check import check
from scheduling.engine.classify import classify_session
from scheduling.engine.fixes import Suggestion, suggest
from scheduling.engine.phases import default_phases, phase_on
from scheduling.engine.placer import propose
from scheduling.engine.progression import next_targets
from scheduling.engine.scope import Scope
from scheduling.engine.types import (
    AthleteContext,
    AvailabilitySlot,
    Category,
    CheckIn,
    ExerciseInfo,
    Finding,
    Fix,
    FixKind,
    Intensity,
    Kind,
    Level,
    LoggedSet,
    Pattern,
    Phase,
    PhaseBlock,
    PrescriptionLine,
    Proposal,
    Race,
    Rule,
    RunType,
    Session,
    SessionRef,
    Severity,
    Slot,
    SourceType,
    SuggestedMove,
    Target,
    Units,
)

__all__ = [
    "AthleteContext",
    "AvailabilitySlot",
    "Category",
    "Change",
    "CheckIn",
    "ExerciseInfo",
    "Finding",
    "Fix",
    "FixKind",
    "Intensity",
    "Kind",
    "Level",
    "LoggedSet",
    "Pattern",
    "Phase",
    "PhaseBlock",
    "PrescriptionLine",
    "Proposal",
    "Race",
    "Rule",
    "RunType",
    "Scope",
    "Session",
    "SessionRef",
    "Severity",
    "Slot",
    "SourceType",
    "SuggestedMove",
    "Suggestion",
    "Target",
    "Units",
    "change_of",
    "check",
    "classify_session",
    "default_phases",
    "misfit",
    "next_targets",
    "phase_on",
    "propose",
    "suggest",
]
