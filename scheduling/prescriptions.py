"""How a prescription line reads to a person, the same on the week card, the log screen and
the calendar feed: "4 x 4-6 @ 100 kg", "3 x 45 s" (a hold: seconds, never reps)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.plates import tidy
from core.units import load_to_display, load_unit


def dose_text(line: Any, *, units: str, plain: bool = False) -> str:
    """Sets x reps (or the hold's seconds) and the load of a ``Prescription``: ``plain`` in
    ASCII for the calendar feed ("4 x 4-6 @ 100 kg"), else with the times sign and an en
    dash for the portal."""
    times, dash = (" x ", "-") if plain else (" \u00d7 ", "\u2013")
    if line.hold_s is not None:
        text = f"{line.sets}{times}{line.hold_s} s"
    elif line.reps_min == line.reps_max:
        text = f"{line.sets}{times}{line.reps_min}"
    else:
        text = f"{line.sets}{times}{line.reps_min}{dash}{line.reps_max}"
    if line.load_kg is not None and line.load_kg > 0:
        text += f" @ {load_to_display(line.load_kg, units)} {load_unit(units)}"
    elif line.pct_e1rm:
        text += f" @ {tidy(Decimal(str(line.pct_e1rm)))} % e1RM"
    return text
