"""Load athletes' check windows from the database into engine inputs, a chunk at a time.

One chunk of athletes costs a fixed number of queries whatever its size or the number of
sessions: each table is read once for the whole chunk (as plain tuples, no model instances),
then split per athlete in Python. The on-change check and the nightly pass both come here,
so they never disagree about a finding.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Q

from athletes.models import AthleteProfile, Availability
from scheduling import engine
from scheduling.models import PhaseBlock, PlannedSession, Prescription, Race
from training.metrics import SetFact, current_e1rm
from training.models import Exercise, Run, StrengthSession, StrengthSet

LOOK_BACK = dt.timedelta(days=14)  # the window: the last 14 days logged ...
LOOK_AHEAD = dt.timedelta(days=13)  # ... and the next 14 days planned (today included)
HISTORY = dt.timedelta(weeks=8)  # what the context needs before the window's start


@dataclass
class Window:
    """One athlete's check window and the engine inputs built for it."""

    athlete_id: int
    today: dt.date
    start: dt.date
    end: dt.date
    context: engine.AthleteContext
    sessions: list[engine.Session] = field(default_factory=list)


@lru_cache(maxsize=1024)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def local_today(tz_name: str, now: dt.datetime) -> dt.date:
    return now.astimezone(_zone(tz_name)).date()


def window_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    return today - LOOK_BACK, today + LOOK_AHEAD


def load_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """Rows to read: history before the window, and through the Sunday of its last week so
    the weekly rules see whole ISO weeks."""
    start, end = window_bounds(today)
    return start - HISTORY, end + dt.timedelta(days=6 - end.weekday())


def _exercise_info(row: tuple[str, str, str, str, bool, bool, list[str]]) -> engine.ExerciseInfo:
    slug, name, pattern, category, lower, unilateral, equipment = row
    return engine.ExerciseInfo(
        slug=slug, name=name, pattern=engine.Pattern(pattern), category=engine.Category(category),
        lower_body=lower, unilateral=unilateral, equipment=frozenset(equipment),
    )


