"""Portal forms of a new account: sign-up (allauth's, with a name, and the invited address
fixed) and the first-run step (time zone, units, level, equipment; the days come from
``portal.forms.settings.AvailabilityFormSet``)."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from athletes.models import EquipmentMode, HomeItem, Level, Units
from portal.forms.zones import ZoneField


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the person's name. ``invited_email``: the address an invitation
    was sent to, filled in and fixed (a disabled field: whatever is posted in its place is
    ignored, the invitation's address is used)."""

    name = forms.CharField(label="Your name", max_length=150,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))

    def __init__(self, *args: Any, invited_email: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invited_email = invited_email
        if invited_email:
            field = self.fields["email"]
            field.initial = invited_email
            field.disabled = True
            field.help_text = "Your invitation was sent to this address."
        self.order_fields(["name", "email", "password1", "password2"])

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Tell us your name.", code="required")
        return name


class FirstRunForm(forms.Form):
    """What the engine needs before a first plan. The zone: the browser's when empty."""

    timezone = ZoneField(browser=True)
    units = forms.ChoiceField(choices=Units.choices, initial=Units.METRIC,
                              widget=forms.RadioSelect, label="Units")
    level = forms.ChoiceField(choices=Level.choices, initial=Level.INTERMEDIATE,
                              widget=forms.RadioSelect, label="Your lifting level")
    equipment = forms.ChoiceField(choices=EquipmentMode.choices, initial=EquipmentMode.GYM,
                                  widget=forms.RadioSelect, label="Where you lift")
    home_items = forms.MultipleChoiceField(
        choices=HomeItem.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="Home equipment", help_text="Only used when you lift at home.")
