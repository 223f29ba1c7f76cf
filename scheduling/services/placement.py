"""The placer wired to the data: proposals for a week, and applying one of them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from athletes.models import AthleteProfile, User
from core.errors import DomainError, NotFound
from core.scoping import scoped_get
from scheduling import engine
from scheduling.models import Kind, PlannedSession
from scheduling.services.plans import (
    PrescriptionInput,
    planned_session_create,
    planned_session_move,
)
from scheduling.services.windows import Window, load_windows

# How a session the plan lacks is filled: sets per main lift and target RIR, by intensity.
NEW_SESSION_DOSE = {
    engine.Intensity.HEAVY: (3, 2),
    engine.Intensity.MODERATE: (2, 2),
    engine.Intensity.LIGHT: (2, 3),
}


def _window_for_week(athlete: AthleteProfile, week_monday: dt.date) -> Window:
    monday = week_monday - dt.timedelta(days=week_monday.weekday())
    (window,) = load_windows([athlete.pk], now=timezone.now(),
                             also=(monday, monday + dt.timedelta(days=6)))
    return window


def placement_proposals(
    *, athlete: AthleteProfile, week_monday: dt.date
) -> tuple[engine.Proposal, ...]:
    """Where each strength session of the ISO week could go, best slot first."""
    window = _window_for_week(athlete, week_monday)
    return engine.propose(window.context, window.sessions, week_monday=week_monday,
                          today=window.today, now=window.now)


def _new_prescription(window: Window, intensity: engine.Intensity) -> list[PrescriptionInput]:
    """Fill a new session from the progression's next targets, one lift per pattern."""
    sets, rir = NEW_SESSION_DOSE[intensity]
    lines, patterns = [], set()
    targets = engine.next_targets(window.context, window.sessions, today=window.today)
    for target in targets:
        info = window.context.exercises.get(target.exercise)
        if info is None or info.pattern in patterns:
            continue
        patterns.add(info.pattern)
        lines.append(PrescriptionInput(
            target.exercise, sets=min(sets, target.sets), reps_min=target.reps_min,
            reps_max=target.reps_max, load_kg=target.load_kg, rir=max(rir, target.rir),
        ))
    return lines[:3]


@transaction.atomic
def placement_apply(
    *, actor: User, athlete: AthleteProfile, week_monday: dt.date, session_id: int | None,
    date: dt.date, start_time: dt.time,
) -> PlannedSession:
    """Apply one of the placer's slots: move the planned session there, or create the one the
    week lacks. Only a slot the placer offers now is accepted, so nothing placed makes an
    error."""
    window = _window_for_week(athlete, week_monday)
    proposals = engine.propose(window.context, window.sessions, week_monday=week_monday,
                               today=window.today, now=window.now)
    mine = [p for p in proposals
            if (p.session.id if p.session is not None else None) == session_id]
    if not mine:
        raise NotFound("No proposal for that session this week.", field="session")
    chosen = next((p for p in mine
                   if any(s.date == date and s.start_time == start_time for s in p.slots)), None)
    if chosen is None:
        raise DomainError("The placer does not offer that slot for this session.", field="date")
    if session_id is not None:
        strength = PlannedSession.objects.filter(athlete=athlete, kind=Kind.STRENGTH)
        session = scoped_get(strength, session_id, what="Planned session", field="session")
        return planned_session_move(session=session, date=date, start_time=start_time,
                                    actor=actor)
    return planned_session_create(
        actor=actor, athlete=athlete, kind=Kind.STRENGTH, date=date, start_time=start_time,
        intensity=chosen.intensity.value, duration_min=60,
        title=f"{chosen.intensity.value.title()} strength",
        prescription=_new_prescription(window, chosen.intensity),
    )
