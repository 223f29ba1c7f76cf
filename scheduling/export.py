"""Everything of an athlete as one zip archive, readable by other tools and by our own import:

- ``strength.csv``: every set in Strong's column layout (iOS, with its unit columns), so
  another lifting app, or this one for another athlete, reads it back;
- ``runs.csv``: every run in the layout of Strava's ``activities.csv`` (its start in UTC);
- ``plans.json``: the planned sessions with their prescriptions, races and phases;
- ``findings.json``: the coach engine's findings.

A read (the athlete in the user's scope is checked by the caller's scoped getter). The
archive is written to a temporary file and the rows are read in chunks, so memory stays flat
with the history's size. A session with no start time is written at the time RULES.md takes
for it (runs 07:00, strength 17:30): the formats need one.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch

from athletes.models import AthleteProfile
from scheduling.models import Finding, PhaseBlock, PlannedSession, Prescription, Race
from training.imports.encoders.sheets import (
    SheetSet,
    SheetWorkout,
    StravaRow,
    strava_activities_csv,
    strong_csv,
)
from training.imports.records import SetKind
from training.models import Run, StrengthSession, StrengthSet

CHUNK = 500
RUN_START = dt.time(7, 0)
STRENGTH_START = dt.time(17, 30)


def _sheet_set(row: StrengthSet) -> SheetSet:
    kind = (SetKind.WARMUP if row.is_warmup else
            SetKind.FAILURE if row.rir == 0 else SetKind.NORMAL)
    rpe = None if row.rir is None or row.rir == 0 else Decimal(10 - row.rir)
    return SheetSet(exercise=row.exercise.name, weight=row.load_kg.normalize()
                    if row.load_kg else Decimal(0), reps=row.reps, kind=kind, rpe=rpe,
                    seconds=row.hold_s)


def _workouts(athlete: AthleteProfile) -> Iterator[SheetWorkout]:
    sets = StrengthSet.objects.select_related("exercise").order_by("order", "id")
    sessions = (StrengthSession.objects.filter(athlete=athlete).order_by("date", "start_time",
                                                                          "id")
                .prefetch_related(Prefetch("sets", queryset=sets)))
    for session in sessions.iterator(chunk_size=CHUNK):
        start = dt.datetime.combine(session.date, session.start_time or STRENGTH_START)
        yield SheetWorkout(start=start, title=session.title or "Strength",
                           sets=tuple(_sheet_set(s) for s in session.sets.all()),
                           duration_s=None if session.duration_min is None
                           else session.duration_min * 60, notes=session.notes)


def _runs(athlete: AthleteProfile) -> Iterator[StravaRow]:
    zone = ZoneInfo(athlete.timezone)
    for run in Run.objects.filter(athlete=athlete).order_by("date", "start_time", "id"
                                                             ).iterator(chunk_size=CHUNK):
        local = dt.datetime.combine(run.date, run.start_time or RUN_START, tzinfo=zone)
        yield StravaRow(activity_id=run.pk, start=local.astimezone(dt.UTC), name=run.notes,
                        kind="Run", elapsed_s=run.duration_s or 0,
                        distance_m=float(run.distance_m or 0), moving_s=run.duration_s,
                        perceived_exertion=run.rpe)


def _plans(athlete: AthleteProfile) -> dict[str, Any]:
    lines = Prescription.objects.select_related("exercise").order_by("order", "id")
    planned = (PlannedSession.objects.filter(athlete=athlete).order_by("date", "order", "id")
               .prefetch_related(Prefetch("prescription", queryset=lines)))
    return {
        "planned_sessions": [
            {"id": p.pk, "date": p.date, "start_time": p.start_time, "kind": p.kind,
             "run_type": p.run_type, "intensity": p.intensity, "duration_min": p.duration_min,
             "distance_m": p.distance_m, "planned_rpe": p.planned_rpe, "title": p.title,
             "notes": p.notes, "logged_strength": p.logged_strength_id,
             "logged_run": p.logged_run_id,
             "prescription": [
                 {"exercise": line.exercise.slug, "sets": line.sets, "reps_min": line.reps_min,
                  "reps_max": line.reps_max, "load_kg": line.load_kg,
                  "pct_e1rm": line.pct_e1rm, "rir": line.rir,
                  "ground_contacts": line.ground_contacts}
                 for line in p.prescription.all()]}
            for p in planned.iterator(chunk_size=CHUNK)],
        "races": list(Race.objects.filter(athlete=athlete).values(
            "id", "name", "date", "start_time", "distance_m", "priority")),
        "phases": list(PhaseBlock.objects.filter(athlete=athlete).values(
            "phase", "start", "end", "auto")),
    }


def _findings(athlete: AthleteProfile) -> list[dict[str, Any]]:
    return list(Finding.objects.filter(athlete=athlete).order_by("first_date", "id").values(
        "id", "rule", "severity", "status", "title", "explanation", "suggestion", "sessions",
        "dates", "first_seen", "last_seen"))


def _json(data: Any) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=1, ensure_ascii=False)


def athlete_export(*, athlete: AthleteProfile) -> IO[bytes]:
    """The archive, as a temporary file positioned at its start (the caller closes it)."""
    out = tempfile.TemporaryFile()  # noqa: SIM115  (handed to the response, which closes it)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("strength.csv", strong_csv(_workouts(athlete), variant="ios_units"))
        archive.writestr("runs.csv", strava_activities_csv(list(_runs(athlete))))
        archive.writestr("plans.json", _json(_plans(athlete)))
        archive.writestr("findings.json", _json(_findings(athlete)))
    out.seek(0)
    return out
