"""The time-zone picker: a text input that searches a list of the canonical IANA zones (a
``datalist``: the browser filters it as one types, with or without JavaScript). An alias
typed or reported by the browser (``US/Pacific``, ``Asia/Calcutta``) is taken as its
canonical zone; what is no zone a person lives in is refused."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from core.zones import canonical_zones, zone_canonical

LIST_ID = "zone-list"


class ZoneInput(forms.TextInput):
    """The input and its list. ``browser``: empty, it takes the browser's zone (zone-picker.js,
    static: the pages' CSP has no inline script)."""

    def __init__(self, *, browser: bool = False) -> None:
        attrs = {"list": LIST_ID, "autocomplete": "off", "spellcheck": "false",
                 "placeholder": "Type a city: Denver, Berlin, Sydney"}
        if browser:
            attrs["data-browser-zone"] = ""
        super().__init__(attrs)

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        options = format_html_join(
            "", '<option value="{}">{}</option>',
            ((zone, zone.replace("_", " ")) for zone in canonical_zones()))
        return format_html('{}<datalist id="{}">{}</datalist>',
                           super().render(name, value, attrs, renderer), LIST_ID, options)


class ZoneField(forms.CharField):
    """A canonical zone (an alias becomes its zone). ``keep``: the value the profile holds,
    accepted as it is even if no canonical name (set through the API: ``Etc/GMT+5``), so
    saving other settings never fails on it."""

    def __init__(self, *, browser: bool = False, keep: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("help_text", "Where you train: your plan's days and times are in it.")
        super().__init__(max_length=64, widget=ZoneInput(browser=browser), **kwargs)
        self.keep = keep

    def clean(self, value: Any) -> str:
        name = super().clean(value)
        if not name or (self.keep and name == self.keep):
            return name
        zone = zone_canonical(name) or zone_canonical(name.replace(" ", "_"))
        if zone is None:
            raise forms.ValidationError(
                "Pick a time zone from the list: a region and a city, such as Europe/Berlin.",
                code="invalid_zone")
        return zone
