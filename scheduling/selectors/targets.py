"""The progression's next targets against the plan: for each main lift the engine proposes
a target for, the next planned session's line of that lift, and whether the two differ
(RULES.md, "Progression"). The progress page shows both and offers to apply the proposal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from athletes.models import AthleteProfile
from scheduling import engine
from scheduling.models import Kind, Prescription
from scheduling.selectors import athlete_today, next_targets_for_athlete


@dataclass(frozen=True)
class TargetAgainstPlan:
    target: engine.Target
    line: Prescription | None  # the next planned session's line of the target's lift
    differs: bool  # the line prescribes other than the proposal (never without a line)


def _kg(value: Decimal | float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def line_differs(line: Prescription, target: engine.Target) -> bool:
    """Whether ``line`` prescribes other than ``target``: sets, reps, RIR, or a load (a line
    given as % of e1RM is the coach's relative load: only its sets, reps and RIR count; a
    target without a load, a rep or tempo progression, leaves the load as it is)."""
    if (line.sets, line.reps_min, line.reps_max, line.rir) != (
            target.sets, target.reps_min, target.reps_max, target.rir):
        return True
    if target.load_kg is None or line.pct_e1rm is not None:
        return False
    return _kg(line.load_kg) != _kg(target.load_kg)


def next_planned_lines(*, athlete: AthleteProfile, slugs: list[str], today: dt.date
                       ) -> dict[str, Prescription]:
    """Per exercise slug, its line in the first planned strength session from ``today`` on
    that nothing has been logged against yet (one query)."""
    if not slugs:
        return {}
    rows = (Prescription.objects
            .filter(session__athlete=athlete, session__kind=Kind.STRENGTH,
                    session__date__gte=today, session__logged_strength__isnull=True,
                    exercise__slug__in=slugs, hold_s__isnull=True)
            .select_related("session", "exercise")
            .order_by("session__date", "session__start_time", "session__order", "session_id",
                      "order", "id"))
    found: dict[str, Prescription] = {}
    for line in rows:
        found.setdefault(line.exercise.slug, line)
    return found


def targets_against_plan(*, athlete: AthleteProfile) -> list[TargetAgainstPlan]:
    """Each of the progression's next targets with the next planned line of its lift."""
    targets = next_targets_for_athlete(athlete=athlete)
    lines = next_planned_lines(athlete=athlete, slugs=sorted({t.exercise for t in targets}),
                               today=athlete_today(athlete=athlete))
    return [TargetAgainstPlan(t, lines.get(t.exercise),
                              t.exercise in lines and line_differs(lines[t.exercise], t))
            for t in targets]
