"""What Strong's and Hevy's exports share: sessions gathered from one row per set, keyed by
their start and title (so importing the same workout again, from this export or a later
overlapping one, gives the same key), and loads and distances put in kg and metres."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from core.plates import IMPERIAL, METRIC
from training.imports.records import ParsedSet, ParsedStrengthSession, kg, kg_from_pounds, whole

M_PER = {"m": Decimal(1), "meters": Decimal(1), "metres": Decimal(1), "km": Decimal(1000),
         "mi": Decimal("1609.344"), "miles": Decimal("1609.344")}


@dataclass
class Workout:
    source: str
    start: dt.datetime
    title: str
    duration_s: int | None = None
    notes: str = ""
    sets: list[ParsedSet] = field(default_factory=list)

    def build(self) -> ParsedStrengthSession:
        digest = hashlib.sha256(f"{self.start.isoformat()}|{self.title}".encode()).hexdigest()
        return ParsedStrengthSession(
            source=self.source, external_key=f"{self.source}:{digest[:24]}", start=self.start,
            title=self.title, sets=tuple(self.sets), duration_s=self.duration_s,
            notes=self.notes, start_is_local=True)


class Workouts:
    """The sessions of one file in the order they first appear, and whether any load or
    distance had to be read in the athlete's units for want of a unit in the file."""

    def __init__(self, source: str, units: str = METRIC):
        self.source = source
        self.units = units
        self.assumed = False
        self._by_key: dict[tuple[dt.datetime, str], Workout] = {}

    def get(self, start: dt.datetime, title: str) -> Workout:
        workout = self._by_key.get((start, title))
        if workout is None:
            workout = self._by_key[(start, title)] = Workout(self.source, start, title)
        return workout

    def default_weight_unit(self) -> str:
        self.assumed = True
        return "lb" if self.units == IMPERIAL else "kg"

    def default_distance_unit(self) -> str:
        self.assumed = True
        return "mi" if self.units == IMPERIAL else "km"

    def build(self) -> tuple[ParsedStrengthSession, ...]:
        return tuple(workout.build() for workout in self._by_key.values())


def to_kg(value: Decimal, unit: str) -> Decimal:
    return kg_from_pounds(value) if unit == "lb" else kg(value)


def to_metres(value: Decimal, unit: str) -> int:
    return whole(value * M_PER[unit])
