"""Planned against done (docs/rules.md, "Compliance"): each past planned session is done,
partial, off or missed; each logged session that fulfils nothing is unplanned; a week's
compliance is its done planned sessions over its past planned sessions, key runs counted on
their own as well.

What a logged session fulfils is the caller's (``Session.fulfils``, resolved by the one
definition of docs/rules.md's *Fulfils*: ``training.load.fulfilments``); a draft (a logged
session that does not take part, see ``takes_part``) fulfils nothing and is not unplanned.

What is compared: a run's duration, else its distance (a plan giving only a distance, or a
log without a duration); a strength session's working sets against the sets its
prescription asks for. A plan that gives nothing to compare (no duration or distance, no
prescription), or a log that lacks the figure the plan gives, is done once it is fulfilled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from scheduling.engine.classify import run_flags
from scheduling.engine.types import Kind, Session, SessionRef, SourceType

# The bands, in per cent of the plan: done 80-120, partial 50-79 and 121-150, off outside.
DONE_LOW, DONE_HIGH = 80, 120
PARTIAL_LOW, PARTIAL_HIGH = 50, 150


class Status(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    OFF = "off"
    MISSED = "missed"
    UNPLANNED = "unplanned"


class Measure(StrEnum):
    DURATION = "duration"
    DISTANCE = "distance"
    SETS = "sets"


@dataclass(frozen=True, slots=True)
class SessionCompliance:
    """One session's verdict. ``percent``: logged over planned (to 0.1), when measured;
    ``key``: a planned key run; ``other``: the session on the other side (the log that
    fulfils a plan, or the plan a log fulfils)."""

    ref: SessionRef
    date: dt.date
    status: Status
    key: bool = False
    measure: Measure | None = None
    planned: float | None = None
    logged: float | None = None
    percent: float | None = None
    other: SessionRef | None = None


@dataclass(frozen=True, slots=True)
class WeekCompliance:
    """An ISO week's figures: past planned sessions and how many were done, all and key."""

    monday: dt.date
    planned: int
    done: int
    key_planned: int
    key_done: int

    @property
    def ratio(self) -> float | None:
        """Done over past planned, to 0.01 (None: nothing planned in the past)."""
        return round(self.done / self.planned, 2) if self.planned else None

    @property
    def key_ratio(self) -> float | None:
        return round(self.key_done / self.key_planned, 2) if self.key_planned else None


def band(planned: float, logged: float) -> Status:
    """Done, partial or off for ``logged`` against ``planned`` (> 0), compared exactly (no
    rounding moves a session across a band's edge)."""
    scaled = logged * 100
    if planned * DONE_LOW <= scaled <= planned * DONE_HIGH:
        return Status.DONE
    if planned * PARTIAL_LOW <= scaled <= planned * PARTIAL_HIGH:
        return Status.PARTIAL
    return Status.OFF


def takes_part(session: Session) -> bool:
    """docs/rules.md, "Logged": a logged strength session with a working set, a logged run
    with a duration or a distance (anything else is a draft); a planned session always."""
    if not session.is_logged:
        return True
    if session.kind is Kind.STRENGTH:
        return any(not s.is_warmup for s in session.sets)
    return session.duration_min is not None or session.distance_m is not None


def is_key(plan: Session) -> bool:
    """A planned key run (docs/rules.md, "Key run")."""
    return plan.kind is Kind.RUN and run_flags(plan, plan.rpe)[0]


def measured(plan: Session, log: Session) -> tuple[Measure, float, float] | None:
    """What is compared for this plan and the log that fulfils it, planned and logged."""
    if plan.kind is Kind.STRENGTH:
        wanted = sum(line.sets for line in plan.prescription)
        if wanted <= 0:
            return None
        return Measure.SETS, float(wanted), float(sum(not s.is_warmup for s in log.sets))
    if plan.duration_min and log.duration_min is not None:
        return Measure.DURATION, float(plan.duration_min), float(log.duration_min)
    if plan.distance_m and log.distance_m is not None:
        return Measure.DISTANCE, float(plan.distance_m), float(log.distance_m)
    return None


def judge(plan: Session, log: Session | None, *, today: dt.date) -> SessionCompliance | None:
    """A planned session's verdict; None while it is not past (today or later)."""
    if plan.date >= today:
        return None
    key = is_key(plan)
    if log is None:
        return SessionCompliance(plan.ref, plan.date, Status.MISSED, key)
    found = measured(plan, log)
    if found is None:
        return SessionCompliance(plan.ref, plan.date, Status.DONE, key, other=log.ref)
    measure, wanted, got = found
    return SessionCompliance(plan.ref, plan.date, band(wanted, got), key, measure, wanted,
                             got, round(got * 100 / wanted, 1), log.ref)


def compliance(sessions: Iterable[Session], *, today: dt.date
               ) -> dict[SessionRef, SessionCompliance]:
    """The verdict of every past planned session and of every logged session that fulfils
    nothing (unplanned); a log that fulfils a plan shares its plan's verdict (as ``other``
    names the plan). Plans of today or later, not yet judged, and drafts have none."""
    every = list(sessions)
    fulfilled: dict[int, Session] = {}
    for s in every:
        if s.is_logged and s.fulfils is not None and takes_part(s):
            fulfilled.setdefault(s.fulfils.id, s)
    plans = {s.ref.id: s for s in every if not s.is_logged}
    out: dict[SessionRef, SessionCompliance] = {}
    for plan in plans.values():
        log = fulfilled.get(plan.ref.id)
        verdict = judge(plan, log, today=today)
        if verdict is not None:
            out[plan.ref] = verdict
            if log is not None:
                out[log.ref] = SessionCompliance(
                    log.ref, log.date, verdict.status, verdict.key, verdict.measure,
                    verdict.planned, verdict.logged, verdict.percent, plan.ref)
    for s in every:
        if s.is_logged and takes_part(s) and (s.fulfils is None
                                              or s.fulfils.type is not SourceType.PLANNED):
            out[s.ref] = SessionCompliance(s.ref, s.date, Status.UNPLANNED)
    return out


def week_compliance(verdicts: Mapping[SessionRef, SessionCompliance] | Sequence[
        SessionCompliance], monday: dt.date) -> WeekCompliance:
    """The figures of the ISO week of ``monday`` from the verdicts (of any dates)."""
    values = verdicts.values() if isinstance(verdicts, Mapping) else verdicts
    sunday = monday + dt.timedelta(days=6)
    planned = done = key_planned = key_done = 0
    for v in values:
        if v.ref.type is not SourceType.PLANNED or not monday <= v.date <= sunday:
            continue
        ok = v.status is Status.DONE
        planned += 1
        done += ok
        if v.key:
            key_planned += 1
            key_done += ok
    return WeekCompliance(monday, planned, done, key_planned, key_done)
