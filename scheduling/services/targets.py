"""Apply the progression's proposal to the plan: the next planned session's line of a lift
takes the engine's next target (RULES.md, "Progression")."""

from __future__ import annotations

from django.db import transaction

from athletes.models import AthleteProfile
from core.errors import DomainError
from scheduling import engine
from scheduling.models import PlannedSession, Prescription
from scheduling.selectors.targets import targets_against_plan
from scheduling.services.plans import PrescriptionInput, planned_session_update


def _as_input(line: Prescription, target: engine.Target | None) -> PrescriptionInput:
    """The line as it is, or with the target's sets, reps, RIR and load (a target without a
    load keeps the line's own)."""
    load, pct = line.load_kg, line.pct_e1rm
    if target is not None and target.load_kg is not None:
        load, pct = target.load_kg, None
    if target is None:
        return PrescriptionInput(line.exercise.slug, sets=line.sets, reps_min=line.reps_min,
                                 reps_max=line.reps_max, load_kg=load, pct_e1rm=pct,
                                 rir=line.rir, ground_contacts=line.ground_contacts,
                                 hold_s=line.hold_s)
    return PrescriptionInput(line.exercise.slug, sets=target.sets, reps_min=target.reps_min,
                             reps_max=target.reps_max, load_kg=load, pct_e1rm=pct,
                             rir=target.rir, ground_contacts=line.ground_contacts)


@transaction.atomic
def prescription_target_apply(*, athlete: AthleteProfile, exercise: str,
                              line_id: int | None = None) -> PlannedSession:
    """Give ``exercise``'s line in the next planned session the progression's proposal.
    Both are read again now, not taken from the page: no proposal, no planned line, or
    another line than ``line_id`` (the one the page showed) is refused. The session's version
    is bumped and the athlete re-checked, as for any change of a plan."""
    pair = next((p for p in targets_against_plan(athlete=athlete)
                 if p.target.exercise == exercise), None)
    if pair is None:
        raise DomainError("There is no proposal for this lift now: it follows from the "
                          "last 8 weeks of logs.", field="exercise")
    if pair.line is None:
        raise DomainError("No planned session of this lift is coming up: plan one first.",
                          field="exercise")
    if line_id is not None and pair.line.pk != line_id:
        raise DomainError("The plan changed since the page was shown: look at it again.",
                          field="line")
    session = pair.line.session
    if not pair.differs:
        return session
    lines = list(session.prescription.select_related("exercise"))
    return planned_session_update(session=session, prescription=[
        _as_input(line, pair.target if line.pk == pair.line.pk else None) for line in lines])
