"""Load athletes' check windows from the database into engine inputs, a chunk at a time.

One chunk of athletes costs a fixed number of queries whatever its size or the number of
sessions: each table is read once for the whole chunk (as plain tuples, no model instances),
then split per athlete in Python. The on-change check and the nightly pass both come here,
so they never disagree about a finding.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, FloatField, Q, Value
from django.db.models import Window as Over
from django.db.models.functions import Cast, Coalesce, RowNumber

from athletes.models import AthleteProfile, Availability
from scheduling import engine
from scheduling.lookups import AnyOf
from scheduling.models import PhaseBlock, PlannedSession, Prescription, Race
from scheduling.services.fulfilment import with_fulfilments
from scheduling.services.readiness import Readiness, read_readiness
from training.metrics import e1rm_sql
from training.models import Category, Exercise, Run, StrengthSession, StrengthSet

LOOK_BACK = dt.timedelta(days=14)  # the window: the last 14 days logged ...
LOOK_AHEAD = dt.timedelta(days=13)  # ... and the next 14 days planned (today included)
# The horizon (RULES.md): through the later of the last planned session and the goal race's
# recovery end, never before the near window's end nor more than 52 weeks ahead.
HORIZON_MAX = dt.timedelta(weeks=52)
RECOVERY = dt.timedelta(days=14)
HISTORY = dt.timedelta(weeks=8)  # logged strength before today: e1RM, base, progression
BEFORE_WEEK = dt.timedelta(days=2)  # runs before the window's first week (a long run's wake)

_KIND = {e.value: e for e in engine.Kind}
_RUN_TYPE = {e.value: e for e in engine.RunType}
_INTENSITY = {e.value: e for e in engine.Intensity}
_PHASE = {e.value: e for e in engine.Phase}
_LEVEL = {e.value: e for e in engine.Level}
_UNITS = {e.value: e for e in engine.Units}
_STRENGTH, _RUN, _PLANNED = engine.Kind.STRENGTH, engine.Kind.RUN, engine.SourceType.PLANNED
_LIFTING = [Category.MAIN, Category.ACCESSORY]  # what builds a strength base (not plyometrics)


@dataclass
class Window:
    """One athlete's check window and the engine inputs built for it."""

    athlete_id: int
    today: dt.date
    start: dt.date
    end: dt.date
    context: engine.AthleteContext
    now: dt.datetime  # when it was read (aware): no move to a slot already begun
    sessions: list[engine.Session] = field(default_factory=list)
    horizon: bool = False  # the whole horizon (else the near window)

    @property
    def scope(self) -> engine.Scope:
        """What the check of this window judges (and so may resolve). The whole horizon,
        when it ends at the last planned session, also judges every date after it."""
        capped = self.end >= self.today + HORIZON_MAX
        return engine.Scope(self.today, self.start, self.end,
                            open_end=self.horizon and not capped)


@dataclass(frozen=True)
class Bounds:
    """The dates of the rows a check reads."""

    history: dt.date  # logged strength from here (8 weeks before today)
    plan: dt.date  # planned sessions and runs from here (just before the window's first week)
    end: dt.date  # everything through here (the Sunday of the window's last week)

    def widen(self, other: Bounds) -> Bounds:
        return Bounds(min(self.history, other.history), min(self.plan, other.plan),
                      max(self.end, other.end))


@lru_cache(maxsize=1024)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def local_today(tz_name: str, now: dt.datetime) -> dt.date:
    return now.astimezone(_zone(tz_name)).date()


def window_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """The near window: the last 14 days and the next 14 (today included)."""
    return today - LOOK_BACK, today + LOOK_AHEAD


def horizon_end(today: dt.date, last_planned: dt.date | None,
                goal_race: engine.Race | None) -> dt.date:
    """The horizon's last date (RULES.md "Horizon")."""
    end = today + LOOK_AHEAD
    if last_planned is not None and last_planned > end:
        end = last_planned
    if goal_race is not None and goal_race.date + RECOVERY > end:
        end = goal_race.date + RECOVERY
    return min(end, today + HORIZON_MAX)


def load_bounds(today: dt.date, also: tuple[dt.date, dt.date] | None = None, *,
                horizon: bool = False) -> Bounds:
    """What a check on ``today`` reads: whole ISO weeks of the window (the near window, or
    with ``horizon`` every date the horizon may reach) for the weekly rules, the runs just
    before it, and the logged strength history the context needs. ``also`` adds a span of
    dates (the placer's week)."""
    start, end = window_bounds(today)
    if horizon:
        end = today + HORIZON_MAX
    first_monday = start - dt.timedelta(days=start.weekday())
    bounds = Bounds(today - HISTORY, first_monday - BEFORE_WEEK,
                    end + dt.timedelta(days=6 - end.weekday()))
    if also is not None:
        monday = also[0] - dt.timedelta(days=also[0].weekday())
        bounds = bounds.widen(Bounds(also[0] - HISTORY, monday - BEFORE_WEEK, also[1]))
    return bounds


