"""The field types of the API's contract, and fast renderers for the hot lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.dates import MAX_DATE, MIN_DATE, RANGE_MESSAGE

MAX_INT = 2_000_000_000


class Text(serializers.CharField):
    """A string that the database can store: no NUL (DRF's default), no lone surrogates."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("invalid")
        return value


# The years of core.dates (MIN_DATE to MAX_DATE), for the schema: OpenAPI has no bounds for a
# date but a pattern, so clients and generated tests send a date the API takes.
YEARS_1900_TO_2199 = r"(19|20|21)\d{2}"
DATE_PATTERN = rf"^{YEARS_1900_TO_2199}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"


@extend_schema_field({
    "type": "string", "format": "date", "pattern": DATE_PATTERN, "example": "2026-03-02",
    "description": f"{MIN_DATE} to {MAX_DATE}.",
})
class LocalDate(serializers.DateField):
    """An athlete-local calendar date, ``YYYY-MM-DD``, within the years the product handles."""

    default_error_messages = {
        "range": RANGE_MESSAGE,
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> dt.date:
        result = super().to_internal_value(value)
        if not MIN_DATE <= result <= MAX_DATE:
            self.fail("range")
        return result


@extend_schema_field({
    "type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", "example": "18:30",
})
class LocalTime(serializers.TimeField):
    """An athlete-local wall-clock time, ``HH:MM`` (``HH:MM:SS`` accepted on input)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%H:%M")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)


def Int(*, min_value: int = 0, max_value: int = MAX_INT, **kwargs: Any) -> serializers.IntegerField:
    """An integer with bounds, always: the database's range is never the validator."""
    return serializers.IntegerField(min_value=min_value, max_value=max_value, **kwargs)


def Id(**kwargs: Any) -> serializers.IntegerField:
    """An object id in a body: shape only; the scoped getter decides whether it exists."""
    return serializers.IntegerField(min_value=1, max_value=2**63 - 1, **kwargs)


def iso_datetime(value: dt.datetime | None) -> str | None:
    """What DRF's DateTimeField renders (UTC, ``Z``), without its per-field machinery."""
    if value is None:
        return None
    text = value.astimezone(dt.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def hh_mm(value: dt.time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")
