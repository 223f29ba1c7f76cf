"""Portal forms for races and phase dates: shape and units here, the rules in the services."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms

from athletes.models import AthleteProfile
from core.dates import validate_date_in_range
from core.plates import IMPERIAL, tidy
from core.units import M_PER_MILE, distance_from_display, distance_unit
from portal.forms.logs import DateInput, TimeInput
from scheduling.models import PhaseBlock, Priority, Race


class RaceForm(forms.Form):
    name = forms.CharField(max_length=120)
    date = forms.DateField(validators=[validate_date_in_range], widget=DateInput)
    start_time = forms.TimeField(required=False, widget=TimeInput, label="Start time")
    distance = forms.DecimalField(min_value=0, max_value=500, decimal_places=3,
                                  widget=forms.NumberInput(attrs={"step": "any",
                                                                  "inputmode": "decimal"}))
    priority = forms.ChoiceField(
        choices=Priority.choices, initial=Priority.A,
        help_text="A: the goal race, which lays the phases of its build. B and C: races on "
                  "the way, no phases of their own.")

    def __init__(self, *args: Any, athlete: AthleteProfile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        self.fields["distance"].label = f"Distance ({distance_unit(athlete.units)})"

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"name": data["name"].strip(), "date": data["date"],
                "start_time": data.get("start_time"), "priority": data["priority"],
                "distance_m": distance_from_display(data["distance"], self.athlete.units)}

    @staticmethod
    def initial_from(race: Race, units: str) -> dict[str, Any]:
        return {"name": race.name, "date": race.date, "start_time": race.start_time,
                "distance": _race_distance(race.distance_m, units),
                "priority": race.priority}


def _race_distance(metres: int, units: str) -> Decimal:
    """A race's distance to the metre (21.097 km), where a plan's shows to 10 m: a race
    saved again from its form keeps its distance."""
    per = M_PER_MILE if units == IMPERIAL else Decimal(1000)
    return tidy((Decimal(metres) / per).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


class PhaseDatesForm(forms.Form):
    """One phase's dates, on the phases table (the field names carry the block's id, so
    every row's inputs have their own ids)."""

    start = forms.DateField(validators=[validate_date_in_range], widget=DateInput)
    end = forms.DateField(validators=[validate_date_in_range], widget=DateInput)

    def __init__(self, *args: Any, block: PhaseBlock, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"start": block.start, "end": block.end})
        super().__init__(*args, prefix=f"phase{block.pk}", **kwargs)
        self.block = block
        name = block.get_phase_display()
        self.fields["start"].label = f"{name} starts"
        self.fields["end"].label = f"{name} ends"