def _exercise_info(row: tuple[str, str, str, str, bool, bool, list[str]]) -> engine.ExerciseInfo:
    slug, name, pattern, category, lower, unilateral, equipment = row
    return engine.ExerciseInfo(
        slug=slug, name=name, pattern=engine.Pattern(pattern), category=engine.Category(category),
        lower_body=lower, unilateral=unilateral, equipment=frozenset(equipment),
    )


class _Float(Cast):
    """A decimal column as a float, cast by the database. The database hands back a float
    already, so no Python converter runs per row (Django's would call ``float()`` on each
    of a chunk's ~10^5 values: a sixth of the chunk's reading time, measured)."""

    def get_db_converters(self, connection: BaseDatabaseWrapper) -> list[Any]:
        return []


def _float(name: str) -> Cast:
    """Decimals as floats from the database: no Decimal objects on the hot path."""
    return _Float(name, FloatField())


def _one_a_hold(name: str) -> Coalesce:
    """A hold line has no reps (its ``hold_s`` says how long); the engine's line counts it
    one rep a set, as a logged hold set does, and leaves holds out of the rep rules."""
    return Coalesce(name, Value(1))


Row = tuple[Any, ...]  # one row of a ``values_list``, its fields as the read names them
_NO_CHECK_INS = Readiness()


def load_windows(
    athlete_ids: Sequence[int], *, now: dt.datetime, also: tuple[dt.date, dt.date] | None = None,
    horizon: bool = False,
) -> list[Window]:
    """Engine inputs for each athlete, in 12 queries for the whole chunk: of the near window,
    or with ``horizon`` of the whole horizon (each athlete's own end)."""
    if now.tzinfo is None:
        raise ValueError("load_windows needs an aware datetime")
    ids = list(athlete_ids)
    profiles = _read_profiles(ids)  # 1
    if not profiles:
        return []
    todays = {pid: local_today(tz, now) for pid, tz, *_ in profiles}
    bounds = functools.reduce(Bounds.widen, (load_bounds(t, also, horizon=horizon)
                                             for t in set(todays.values())))
    availability = _read_availability(ids)  # 2
    races = _read_a_races(ids)  # 3
    phases = _read_phases(ids)  # 4
    exercises = _read_exercises(ids)  # 5
    planned = _read_planned(ids, bounds)  # 6
    rx = _read_prescriptions(planned)  # 7
    strength = _read_strength(ids, bounds)  # 8
    sets = _read_sets(strength, bounds)  # 9, 10
    runs = _read_runs(ids, bounds)  # 11
    readiness = read_readiness(ids, todays)  # 12
    sessions = _sessions_by_athlete(planned, rx, strength, sets, runs)
    last_planned: dict[int, dt.date] = {}
    if horizon:
        for row in planned:
            if row[3] > last_planned.get(row[1], dt.date.min):
                last_planned[row[1]] = row[3]

    windows = []
    for pid, tz, level, units, equipment, home_items, plate_step in profiles:
        today = todays[pid]
        start, end = window_bounds(today)
        goal_race = _goal_race(races.get(pid, []), today)
        if horizon:
            end = horizon_end(today, last_planned.get(pid), goal_race)
        feeling = readiness.get(pid, _NO_CHECK_INS)
        context = engine.AthleteContext(
            athlete_id=pid, timezone=tz, level=_LEVEL[level], units=_UNITS[units],
            goal_race=goal_race,
            phases=tuple(phases.get(pid, ())),
            equipment=frozenset({"gym"}) if equipment == "gym" else frozenset(home_items),
            availability=tuple(sorted(availability.get(pid, ()), key=lambda a: a.weekday)),
            plate_step_kg=plate_step,
            # e1RM: the engine takes the best of the last 6 weeks' logged sets when it needs it
            exercises=exercises,
            check_in=feeling.check_in, readiness_mean=feeling.readiness_mean,
            readiness_count=feeling.readiness_count,
        )
        windows.append(Window(pid, today, start, end, context, now, sessions.get(pid, []),
                              horizon=horizon))
    return windows


def _read_profiles(ids: list[int]) -> list[Row]:
    """The athletes' profiles: id, time zone, level, units, equipment, home items, plate
    step."""
    return list(AthleteProfile.objects.filter(id__in=ids).values_list(
        "id", "timezone", "level", "units", "equipment", "home_items", _float("plate_step_kg"),
    ))


