"""The calendar dates the product takes: wide enough for any plan, narrow enough that date
arithmetic (a week after a date, phases around a race, windows of weeks, a calendar event's
end) never overflows. The API, the portal's forms and the models (so the admin) share them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
RANGE_MESSAGE = f"Enter a date between {MIN_DATE} and {MAX_DATE}."


def validate_date_in_range(value: dt.date) -> None:
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValidationError(RANGE_MESSAGE, code="range")


def date_in_range(field: str, *, name: str) -> CheckConstraint:
    """The same range held by the database, for the writes that skip validation (bulk
    inserts, ``update()``)."""
    return CheckConstraint(
        condition=Q(**{f"{field}__gte": MIN_DATE, f"{field}__lte": MAX_DATE}), name=name)