def load_windows(
    athlete_ids: Sequence[int], *, now: dt.datetime, also: tuple[dt.date, dt.date] | None = None
) -> list[Window]:
    """Engine inputs for each athlete, in 10 queries for the whole chunk. ``also`` widens the
    rows read to another span of dates (the placer's week), with the history it needs."""
    ids = list(athlete_ids)
    profiles = list(
        AthleteProfile.objects.filter(id__in=ids).values_list(
            "id", "timezone", "level", "units", "equipment", "home_items", "plate_step_kg"
        )
    )  # 1
    if not profiles:
        return []
    todays = {pid: local_today(tz, now) for pid, tz, *_ in profiles}
    lo = min(load_bounds(t)[0] for t in todays.values())
    hi = max(load_bounds(t)[1] for t in todays.values())
    if also is not None:
        lo, hi = min(lo, also[0] - HISTORY), max(hi, also[1])

    availability: dict[int, list[engine.AvailabilitySlot]] = defaultdict(list)
    for aid, weekday, earliest, latest in Availability.objects.filter(
        athlete_id__in=ids
    ).values_list("athlete_id", "weekday", "earliest", "latest"):  # 2
        availability[aid].append(engine.AvailabilitySlot(weekday, earliest, latest))

    races: dict[int, list[tuple[dt.date, str, int, dt.time | None]]] = defaultdict(list)
    for aid, date, name, distance, start in Race.objects.filter(
        athlete_id__in=ids, priority="A"
    ).values_list("athlete_id", "date", "name", "distance_m", "start_time"):  # 3
        races[aid].append((date, name, distance, start))

    phases: dict[int, list[engine.PhaseBlock]] = defaultdict(list)
    for aid, start, end, phase in PhaseBlock.objects.filter(athlete_id__in=ids).values_list(
        "athlete_id", "start", "end", "phase"
    ):  # 4
        phases[aid].append(engine.PhaseBlock(start, end, engine.Phase(phase)))

    exercises = {
        row[0]: _exercise_info(row)
        for row in Exercise.objects.filter(
            Q(owner__isnull=True) | Q(owner__rosters__memberships__athlete_id__in=ids)
        ).distinct().values_list(
            "slug", "name", "pattern", "category", "lower_body", "unilateral", "equipment"
        )
    }  # 5

    planned = list(
        PlannedSession.objects.filter(athlete_id__in=ids, date__gte=lo, date__lte=hi).values_list(
            "id", "athlete_id", "kind", "date", "start_time", "order", "duration_min", "run_type",
            "distance_m", "planned_rpe", "intensity", "title", "logged_strength_id",
            "logged_run_id",
        )
    )  # 6
    rx: dict[int, list[engine.PrescriptionLine]] = defaultdict(list)
    for sid, slug, order, sets, rmin, rmax, load, pct, rir, contacts in Prescription.objects.filter(
        session__athlete_id__in=ids, session__date__gte=lo, session__date__lte=hi
    ).values_list(
        "session_id", "exercise__slug", "order", "sets", "reps_min", "reps_max", "load_kg",
        "pct_e1rm", "rir", "ground_contacts",
    ):  # 7
        rx[sid].append(engine.PrescriptionLine(
            slug, order, sets, rmin, rmax, None if load is None else float(load),
            None if pct is None else float(pct), rir, contacts,
        ))

    fulfils_strength = {row[12]: row[0] for row in planned if row[12] is not None}
    fulfils_run = {row[13]: row[0] for row in planned if row[13] is not None}

    strength = list(
        StrengthSession.objects.filter(athlete_id__in=ids, date__gte=lo, date__lte=hi)
        .values_list("id", "athlete_id", "date", "start_time", "duration_min", "rpe", "title")
    )  # 8
    sets: dict[int, list[engine.LoggedSet]] = defaultdict(list)
    facts: dict[int, list[SetFact]] = defaultdict(list)
    set_rows = StrengthSet.objects.filter(
        session__athlete_id__in=ids, session__date__gte=lo, session__date__lte=hi
    ).values_list(
        "session_id", "session__athlete_id", "session__date", "exercise__slug", "order", "reps",
        "load_kg", "rir", "is_warmup", "ground_contacts", "hold_s",
    )
    for sid, aid, date, slug, order, reps, load, rir, warm, contacts, hold in set_rows:  # 9
        load_f = float(load)
        sets[sid].append(engine.LoggedSet(slug, order, reps, load_f, rir, warm, contacts, hold))
        facts[aid].append(SetFact(date, slug, reps, load_f, warm))

    runs = list(
        Run.objects.filter(athlete_id__in=ids, date__gte=lo, date__lte=hi).values_list(
            "id", "athlete_id", "date", "start_time", "run_type", "distance_m", "duration_s", "rpe"
        )
    )  # 10

    per_athlete: dict[int, list[engine.Session]] = defaultdict(list)
    for (pid, aid, kind, date, start, order, dur, run_type, dist, rpe, intensity, title,
         _ls, _lr) in planned:
        per_athlete[aid].append(engine.Session(
            ref=engine.SessionRef(engine.SourceType.PLANNED, pid),
            kind=engine.Kind(kind), date=date, start_time=start, order=order, duration_min=dur,
            run_type=engine.RunType(run_type) if run_type else None, distance_m=dist, rpe=rpe,
            intensity=engine.Intensity(intensity) if intensity else None,
            prescription=tuple(sorted(rx.get(pid, ()), key=lambda line: line.order)),
            title=title,
        ))
    for sid, aid, date, start, dur, rpe, title in strength:
        planned_id = fulfils_strength.get(sid)
        per_athlete[aid].append(engine.Session(
            ref=engine.SessionRef(engine.SourceType.STRENGTH, sid), kind=engine.Kind.STRENGTH,
            date=date, start_time=start, duration_min=dur, rpe=rpe, title=title,
            sets=tuple(sorted(sets.get(sid, ()), key=lambda s: s.order)),
            fulfils=engine.SessionRef(engine.SourceType.PLANNED, planned_id)
            if planned_id else None,
        ))
    for rid, aid, date, start, run_type, dist, dur_s, rpe in runs:
        planned_id = fulfils_run.get(rid)
        per_athlete[aid].append(engine.Session(
            ref=engine.SessionRef(engine.SourceType.RUN, rid), kind=engine.Kind.RUN, date=date,
            start_time=start, duration_min=None if dur_s is None else math.ceil(dur_s / 60),
            run_type=engine.RunType(run_type), distance_m=dist, rpe=rpe,
            fulfils=engine.SessionRef(engine.SourceType.PLANNED, planned_id)
            if planned_id else None,
        ))

    windows = []
    for pid, tz, level, units, equipment, home_items, plate_step in profiles:
        today = todays[pid]
        start, end = window_bounds(today)
        own_facts = facts.get(pid, [])
        context = engine.AthleteContext(
            athlete_id=pid, timezone=tz, level=engine.Level(level), units=engine.Units(units),
            goal_race=_goal_race(races.get(pid, []), today),
            phases=tuple(phases.get(pid, ())),
            equipment=frozenset({"gym"}) if equipment == "gym" else frozenset(home_items),
            availability=tuple(sorted(availability.get(pid, ()), key=lambda a: a.weekday)),
            plate_step_kg=float(plate_step),
            e1rm=current_e1rm(own_facts, today=today),
            strength_base_weeks=strength_base_weeks(own_facts, today=today),
            exercises=exercises,
        )
        windows.append(Window(pid, today, start, end, context, per_athlete.get(pid, [])))
    return windows


def _goal_race(
    races: list[tuple[dt.date, str, int, dt.time | None]], today: dt.date
) -> engine.Race | None:
    """The next A race, or the one just run while its recovery lasts (14 days)."""
    upcoming = sorted(r for r in races if r[0] >= today - dt.timedelta(days=14))
    if not upcoming:
        return None
    date, name, distance, start = upcoming[0]
    return engine.Race(date=date, name=name, distance_m=distance, start_time=start)


def strength_base_weeks(facts: Sequence[SetFact], *, today: dt.date) -> int:
    """Consecutive 7-day spans, counted back from yesterday, each with a logged session."""
    dates = {f.date for f in facts}
    weeks = 0
    while True:
        span_end = today - dt.timedelta(days=1 + 7 * weeks)
        span = {span_end - dt.timedelta(days=d) for d in range(7)}
        if not dates & span:
            return weeks
        weeks += 1
