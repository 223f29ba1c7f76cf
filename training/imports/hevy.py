"""Hevy's CSV export: ``title,start_time,end_time,description,exercise_title,superset_id,
exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe``, with
``weight_lbs`` and ``distance_miles`` instead for an athlete in pounds; times like
"5 Mar 2024, 18:00" on the athlete's wall clock; ``set_type`` warmup, normal, failure or
dropset."""

from __future__ import annotations

from decimal import Decimal

from training.imports.clock import wall_clock
from training.imports.lifts import Workouts, to_kg, to_metres
from training.imports.records import ParsedSet, ParsedStrengthSession, SetKind, whole
from training.imports.sheets import Row, Table

KINDS = {"normal": SetKind.NORMAL, "warmup": SetKind.WARMUP, "failure": SetKind.FAILURE,
         "dropset": SetKind.DROP}
REQUIRED = ("title", "start_time", "exercise_title", "set_type", "reps")


def parse_hevy(table: Table) -> tuple[ParsedStrengthSession, ...]:
    table.require(REQUIRED, "Hevy")
    weight = table.first("weight_kg", "weight_lbs")
    if weight is None:
        table.require(("weight_kg",), "Hevy")
    distance = table.first("distance_km", "distance_miles")
    workouts = Workouts("hevy")
    for row in table.rows:
        start = wall_clock(row, "start_time")
        workout = workouts.get(start, row.get("title"))
        if workout.duration_s is None and row.get("end_time"):
            end = wall_clock(row, "end_time")
            workout.duration_s = whole((end - start).total_seconds()) if end >= start else None
        workout.notes = workout.notes or row.get("description")
        exercise = row.get("exercise_title")
        if not exercise:
            raise row.fail("no exercise name in exercise_title")
        rpe = row.positive("rpe")
        if rpe is not None and rpe > 10:
            raise row.fail(f"{row.get('rpe')!r} is over 10 in rpe")
        seconds = row.whole_number("duration_seconds")
        workout.sets.append(ParsedSet(
            exercise=exercise, order=len(workout.sets) + 1,
            reps=row.whole_number("reps") or None, load_kg=_load(row, weight),
            kind=_kind(row), rpe=rpe, hold_s=seconds or None,
            distance_m=_distance(row, distance), notes=row.get("exercise_notes")))
    return workouts.build()


def _kind(row: Row) -> SetKind:
    text = row.get("set_type").lower()
    if text not in KINDS:
        raise row.fail(f"{row.get('set_type')!r} is not a set type (warmup, normal, failure, "
                       "dropset) in set_type")
    return KINDS[text]


def _load(row: Row, column: str | None) -> Decimal | None:
    value = row.positive(column)
    if value is None or column is None:
        return None
    return to_kg(value, "lb" if column == "weight_lbs" else "kg")


def _distance(row: Row, column: str | None) -> int | None:
    value = row.positive(column)
    if not value or column is None:
        return None
    return to_metres(value, "mi" if column == "distance_miles" else "km")
