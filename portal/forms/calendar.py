"""The calendar's form: copy a week onto another."""

from __future__ import annotations

from django import forms

from core.dates import validate_date_in_range


class CopyWeekForm(forms.Form):
    source = forms.DateField(validators=[validate_date_in_range], widget=forms.HiddenInput)
    target = forms.DateField(validators=[validate_date_in_range], label="Copy this week to")
