"""Strong's CSV in the variants it has shipped, and Hevy's: sets as written, loads in kg."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from core.plates import IMPERIAL, METRIC
from tests.training.fixtures.make_fixtures import WORKOUTS
from tests.training.imports_support import outcome
from training.imports import Outcome, ParsedSet, ParsedStrengthSession, SetKind
from training.imports.encoders.sheets import SheetSet, SheetWorkout, hevy_csv, strong_csv

KM, MI = Decimal(1000), Decimal("1609.344")


def kg_from_pounds(pounds: Decimal) -> Decimal:
    """Spelled out here, so that the test checks the parser's own conversion."""
    return (pounds * Decimal("0.45359237")).quantize(Decimal("0.01"), ROUND_HALF_UP)


def expected_sets(workout: SheetWorkout, *, pounds: bool = False, per: Decimal = KM,
                  notes: bool = True) -> list[ParsedSet]:
    """What the parser must make of the fixture's sets, written in the file's units."""
    return [ParsedSet(
        exercise=s.exercise, order=order, reps=s.reps,
        load_kg=None if s.weight is None else (
            kg_from_pounds(s.weight) if pounds else s.weight.quantize(Decimal("0.01"))),
        kind=s.kind, rpe=s.rpe, hold_s=s.seconds,
        distance_m=None if s.distance is None else int(s.distance * per + Decimal("0.5")),
        notes=s.notes if notes else "") for order, s in enumerate(workout.sets, start=1)]


def sessions(name: str, data: bytes | None = None, **options: object
             ) -> list[ParsedStrengthSession]:
    result = outcome(name, data, **options)
    assert result.outcome is Outcome.READY, result.reason
    assert all(isinstance(r, ParsedStrengthSession) for r in result.records)
    return list(result.records)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "pounds", "per", "notes", "assumed"), [
    ("strong_ios.csv", False, KM, True, METRIC),  # 12-hour, rest timers, no unit anywhere
    ("strong_ios_bare.csv", False, KM, False, METRIC),  # no Notes, no Workout Notes
    ("strong_ios_units.csv", True, MI, True, None),  # Weight Unit lbs, Distance Unit mi
    ("strong_android.csv", False, KM, True, None),  # semicolons, decimal commas, kg header
    ("hevy_kg.csv", False, KM, True, None),
    ("hevy_lbs.csv", True, MI, True, None),
])
def test_every_variant_gives_the_sets_as_written(name, pounds, per, notes, assumed):
    result = outcome(name)
    assert result.assumed_units == assumed
    found = sessions(name)
    assert [s.title for s in found] == ["Legs, heavy", "Upper"]
    for session, workout in zip(found, WORKOUTS, strict=True):
        assert list(session.sets) == expected_sets(workout, pounds=pounds, per=per, notes=notes)
        assert session.start_is_local and session.start.tzinfo is None
        assert session.duration_s == workout.duration_s


def test_strong_keeps_the_wall_clock_to_the_second_and_hevy_to_the_minute():
    assert sessions("strong_ios.csv")[0].start == dt.datetime(2024, 3, 5, 18, 4, 22)
    assert sessions("hevy_kg.csv")[0].start == dt.datetime(2024, 3, 5, 18, 4)


def test_pounds_become_kilograms_exactly_to_the_hundredth():
    legs = sessions("strong_ios_units.csv")[0]
    assert [s.load_kg for s in legs.sets[:3]] == [Decimal("27.22"), Decimal("46.49"),
                                                  Decimal("46.49")]
    hevy = sessions("hevy_lbs.csv")[0]
    assert hevy.sets[1].load_kg == Decimal("46.49")  # 102.5 lb = 46.4932179 kg


def test_a_strong_file_without_a_unit_is_read_in_the_athletes_units_and_says_so():
    result = outcome("strong_ios.csv", units=IMPERIAL)
    assert result.assumed_units == IMPERIAL
    assert result.reason == ("the file does not say its units: loads and distances read in lb "
                             "and miles")
    legs = result.records[0]
    assert isinstance(legs, ParsedStrengthSession)
    assert legs.sets[1].load_kg == kg_from_pounds(Decimal("102.5"))
    assert legs.sets[6].distance_m == 32  # 0.02 mi


def test_a_file_with_only_bodyweight_sets_assumes_no_unit():
    data = strong_csv([SheetWorkout(dt.datetime(2024, 3, 1, 7, 0), "Calisthenics", (
        SheetSet("Pull Up", Decimal(0), 8),))])
    assert outcome("bodyweight.csv", data).assumed_units is None


def test_set_kinds_give_warm_ups_and_reps_in_reserve():
    legs = sessions("strong_ios.csv")[0]
    assert [s.kind for s in legs.sets[:5]] == [SetKind.WARMUP, SetKind.NORMAL, SetKind.FAILURE,
                                               SetKind.NORMAL, SetKind.DROP]
    assert [s.is_warmup for s in legs.sets[:2]] == [True, False]
    # RPE 8 leaves 2 in reserve, a set to failure none, RPE 7.5 no whole number
    assert [s.rir for s in legs.sets[1:4]] == [2, 0, None]


