"""What GPX and TCX share: points in time and space summed into a run's figures.

Distance is the haversine sum between consecutive points of a segment (never across the gap
between segments, which is a pause); moving time counts the intervals inside segments where
the athlete went at least ``MOVING_MPS`` (standing at a light is not moving).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from training.imports.records import FileFailed, whole

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)
MOVING_MPS = 0.5


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def parse_time(text: str, line: int) -> dt.datetime:
    """An ISO 8601 time as GPX and TCX write it, in UTC (a time without zone is UTC, as
    both schemas say)."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise FileFailed(f"line {line}: {text!r} is not a time", line=line) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def parse_float(text: str | None, what: str, line: int) -> float | None:
    if text is None or text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise FileFailed(f"line {line}: {text!r} is not a number in {what}", line=line) from None
    if not math.isfinite(value):
        raise FileFailed(f"line {line}: {text!r} is not a number in {what}", line=line)
    return value


@dataclass
class Summary:
    """A track's running totals, one point at a time."""

    distance: float = 0.0
    moving: float = 0.0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    hr: list[int] = field(default_factory=list)
    points: int = 0
    _previous: tuple[float | None, float | None, dt.datetime | None] | None = None

    def add(self, lat: float | None, lon: float | None, time: dt.datetime | None,
            hr: int | None) -> None:
        self.points += 1
        if hr is not None:
            self.hr.append(hr)
        if time is not None:
            self.first = time if self.first is None else min(self.first, time)
            self.last = time if self.last is None else max(self.last, time)
        if self._previous is not None:
            plat, plon, ptime = self._previous
            step = 0.0
            if None not in (lat, lon, plat, plon):
                step = haversine_m(plat, plon, lat, lon)  # type: ignore[arg-type]
                self.distance += step
            if time is not None and ptime is not None and time > ptime:
                seconds = (time - ptime).total_seconds()
                if step / seconds >= MOVING_MPS:
                    self.moving += seconds
        self._previous = (lat, lon, time)

    def end_segment(self) -> None:
        self._previous = None

    @property
    def elapsed_s(self) -> int | None:
        if self.first is None or self.last is None:
            return None
        return whole((self.last - self.first).total_seconds())

    @property
    def avg_hr(self) -> int | None:
        return whole(sum(self.hr) / len(self.hr)) if self.hr else None
