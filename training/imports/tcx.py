"""TCX (Garmin's TrainingCenterDatabase v2) activities: a Running activity is a run with
its laps. Distance is the laps' DistanceMeters when every lap has one, else the track's own
cumulative distance, else the haversine sum of its positions; moving time is the laps' timer
time (TotalTimeSeconds). Courses and other sports are skipped with the reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from training.imports.records import (
    FileFailed,
    FileSkipped,
    ParsedLap,
    ParsedRun,
    Record,
    whole,
)
from training.imports.tracks import Summary, parse_float, parse_time
from training.imports.xmlstream import Closed, walk


@dataclass
class _Lap:
    start: dt.datetime | None = None
    timer: float | None = None
    distance: float | None = None
    avg_hr: float | None = None
    last: dt.datetime | None = None


@dataclass
class _Activity:
    sport: str = ""
    start: dt.datetime | None = None
    laps: list[ParsedLap] = field(default_factory=list)
    lap_distances: list[float | None] = field(default_factory=list)
    track_distance: float | None = None
    summary: Summary = field(default_factory=Summary)


@dataclass
class _Reader:
    runs: list[Record] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    courses: int = 0
    activity: _Activity = field(default_factory=_Activity)
    lap: _Lap = field(default_factory=_Lap)
    point: dict[str, str] = field(default_factory=dict)

    def close(self, element: Closed) -> None:
        name, parent, line = element.name, element.parent, element.line
        if "Trackpoint" in element.parents:
            if name in ("Time", "LatitudeDegrees", "LongitudeDegrees", "DistanceMeters") or (
                    name == "Value" and parent == "HeartRateBpm"):
                self.point[name] = element.text
        elif name == "Trackpoint":
            self._point(line)
        elif name == "Track":
            self.activity.summary.end_segment()
        elif parent == "Lap":
            self._lap_field(name, element.text, line)
        elif name == "Value" and element.parents[-2:] == ("Lap", "AverageHeartRateBpm"):
            self.lap.avg_hr = parse_float(element.text, "AverageHeartRateBpm", line)
        elif name == "Lap":
            self._end_lap(element.attrib.get("StartTime"), line)
        elif name == "Id" and parent == "Activity":
            self.activity.start = parse_time(element.text, line)
        elif name == "Activity":
            self._end_activity(element.attrib.get("Sport", ""))
        elif name == "Course":
            self.courses += 1

    def _point(self, line: int) -> None:
        p = self.point
        time = parse_time(p["Time"], line) if p.get("Time") else None
        hr = parse_float(p.get("Value"), "HeartRateBpm", line)
        distance = parse_float(p.get("DistanceMeters"), "DistanceMeters", line)
        if distance is not None:
            self.activity.track_distance = max(distance, self.activity.track_distance or 0.0)
        self.activity.summary.add(parse_float(p.get("LatitudeDegrees"), "LatitudeDegrees", line),
                                  parse_float(p.get("LongitudeDegrees"), "LongitudeDegrees", line),
                                  time, None if hr is None else whole(hr))
        if time is not None:
            self.lap.last = time
        self.point = {}

    def _lap_field(self, name: str, text: str, line: int) -> None:
        if name == "TotalTimeSeconds":
            self.lap.timer = parse_float(text, name, line)
        elif name == "DistanceMeters":
            self.lap.distance = parse_float(text, name, line)

    def _end_lap(self, start_text: str | None, line: int) -> None:
        if not start_text:
            raise FileFailed(f"line {line}: a lap without its StartTime", line=line)
        lap, start = self.lap, parse_time(start_text, line)
        elapsed = (lap.last - start).total_seconds() if lap.last else (lap.timer or 0.0)
        self.activity.laps.append(ParsedLap(
            start=start, elapsed_s=whole(max(elapsed, 0.0)),
            moving_s=None if lap.timer is None else whole(lap.timer),
            distance_m=None if lap.distance is None else whole(lap.distance),
            avg_hr=None if lap.avg_hr is None else whole(lap.avg_hr)))
        self.activity.lap_distances.append(lap.distance)
        self.lap = _Lap()

    def _end_activity(self, sport: str) -> None:
        activity, self.activity = self.activity, _Activity()
        if sport.lower() != "running":
            self.others.append(sport or "unnamed")
        elif not activity.laps:
            self.others.append("Running without laps")
        else:
            self.runs.append(_run(activity, sport))


def _run(activity: _Activity, sport: str) -> ParsedRun:
    laps = activity.laps
    start = activity.start or laps[0].start
    last = activity.summary.last
    end = max(last, laps[-1].start) if last else laps[-1].start + dt.timedelta(
        seconds=laps[-1].elapsed_s)
    timers = [lap.moving_s for lap in laps]
    return ParsedRun(
        source="tcx", external_key=f"tcx:{start.isoformat()}", start=start,
        elapsed_s=whole((end - start).total_seconds()),
        moving_s=None if None in timers else sum(t for t in timers if t is not None),
        distance_m=_distance(activity), avg_hr=_avg_hr(activity), laps=tuple(laps),
        sport=sport.lower())


def _distance(activity: _Activity) -> int | None:
    lap_distances = activity.lap_distances
    if lap_distances and None not in lap_distances:
        return whole(sum(d for d in lap_distances if d is not None))
    if activity.track_distance is not None:
        return whole(activity.track_distance)
    return whole(activity.summary.distance) if activity.summary.points > 1 else None


def _avg_hr(activity: _Activity) -> int | None:
    """The laps' averages weighted by their timer time; the points' mean without them."""
    weighted = [(lap.avg_hr, lap.moving_s) for lap in activity.laps
                if lap.avg_hr is not None and lap.moving_s]
    total = sum(seconds for _hr, seconds in weighted if seconds)
    if weighted and total:
        return whole(sum(hr * seconds for hr, seconds in weighted if hr and seconds) / total)
    return activity.summary.avg_hr


def parse_tcx(data: bytes) -> tuple[Record, ...]:
    reader = _Reader()
    walk(data, reader.close)
    if reader.runs:
        return tuple(reader.runs)
    if reader.others:
        raise FileSkipped(f"a {', '.join(reader.others)} activity, not a run")
    if reader.courses:
        raise FileSkipped("a course (a route to follow), not a recorded activity")
    raise FileSkipped("the TCX file holds no activity")
