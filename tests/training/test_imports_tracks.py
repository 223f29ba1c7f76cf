"""GPX 1.0/1.1 and TCX: runs from tracks, and what is explained rather than guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.training.fixtures.make_fixtures import RUN_START
from tests.training.imports_support import outcome
from training.imports import Outcome, ParsedRun
from training.imports.encoders.tracks import Point, gpx, line, tcx
from training.imports.tracks import haversine_m


def only_run(name: str, data: bytes | None = None) -> ParsedRun:
    result = outcome(name, data)
    assert result.outcome is Outcome.READY, result.reason
    [run] = result.records
    assert isinstance(run, ParsedRun)
    return run


def test_a_degree_of_latitude_is_its_arc_on_the_mean_earth():
    assert haversine_m(45, 6, 46, 6) == pytest.approx(111_195.08, abs=0.01)
    assert haversine_m(0, 0, 0, 0) == 0


def test_a_gpx_1_1_run_sums_its_segments_and_reads_garmins_heart_rate():
    run = only_run("run_1_1.gpx")
    assert (run.source, run.name, run.sport, run.start) == ("gpx", "Morning Run", "running",
                                                              RUN_START)
    # two segments, 0-900 s (3000 m) and 1000-1800 s (3333-6000 m): the gap is no distance
    assert run.distance_m == 5667
    assert (run.elapsed_s, run.moving_s, run.avg_hr) == (1800, 1700, 152)
    assert run.external_key.startswith("gpx:") and run.laps == ()


def test_a_gpx_1_0_run_has_its_distance_and_no_heart_rate():
    run = only_run("run_1_0.gpx")
    assert (run.distance_m, run.elapsed_s, run.avg_hr, run.name) == (6000, 1800, None,
                                                                     "Old Garmin")


def test_standing_still_is_not_moving_time():
    moving = line(RUN_START, 600, 2000, every_s=10)
    last = moving[-1]
    standing = [Point(last.lat, last.lon, last.time + dt.timedelta(seconds=60 * n), 120)
                for n in range(1, 6)]
    run = only_run("lights.gpx", gpx([moving + standing]))
    assert (run.elapsed_s, run.moving_s, run.distance_m) == (900, 600, 2000)


@pytest.mark.parametrize(("name", "reason"), [
    ("no_times.gpx", "track 'Drawn on a map' has no times: its duration cannot be known"),
    ("route.gpx", "a route (a path to follow), not a recorded track: it has no times, so no "
                  "run"),
    ("waypoints.gpx", "waypoints only, no recorded track"),
    ("course.tcx", "a course (a route to follow), not a recorded activity"),
    ("ride.tcx", "a Biking activity, not a run"),
])
def test_what_holds_no_timed_run_is_skipped_with_the_reason(name, reason):
    result = outcome(name)
    assert (result.outcome, result.reason, result.records) == (Outcome.SKIPPED, reason, ())


@pytest.mark.parametrize(("kind", "is_run"), [
    ("running", True), ("Trail Running", True), ("9", True), (None, True),
    ("cycling", False), ("1", False), ("hiking", False),
])
def test_a_gpx_tracks_type_decides_whether_it_is_a_run(kind, is_run):
    result = outcome("typed.gpx", gpx([line(RUN_START, 600, 2000)], kind=kind))
    assert (result.outcome is Outcome.READY) is is_run
    if not is_run:
        assert result.reason == f"the track is of type {kind!r}, not a run"


def test_a_tcx_run_reads_its_laps_distances_and_timer():
    run = only_run("run.tcx")
    assert (run.source, run.start, run.sport) == ("tcx", RUN_START, "running")
    assert (run.distance_m, run.elapsed_s, run.moving_s) == (5700, 1800, 1700)
    assert run.avg_hr == 158  # laps weighted by time: (152 * 900 + 165 * 800) / 1700
    assert [(lap.distance_m, lap.moving_s) for lap in run.laps] == [(3000, 900), (2700, 800)]
    assert run.laps[1].start == RUN_START + dt.timedelta(seconds=1000)
    assert run.external_key == "tcx:2024-03-05T06:30:00+00:00"


def test_a_tcx_without_lap_distances_takes_the_tracks_own():
    laps = [line(RUN_START, 900, 3000, every_s=10),
            line(RUN_START + dt.timedelta(seconds=900), 900, 2500, every_s=10,
                 from_metres=3000)]
    run = only_run("nolapdistance.tcx", tcx(laps, lap_distances=False))
    assert run.distance_m == 5500


def test_a_bad_latitude_fails_the_file_on_its_line():
    data = gpx([line(RUN_START, 60, 200, every_s=10)]).replace(b'lat="45.0000000"', b'lat="abc"')
    result = outcome("badlat.gpx", data)
    assert result.outcome is Outcome.FAILED
    # lines 1-5: the declaration, <gpx>, <trk>, <type>, <trkseg>; the first point is on 6
    assert result.reason == "line 6: 'abc' is not a number in lat"
    assert result.line == 6


def test_a_bad_time_fails_the_file_on_its_line():
    data = gpx([line(RUN_START, 60, 200, every_s=10)]).replace(b"2024-03-05T06:30:30Z",
                                                               b"yesterday")
    result = outcome("badtime.gpx", data)
    assert (result.outcome, result.reason) == (Outcome.FAILED, "line 9: 'yesterday' is not a time")


def test_a_cut_off_gpx_fails_with_the_line_where_it_breaks():
    data = gpx([line(RUN_START, 600, 2000, every_s=10)])
    result = outcome("cut.gpx", data[: len(data) // 2])
    assert result.outcome is Outcome.FAILED
    assert result.reason.startswith("the XML is broken (no element found: line ")
    assert result.line is not None and result.line > 5


def test_an_xml_file_that_is_neither_gpx_nor_tcx_fails():
    result = outcome("feed.xml", b'<?xml version="1.0"?><rss version="2.0"></rss>')
    assert (result.outcome, result.reason) == (
        Outcome.FAILED, "an XML file whose root is <rss>, neither GPX nor TCX")
