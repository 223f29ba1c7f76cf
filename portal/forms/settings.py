"""Portal forms for people: settings, weekly availability, inviting an athlete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from athletes.models import (
    AthleteProfile,
    EquipmentMode,
    HomeItem,
    Level,
    Roster,
    Units,
)
from core.plates import (
    STEP_RANGE,
    is_quarter_pounds,
    kg_from_display,
    step_carried,
    step_to_display,
    tidy,
)
from core.units import load_unit
from portal.forms.zones import ZoneField

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


def _decimal(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


class CoachDigestForm(forms.Form):
    """A coach's own email setting: the nightly digest of their rosters' new findings."""

    roster_digest_opt_out = forms.BooleanField(
        required=False, label="Don't email me the nightly roster digest",
        help_text="The new errors and warnings the nightly check finds in your athletes' plans.")


class ViewerUnitsForm(forms.Form):
    """The units a coach reads their athletes' loads and distances in."""

    units = forms.ChoiceField(
        choices=Units.choices, label="Show loads and distances in",
        help_text="On every athlete's pages, whatever units the athlete lifts and runs in.")


class SettingsForm(forms.Form):
    timezone = ZoneField()
    units = forms.ChoiceField(choices=Units.choices)
    level = forms.ChoiceField(choices=Level.choices)
    equipment = forms.ChoiceField(choices=EquipmentMode.choices, widget=forms.RadioSelect,
                                  label="Where you lift")
    home_items = forms.MultipleChoiceField(
        choices=HomeItem.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="Home equipment", help_text="Only used when you lift at home.")
    digest_opt_out = forms.BooleanField(required=False,
                                        label="Don't email me the nightly digest")

    # The step as the page showed it, and its units (hidden fields: the page may be older
    # than the profile, when a coach has switched the athlete's units meanwhile). Read in
    # __init__, where a value that is no unit or no number falls back to the profile's:
    # nobody can fix a hidden field.
    shown_units = forms.CharField(widget=forms.HiddenInput, required=False)
    shown_step = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, profile: AthleteProfile | None = None,
                 **kwargs: Any) -> None:
        """``profile``: the athlete whose settings these are (None: a user without one)."""
        super().__init__(*args, **kwargs)
        profile = profile or AthleteProfile()
        self.fields["timezone"].keep = profile.timezone
        posted = self.data.get("shown_units") if self.is_bound else None
        self.shown = posted if posted in Units.values else profile.units
        self.shown_step = _decimal(self.data.get("shown_step") if self.is_bound else None)
        if self.shown_step is None or posted not in Units.values:
            self.shown_step = step_to_display(profile.plate_step_kg, self.shown)
        self.fields["plate_step"] = forms.DecimalField(  # its range: ``clean``, by units
            min_value=STEP_RANGE[Units.METRIC][0], max_value=STEP_RANGE[Units.IMPERIAL][1],
            decimal_places=2,
            label=f"Smallest load step ({load_unit(self.shown)})",
            help_text="The least you can add to a bar: 2.5 kg with 1.25 kg plates, 5 lb with "
                      "2.5 lb plates. Switch units alone and it moves to the nearest usual "
                      "step; type one along with the switch and it is in the new units.")
        self.order_fields(["timezone", "units", "level", "plate_step"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data.pop("shown_units", None)
        data.pop("shown_step", None)
        step = data.pop("plate_step", None)
        units = data.get("units") or self.shown
        if step is None:
            return data
        if units != self.shown and step == self.shown_step:  # the units alone changed
            data["plate_step_kg"] = step_carried(kg_from_display(step, self.shown), units)
            return data
        if units == Units.IMPERIAL and not is_quarter_pounds(step):
            self.add_error("plate_step", "A pound step is in quarter pounds: 2.5, 5 or 1.25.")
            return data
        low, high = STEP_RANGE[Units(units)]
        if not low <= step <= high:
            self.add_error("plate_step", f"A step in {load_unit(units)} is {tidy(low)} to "
                                         f"{tidy(high)}.")
            return data
        data["plate_step_kg"] = kg_from_display(step, units)
        return data

    @staticmethod
    def initial_from(profile: AthleteProfile) -> dict[str, Any]:
        initial = {name: getattr(profile, name) for name in (
            "timezone", "units", "level", "equipment", "home_items", "digest_opt_out")}
        initial["plate_step"] = step_to_display(profile.plate_step_kg, profile.units)
        initial["shown_units"] = profile.units
        initial["shown_step"] = initial["plate_step"]
        return initial


class AvailabilityForm(forms.Form):
    available = forms.BooleanField(required=False)
    earliest = forms.TimeField(required=False, widget=TimeInput, label="From")
    latest = forms.TimeField(required=False, widget=TimeInput, label="Latest start")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("available"):
            data["earliest"] = data.get("earliest") or dt.time(6, 0)
            data["latest"] = data.get("latest") or dt.time(21, 0)
            if data["earliest"] > data["latest"]:
                self.add_error("latest", "The latest start is before the earliest.")
        return data


# Seven rows, one a weekday; an unticked row is a day off (so no min validation).
AvailabilityFormSet = forms.formset_factory(AvailabilityForm, extra=0, min_num=7, max_num=7,
                                            validate_max=True)


def availability_initial(rows: list[Any]) -> list[dict[str, Any]]:
    """Seven rows, Monday first. No rows at all means every day 06:00-21:00 (RULES.md)."""
    by_day = {row.weekday: row for row in rows}
    out = []
    for day in range(7):
        row = by_day.get(day)
        out.append({"available": row is not None or not rows,
                    "earliest": row.earliest if row else dt.time(6, 0),
                    "latest": row.latest if row else dt.time(21, 0)})
    return out


def availability_days(formset: forms.BaseFormSet) -> list[tuple[int, dt.time, dt.time]]:
    return [(i, f.cleaned_data["earliest"], f.cleaned_data["latest"])
            for i, f in enumerate(formset.forms) if f.cleaned_data.get("available")]


class InviteForm(forms.Form):
    """``rosters`` is the coach's rosters, already read (one query for choices and lookup)."""

    email = forms.EmailField(label="Athlete's email")
    roster = forms.TypedChoiceField(coerce=int)

    def __init__(self, *args: Any, rosters: list[Roster], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rosters = {r.pk: r for r in rosters}
        self.fields["roster"].choices = [(r.pk, r.name) for r in rosters]
        if rosters:
            self.fields["roster"].initial = rosters[0].pk

    def clean_roster(self) -> Roster:
        return self.rosters[self.cleaned_data["roster"]]
