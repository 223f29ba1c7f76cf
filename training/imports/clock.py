"""The apps' ways of writing a moment, read without the machine's locale (``strptime``'s
``%b`` and ``%p`` follow it): Strong's "2024-03-05 18:04:22" or "2024-03-05 6:04:22 PM",
Hevy's "5 Mar 2024, 18:00", Strava's "Mar 5, 2024, 6:30:12 AM" (UTC)."""

from __future__ import annotations

import datetime as dt
import re

from training.imports.sheets import Row, clean

MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_TIME = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
_ISO = re.compile(rf"^(?P<y>\d{{4}})-(?P<mo>\d{{1,2}})-(?P<d>\d{{1,2}})[ T]{_TIME}$")
_DAY_MONTH = re.compile(rf"^(?P<d>\d{{1,2}}) (?P<mon>[A-Za-z]{{3,}})\.? (?P<y>\d{{4}}),? {_TIME}$")
_MONTH_DAY = re.compile(rf"^(?P<mon>[A-Za-z]{{3,}})\.? (?P<d>\d{{1,2}}), (?P<y>\d{{4}}),? {_TIME}$")
_DURATION = re.compile(r"^(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s)?$")


def wall_clock(row: Row, column: str) -> dt.datetime:
    """A naive local datetime from any of the apps' forms, or the row fails."""
    raw = row.get(column)
    text = clean(raw)
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY):
        if match := pattern.match(text):
            moment = _build(match)
            if moment is not None:
                return moment
    raise row.fail(f"{raw!r} is not a date and time in {column}")


def _build(match: re.Match[str]) -> dt.datetime | None:
    parts = match.groupdict()
    month = int(parts["mo"]) if parts.get("mo") else MONTHS.get(parts["mon"][:3].lower())
    hour = int(parts["h"])
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if month is None:
        return None
    try:
        return dt.datetime(int(parts["y"]), month, int(parts["d"]), hour, int(parts["mi"]),
                           int(parts["s"] or 0))
    except ValueError:
        return None


def utc(row: Row, column: str) -> dt.datetime:
    """Strava writes its activity dates in UTC."""
    return wall_clock(row, column).replace(tzinfo=dt.UTC)


def duration_s(row: Row, column: str | None) -> int | None:
    """Strong's "1h 5m", "45m" or "30s"; a "(sec)" column holds plain seconds."""
    raw = row.get(column)
    if raw == "" or column is None:
        return None
    if "(sec)" in column:
        return row.whole_number(column)
    match = _DURATION.match(raw.strip())
    if not match or not any(match.groupdict().values()):
        raise row.fail(f"{raw!r} is not a duration like '1h 5m' in {column}")
    hours, minutes, seconds = (int(match[g] or 0) for g in ("h", "m", "s"))
    return hours * 3600 + minutes * 60 + seconds