def _read_availability(ids: list[int]) -> dict[int, list[engine.AvailabilitySlot]]:
    """Each athlete's weekly availability slots (the placer's choices)."""
    availability: dict[int, list[engine.AvailabilitySlot]] = defaultdict(list)
    for aid, weekday, earliest, latest in Availability.objects.filter(
        athlete_id__in=ids
    ).values_list("athlete_id", "weekday", "earliest", "latest"):
        availability[aid].append(engine.AvailabilitySlot(weekday, earliest, latest))
    return availability


def _read_a_races(ids: list[int]) -> dict[int, list[tuple[dt.date, str, int, dt.time | None]]]:
    """Each athlete's A races, every date: ``_goal_race`` picks the one that counts today."""
    races: dict[int, list[tuple[dt.date, str, int, dt.time | None]]] = defaultdict(list)
    for aid, date, name, distance, start in Race.objects.filter(
        athlete_id__in=ids, priority="A"
    ).values_list("athlete_id", "date", "name", "distance_m", "start_time"):
        races[aid].append((date, name, distance, start))
    return races


def _read_phases(ids: list[int]) -> dict[int, list[engine.PhaseBlock]]:
    """Each athlete's phase blocks (a date no block covers is base)."""
    phases: dict[int, list[engine.PhaseBlock]] = defaultdict(list)
    for aid, start, end, phase in PhaseBlock.objects.filter(athlete_id__in=ids).values_list(
        "athlete_id", "start", "end", "phase"
    ):
        phases[aid].append(engine.PhaseBlock(start, end, _PHASE[phase]))
    return phases


def _read_exercises(ids: list[int]) -> dict[str, engine.ExerciseInfo]:
    """The exercise library by slug: the shared one and the custom exercises of the
    athletes' coaches, read once for the whole chunk."""
    return {
        row[0]: _exercise_info(row)
        for row in Exercise.objects.filter(
            Q(owner__isnull=True) | Q(owner__rosters__memberships__athlete_id__in=ids)
        ).distinct().values_list(
            "slug", "name", "pattern", "category", "lower_body", "unilateral", "equipment"
        )
    }


def _read_planned(ids: list[int], bounds: Bounds) -> list[Row]:
    """The planned sessions from just before the window's first week to its end."""
    return list(PlannedSession.objects.filter(
        athlete_id__in=ids, date__gte=bounds.plan, date__lte=bounds.end
    ).values_list(
        "id", "athlete_id", "kind", "date", "start_time", "order", "duration_min", "run_type",
        "distance_m", "planned_rpe", "intensity", "title", "logged_strength_id", "logged_run_id",
    ))


def _read_prescriptions(planned: list[Row]) -> dict[int, list[engine.PrescriptionLine]]:
    """The prescription lines of the planned sessions just read, matched by their ids (see
    ``scheduling.lookups``), in order, by session."""
    rx: dict[int, list[engine.PrescriptionLine]] = defaultdict(list)
    for sid, *line in Prescription.objects.filter(
        AnyOf(F("session_id"), [row[0] for row in planned])
    ).order_by("session_id", "order", "id").values_list(
        "session_id", "exercise__slug", "order", "sets", _one_a_hold("reps_min"),
        _one_a_hold("reps_max"), _float("load_kg"), _float("pct_e1rm"), "rir", "ground_contacts",
        "hold_s",
    ):
        rx[sid].append(engine.PrescriptionLine(*line))
    return rx


def _read_strength(ids: list[int], bounds: Bounds) -> list[Row]:
    """The logged strength sessions of the history (8 weeks before today) through the
    window's end."""
    return list(StrengthSession.objects.filter(
        athlete_id__in=ids, date__gte=bounds.history, date__lte=bounds.end
    ).values_list("id", "athlete_id", "date", "start_time", "duration_min", "rpe", "title"))


def _read_sets(strength: list[Row], bounds: Bounds) -> dict[int, list[engine.LoggedSet]]:
    """The sets of the strength sessions just read, by session, in two reads: every set of
    the sessions on the plan's dates, and only the best sets of the history before them
    (``_history_best_sets``)."""
    sets: dict[int, list[engine.LoggedSet]] = defaultdict(list)
    for sid, *row in StrengthSet.objects.filter(
        AnyOf(F("session_id"), [row[0] for row in strength if row[2] >= bounds.plan])
    ).order_by("session_id", "order", "id").values_list(
        "session_id", "exercise__slug", "order", "reps", _float("load_kg"), "rir", "is_warmup",
        "ground_contacts", "hold_s",
    ):
        sets[sid].append(engine.LoggedSet(*row))
    for sid, *row in _history_best_sets([row[0] for row in strength if row[2] < bounds.plan]):
        sets[sid].append(engine.LoggedSet(*row))
    return sets


