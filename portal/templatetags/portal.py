"""Presentation filters for the portal: units and durations. No domain logic here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template

from core import units as convert
from scheduling.engine.rulebook import entry_for
from scheduling.prescriptions import Loads, dose_text

register = template.Library()

# Glyphs every system font has (no colour emoji needed): the word is always shown beside it.
SEVERITY_ICONS = {"error": "\u2716", "warning": "\u26a0", "info": "\u2139"}


@register.filter
def load(value: Decimal | float | None, units: str) -> str:
    """``{{ set.load_kg|load:athlete.units }}`` -> "102.5 kg" or "225 lb"."""
    shown = convert.load_to_display(value, units)
    if shown is None:
        return ""
    return f"{shown} {convert.load_unit(units)}"


@register.simple_tag
def dose(line: Any, units: str, loads: Loads | None = None) -> str:
    """``{% dose line units week.loads %}`` -> "4 \u00d7 4\u20136 @ 100 kg", "3 \u00d7 45 s" (a
    hold) or "4 \u00d7 5 @ 80 % e1RM, 96 kg" (with the athlete's loads)."""
    return dose_text(line, units=units, loads=loads)


@register.filter
def estimate(value: Decimal | float | None, units: str) -> str:
    """``{{ row.e1rm|estimate:units }}`` -> "105.8 kg": an e1RM, to 0.1."""
    shown = convert.estimate_to_display(value, units)
    return "" if shown is None else f"{shown} {convert.load_unit(units)}"


@register.filter
def distance(metres: int | None, units: str) -> str:
    shown = convert.distance_to_display(metres, units)
    if shown is None:
        return ""
    return f"{shown} {convert.distance_unit(units)}"


@register.filter
def load_unit(units: str) -> str:
    return convert.load_unit(units)


@register.filter
def distance_unit(units: str) -> str:
    return convert.distance_unit(units)


@register.filter
def hms(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def hms_long(seconds: int | None) -> str:
    """Always hours, minutes and seconds: 2700 -> "0:45:00" (a run's time in a list)."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@register.filter
def pace(run: Any, units: str) -> str:
    """``{{ run|pace:units }}`` -> "5:12 min/km" or "8:22 min/mi", as a runner reads a pace
    (empty without distance and time)."""
    if not run.distance_m or not run.duration_s:
        return ""
    per_unit = float(convert.M_PER_MILE) if units == convert.IMPERIAL else 1000.0
    seconds = round(run.duration_s / (run.distance_m / per_unit))
    return f"{hms(seconds)} min/{convert.distance_unit(units)}"


@register.filter
def field_error_count(form: Any) -> int:
    """How many fields of a bound form have errors (its non-field errors aside)."""
    return sum(1 for name in form.errors if name != "__all__")


@register.filter
def severity_icon(severity: str) -> str:
    return SEVERITY_ICONS.get(severity, "")


@register.filter
def rule_name(code: str) -> str:
    """``{{ finding.rule|rule_name }}``: the rulebook's name for a code, what a coach reads
    (a code the rulebook does not know is shown as it is)."""
    entry = entry_for(code)
    return entry.name if entry is not None else code


_LIGHTER = {"moderate": "Make it moderate", "light": "Make it light",
            "easy": "Make it an easy run", "fewer-jumps": "Cut the jumps",
            "no-jumps": "Take the jumps out"}


@register.filter
def fix_label(fix: dict, rule: str) -> str:
    """``{{ fix|fix_label:finding.rule }}``: a fix's button, in a few words (``Move to Tue 8
    Dec 13:30``, ``Make it moderate``, ``Drop it``; a missed session's move: ``Make it up``)."""
    kind = fix.get("kind")
    if kind == "move":
        if rule == "MISSED_SESSION":
            return "Make it up"
        day = dt.date.fromisoformat(fix["date"])
        at = f" {fix['start_time']}" if fix.get("start_time") else ""
        return f"Move to {day:%a} {day.day} {day:%b}{at}"
    if kind == "lighten":
        return _LIGHTER.get(str(fix.get("id", "")).rsplit(":", 1)[-1], "Make it lighter")
    return "Drop it"


@register.filter
def get_item(mapping: dict | None, key: object) -> object:
    """``{{ records|get_item:set.pk }}``: a dict lookup by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


PR_LABELS = {"e1rm": "best e1RM", "load": "heaviest", "reps": "most reps at this load"}


@register.filter
def pr_label(kind: str) -> str:
    return PR_LABELS.get(kind, kind)


# Planned against done: a word for each verdict (never colour alone) and a mark beside it.
COMPLIANCE_WORDS = {"done": "Done", "partial": "Partial", "off": "Off plan",
                    "missed": "Missed", "unplanned": "Unplanned"}
COMPLIANCE_MARKS = {"done": "✓", "partial": "◐", "off": "≠", "missed": "✗",
                    "unplanned": "+"}


@register.filter
def compliance_word(status: str) -> str:
    return COMPLIANCE_WORDS.get(str(status), str(status))


@register.filter
def compliance_mark(status: str) -> str:
    return COMPLIANCE_MARKS.get(str(status), "")


@register.filter
def percent(ratio: float | None) -> str:
    """0.75 -> 75 %; None -> an en dash."""
    return "\u2013" if ratio is None else f"{round(ratio * 100)} %"
