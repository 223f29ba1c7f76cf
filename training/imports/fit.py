"""Garmin FIT activity files, decoded by Garmin's own SDK with its CRC check on.

A running session becomes a run (start, elapsed and timer time, distance, average heart
rate, laps); a strength session becomes a strength session from its active ``set`` messages
(rest sets are the pauses between them). Other sports and files that are not activities
(settings, monitoring, workout plans, courses) are skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from garmin_fit_sdk import CrcCalculator, Decoder, Profile, Stream

from training.imports.records import (
    FileFailed,
    FileSkipped,
    ParsedLap,
    ParsedRun,
    ParsedSet,
    ParsedStrengthSession,
    Record,
    kg,
    whole,
)

Message = dict[str, Any]
_NOT_ACTIVITY = {
    "workout": "a workout plan for the watch",
    "course": "a course (a route to follow)",
    "settings": "the watch's settings",
    "monitoring_a": "all-day monitoring",
    "monitoring_b": "all-day monitoring",
    "monitoring_daily": "all-day monitoring",
}


def decode(data: bytes) -> dict[str, list[Message]]:
    """Every message of a FIT file, or FileFailed naming the message where it broke."""
    _check_header(data)
    count = 0

    def counted(_num: int, _message: Message) -> None:
        nonlocal count
        count += 1

    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read(
        mesg_listener=counted, enable_crc_check=True)
    if errors:
        raise _failure(errors[0], count, len(data))
    return messages


def _check_header(data: bytes) -> None:
    size = data[0] if data else 0
    if size not in (12, 14) or len(data) < size + 2 or data[8:12] != b".FIT":
        raise FileFailed("not a FIT file: its header lacks the '.FIT' signature")
    if size == 14:
        stored = int.from_bytes(data[12:14], "little")
        if stored and stored != CrcCalculator.calculate_crc(data, 0, 12):
            raise FileFailed("the FIT header is corrupt: its checksum (CRC) does not match")


def _failure(error: Exception, count: int, size: int) -> FileFailed:
    text = str(error)
    if "CRC Error" in text:
        return FileFailed(f"the file is corrupt: its checksum (CRC) does not match after "
                          f"message {count}", line=count)
    if isinstance(error, IndexError) or "bytes remaining" in text:
        return FileFailed(f"the file is truncated: it ends inside message {count + 1} "
                          f"({size} bytes)", line=count + 1)
    return FileFailed(f"message {count + 1}: the file cannot be decoded ({text})",
                      line=count + 1)


def parse_fit(data: bytes) -> tuple[Record, ...]:
    """The runs and strength sessions of one FIT activity file."""
    messages = decode(data)
    file_ids = messages.get("file_id_mesgs", [])
    if not file_ids:
        raise FileFailed("the file has no file_id message, which every device writes first")
    kind = file_ids[0].get("type")
    if kind != "activity":
        what = _NOT_ACTIVITY.get(str(kind), f"a FIT '{kind}' file")
        raise FileSkipped(f"{what}, not a recorded activity")
    sessions = messages.get("session_mesgs", [])
    if not sessions:
        raise FileFailed("the activity has no session summary (was it saved on the watch?)")
    key = _file_key(file_ids[0], data)
    records: list[Record] = []
    others: list[str] = []
    for index, session in enumerate(sessions):
        session_key = key if len(sessions) == 1 else f"{key}#{index}"
        sport = _sport(session)
        if session.get("sport") == "running":
            records.append(_run(session, session_key, messages.get("lap_mesgs", []), sport))
        elif _is_strength(session, messages):
            records.append(_strength(session, session_key, messages))
        else:
            others.append(sport)
    if not records:
        raise FileSkipped(f"a {', '.join(others)} activity, not a run or a strength workout")
    return tuple(records)


def _file_key(file_id: Message, data: bytes) -> str:
    """Garmin's identity of a file: manufacturer, serial number and time created; a hash of
    the bytes when the device left them out."""
    serial, created = file_id.get("serial_number"), file_id.get("time_created")
    if serial is not None and isinstance(created, dt.datetime):
        return f"fit:{file_id.get('manufacturer')}:{serial}:{created.isoformat()}"
    return "fit:sha256:" + hashlib.sha256(data).hexdigest()


def _sport(session: Message) -> str:
    sport, sub = str(session.get("sport", "generic")), session.get("sub_sport")
    return sport if sub in (None, "generic") else f"{sport}/{sub}"


def _seconds(value: Any) -> int | None:
    return None if value is None else whole(value)


def _start_and_elapsed(session: Message) -> tuple[dt.datetime, int]:
    start = session.get("start_time")
    if not isinstance(start, dt.datetime):
        raise FileFailed("the session has no start time")
    elapsed = session.get("total_elapsed_time")
    if elapsed is None and isinstance(session.get("timestamp"), dt.datetime):
        elapsed = (session["timestamp"] - start).total_seconds()
    if elapsed is None:
        raise FileFailed("the session has no elapsed time")
    return start.astimezone(dt.UTC), whole(elapsed)


def _run(session: Message, key: str, laps: list[Message], sport: str) -> ParsedRun:
    start, elapsed = _start_and_elapsed(session)
    end = start + dt.timedelta(seconds=elapsed)
    own_laps = tuple(
        ParsedLap(start=lap["start_time"].astimezone(dt.UTC),
                  elapsed_s=whole(lap.get("total_elapsed_time") or 0),
                  moving_s=_seconds(lap.get("total_timer_time")),
                  distance_m=_seconds(lap.get("total_distance")),
                  avg_hr=lap.get("avg_heart_rate"))
        for lap in laps
        if isinstance(lap.get("start_time"), dt.datetime) and start <= lap["start_time"] < end)
    return ParsedRun(source="fit", external_key=key, start=start, elapsed_s=elapsed,
                     moving_s=_seconds(session.get("total_timer_time")),
                     distance_m=_seconds(session.get("total_distance")),
                     avg_hr=session.get("avg_heart_rate"), laps=own_laps, sport=sport)


def _is_strength(session: Message, messages: dict[str, list[Message]]) -> bool:
    return session.get("sub_sport") == "strength_training" or (
        session.get("sport") == "training" and bool(messages.get("set_mesgs")))


def _strength(session: Message, key: str, messages: dict[str, list[Message]]
              ) -> ParsedStrengthSession:
    start, elapsed = _start_and_elapsed(session)
    active = [s for s in messages.get("set_mesgs", []) if s.get("set_type") == "active"]
    if not active:
        raise FileSkipped("a strength workout with no sets recorded")
    sets = tuple(_set(message, order) for order, message in enumerate(active, start=1))
    names = [m.get("name") for m in messages.get("sport_mesgs", []) if m.get("name")]
    names += [m.get("wkt_name") for m in messages.get("workout_mesgs", []) if m.get("wkt_name")]
    return ParsedStrengthSession(source="fit", external_key=key, start=start,
                                 title=str(names[0]) if names else "Strength", sets=sets,
                                 duration_s=elapsed)


def _set(message: Message, order: int) -> ParsedSet:
    reps = message.get("repetitions") or None
    weight = message.get("weight")
    duration = message.get("duration")
    return ParsedSet(exercise=exercise_name(message.get("category"),
                                            message.get("category_subtype")),
                     order=order, reps=reps,
                     load_kg=None if weight is None else kg(Decimal(repr(float(weight)))),
                     hold_s=_seconds(duration) if reps is None else None)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _words(snake: str) -> str:
    return " ".join(word.capitalize() for word in snake.split("_"))


def exercise_name(category: Any, subtype: Any) -> str:
    """Garmin's category and subtype as words: SQUAT/BARBELL_BACK_SQUAT -> "Barbell Back
    Squat", a category alone -> "Squat"; the pipeline maps these names to the library."""
    category, subtype = _first(category), _first(subtype)
    if not isinstance(category, str):
        return "Unknown exercise" if category is None else f"Exercise category {category}"
    names: dict[int, str] = Profile["types"].get(f"{category}_exercise_name", {})
    specific = names.get(subtype) if isinstance(subtype, int) else None
    return _words(specific) if specific else _words(category)