def test_the_same_file_gives_the_same_keys_and_another_workout_another_key():
    first, second = sessions("strong_ios.csv"), sessions("strong_ios.csv")
    assert [s.external_key for s in first] == [s.external_key for s in second]
    assert first[0].external_key != first[1].external_key


@pytest.mark.parametrize(("text", "moment"), [
    ("2024-03-05 18:04:22", dt.datetime(2024, 3, 5, 18, 4, 22)),
    ("2024-03-05 6:04:22\u202fPM", dt.datetime(2024, 3, 5, 18, 4, 22)),
    ("2024-03-05 12:30:00 AM", dt.datetime(2024, 3, 5, 0, 30)),
    ("2024-03-05 12:30:00 PM", dt.datetime(2024, 3, 5, 12, 30)),
    ("2024-03-05 7:05", dt.datetime(2024, 3, 5, 7, 5)),
])
def test_strong_dates_in_24_and_12_hour_forms(text, moment):
    data = f"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n{text},A,Squat,1,100,5\n"
    assert sessions("times.csv", data.encode())[0].start == moment


def test_a_bad_number_fails_the_whole_file_with_its_line():
    result = outcome("broken/bad_number_line57.csv")
    assert (result.outcome, result.reason, result.line) == (
        Outcome.FAILED, "line 57: 'abc' is not a number in Weight", 57)
    assert result.records == ()


@pytest.mark.parametrize(("row", "reason"), [
    ("2024-03-05 18:00:00,A,Squat,X,100,5", "line 3: 'X' is not a set order (a number, W, F, D "
                                            "or Rest Timer) in Set Order"),
    ("2024-03-05 18:00:00,A,Squat,1,-20,5", "line 3: '-20' is below zero in Weight"),
    ("2024-03-05 18:00:00,A,Squat,1,100,5.5", "line 3: '5.5' is not a whole number in Reps"),
    ("yesterday,A,Squat,1,100,5", "line 3: 'yesterday' is not a date and time in Date"),
    ("2024-02-30 18:00:00,A,Squat,1,100,5", "line 3: '2024-02-30 18:00:00' is not a date and "
                                            "time in Date"),
    ("2024-03-05 18:00:00,A,,1,100,5", "line 3: no exercise name in Exercise Name"),
])
def test_a_bad_row_fails_the_file_and_says_why(row, reason):
    data = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
            f"2024-03-05 18:00:00,A,Squat,1,100,5\n{row}\n")
    result = outcome("bad.csv", data.encode())
    assert (result.outcome, result.reason, result.records) == (Outcome.FAILED, reason, ())


def test_a_quoted_field_over_two_lines_keeps_the_next_rows_line_numbers():
    data = ('Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Notes\n'
            '2024-03-05 18:00:00,A,Squat,1,100,5,"deep\nand slow"\n'
            '2024-03-05 18:00:00,A,Squat,2,x,5,\n')
    assert outcome("multiline.csv", data.encode()).reason == ("line 4: 'x' is not a number in "
                                                              "Weight")


def test_a_strong_header_without_reps_fails_on_line_1():
    data = b"Date,Workout Name,Exercise Name,Set Order,Weight\n2024-03-05 18:00:00,A,Squat,1,100\n"
    result = outcome("noreps.csv", data)
    assert (result.outcome, result.reason, result.line) == (
        Outcome.FAILED, "line 1: Strong's header lacks the column 'Reps'", 1)


def test_a_csv_of_another_app_fails_with_its_header_in_the_reason():
    result = outcome("other.csv", b"date,exercise,kg,reps\n2024-03-05,Squat,100,5\n")
    assert (result.outcome, result.line) == (Outcome.FAILED, 1)
    assert result.reason == ("a CSV whose header ('date,exercise,kg,reps') is neither Strong's, "
                             "Hevy's nor Strava's activities.csv")


def test_a_file_of_rest_timers_only_is_skipped():
    data = b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Seconds\n" \
           b"2024-03-05 18:00:00,A,Squat,Rest Timer,,,90\n"
    result = outcome("rest.csv", data)
    assert (result.outcome, result.reason) == (Outcome.SKIPPED, "the file holds no workout")


def test_hevy_set_types_and_a_bad_one():
    found = sessions("hevy_kg.csv")
    assert [s.kind for s in found[0].sets] == [s.kind for s in WORKOUTS[0].sets]
    data = hevy_csv(WORKOUTS).replace(b'"dropset"', b'"giant"')
    result = outcome("hevy.csv", data)
    assert result.reason == ("line 6: 'giant' is not a set type (warmup, normal, failure, "
                             "dropset) in set_type")


def test_text_that_is_not_utf8_fails_with_its_line():
    data = b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n" + \
        "2024-03-05 18:00:00,Jambes,Squat \u00e0 la barre,1,100,5\n".encode("latin-1")
    result = outcome("latin.csv", data)
    assert (result.outcome, result.reason) == (Outcome.FAILED, "line 2: the file is not UTF-8 text")
