"""Strava's ``activities.csv``, the index of its bulk export: one row per activity with
"Activity ID","Activity Date" (UTC, "Mar 5, 2024, 6:30:12 AM"),"Activity Name","Activity
Type","Elapsed Time" (s),"Distance" (in the athlete's display unit),...,"Filename" (the
activity's file in the archive, empty for a manual one),...,"Moving Time","Distance" (again,
in metres),...,"Average Heart Rate",...,"Perceived Exertion". Strava repeats some names; the
second "Distance" is the one in metres."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from training.imports.clock import utc
from training.imports.records import FileSkipped, ParsedRun, whole
from training.imports.sheets import Row, Table

RUN_TYPES = {"run", "trail run", "virtual run", "trailrun", "virtualrun"}
STRENGTH_TYPES = {"weight training", "weighttraining"}
REQUIRED = ("Activity ID", "Activity Date", "Activity Name", "Activity Type", "Elapsed Time")


@dataclass(frozen=True)
class StravaActivity:
    line: int
    activity_id: str
    start: dt.datetime
    name: str
    kind: str
    elapsed_s: int
    moving_s: int | None
    distance_m: int | None
    avg_hr: int | None
    perceived_exertion: int | None
    filename: str

    @property
    def key(self) -> str:
        return f"strava:{self.activity_id}"

    @property
    def is_run(self) -> bool:
        return self.kind.lower() in RUN_TYPES

    @property
    def is_strength(self) -> bool:
        return self.kind.lower() in STRENGTH_TYPES

    def summary_run(self) -> ParsedRun:
        """The run from the index's own figures, for an activity without a file."""
        return ParsedRun(source="strava", external_key=self.key, start=self.start,
                         elapsed_s=self.elapsed_s, moving_s=self.moving_s,
                         distance_m=self.distance_m, avg_hr=self.avg_hr, name=self.name,
                         sport=self.kind, perceived_exertion=self.perceived_exertion)

    def skip_reason(self) -> str:
        return f"a {self.kind or 'untyped'} activity, not a run"


def activities(table: Table) -> Iterator[StravaActivity]:
    table.require(REQUIRED, "Strava's activities.csv")
    distances = [i for i, name in enumerate(table.header) if name == "Distance"]
    metres = distances[1] if len(distances) > 1 else None
    for row in table.rows:
        yield _activity(row, metres)


def _activity(row: Row, metres_index: int | None) -> StravaActivity:
    activity_id = row.get("Activity ID")
    if not activity_id.isdigit():
        raise row.fail(f"{activity_id!r} is not an activity id in Activity ID")
    elapsed = row.positive("Elapsed Time")
    moving = row.positive("Moving Time")
    distance = row.positive("Distance", text=row.at(metres_index)) if metres_index else None
    hr = row.positive("Average Heart Rate")
    effort = row.positive("Perceived Exertion")
    return StravaActivity(
        line=row.line, activity_id=activity_id, start=utc(row, "Activity Date"),
        name=row.get("Activity Name"), kind=row.get("Activity Type"),
        elapsed_s=whole(elapsed or 0), moving_s=None if moving is None else whole(moving),
        distance_m=None if distance is None else whole(distance),
        avg_hr=None if hr is None else whole(hr),
        perceived_exertion=None if effort is None else whole(effort),
        filename=row.get("Filename"))


def runs_from_index(table: Table) -> tuple[ParsedRun, ...]:
    """A lone activities.csv: the runs from its figures (the files are not there)."""
    found = [a.summary_run() for a in activities(table) if a.is_run]
    if not found:
        raise FileSkipped("Strava's activities.csv lists no run")
    return tuple(found)
