"""The daily check-in on a phone: five items, each a row of five words to tap, then the
optional morning figures in the athlete's units. Services apply the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from athletes.models import AthleteProfile
from core.dates import validate_date_in_range
from core.units import load_from_display, load_to_display, load_unit
from portal.forms.logs import DateInput
from training.models import CHECK_IN_ITEMS, HRV_RANGE, RESTING_HR_RANGE, CheckIn

# Each item's words, 1 to 5: 5 is always the best (for soreness: fresh legs).
WORDS = {
    "sleep": ("Sleep", ("very poor", "poor", "okay", "good", "great")),
    "energy": ("Energy", ("drained", "tired", "okay", "good", "full")),
    "soreness": ("Leg soreness", ("very sore", "sore", "a bit sore", "barely", "fresh")),
    "stress": ("Stress", ("very high", "high", "some", "low", "relaxed")),
    "mood": ("Mood", ("very low", "low", "okay", "good", "great")),
}


def _scale(item: str) -> forms.TypedChoiceField:
    label, words = WORDS[item]
    return forms.TypedChoiceField(
        label=label, choices=[(n, word) for n, word in enumerate(words, start=1)], coerce=int,
        widget=forms.RadioSelect, error_messages={"required": "Tap one."})


class CheckInForm(forms.Form):
    date = forms.DateField(validators=[validate_date_in_range], widget=DateInput, label="Day")
    sleep = _scale("sleep")
    energy = _scale("energy")
    soreness = _scale("soreness")
    stress = _scale("stress")
    mood = _scale("mood")
    resting_hr = forms.IntegerField(
        required=False, min_value=RESTING_HR_RANGE[0], max_value=RESTING_HR_RANGE[1],
        label="Resting heart rate (bpm)", widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    hrv_ms = forms.IntegerField(
        required=False, min_value=HRV_RANGE[0], max_value=HRV_RANGE[1], label="HRV, rMSSD (ms)",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    body_weight = forms.DecimalField(
        required=False, min_value=0, max_value=1000, decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}))

    def __init__(self, *args: Any, athlete: AthleteProfile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        self.fields["body_weight"].label = f"Body weight ({load_unit(athlete.units)})"

    def scales(self) -> list[forms.BoundField]:
        return [self[item] for item in CHECK_IN_ITEMS]

    def figures(self) -> list[forms.BoundField]:
        return [self["resting_hr"], self["hrv_ms"], self["body_weight"]]

    def service_fields(self) -> dict[str, Any]:
        """What ``check_in_save`` takes: a figure left blank is cleared, weight in kg."""
        data = self.cleaned_data
        weight: Decimal | None = data.get("body_weight")
        return {
            "date": data["date"], **{item: data[item] for item in CHECK_IN_ITEMS},
            "resting_hr": data.get("resting_hr"), "hrv_ms": data.get("hrv_ms"),
            "body_weight_kg": load_from_display(weight, self.athlete.units),
        }

    @staticmethod
    def initial_from(check_in: CheckIn, units: str) -> dict[str, Any]:
        return {
            "date": check_in.date, **{item: getattr(check_in, item) for item in CHECK_IN_ITEMS},
            "resting_hr": check_in.resting_hr, "hrv_ms": check_in.hrv_ms,
            "body_weight": load_to_display(check_in.body_weight_kg, units),
        }