def _read_runs(ids: list[int], bounds: Bounds) -> list[Row]:
    """The logged runs from just before the window's first week to its end."""
    return list(Run.objects.filter(
        athlete_id__in=ids, date__gte=bounds.plan, date__lte=bounds.end
    ).values_list(
        "id", "athlete_id", "date", "start_time", "run_type", "distance_m", "duration_s", "rpe"
    ))


def _sessions_by_athlete(
    planned: list[Row], rx: dict[int, list[engine.PrescriptionLine]], strength: list[Row],
    sets: dict[int, list[engine.LoggedSet]], runs: list[Row],
) -> dict[int, list[engine.Session]]:
    """The rows read as engine sessions, by athlete: the plan, then the logs, each log
    pointing at the planned session it fulfils (the one it names, else by date:
    ``with_fulfilments``)."""
    fulfils_strength = {row[12]: row[0] for row in planned if row[12] is not None}
    fulfils_run = {row[13]: row[0] for row in planned if row[13] is not None}
    per_athlete: dict[int, list[engine.Session]] = defaultdict(list)
    for (pid, aid, kind, date, start, order, dur, run_type, dist, rpe, intensity, title,
         _ls, _lr) in planned:
        per_athlete[aid].append(engine.Session(
            ref=engine.SessionRef(_PLANNED, pid), kind=_KIND[kind], date=date,
            start_time=start, order=order, duration_min=dur,
            run_type=_RUN_TYPE[run_type] if run_type else None, distance_m=dist, rpe=rpe,
            intensity=_INTENSITY[intensity] if intensity else None,
            prescription=tuple(rx.get(pid, ())), title=title,
        ))
    for sid, aid, date, start, dur, rpe, title in strength:
        planned_id = fulfils_strength.get(sid)
        per_athlete[aid].append(engine.Session(
            ref=engine.SessionRef(engine.SourceType.STRENGTH, sid), kind=_STRENGTH,
            date=date, start_time=start, duration_min=dur, rpe=rpe, title=title,
            sets=tuple(sets.get(sid, ())),
            fulfils=engine.SessionRef(_PLANNED, planned_id) if planned_id else None,
        ))
    for rid, aid, date, start, run_type, dist, dur_s, rpe in runs:
        planned_id = fulfils_run.get(rid)
        per_athlete[aid].append(engine.Session(
            ref=engine.SessionRef(engine.SourceType.RUN, rid), kind=_RUN, date=date,
            start_time=start, duration_min=None if dur_s is None else dur_s / 60,
            run_type=_RUN_TYPE[run_type], distance_m=dist, rpe=rpe,
            fulfils=engine.SessionRef(_PLANNED, planned_id) if planned_id else None,
        ))
    linked = {row[0]: row[12] or row[13] for row in planned if row[12] or row[13]}
    return {aid: with_fulfilments(sessions, linked) for aid, sessions in per_athlete.items()}


def _history_best_sets(session_ids: list[int]) -> list[tuple[object, ...]]:
    """Logged strength before the plan's dates, as the engine needs it: only what the e1RM,
    the strength base and stalled progression read there, that is for each session and
    lift (main or accessory) its best working set (by e1RM; a set with none still marks the
    lift trained, and the session as lifting, not jumps alone). A lifter's eight weeks of
    history come to a few dozen rows instead of hundreds."""
    return list(StrengthSet.objects.filter(
        AnyOf(F("session_id"), session_ids), exercise__category__in=_LIFTING, is_warmup=False,
    ).annotate(rank=Over(
        RowNumber(), partition_by=[F("session_id"), F("exercise_id")],
        order_by=[e1rm_sql().desc(nulls_last=True), F("order").asc(), F("id").asc()],
    )).filter(rank=1).order_by("session_id", "order", "id").values_list(
        "session_id", "exercise__slug", "order", "reps", _float("load_kg"), "rir", "is_warmup",
        "ground_contacts", "hold_s",
    ))


def _goal_race(
    races: list[tuple[dt.date, str, int, dt.time | None]], today: dt.date
) -> engine.Race | None:
    """The next A race, or the one just run while its recovery lasts (14 days)."""
    upcoming = sorted(r for r in races if r[0] >= today - dt.timedelta(days=14))
    if not upcoming:
        return None
    date, name, distance, start = upcoming[0]
    return engine.Race(date=date, name=name, distance_m=distance, start_time=start)

