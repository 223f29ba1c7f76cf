"""Strong's CSV export, in the variants it has shipped:

- iOS, commas: ``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,
  Seconds,Notes,Workout Notes,RPE`` (no unit anywhere: the loads are in the app's unit, so
  the athlete's units are assumed and the outcome says so), with or without the notes;
- iOS with units: ``...,Weight,Weight Unit,Reps,RPE,Distance,Distance Unit,Seconds,...``;
- Android, semicolons: ``Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;
  Weight (kg);Reps;RPE;Distance (meters);Seconds;Notes;Workout Notes`` (the unit in the
  column's name, decimal commas).

Times are the athlete's wall clock, 24- or 12-hour. ``Set Order`` is the set's number, or W
(warm-up), F (to failure), D (drop set); "Rest Timer" rows are skipped.
"""

from __future__ import annotations

from decimal import Decimal

from training.imports.clock import duration_s, wall_clock
from training.imports.lifts import M_PER, Workouts, to_kg, to_metres
from training.imports.records import ParsedSet, ParsedStrengthSession, SetKind
from training.imports.sheets import Row, Table

POUNDS = {"lb", "lbs", "pounds"}
KILOS = {"kg", "kgs", "kilograms"}
KINDS = {"W": SetKind.WARMUP, "F": SetKind.FAILURE, "D": SetKind.DROP}
REQUIRED = ("Date", "Workout Name", "Exercise Name", "Set Order", "Reps")
WEIGHTS = ("Weight", "Weight (kg)", "Weight (lbs)", "Weight (lb)")
DISTANCES = ("Distance", "Distance (meters)", "Distance (km)", "Distance (miles)")


def parse_strong(table: Table, units: str) -> tuple[tuple[ParsedStrengthSession, ...], bool]:
    """The sessions of a Strong export and whether the athlete's units were assumed."""
    table.require(REQUIRED, "Strong")
    weight = table.first(*WEIGHTS)
    if weight is None:
        table.require(("Weight",), "Strong")
    distance = table.first(*DISTANCES)
    duration = table.first("Duration", "Duration (sec)")
    workouts = Workouts("strong", units)
    for row in table.rows:
        order_text = row.get("Set Order")
        if order_text.lower() == "rest timer":
            continue
        kind = _kind(row, order_text)
        workout = workouts.get(wall_clock(row, "Date"), row.get("Workout Name"))
        workout.duration_s = workout.duration_s or duration_s(row, duration)
        workout.notes = workout.notes or row.get("Workout Notes")
        exercise = row.get("Exercise Name")
        if not exercise:
            raise row.fail("no exercise name in Exercise Name")
        reps, seconds = row.whole_number("Reps"), row.whole_number("Seconds")
        rpe = row.positive("RPE")
        if rpe is not None and rpe > 10:
            raise row.fail(f"{row.get('RPE')!r} is over 10 in RPE")
        workout.sets.append(ParsedSet(
            exercise=exercise, order=len(workout.sets) + 1, reps=reps or None,
            load_kg=_load(row, weight, workouts), kind=kind, rpe=rpe,
            hold_s=seconds or None, distance_m=_distance(row, distance, workouts),
            notes=row.get("Notes")))
    return workouts.build(), workouts.assumed


def _kind(row: Row, text: str) -> SetKind:
    if text.isdigit() or text == "":
        return SetKind.NORMAL
    if text.upper() in KINDS:
        return KINDS[text.upper()]
    raise row.fail(f"{text!r} is not a set order (a number, W, F, D or Rest Timer) in Set Order")


def _weight_unit(row: Row, column: str) -> str | None:
    """'lb' or 'kg' from the column's name or the row's Weight Unit; None when neither says."""
    name = column.lower()
    if "(kg)" in name:
        return "kg"
    if "(lb" in name:
        return "lb"
    unit = row.get("Weight Unit").lower()
    if unit in POUNDS:
        return "lb"
    if unit in KILOS:
        return "kg"
    if unit:
        raise row.fail(f"{row.get('Weight Unit')!r} is not a weight unit in Weight Unit")
    return None


def _load(row: Row, column: str | None, workouts: Workouts) -> Decimal | None:
    value = row.positive(column)
    if value is None or column is None:
        return None
    unit = _weight_unit(row, column)
    if unit is None:
        unit = workouts.default_weight_unit() if value else "kg"
    return to_kg(value, unit)


def _distance(row: Row, column: str | None, workouts: Workouts) -> int | None:
    value = row.positive(column)
    if not value or column is None:
        return None
    inside = column[column.find("(") + 1:column.find(")")].lower() if "(" in column else ""
    unit = inside or row.get("Distance Unit").lower()
    if unit and unit not in M_PER:
        raise row.fail(f"{unit!r} is not a distance unit in {column}")
    return to_metres(value, unit or workouts.default_distance_unit())
