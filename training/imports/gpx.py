"""GPX 1.0 and 1.1 tracks, with the heart rate of Garmin's TrackPointExtension.

A track is a run when its ``<type>`` says running (or Strava's code 9) or says nothing; its
distance is the haversine sum of its segments and its duration runs from its first to its last
timed point. A track without times, a route (``rte``) or waypoints alone are skipped with
the reason: their duration is unknown and is never guessed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from training.imports.records import FileFailed, FileSkipped, ParsedRun, Record, whole
from training.imports.tracks import Summary, parse_float, parse_time
from training.imports.xmlstream import Closed, walk

RUN_CODES = {"9"}  # Strava's GPX writes its activity type as a number; 9 is Run


def is_running_type(kind: str) -> bool:
    lowered = kind.strip().lower()
    return lowered == "" or lowered in RUN_CODES or "run" in lowered


@dataclass
class _Track:
    name: str = ""
    kind: str = ""
    summary: Summary = field(default_factory=Summary)


@dataclass
class _Reader:
    tracks: list[_Track] = field(default_factory=list)
    current: _Track = field(default_factory=_Track)
    point: dict[str, str] = field(default_factory=dict)
    routes: int = 0
    waypoints: int = 0

    def close(self, element: Closed) -> None:
        name, parent = element.name, element.parent
        if "trkpt" in element.parents:
            if name in ("time", "hr"):
                self.point[name] = element.text
        elif name == "trkpt":
            self._point(element)
        elif name == "trkseg":
            self.current.summary.end_segment()
        elif parent == "trk" and name in ("name", "type"):
            setattr(self.current, "name" if name == "name" else "kind", element.text)
        elif name == "trk":
            self.tracks.append(self.current)
            self.current = _Track()
        elif name == "rte":
            self.routes += 1
        elif name == "wpt":
            self.waypoints += 1

    def _point(self, element: Closed) -> None:
        line = element.line
        lat = parse_float(element.attrib.get("lat"), "lat", line)
        lon = parse_float(element.attrib.get("lon"), "lon", line)
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise FileFailed(f"line {line}: a track point without a valid lat and lon",
                             line=line)
        time = parse_time(self.point["time"], line) if self.point.get("time") else None
        hr_value = parse_float(self.point.get("hr"), "hr", line)
        self.current.summary.add(lat, lon, time, None if hr_value is None else whole(hr_value))
        self.point = {}


def parse_gpx(data: bytes) -> tuple[Record, ...]:
    reader = _Reader()
    walk(data, reader.close)
    if not reader.tracks:
        if reader.routes:
            raise FileSkipped("a route (a path to follow), not a recorded track: it has no "
                              "times, so no run")
        if reader.waypoints:
            raise FileSkipped("waypoints only, no recorded track")
        raise FileSkipped("the GPX file holds no track")
    digest = hashlib.sha256(data).hexdigest()[:32]
    runs: list[Record] = []
    reasons: list[str] = []
    for index, track in enumerate(reader.tracks):
        label = f"track {track.name!r}" if track.name else "the track"
        summary = track.summary
        if not is_running_type(track.kind):
            reasons.append(f"{label} is of type {track.kind!r}, not a run")
        elif summary.points == 0:
            reasons.append(f"{label} has no points")
        elif summary.first is None:
            reasons.append(f"{label} has no times: its duration cannot be known")
        else:
            key = f"gpx:{digest}" if len(reader.tracks) == 1 else f"gpx:{digest}#{index}"
            runs.append(run_from(summary, summary.first, key, track.name, track.kind))
    if not runs:
        raise FileSkipped("; ".join(reasons))
    return tuple(runs)


def run_from(summary: Summary, start: dt.datetime, key: str, name: str, kind: str) -> ParsedRun:
    return ParsedRun(source="gpx", external_key=key, start=start,
                     elapsed_s=summary.elapsed_s or 0, moving_s=whole(summary.moving),
                     distance_m=whole(summary.distance), avg_hr=summary.avg_hr, name=name,
                     sport=kind or "running")
