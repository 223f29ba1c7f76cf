"""The logging screen's data: one block per exercise (targets, sets so far, the next set's
form prefilled), built from the scoped session, its plan and the library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from athletes.selectors import units_of_athlete
from core.plates import load_step
from core.units import load_to_display
from portal.forms.logs import SetForm
from scheduling.models import PlannedSession, Prescription
from scheduling.prescriptions import Loads, dose_text, loads_for, needs_e1rm
from scheduling.selectors import planned_sessions_for_user
from training.library import is_hold
from training.models import Exercise, StrengthSession, StrengthSet
from training.selectors import exercises_for_athlete, session_set_records


@dataclass
class Block:
    key: str  # the form prefix, unique on the page
    exercise: Exercise | None
    line: Prescription | None = None
    sets: list[StrengthSet] = field(default_factory=list)
    form: SetForm | None = None
    target_load_kg: Decimal | None = None
    target: str = ""  # the line as the week card reads it: "4 x 5 @ 80 % e1RM, 96 kg"
    no_e1rm: bool = False  # given as % of e1RM, and the athlete has no e1RM for the lift

    @property
    def is_hold(self) -> bool:
        """Logged in seconds: the plan gives a hold, or the exercise is one (a plank)."""
        if self.line is not None and self.line.hold_s is not None:
            return True
        return self.exercise is not None and is_hold(self.exercise.slug, self.exercise.name)

    @property
    def working_done(self) -> int:
        return sum(1 for s in self.sets if not s.is_warmup)


def _target_load(line: Prescription, loads: Loads) -> Decimal | None:
    """The line's load, or its % of the current e1RM on the athlete's plate grid."""
    if line.load_kg is not None:
        return line.load_kg
    return loads.kg(line)


def _initial(block: Block, units: str) -> dict[str, Any]:
    """The next set's form: the last working set again; after a warm-up, the target (or the
    last working set) rather than the warm-up's load."""
    slug = block.exercise.slug if block.exercise else ""
    working = [s for s in block.sets if not s.is_warmup]
    after_warmup = bool(block.sets) and block.sets[-1].is_warmup
    if block.sets and not (after_warmup and block.line is not None and not working):
        last = working[-1] if after_warmup and working else block.sets[-1]
        return SetForm.initial_from(exercise=slug, reps=last.reps, load_kg=last.load_kg,
                                    rir=last.rir, units=units, hold_s=last.hold_s)
    if block.line is not None:
        # A hold line has no reps: a hold is logged as one rep a set, with its seconds.
        return SetForm.initial_from(exercise=slug, reps=block.line.reps_min or 1,
                                    load_kg=block.target_load_kg, rir=block.line.rir,
                                    units=units, hold_s=block.line.hold_s)
    return {"exercise": slug, "reps": 5}


def planned_for(*, user: Any, session: StrengthSession) -> PlannedSession | None:
    """The plan this log fulfils, with its prescription (two queries)."""
    return planned_sessions_for_user(user=user).filter(logged_strength=session).first()


def build_blocks(*, user: Any, session: StrengthSession, bound: SetForm | None = None,
                 today: dt.date | None = None) -> dict[str, Any]:
    """Everything the logging screen shows. Queries: the plan and its lines (2), the library
    (1), the PRs of this session's sets (1), and recent sets for % e1RM targets (1, only when
    a line is given as % of e1RM)."""
    athlete = session.athlete
    units = units_of_athlete(athlete=athlete)  # sets are entered in theirs
    planned = planned_for(user=user, session=session)
    exercises = list(exercises_for_athlete(athlete=athlete).order_by("name"))
    by_id = {e.pk: e for e in exercises}
    sets = list(session.sets.all())
    lines = list(planned.prescription.all()) if planned is not None else []
    loads = loads_for(athlete, lines, on=session.date)
    blocks: list[Block] = []
    seen: set[int] = set()
    for i, line in enumerate(lines):
        target_load = _target_load(line, loads)
        block = Block(key=f"b{i}", exercise=line.exercise, line=line,
                      target_load_kg=target_load,
                      target=dose_text(line, units=units, loads=loads),
                      no_e1rm=needs_e1rm(line) and target_load is None)
        block.sets = [s for s in sets if s.exercise_id == line.exercise_id
                      and line.exercise_id not in seen]
        seen.add(line.exercise_id)
        blocks.append(block)
    extra = [s for s in sets if s.exercise_id not in seen]
    for s in extra:
        if s.exercise_id not in seen:
            seen.add(s.exercise_id)
            blocks.append(Block(key=f"b{len(blocks)}", exercise=by_id.get(s.exercise_id,
                                                                          s.exercise),
                                sets=[x for x in extra if x.exercise_id == s.exercise_id]))
    blocks.append(Block(key="new", exercise=None))
    for block in blocks:
        if bound is not None and bound.prefix == block.key:
            block.form = bound
        else:
            block.form = SetForm(prefix=block.key, initial=_initial(block, units),
                                 athlete=athlete, exercises=exercises)
    return {
        "session": session, "planned": planned, "blocks": blocks,
        "records": session_set_records(session=session),
        "step": load_step(units, athlete.plate_step_kg),
        "units": units, "athlete": athlete,
        "target_display": {b.key: load_to_display(b.target_load_kg, units) for b in blocks},
        "exercises": exercises,
    }
