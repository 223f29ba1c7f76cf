"""Strava's bulk export: every run from its file with Strava's words on top."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zipfile
from decimal import Decimal

from tests.training.imports_support import FILES, outcome, outcomes
from training.imports import Outcome, ParsedRun, ParsedStrengthSession
from training.imports.encoders.garmin import Lap, fit_run
from training.imports.encoders.sheets import StravaRow, strava_activities_csv

START = dt.datetime(2024, 4, 2, 5, 45, tzinfo=dt.UTC)


def export(rows: list[StravaRow], files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", strava_activities_csv(rows))
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_export_gives_one_outcome_per_activity_in_the_index_order():
    found = outcomes("strava_export.zip")
    assert [(o.name, o.outcome) for o in found] == [
        ("activities/11001.fit.gz", Outcome.READY),
        ("activities/11002.gpx.gz", Outcome.READY),
        ("activities/11003.tcx.gz", Outcome.READY),
        ("activities/11004.fit", Outcome.READY),
        ("activities/11005.gpx.gz", Outcome.SKIPPED),
        ("activities.csv line 7 (Treadmill (typed in))", Outcome.READY),
    ]
    assert found[4].reason == "a Ride activity, not a run"


def test_each_run_comes_from_its_file_with_stravas_name_type_and_effort():
    found = outcomes("strava_export.zip")
    runs = [r for o in found for r in o.records if isinstance(r, ParsedRun)]
    assert [(r.external_key, r.name, r.sport, r.perceived_exertion, r.distance_m, r.elapsed_s)
            for r in runs] == [
        ("strava:11001", "Easy Tuesday", "Run", 3, 8000, 3000),
        ("strava:11002", "Ridge trail", "Trail Run", 6, 9000, 4000),
        ("strava:11003", "Zwift hills", "Virtual Run", None, 6000, 1800),
        ("strava:11006", "Treadmill (typed in)", "Run", 5, 7000, 2400),
    ]
    assert runs[0].start == START and len(runs[0].laps) == 1  # from the FIT file
    assert runs[1].avg_hr == 150 and runs[1].start == START + dt.timedelta(days=1)
    assert all(r.source == "strava" and not r.start_is_local for r in runs)
    assert found[5].reason == "a manual activity: Strava's figures kept"


def test_a_weight_training_activity_gives_the_sets_of_its_fit_file():
    [session] = outcomes("strava_export.zip")[3].records
    assert isinstance(session, ParsedStrengthSession)
    assert (session.title, session.external_key) == ("Gym", "strava:11004")
    assert [(s.exercise, s.reps, s.load_kg) for s in session.sets] == [
        ("Barbell Bench Press", 8, Decimal("70.00"))]


def test_two_overlapping_exports_give_the_same_keys():
    first = [r.external_key for o in outcomes("strava_export.zip") for r in o.records]
    again = [r.external_key for o in outcomes("strava_export.zip") for r in o.records]
    assert first == again and len(set(first)) == len(first) == 5


def test_a_corrupt_run_file_fails_that_activity_alone():
    good = fit_run(START, [Lap(1800, 5000)], serial=1)
    bad = bytearray(fit_run(START, [Lap(1800, 5000)], serial=2))
    bad[-1] ^= 0xFF
    rows = [StravaRow(1, START, "Good", "Run", 1800, 5000.0, filename="activities/1.fit.gz"),
            StravaRow(2, START, "Bad", "Run", 1800, 5000.0, filename="activities/2.fit.gz")]
    found = outcomes("export.zip", export(rows, {"activities/1.fit.gz": gzip.compress(good),
                                                 "activities/2.fit.gz": gzip.compress(bad)}))
    assert [o.outcome for o in found] == [Outcome.READY, Outcome.FAILED]
    assert found[1].name == "activities/2.fit.gz"
    assert found[1].reason.startswith("the file is corrupt: its checksum (CRC) does not match")


def test_a_run_whose_file_is_missing_or_of_another_sport_keeps_stravas_figures():
    walk = fit_run(START, [Lap(1800, 3000)], sport="walking", serial=3)
    rows = [StravaRow(1, START, "Lost", "Run", 1800, 5000.0, 1700, 150,
                      filename="activities/1.fit.gz"),
            StravaRow(2, START, "Retyped", "Run", 1800, 5000.0, filename="activities/2.fit")]
    found = outcomes("export.zip", export(rows, {"activities/2.fit": walk}))
    assert [o.reason for o in found] == [
        "its file is not in the archive: Strava's figures kept",
        "a walking activity, not a run or a strength workout: Strava's type and figures kept"]
    lost = found[0].records[0]
    assert isinstance(lost, ParsedRun)
    assert (lost.elapsed_s, lost.moving_s, lost.distance_m, lost.avg_hr) == (1800, 1700, 5000,
                                                                             150)


def test_a_lone_activities_csv_gives_the_runs_of_its_figures():
    with zipfile.ZipFile(FILES / "strava_export.zip") as archive:
        index = archive.read("activities.csv")
    result = outcome("activities.csv", index)
    assert (result.outcome, result.format, result.runs) == (Outcome.READY, "strava", 4)
    first = result.records[0]
    assert isinstance(first, ParsedRun)
    assert (first.start, first.distance_m, first.moving_s) == (START, 8000, 2950)


def test_a_bad_row_in_the_index_fails_the_index_and_reads_nothing_else():
    data = strava_activities_csv([StravaRow(1, START, "A", "Run", 1800, 5000.0)]).replace(
        b'1,"Apr 2', b'x1,"Apr 2')
    found = outcomes("export.zip", _with_index(data))
    assert [(o.name, o.outcome, o.reason) for o in found] == [
        ("activities.csv", Outcome.FAILED, "line 2: 'x1' is not an activity id in Activity ID")]


def _with_index(index: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("activities.csv", index)
    return buffer.getvalue()
