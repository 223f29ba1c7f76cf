"""Garmin FIT activity files: runs, strength workouts, what is skipped and what fails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.training.fixtures.make_fixtures import LIFT_START, RUN_START
from tests.training.imports_support import FILES, outcome
from training.imports import Outcome, ParsedRun, ParsedStrengthSession
from training.imports.encoders.garmin import Lap, Lift, fit_run, fit_strength
from training.imports.fit import exercise_name


def test_it_reads_a_run_with_its_laps_and_its_pause():
    result = outcome("run.fit")
    assert (result.outcome, result.format, result.runs) == (Outcome.READY, "fit", 1)
    [run] = result.records
    assert isinstance(run, ParsedRun)
    assert run.start == RUN_START and run.start.utcoffset() == dt.timedelta(0)
    assert not run.start_is_local
    # 1500 s + a 95 s stop + 1320 s on the clock; the timer leaves the stop out
    assert (run.elapsed_s, run.moving_s, run.distance_m) == (2915, 2820, 10000)
    assert run.avg_hr == 155  # (148 * 1500 + 162 * 1320) / 2820 = 154.6
    assert [(lap.distance_m, lap.elapsed_s, lap.avg_hr) for lap in run.laps] == [
        (5000, 1500, 148), (5000, 1320, 162)]
    assert run.laps[1].start == RUN_START + dt.timedelta(seconds=1595)
    assert run.sport == "running"
    assert run.external_key == "fit:garmin:3900000001:2024-03-05T06:30:00+00:00"


def test_a_trail_run_keeps_its_sub_sport():
    data = fit_run(RUN_START, [Lap(600, 1800)], sub_sport="trail")
    [run] = outcome("trail.fit", data).records
    assert isinstance(run, ParsedRun) and run.sport == "running/trail"


def test_it_reads_a_strength_workouts_active_sets_and_leaves_the_rests_out():
    result = outcome("strength.fit")
    [session] = result.records
    assert isinstance(session, ParsedStrengthSession)
    assert (session.title, session.start, session.source) == ("Lower A", LIFT_START, "fit")
    assert [(s.order, s.exercise, s.reps, s.load_kg, s.hold_s) for s in session.sets] == [
        (1, "Barbell Back Squat", 5, Decimal("100.00"), None),
        (2, "Barbell Back Squat", 5, Decimal("102.50"), None),
        (3, "Romanian Deadlift", 8, Decimal("80.00"), None),
        (4, "Plank", None, None, 60),
    ]
    assert (result.sets, result.strength_sessions) == (4, 1)


def test_a_load_off_the_kilogram_grid_is_kept_to_the_hundredth():
    data = fit_strength(LIFT_START, [Lift("curl", None, 10, 22.6875)])  # FIT keeps 1/16 kg
    [session] = outcome("curl.fit", data).records
    assert isinstance(session, ParsedStrengthSession)
    assert session.sets[0].load_kg == Decimal("22.69")


@pytest.mark.parametrize(("category", "subtype", "name"), [
    ("squat", 6, "Barbell Back Squat"),
    ("bench_press", 1, "Barbell Bench Press"),
    (["deadlift"], [23], "Romanian Deadlift"),  # arrays, as the decoder may hand them
    ("plank", None, "Plank"),
    ("squat", 65535, "Squat"),  # the invalid subtype: the category alone
    (None, None, "Unknown exercise"),
    (65534, None, "Exercise category 65534"),
])
def test_it_names_garmins_exercises_from_category_and_subtype(category, subtype, name):
    assert exercise_name(category, subtype) == name


@pytest.mark.parametrize(("sport", "sub_sport", "said"), [
    ("cycling", "road", "a cycling/road activity"),
    ("walking", "generic", "a walking activity"),
    ("swimming", "lap_swimming", "a swimming/lap_swimming activity"),
    ("hiking", "generic", "a hiking activity"),
])
def test_it_skips_other_sports_with_the_sport_in_the_reason(sport, sub_sport, said):
    result = outcome("other.fit", fit_run(RUN_START, [Lap(1200, 3000)], sport=sport,
                                          sub_sport=sub_sport))
    assert result.outcome is Outcome.SKIPPED and not result.records
    assert result.reason == f"{said}, not a run or a strength workout"


def test_the_committed_ride_is_skipped():
    assert outcome("ride.fit").reason == "a cycling/road activity, not a run or a strength workout"


@pytest.mark.parametrize(("name", "reason"), [
    ("settings.fit", "the watch's settings, not a recorded activity"),
    ("monitoring.fit", "all-day monitoring, not a recorded activity"),
    ("workout.fit", "a workout plan for the watch, not a recorded activity"),
])
def test_it_skips_files_that_are_not_activities(name, reason):
    result = outcome(name)
    assert (result.outcome, result.reason) == (Outcome.SKIPPED, reason)


def test_the_same_file_gives_the_same_records_and_key_every_time():
    assert outcome("run.fit") == outcome("run.fit")


def test_it_reads_a_fit_file_by_its_content_whatever_its_name():
    renamed = outcome("export.csv", (FILES / "run.fit").read_bytes())
    assert (renamed.outcome, renamed.format, renamed.runs) == (Outcome.READY, "fit", 1)


def test_a_corrupt_header_fails_on_its_own_checksum():
    data = bytearray((FILES / "run.fit").read_bytes())
    data[4] ^= 0x01  # the announced data size: the header's CRC no longer matches
    result = outcome("run.fit", bytes(data))
    assert (result.outcome, result.reason) == (
        Outcome.FAILED, "the FIT header is corrupt: its checksum (CRC) does not match")
