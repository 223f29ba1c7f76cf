"""Portal forms for logging: a strength session's details, one set, a run.

Forms check shape and convert the athlete's units to SI; services apply the rules.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms

from athletes.models import AthleteProfile
from core.dates import validate_date_in_range
from core.plates import load_step
from core.units import (
    distance_from_display,
    distance_to_display,
    distance_unit,
    load_from_display,
    load_to_display,
    load_unit,
)
from training.library import is_hold
from training.models import Exercise, Run, RunType

RIR_CHOICES = [("", "-"), *[(str(i), str(i)) for i in range(0, 6)]]
RPE_CHOICES = [("", "-"), *[(str(i), str(i)) for i in range(1, 11)]]


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class StrengthSessionForm(forms.Form):
    """When and how it went: the session's own fields (the sets are logged one by one)."""

    title = forms.CharField(max_length=120, required=False)
    date = forms.DateField(validators=[validate_date_in_range], widget=DateInput)
    start_time = forms.TimeField(required=False, widget=TimeInput, label="Start time")
    duration_min = forms.IntegerField(required=False, min_value=0, max_value=600,
                                      label="Duration (min)")
    rpe = forms.TypedChoiceField(choices=RPE_CHOICES, required=False, coerce=int,
                                 empty_value=None, label="Session RPE (1-10)")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SetForm(forms.Form):
    """One set, entered in the athlete's units; ``cleaned_data["load_kg"]`` is in kg."""

    exercise = forms.ChoiceField(error_messages={"required": "Choose an exercise."})
    reps = forms.IntegerField(min_value=1, max_value=100,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    load = forms.DecimalField(min_value=0, max_value=2500, decimal_places=2, required=False,
                              widget=forms.NumberInput(attrs={"inputmode": "decimal",
                                                              "step": "any"}))
    rir = forms.TypedChoiceField(choices=RIR_CHOICES, required=False, coerce=int,
                                 empty_value=None, label="RIR")
    is_warmup = forms.BooleanField(required=False, label="Warm-up")
    # A hold (a plank) is logged in seconds, one "rep" a set (docs/rules.md, "Holds").
    hold_s = forms.IntegerField(min_value=1, max_value=3600, required=False, label="Seconds",
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args: Any, athlete: AthleteProfile, exercises: list[Exercise],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        # An empty first choice: the alphabet's first movement (A-skips) is nobody's default.
        self.fields["exercise"].choices = [("", "Choose an exercise")] + [
            (e.slug, e.name) for e in exercises]
        self.holds = {e.slug for e in exercises if is_hold(e.slug, e.name)}
        self.fields["load"].label = f"Load ({load_unit(athlete.units)})"
        self.step = load_step(athlete.units, athlete.plate_step_kg)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["load_kg"] = load_from_display(data.get("load") or Decimal(0), self.athlete.units)
        if data.get("exercise") in self.holds and data.get("hold_s") is None:
            self.add_error("hold_s", "How many seconds? A hold is logged in seconds.")
        return data

    @staticmethod
    def initial_from(*, exercise: str, reps: int | None, load_kg: Decimal | float | None,
                     rir: int | None, units: str, hold_s: int | None = None) -> dict[str, Any]:
        return {"exercise": exercise, "reps": reps, "rir": rir, "hold_s": hold_s,
                "load": load_to_display(load_kg, units) if load_kg is not None else None}


DURATION = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{2})$|^(\d{1,3})$")


class RunForm(forms.Form):
    """A run in the athlete's units; duration as minutes, mm:ss or h:mm:ss."""

    run_type = forms.ChoiceField(choices=RunType.choices, label="Type")
    date = forms.DateField(validators=[validate_date_in_range], widget=DateInput)
    start_time = forms.TimeField(required=False, widget=TimeInput, label="Start time")
    distance = forms.DecimalField(min_value=0, max_value=500, decimal_places=2, required=False,
                                  widget=forms.NumberInput(attrs={"inputmode": "decimal",
                                                                  "step": "any"}))
    # A text keyboard, not inputmode=numeric: a phone's number pad has no colon to type
    # 1:05:30 with. The pattern tells the browser the shape; the server says what is wrong.
    duration = forms.CharField(
        required=False, max_length=10, help_text="h:mm:ss or mm:ss (1:05:30, 45:30), or minutes",
        widget=forms.TextInput(attrs={
            "inputmode": "text", "placeholder": "45:00", "autocomplete": "off",
            "pattern": r"(\d{1,2}:)?\d{1,3}(:[0-5]\d)?", "spellcheck": "false"}))
    rpe = forms.TypedChoiceField(choices=RPE_CHOICES, required=False, coerce=int,
                                 empty_value=None, label="RPE (1-10)")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, athlete: AthleteProfile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        self.fields["distance"].label = f"Distance ({distance_unit(athlete.units)})"

    def clean_duration(self) -> int | None:
        raw = (self.cleaned_data.get("duration") or "").strip()
        if not raw:
            return None
        match = DURATION.match(raw)
        if match is None:
            raise forms.ValidationError(
                f"“{raw}” is not a duration: enter h:mm:ss (1:05:30), mm:ss (45:30) or "
                "minutes (45).")
        hours, minutes, seconds, only_minutes = match.groups()
        if only_minutes is not None:
            return int(only_minutes) * 60
        if int(seconds) >= 60:
            raise forms.ValidationError("Seconds are 0 to 59.")
        return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "run_type": data["run_type"], "date": data["date"],
            "start_time": data.get("start_time"),
            "distance_m": distance_from_display(data.get("distance"), self.athlete.units),
            "duration_s": data.get("duration"), "rpe": data.get("rpe"),
            "notes": data.get("notes", ""),
        }

    @staticmethod
    def initial_from_run(run: Run, units: str) -> dict[str, Any]:
        duration = ""
        if run.duration_s:
            hours, rest = divmod(run.duration_s, 3600)
            minutes, seconds = divmod(rest, 60)
            duration = (f"{hours}:{minutes:02d}:{seconds:02d}" if hours
                        else f"{minutes}:{seconds:02d}")
        return {"run_type": run.run_type, "date": run.date, "start_time": run.start_time,
                "distance": distance_to_display(run.distance_m, units), "duration": duration,
                "rpe": run.rpe, "notes": run.notes}
