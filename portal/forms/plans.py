"""Portal forms for plans: a planned session with its prescription lines, a move, a placement.

Forms check shape and convert the athlete's units to SI; the services apply the rules.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from athletes.models import AthleteProfile
from core.dates import validate_date_in_range
from core.units import (
    distance_from_display,
    distance_to_display,
    distance_unit,
    load_from_display,
    load_to_display,
    load_unit,
)
from portal.forms.logs import RIR_CHOICES, RPE_CHOICES, DateInput, TimeInput
from scheduling.models import Intensity, Kind, PlannedSession
from scheduling.services import PrescriptionInput
from training.models import Exercise, RunType


class PlannedSessionForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices)
    title = forms.CharField(max_length=120, required=False)
    date = forms.DateField(validators=[validate_date_in_range], widget=DateInput)
    start_time = forms.TimeField(required=False, widget=TimeInput, label="Start time")
    run_type = forms.ChoiceField(choices=[("", "-"), *RunType.choices], required=False,
                                 label="Run type")
    intensity = forms.ChoiceField(choices=[("", "From the prescription"), *Intensity.choices],
                                  required=False,
                                  label="Strength intensity")
    duration_min = forms.IntegerField(required=False, min_value=0, max_value=1440,
                                      label="Duration (min)")
    distance = forms.DecimalField(required=False, min_value=0, max_value=500, decimal_places=2,
                                  widget=forms.NumberInput(attrs={"step": "any",
                                                                  "inputmode": "decimal"}))
    planned_rpe = forms.TypedChoiceField(choices=RPE_CHOICES, required=False, coerce=int,
                                         empty_value=None, label="Planned RPE")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, athlete: AthleteProfile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        self.fields["distance"].label = f"Distance ({distance_unit(athlete.units)})"

    def clean(self) -> dict[str, Any]:
        """What the service would refuse about the fields themselves, said with the other
        field errors at once rather than on the next submit."""
        data = super().clean()
        if data.get("kind") == Kind.RUN and not data.get("run_type"):
            self.add_error("run_type", "A run needs a run type.")
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        run = data["kind"] == Kind.RUN
        return {
            "kind": data["kind"], "title": data.get("title", ""), "date": data["date"],
            "start_time": data.get("start_time"),
            "run_type": data.get("run_type", "") if run else "",
            "intensity": "" if run else data.get("intensity", ""),
            "duration_min": data.get("duration_min"),
            "distance_m": distance_from_display(data.get("distance"), self.athlete.units)
            if run else None,
            "planned_rpe": data.get("planned_rpe"), "notes": data.get("notes", ""),
        }

    @staticmethod
    def initial_from(session: PlannedSession, units: str) -> dict[str, Any]:
        return {
            "kind": session.kind, "title": session.title, "date": session.date,
            "start_time": session.start_time, "run_type": session.run_type,
            "intensity": session.intensity, "duration_min": session.duration_min,
            "distance": distance_to_display(session.distance_m, units),
            "planned_rpe": session.planned_rpe, "notes": session.notes,
        }


class PrescriptionForm(forms.Form):
    """One line: exercise, sets x reps (a range) or a hold's seconds, load or % of e1RM,
    target RIR."""

    # A text box over the library's names (<datalist id="exercise-library">): typing part of a
    # name lists the matches. Takes the name, or the slug an API-minded client sends.
    exercise = forms.CharField(required=False, max_length=120, widget=forms.TextInput(attrs={
        "list": "exercise-library", "autocomplete": "off", "placeholder": "Search the library"}))
    sets = forms.IntegerField(min_value=1, max_value=20, required=False)
    reps_min = forms.IntegerField(min_value=1, max_value=100, required=False, label="Reps")
    reps_max = forms.IntegerField(min_value=1, max_value=100, required=False, label="to")
    hold_s = forms.IntegerField(min_value=1, max_value=3600, required=False, label="Hold (s)",
                                help_text="A plank or another hold: seconds a set, no reps.")
    load = forms.DecimalField(min_value=0, max_value=2500, decimal_places=2, required=False,
                              widget=forms.NumberInput(attrs={"step": "any",
                                                              "inputmode": "decimal"}))
    pct_e1rm = forms.DecimalField(min_value=Decimal("0.01"), max_value=110, decimal_places=2,
                                  required=False, label="% e1RM",
                                  widget=forms.NumberInput(attrs={"step": "any"}))
    rir = forms.TypedChoiceField(choices=RIR_CHOICES, required=False, coerce=int,
                                 empty_value=None, label="Target RIR")

    def __init__(self, *args: Any, exercises: list[Exercise], units: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.slugs = {e.slug for e in exercises}
        self.by_name = {e.name.casefold(): e.slug for e in reversed(exercises)}
        self.fields["load"].label = f"Load ({load_unit(units)})"

    def clean_exercise(self) -> str:
        value = " ".join(self.cleaned_data.get("exercise", "").split())
        if not value or value in self.slugs:
            return value
        slug = self.by_name.get(value.casefold())
        if slug is None:
            raise forms.ValidationError(
                f"No exercise called \u201c{value}\u201d in the library: pick one from the list.")
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.has_changed() and not data.get("exercise") and "exercise" not in self.errors:
            self.add_error("exercise", "Choose an exercise for this line.")
        if data.get("hold_s") is not None:
            for name in ("reps_min", "reps_max"):
                if data.get(name) is not None:
                    self.add_error(name, "A hold is given in seconds: leave the reps empty.")
        elif data.get("exercise") and not data.get("reps_min"):
            self.add_error("reps_min", "How many reps? (A hold: its seconds instead.)")
        if data.get("load") is not None and data.get("pct_e1rm") is not None:
            self.add_error("pct_e1rm", "Give a load or a % of e1RM, not both.")
        return data

    def as_input(self) -> PrescriptionInput | None:
        data = self.cleaned_data
        if not data.get("exercise"):
            return None
        return PrescriptionInput(
            exercise=data["exercise"], sets=data.get("sets") or 3,
            reps_min=data.get("reps_min"), reps_max=data.get("reps_max"), hold_s=data.get("hold_s"),
            load_kg=load_from_display(data.get("load"), self.units),
            pct_e1rm=data.get("pct_e1rm"), rir=data.get("rir"),
        )

    @staticmethod
    def initial_from(line: Any, units: str) -> dict[str, Any]:
        return {"exercise": line.exercise.name, "sets": line.sets, "reps_min": line.reps_min,
                "reps_max": line.reps_max, "load": load_to_display(line.load_kg, units),
                "pct_e1rm": line.pct_e1rm, "rir": line.rir, "hold_s": line.hold_s}


class BasePrescriptionFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, exercises: list[Exercise], units: str,
                 **kwargs: Any) -> None:
        self.exercises = exercises
        self.units = units
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"exercises": self.exercises, "units": self.units}

    def lines(self) -> list[PrescriptionInput]:
        return [line for f in self.forms if f.has_changed() and (line := f.as_input())]


PrescriptionFormSet = forms.formset_factory(
    PrescriptionForm, formset=BasePrescriptionFormSet, extra=2, max_num=12
)


class MoveForm(forms.Form):
    date = forms.DateField(validators=[validate_date_in_range], widget=DateInput, label="Move to")
    start_time = forms.TimeField(required=False, widget=TimeInput, label="at")


class ProposalApplyForm(forms.Form):
    session_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    week = forms.DateField(validators=[validate_date_in_range], widget=forms.HiddenInput)
    date = forms.DateField(validators=[validate_date_in_range], widget=forms.HiddenInput)
    start_time = forms.TimeField(widget=forms.HiddenInput)
