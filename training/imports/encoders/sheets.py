"""CSV files as Strong, Hevy and Strava write them: for the fixtures, the property tests, the
benchmark and an export other lifting tools can read (Strong's column layout).

Loads and distances are given in the file's own unit, as the apps write them, so a test can
say exactly what the parser must make of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from training.imports.records import SetKind

STRONG_HEADERS = {
    "ios": ("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
            "Distance", "Seconds", "Notes", "Workout Notes", "RPE"),
    "ios_bare": ("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight",
                 "Reps", "Distance", "Seconds", "RPE"),
    "ios_units": ("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight",
                  "Weight Unit", "Reps", "RPE", "Distance", "Distance Unit", "Seconds", "Notes",
                  "Workout Notes"),
    "android": ("Workout #", "Date", "Workout Name", "Duration (sec)", "Exercise Name",
                "Set Order", "Weight ({wu})", "Reps", "RPE", "Distance ({du})", "Seconds",
                "Notes", "Workout Notes"),
}
_LETTER = {SetKind.WARMUP: "W", SetKind.FAILURE: "F", SetKind.DROP: "D"}
_HEVY_TYPE = {SetKind.NORMAL: "normal", SetKind.WARMUP: "warmup", SetKind.FAILURE: "failure",
              SetKind.DROP: "dropset"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class SheetSet:
    exercise: str
    weight: Decimal | None = None  # in the file's unit
    reps: int | None = None
    kind: SetKind = SetKind.NORMAL
    rpe: Decimal | None = None
    seconds: int | None = None
    distance: Decimal | None = None  # in the file's unit
    notes: str = ""


@dataclass(frozen=True)
class SheetWorkout:
    start: dt.datetime  # the athlete's wall clock, naive
    title: str
    sets: tuple[SheetSet, ...]
    duration_s: int | None = None
    notes: str = ""


def number(value: Decimal | int | None, decimal_comma: bool = False) -> str:
    if value is None:
        return ""
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",") if decimal_comma else text


def strong_time(moment: dt.datetime, twelve_hour: bool) -> str:
    if not twelve_hour:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    hour = moment.hour % 12 or 12
    half = "PM" if moment.hour >= 12 else "AM"
    return f"{moment:%Y-%m-%d} {hour}:{moment:%M:%S}\u202f{half}"


def _strong_duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def strong_csv(workouts: Iterable[SheetWorkout], *, variant: str = "ios",
               weight_unit: str = "kg", distance_unit: str = "km", twelve_hour: bool = False,
               decimal_comma: bool = False, rest_timer_s: int | None = None) -> bytes:
    """A Strong export. ``weight_unit``/``distance_unit`` name the units the numbers are in:
    written in the cells (ios_units) or the header (android), or nowhere (ios, ios_bare)."""
    android = variant == "android"
    header = [h.format(wu="lbs" if weight_unit == "lb" else "kg",
                       du={"m": "meters", "km": "km", "mi": "miles"}[distance_unit])
              for h in STRONG_HEADERS[variant]]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if android else ",", lineterminator="\n")
    writer.writerow(header)
    for number_, workout in enumerate(workouts, start=1):
        counts: dict[str, int] = {}
        for entry in workout.sets:
            if entry.kind is SetKind.NORMAL:
                counts[entry.exercise] = counts.get(entry.exercise, 0) + 1
            values = {
                "Workout #": str(number_), "Date": strong_time(workout.start, twelve_hour),
                "Workout Name": workout.title,
                "Duration": _strong_duration(workout.duration_s),
                "Duration (sec)": number(workout.duration_s),
                "Exercise Name": entry.exercise,
                "Set Order": _LETTER.get(entry.kind, str(counts.get(entry.exercise, 0))),
                "Weight": number(entry.weight, decimal_comma), "Weight Unit":
                    ("lbs" if weight_unit == "lb" else "kg") if entry.weight is not None else "",
                "Reps": number(entry.reps), "RPE": number(entry.rpe, decimal_comma),
                "Distance": number(entry.distance, decimal_comma),
                "Distance Unit": distance_unit if entry.distance is not None else "",
                "Seconds": number(entry.seconds), "Notes": entry.notes,
                "Workout Notes": workout.notes,
            }
            writer.writerow([values[_generic(h)] for h in header])
            if rest_timer_s:
                rest = dict.fromkeys(values, "") | {
                    "Date": values["Date"], "Workout Name": workout.title,
                    "Exercise Name": entry.exercise, "Set Order": "Rest Timer",
                    "Seconds": str(rest_timer_s), "Workout #": str(number_)}
                writer.writerow([rest[_generic(h)] for h in header])
    return out.getvalue().encode()


def _generic(name: str) -> str:
    """Android's "Weight (kg)" is the cell iOS calls "Weight"."""
    return name.split(" (")[0] if name.startswith(("Weight (", "Distance (")) else name


