"""Any Strong or Hevy file parses to the sets it was written with, loads exact to 0.01 kg,
and parsing it again gives the same keys (the pipeline's "import twice = import once")."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.plates import IMPERIAL, METRIC
from tests.training.imports_support import outcome
from training.imports import Outcome, ParsedSet, ParsedStrengthSession, SetKind
from training.imports.encoders.sheets import SheetSet, SheetWorkout, hevy_csv, strong_csv

ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 ,;\"'()-/é&"))
names = st.text(ALPHABET, min_size=1, max_size=24).map(str.strip).filter(bool)
loads = st.decimals(min_value=0, max_value=600, places=2)
sets = st.builds(
    SheetSet, exercise=names, weight=st.none() | loads,
    reps=st.none() | st.integers(1, 50), kind=st.sampled_from(list(SetKind)),
    rpe=st.none() | st.sampled_from([Decimal(n) / 2 for n in range(12, 21)]),
    seconds=st.none() | st.integers(1, 600),
    distance=st.none() | st.decimals(min_value=Decimal("0.001"), max_value=5, places=3),
    notes=st.just("") | names)
starts = st.datetimes(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2030, 12, 31))
workouts = st.lists(
    st.builds(SheetWorkout, start=starts, title=names, sets=st.lists(sets, min_size=1,
                                                                     max_size=8).map(tuple),
              duration_s=st.none() | st.integers(1, 240).map(lambda m: m * 60),
              notes=st.just("") | names),
    min_size=1, max_size=4, unique_by=lambda w: (w.start.replace(second=0), w.title))


# Spelled out here rather than taken from the parser, so that the test checks it.
LB = Decimal("0.45359237")
METRES = {"km": Decimal(1000), "mi": Decimal("1609.344")}


def kilograms(load: Decimal, unit: str) -> Decimal:
    return (load * (LB if unit == "lb" else 1)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def metres(distance: Decimal, unit: str) -> int:
    return int((distance * METRES[unit]).quantize(Decimal(1), ROUND_HALF_UP))


def expected(workout: SheetWorkout, weight_unit: str, distance_unit: str, notes: bool
             ) -> list[ParsedSet]:
    return [ParsedSet(
        exercise=s.exercise, order=order, reps=s.reps,
        load_kg=None if s.weight is None else kilograms(s.weight, weight_unit), kind=s.kind,
        rpe=s.rpe, hold_s=s.seconds,
        distance_m=None if s.distance is None else metres(s.distance, distance_unit),
        notes=s.notes if notes else "") for order, s in enumerate(workout.sets, start=1)]


def check(data: bytes, written: list[SheetWorkout], units: str, weight_unit: str,
          distance_unit: str, *, notes: bool = True, minutes_only: bool = False) -> None:
    result = outcome("generated.csv", data, units=units)
    assert result.outcome is Outcome.READY, result.reason
    parsed = [r for r in result.records if isinstance(r, ParsedStrengthSession)]
    assert len(parsed) == len(written)
    for session, workout in zip(parsed, written, strict=True):
        start = workout.start.replace(microsecond=0)
        assert session.start == (start.replace(second=0) if minutes_only else start)
        assert session.title == workout.title
        assert session.duration_s == workout.duration_s
        assert list(session.sets) == expected(workout, weight_unit, distance_unit, notes)
    again = outcome("generated.csv", data, units=units)
    assert [r.external_key for r in again.records] == [r.external_key for r in parsed]
    assert len({r.external_key for r in parsed}) == len(parsed)


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(written=workouts, pounds=st.booleans(), twelve_hour=st.booleans(),
       variant=st.sampled_from(["ios", "ios_bare", "ios_units", "android"]),
       decimal_comma=st.booleans(), rest=st.none() | st.integers(30, 180))
def test_any_strong_file_parses_to_the_sets_it_was_written_with(written, pounds, twelve_hour,
                                                                 variant, decimal_comma, rest):
    weight_unit, distance_unit = ("lb", "mi") if pounds else ("kg", "km")
    android = variant == "android"
    data = strong_csv(written, variant=variant, weight_unit=weight_unit,
                      distance_unit=distance_unit, twelve_hour=twelve_hour and not android,
                      decimal_comma=decimal_comma and android, rest_timer_s=rest)
    # a file without units is read in the athlete's: here the ones it was written in
    check(data, written, IMPERIAL if pounds else METRIC, weight_unit, distance_unit,
          notes=variant != "ios_bare")


@FAST
@given(written=workouts, pounds=st.booleans())
def test_any_hevy_file_parses_to_the_sets_it_was_written_with(written, pounds):
    weight_unit, distance_unit = ("lb", "mi") if pounds else ("kg", "km")
    data = hevy_csv(written, weight_unit=weight_unit, distance_unit=distance_unit)
    check(data, written, METRIC, weight_unit, distance_unit, minutes_only=True)
