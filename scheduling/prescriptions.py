"""How a prescription line reads to a person, the same on the week card, the log screen and
the calendar feed: "4 x 4-6 @ 100 kg", "3 x 45 s" (a hold: seconds, never reps), and a line
given as % of e1RM with its kilograms beside it when the athlete has an e1RM for the lift:
"4 x 5 @ 80 % e1RM, 96 kg", on the athlete's plate step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from athletes.models import AthleteProfile
from core.lifting import current_e1rm_from
from core.plates import tidy
from core.units import load_to_display, load_unit
from scheduling import engine
from scheduling.engine.progression import round_to_step
from training.metrics import current_e1rm
from training.selectors import set_facts_for_athlete


@dataclass(frozen=True)
class Loads:
    """What turns a % of e1RM into a load: the athlete's current e1RM per lift on a date,
    the plate step and the units."""

    e1rm: Mapping[str, float]
    plate_step_kg: float
    units: str

    def kg(self, line: Any) -> Decimal | None:
        """The line's % of the current e1RM on the plate grid (the grid the engine's next
        targets use: 285 lb for a pound lifter, not 286.6); None without a % or an e1RM."""
        best = self.e1rm.get(line.exercise.slug)
        if line.pct_e1rm is None or not best:
            return None
        kg = round_to_step(best * float(line.pct_e1rm) / 100, self.plate_step_kg,
                           engine.Units(self.units))
        return Decimal(str(kg)).quantize(Decimal("0.01"))


def needs_e1rm(line: Any) -> bool:
    """A line given as % of e1RM and not also as a load."""
    return line.pct_e1rm is not None and not line.load_kg


def loads_for(athlete: AthleteProfile, lines: Iterable[Any], *, on: dt.date) -> Loads:
    """The athlete's loads on ``on``: one read of the last six weeks' sets, and only when one
    of ``lines`` is given as % of e1RM."""
    e1rm: dict[str, float] = {}
    if any(needs_e1rm(line) for line in lines):
        sets = set_facts_for_athlete(athlete=athlete, since=current_e1rm_from(on))
        e1rm = current_e1rm(sets, today=on)
    return Loads(e1rm, float(athlete.plate_step_kg), athlete.units)


def dose_text(line: Any, *, units: str, plain: bool = False, loads: Loads | None = None) -> str:
    """Sets x reps (or the hold's seconds) and the load of a ``Prescription``: ``plain`` in
    ASCII for the calendar feed ("4 x 4-6 @ 100 kg"), else with the times sign and an en
    dash for the portal. With ``loads``, a % of e1RM gets its kilograms beside it, or says
    that there is no e1RM yet to take it from."""
    times, dash = (" x ", "-") if plain else (" \u00d7 ", "\u2013")
    if line.hold_s is not None:
        text = f"{line.sets}{times}{line.hold_s} s"
    elif line.reps_min == line.reps_max:
        text = f"{line.sets}{times}{line.reps_min}"
    else:
        text = f"{line.sets}{times}{line.reps_min}{dash}{line.reps_max}"
    if line.load_kg is not None and line.load_kg > 0:
        text += f" @ {_load(line.load_kg, units)}"
    elif line.pct_e1rm:
        text += f" @ {tidy(Decimal(str(line.pct_e1rm)))} % e1RM"
        if loads is not None:
            kg = loads.kg(line)
            text += f", {_load(kg, units)}" if kg is not None else " (no e1RM yet)"
    return text


def _load(kg: Decimal, units: str) -> str:
    return f"{load_to_display(kg, units)} {load_unit(units)}"
