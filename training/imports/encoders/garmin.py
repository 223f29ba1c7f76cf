"""FIT files written with Garmin's own encoder (garmin-fit-sdk), laid out as a watch saves
them: file_id, a timer-start event, records, laps, then the session and activity summaries;
a strength workout's sets alternate active and rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from garmin_fit_sdk import Encoder, Profile

MESG = Profile["mesg_num"]
SEMICIRCLES_PER_DEGREE = 2**31 / 180
M_PER_DEGREE = 111_195.08  # along a meridian, on the sphere the parser uses


@dataclass(frozen=True)
class Lap:
    seconds: int
    metres: float
    avg_hr: int = 150


@dataclass(frozen=True)
class Lift:
    category: str  # Garmin's exercise category, e.g. "squat"
    subtype: str | None  # its exercise name, e.g. "barbell_back_squat"
    reps: int | None
    weight_kg: float | None
    seconds: float = 40.0


def _file_id(encoder: Encoder, kind: str, start: dt.datetime, serial: int) -> None:
    encoder.write_mesg({"mesg_num": MESG["FILE_ID"], "type": kind, "manufacturer": "garmin",
                        "product": 4315, "serial_number": serial, "time_created": start})


def fit_run(start: dt.datetime, laps: Sequence[Lap], *, serial: int = 3_900_000_001,
            sport: str = "running", sub_sport: str = "generic", pause_s: int = 0,
            record_every_s: int = 5) -> bytes:
    """A recorded activity; ``pause_s`` of stop after the first lap makes the elapsed time
    longer than the timer time, as a watch counts them."""
    encoder = Encoder()
    _file_id(encoder, "activity", start, serial)
    encoder.write_mesg({"mesg_num": MESG["EVENT"], "timestamp": start, "event": "timer",
                        "event_type": "start"})
    clock, done = start, 0.0
    lap_messages = []
    for index, lap in enumerate(laps):
        lap_start = clock
        for second in range(0, lap.seconds + 1, record_every_s):
            metres = done + lap.metres * second / lap.seconds
            encoder.write_mesg({
                "mesg_num": MESG["RECORD"], "timestamp": lap_start + dt.timedelta(seconds=second),
                "position_lat": round((45 + metres / M_PER_DEGREE) * SEMICIRCLES_PER_DEGREE),
                "position_long": round(6 * SEMICIRCLES_PER_DEGREE), "distance": metres,
                "heart_rate": lap.avg_hr})
        done += lap.metres
        clock = lap_start + dt.timedelta(seconds=lap.seconds)
        lap_messages.append({
            "mesg_num": MESG["LAP"], "message_index": index, "timestamp": clock,
            "start_time": lap_start, "total_elapsed_time": float(lap.seconds),
            "total_timer_time": float(lap.seconds), "total_distance": lap.metres,
            "avg_heart_rate": lap.avg_hr})
        if index == 0 and pause_s:
            clock += dt.timedelta(seconds=pause_s)
    for message in lap_messages:
        encoder.write_mesg(message)
    timer = sum(lap.seconds for lap in laps)
    avg_hr = round(sum(lap.avg_hr * lap.seconds for lap in laps) / timer)
    _summaries(encoder, start, clock, sport, sub_sport, timer, {
        "total_distance": done, "avg_heart_rate": avg_hr, "num_laps": len(laps)})
    return encoder.close()


def _summaries(encoder: Encoder, start: dt.datetime, end: dt.datetime, sport: str,
               sub_sport: str, timer: float, extra: dict[str, object]) -> None:
    elapsed = (end - start).total_seconds()
    encoder.write_mesg({"mesg_num": MESG["SESSION"], "message_index": 0, "timestamp": end,
                        "start_time": start, "total_elapsed_time": elapsed,
                        "total_timer_time": float(timer), "sport": sport,
                        "sub_sport": sub_sport, **extra})
    encoder.write_mesg({"mesg_num": MESG["ACTIVITY"], "timestamp": end, "num_sessions": 1,
                        "type": "manual", "total_timer_time": float(timer)})


def subtype_number(category: str, subtype: str) -> int:
    names = Profile["types"][f"{category}_exercise_name"]
    return next(number for number, name in names.items() if name == subtype)


def fit_strength(start: dt.datetime, lifts: Sequence[Lift], *, serial: int = 3_900_000_002,
                 rest_s: int = 90, name: str | None = None) -> bytes:
    """A strength workout: an active set per lift, each followed by a rest set."""
    encoder = Encoder()
    _file_id(encoder, "activity", start, serial)
    if name:
        encoder.write_mesg({"mesg_num": MESG["SPORT"], "sport": "training",
                            "sub_sport": "strength_training", "name": name})
    clock, index = start, 0
    for lift in lifts:
        active = {"mesg_num": MESG["SET"], "message_index": index, "start_time": clock,
                  "timestamp": clock + dt.timedelta(seconds=lift.seconds),
                  "duration": lift.seconds, "set_type": "active", "category": [lift.category],
                  "category_subtype": [subtype_number(lift.category, lift.subtype)
                                       if lift.subtype else 65535]}
        if lift.reps is not None:
            active["repetitions"] = lift.reps
        if lift.weight_kg is not None:
            active["weight"] = lift.weight_kg
        encoder.write_mesg(active)
        clock += dt.timedelta(seconds=lift.seconds)
        encoder.write_mesg({"mesg_num": MESG["SET"], "message_index": index + 1,
                            "start_time": clock, "timestamp": clock + dt.timedelta(seconds=rest_s),
                            "duration": float(rest_s), "set_type": "rest"})
        clock += dt.timedelta(seconds=rest_s)
        index += 2
    timer = sum(lift.seconds for lift in lifts)
    _summaries(encoder, start, clock, "training", "strength_training", timer, {})
    return encoder.close()


def fit_not_activity(kind: str, created: dt.datetime, *, serial: int = 3_900_000_003) -> bytes:
    """A file a watch keeps that is not an activity (settings, monitoring, a workout plan)."""
    encoder = Encoder()
    _file_id(encoder, kind, created, serial)
    if kind == "workout":
        encoder.write_mesg({"mesg_num": MESG["WORKOUT"], "wkt_name": "Intervals",
                            "sport": "running", "num_valid_steps": 1})
    elif kind == "settings":
        encoder.write_mesg({"mesg_num": MESG["USER_PROFILE"], "weight": 70.0, "gender": "female"})
    return encoder.close()