def hevy_time(moment: dt.datetime) -> str:
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def hevy_csv(workouts: Iterable[SheetWorkout], *, weight_unit: str = "kg",
             distance_unit: str = "km") -> bytes:
    """A Hevy export: strings quoted, numbers bare, as the app writes them."""
    weight = "weight_lbs" if weight_unit == "lb" else "weight_kg"
    distance = "distance_miles" if distance_unit == "mi" else "distance_km"
    header = ("title", "start_time", "end_time", "description", "exercise_title",
              "superset_id", "exercise_notes", "set_index", "set_type", weight, "reps",
              distance, "duration_seconds", "rpe")
    lines = [",".join(_quoted(h) for h in header)]
    for workout in workouts:
        end = "" if workout.duration_s is None else hevy_time(
            workout.start + dt.timedelta(seconds=workout.duration_s))
        index: dict[str, int] = {}
        for entry in workout.sets:
            position = index[entry.exercise] = index.get(entry.exercise, -1) + 1
            cells = (_quoted(workout.title), _quoted(hevy_time(workout.start)),
                     _quoted(end), _quoted(workout.notes), _quoted(entry.exercise),
                     "", _quoted(entry.notes), str(position), _quoted(_HEVY_TYPE[entry.kind]),
                     number(entry.weight), number(entry.reps), number(entry.distance),
                     number(entry.seconds), number(entry.rpe))
            lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode()


STRAVA_HEADER = (
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Elevation Low", "Elevation High", "Max Grade", "Average Grade",
    "Average Positive Grade", "Average Negative Grade", "Max Cadence", "Average Cadence",
    "Max Heart Rate", "Average Heart Rate", "Max Watts", "Average Watts", "Calories",
    "Max Temperature", "Average Temperature", "Relative Effort", "Total Work",
    "Number of Runs", "Uphill Time", "Downhill Time", "Other Time", "Perceived Exertion")


@dataclass(frozen=True)
class StravaRow:
    activity_id: int
    start: dt.datetime  # UTC
    name: str
    kind: str
    elapsed_s: int
    distance_m: float = 0.0
    moving_s: int | None = None
    avg_hr: int | None = None
    perceived_exertion: int | None = None
    filename: str = ""


def strava_time(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "PM" if moment.hour >= 12 else "AM"
    return (f"{_MONTHS[moment.month - 1]} {moment.day}, {moment.year}, "
            f"{hour}:{moment:%M:%S} {half}")


def strava_activities_csv(rows: Sequence[StravaRow]) -> bytes:
    """Strava's index, its repeated columns included: the first Distance in km (as shown to
    the athlete), the second in metres."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STRAVA_HEADER)
    for row in rows:
        cells = [""] * len(STRAVA_HEADER)
        cells[:7] = [str(row.activity_id), strava_time(row.start), row.name, row.kind, "",
                     str(row.elapsed_s), f"{row.distance_m / 1000:.2f}"]
        cells[12] = row.filename
        cells[15:18] = [f"{row.elapsed_s:.1f}", number(row.moving_s), f"{row.distance_m:.1f}"]
        cells[31] = number(row.avg_hr)
        cells[43] = "" if row.perceived_exertion is None else f"{row.perceived_exertion:.1f}"
        writer.writerow(cells)
    return out.getvalue().encode()
