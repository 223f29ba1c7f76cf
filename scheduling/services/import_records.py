"""Parsed records as the rows an import writes, and which of them are already there.

A record becomes a preview row (plain JSON, kept on its ImportFile until confirmed): local
date and start time in the athlete's zone (watches record UTC; Strong and Hevy the athlete's
wall clock), figures checked against the models' bounds so that writing cannot fail halfway.
A row is already there when the athlete has a session of its kind with its key, or one
starting within ten minutes of it (typed by hand, or imported from another source).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from core.dates import MAX_DATE, MIN_DATE
from training.imports import FileOutcome, ParsedRun, ParsedStrengthSession
from training.imports.records import FileFailed
from training.models import Run, RunType, StrengthSession

SAME_SESSION = dt.timedelta(minutes=10)
RUN, STRENGTH = "run", "strength"
Row = dict[str, Any]


def preview_rows(found: FileOutcome, zone: ZoneInfo) -> list[Row]:
    """The rows of a ready file; FileFailed naming the record when one is out of bounds."""
    rows: list[Row] = []
    for number, record in enumerate(found.records, start=1):
        try:
            rows.append(_run(record, zone) if isinstance(record, ParsedRun)
                        else _strength(record, zone))
        except ValueError as error:
            raise FileFailed(f"record {number}: {error}", line=number) from error
    return rows


def _local(start: dt.datetime, is_local: bool, zone: ZoneInfo) -> tuple[str, str]:
    moment = start if is_local else start.astimezone(zone).replace(tzinfo=None)
    if not MIN_DATE <= moment.date() <= MAX_DATE:
        raise ValueError(f"the date {moment.date()} is out of range")
    return moment.date().isoformat(), moment.time().replace(microsecond=0).isoformat()


def _run(run: ParsedRun, zone: ZoneInfo) -> Row:
    date, time = _local(run.start, run.start_is_local, zone)
    seconds = run.moving_s or run.elapsed_s
    if run.distance_m is not None and run.distance_m > 500_000:
        raise ValueError(f"a run of {run.distance_m} m is over the 500 km a run may be")
    if seconds > 7 * 86_400:
        raise ValueError(f"a run of {seconds} s is over a week long")
    rpe = run.perceived_exertion if run.perceived_exertion and 1 <= run.perceived_exertion <= 10 \
        else None
    notes = " · ".join(part for part in (
        run.name, "" if run.sport in ("running", "Run") else run.sport,
        f"avg HR {run.avg_hr}" if run.avg_hr else "") if part)
    return {"kind": RUN, "key": run.external_key[:120], "date": date, "time": time,
            "run_type": RunType.RACE if "race" in run.sport.lower() else RunType.EASY,
            "distance_m": run.distance_m or None, "duration_s": seconds or None, "rpe": rpe,
            "notes": notes}


def _strength(session: ParsedStrengthSession, zone: ZoneInfo) -> Row:
    date, time = _local(session.start, session.start_is_local, zone)
    minutes = None if session.duration_s is None else round(session.duration_s / 60)
    if minutes is not None and minutes > 600:
        raise ValueError(f"a strength session of {minutes} min is over 10 hours")
    sets = []
    for item in session.sets:
        load = item.load_kg or Decimal(0)
        if load > 1000:
            raise ValueError(f"{item.exercise}: {load} kg is over 1000 kg")
        reps = item.reps or (1 if item.hold_s or item.distance_m else None)
        if reps is None:
            continue  # a set with nothing done in it: no reps, no hold, no distance
        sets.append([item.exercise, reps, str(load), item.is_warmup, item.rir, item.hold_s])
    return {"kind": STRENGTH, "key": session.external_key[:120], "date": date, "time": time,
            "duration_min": minutes, "title": session.title[:120], "notes": session.notes,
            "sets": sets}


class Seen:
    """The athlete's sessions of one kind that a row may already be: their keys and their
    local starts, from the database and from the rows accepted so far."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.starts: dict[dt.date, list[dt.datetime]] = defaultdict(list)
        self.loaded: set[dt.date] = set()

    def add(self, key: str | None, date: dt.date, time: dt.time | None) -> None:
        if key:
            self.keys.add(key)
        if time is not None:
            self.starts[date].append(dt.datetime.combine(date, time))

    def has(self, row: Row) -> bool:
        if row["key"] in self.keys:
            return True
        start = dt.datetime.fromisoformat(f"{row['date']}T{row['time']}")
        return any(abs(other - start) <= SAME_SESSION
                   for day in (start.date() - dt.timedelta(days=1), start.date(),
                               start.date() + dt.timedelta(days=1))
                   for other in self.starts.get(day, ()))


class Known:
    """What the athlete already has, read once per date range of a file (two queries)."""

    def __init__(self, athlete_id: int) -> None:
        self.athlete_id = athlete_id
        self.seen = {RUN: Seen(), STRENGTH: Seen()}

    def load(self, rows: Iterable[Row]) -> None:
        for kind, model in ((RUN, Run), (STRENGTH, StrengthSession)):
            seen = self.seen[kind]
            days = {dt.date.fromisoformat(r["date"]) for r in rows if r["kind"] == kind}
            days = {d + dt.timedelta(days=k) for d in days for k in (-1, 0, 1)} - seen.loaded
            if not days:
                continue
            found = model.objects.filter(  # type: ignore[attr-defined]
                athlete_id=self.athlete_id, date__gte=min(days), date__lte=max(days),
            ).values_list("external_key", "date", "start_time")
            for key, date, time in found:
                if date not in seen.loaded:
                    seen.add(key, date, time)
            seen.loaded |= days

    def split(self, rows: list[Row]) -> tuple[list[Row], list[Row]]:
        """The rows to write and the rows already there (each new row counts as there for
        the rows after it: a file or an upload that holds one session twice)."""
        self.load(rows)
        new: list[Row] = []
        there: list[Row] = []
        for row in rows:
            seen = self.seen[row["kind"]]
            if seen.has(row):
                there.append(row)
                continue
            new.append(row)
            seen.add(row["key"], dt.date.fromisoformat(row["date"]),
                     dt.time.fromisoformat(row["time"]))
        return new, there


def counts(rows: Iterable[Row]) -> dict[str, int]:
    out = {"runs": 0, "strength_sessions": 0}
    for row in rows:
        out["runs" if row["kind"] == RUN else "strength_sessions"] += 1
    return out
