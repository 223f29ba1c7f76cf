"""GPX (1.0 and 1.1, with Garmin's TrackPointExtension heart rate) and TCX files, written as
Garmin Connect and Strava write them. Points run due north from 45 N 6 E, so the haversine
distance between them is exactly the metres asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from training.imports.encoders.garmin import M_PER_DEGREE

GPX_NS = {"1.0": "http://www.topografix.com/GPX/1/0", "1.1": "http://www.topografix.com/GPX/1/1"}
TPX_NS = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    time: dt.datetime | None = None
    hr: int | None = None
    metres: float = 0.0  # cumulative, for TCX's DistanceMeters


def line(start: dt.datetime | None, seconds: int, metres: float, *, every_s: int = 5,
         hr: int | None = 150, from_metres: float = 0.0) -> list[Point]:
    """Points along a meridian at an even pace; no times when ``start`` is None."""
    points = []
    for second in range(0, seconds + 1, every_s):
        at = from_metres + metres * second / seconds
        points.append(Point(45 + at / M_PER_DEGREE, 6.0,
                            None if start is None else start + dt.timedelta(seconds=second),
                            hr, at))
    return points


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _trkpt(point: Point, version: str, tag: str = "trkpt") -> str:
    inner = "<ele>400.0</ele>"
    if point.time is not None:
        inner += f"<time>{_iso(point.time)}</time>"
    if point.hr is not None and version == "1.1":
        inner += (f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{point.hr}</gpxtpx:hr>"
                  "</gpxtpx:TrackPointExtension></extensions>")
    return f'   <{tag} lat="{point.lat:.7f}" lon="{point.lon:.7f}">{inner}</{tag}>\n'


def _gpx_open(version: str, creator: str = "Garmin Connect") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="{version}" creator='
            f'{quoteattr(creator)} xmlns="{GPX_NS[version]}" xmlns:gpxtpx="{TPX_NS}">\n')


def gpx(segments: Sequence[Sequence[Point]], *, version: str = "1.1", name: str = "",
        kind: str | None = "running") -> bytes:
    body = _gpx_open(version) + " <trk>\n"
    if name:
        body += f"  <name>{escape(name)}</name>\n"
    if kind is not None:
        body += f"  <type>{escape(kind)}</type>\n"
    for segment in segments:
        body += "  <trkseg>\n" + "".join(_trkpt(p, version) for p in segment) + "  </trkseg>\n"
    return (body + " </trk>\n</gpx>\n").encode()


def gpx_route(points: Sequence[Point]) -> bytes:
    body = _gpx_open("1.1") + " <rte>\n  <name>Sunday loop</name>\n"
    body += "".join(_trkpt(p, "1.1", "rtept") for p in points)
    return (body + " </rte>\n</gpx>\n").encode()


def gpx_waypoints(points: Sequence[Point]) -> bytes:
    body = _gpx_open("1.1") + "".join(_trkpt(p, "1.1", "wpt") for p in points)
    return (body + "</gpx>\n").encode()


def _time(point: Point) -> dt.datetime:
    if point.time is None:
        raise ValueError("a TCX trackpoint has a time")
    return point.time


def _trackpoint(point: Point) -> str:
    hr = "" if point.hr is None else (
        f"<HeartRateBpm><Value>{point.hr}</Value></HeartRateBpm>")
    return (f"<Trackpoint><Time>{_iso(_time(point))}</Time><Position><LatitudeDegrees>"
            f"{point.lat:.7f}</LatitudeDegrees><LongitudeDegrees>{point.lon:.7f}"
            f"</LongitudeDegrees></Position><DistanceMeters>{point.metres:.1f}</DistanceMeters>"
            f"{hr}</Trackpoint>\n")


def tcx(laps: Sequence[Sequence[Point]], *, sport: str = "Running",
        lap_distances: bool = True) -> bytes:
    """An activity whose laps are the given point lists; each lap's totals from its points."""
    first = _time(laps[0][0])
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="{TCX_NS}">'
            f'\n <Activities>\n  <Activity Sport="{sport}">\n   <Id>{_iso(first)}</Id>\n')
    for points in laps:
        start, end = _time(points[0]), _time(points[-1])
        hrs = [p.hr for p in points if p.hr is not None]
        body += f'   <Lap StartTime="{_iso(start)}">\n'
        body += f"    <TotalTimeSeconds>{(end - start).total_seconds():.1f}</TotalTimeSeconds>\n"
        if lap_distances:
            metres = points[-1].metres - points[0].metres
            body += f"    <DistanceMeters>{metres:.1f}</DistanceMeters>\n"
        if hrs:
            body += (f"    <AverageHeartRateBpm><Value>{round(sum(hrs) / len(hrs))}</Value>"
                     "</AverageHeartRateBpm>\n")
        body += "    <Intensity>Active</Intensity><TriggerMethod>Distance</TriggerMethod>\n"
        body += "    <Track>\n" + "".join(_trackpoint(p) for p in points) + "    </Track>\n"
        body += "   </Lap>\n"
    return (body + "  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n").encode()


def tcx_course(points: Sequence[Point]) -> bytes:
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="{TCX_NS}">'
            "\n <Courses>\n  <Course>\n   <Name>Sunday loop</Name>\n   <Track>\n")
    body += "".join(_trackpoint(p) for p in points)
    return (body + "   </Track>\n  </Course>\n </Courses>\n</TrainingCenterDatabase>\n").encode()
