"""A deterministic synthetic population for the nightly benchmark, written with bulk inserts
(COPY on PostgreSQL, executemany elsewhere) in batches, so memory stays flat whatever N.

Per athlete: the 2 weeks before today logged (runs and strength with their sets, each
fulfilling its plan), ~13 planned sessions per week from there through ``AHEAD_WEEKS`` weeks
ahead (runs and strength with prescriptions: a coach's block, the horizon the checks judge),
and 6 more weeks of logged strength history for e1RM and the base.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from athletes.models import AthleteProfile, Membership, Roster, User
from scheduling.models import PlannedSession, Prescription
from training.models import Exercise, Run, StrengthSession, StrengthSet

DOMAIN = "bench.apexzone.test"
# At 10:30 UTC in late November these are all between 02:00 and 06:00 local time.
ZONES = ("America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York")
ATHLETES_PER_COACH = 50
BATCH = 1000  # athletes written per transaction
AHEAD_WEEKS = 16  # planned ahead of today

RUN_WEEK = (  # weekday, local start, type, km, minutes, planned RPE
    (0, dt.time(7), "easy", 8, 45, 3), (0, dt.time(18), "recovery", 5, 30, 2),
    (1, dt.time(6, 30), "intervals", 11, 60, 8), (2, dt.time(7), "easy", 7, 40, 3),
    (2, dt.time(12), "recovery", 5, 30, 2), (3, dt.time(7), "tempo", 10, 50, 7),
    (4, dt.time(7), "recovery", 6, 35, 2), (5, dt.time(8), "easy", 8, 45, 3),
    (5, dt.time(17), "easy", 6, 35, 3), (6, dt.time(8), "long", 24, 140, 6),
)
# Two heavy days (the evening of the intervals, and Friday: 37.5 h before the long run) and a
# light one: 13 sessions a week that mostly keep the rules, as a coach's plan would.
HEAVY = "heavy"
STRENGTH_WEEK = ((1, dt.time(17, 30), HEAVY), (2, dt.time(18), "light"),
                 (4, dt.time(17, 30), HEAVY))
MAIN = (("back-squat", 100.0), ("romanian-deadlift", 80.0), ("bulgarian-split-squat", 30.0),
        ("trap-bar-deadlift", 120.0), ("front-squat", 80.0))
ACCESSORY = (("single-leg-calf-raise", 20.0), ("plank", 0.0), ("glute-bridge", 60.0),
             ("pallof-press", 0.0), ("dead-bug", 0.0))
# Holds are prescribed and logged in seconds (a hold set is one "rep" of that many seconds).
HOLDS = {"plank": 45}
# One athlete in five has a deliberate slip in a week: an extra heavy day before intervals.
SLIP = (0, dt.time(18), HEAVY)


class Writer:
    """Bulk rows into one table, with ids we choose, by COPY or executemany."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.table = model._meta.db_table
        self.columns = [f.column for f in model._meta.concrete_fields]
        # A column the population does not name takes its field's default (a row version, a
        # hold's seconds), so a new column with a default needs no change here.
        self.defaults = {f.column: f.get_default() for f in model._meta.concrete_fields
                         if f.has_default() or f.null}
        self.rows: list[tuple[Any, ...]] = []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.table}")  # noqa: S608
            self.next_id = cursor.fetchone()[0] + 1

    def add(self, **values: Any) -> int:
        pk = self.next_id
        self.next_id += 1
        values["id"] = pk
        self.rows.append(tuple(values[c] if c in values else self.defaults[c]
                               for c in self.columns))
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {self.table} ({cols}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {self.table} ({cols}) VALUES ({marks})",  # noqa: S608
                    [tuple(map(_plain, row)) for row in self.rows],
                )
        self.rows = []

    def fix_sequence(self) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{self.table}', 'id'), "  # noqa: S608
                    f"(SELECT COALESCE(MAX(id), 1) FROM {self.table}))"
                )


def _plain(value: Any) -> Any:
    """What SQLite's driver takes for a value psycopg would adapt itself."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def existing(n: int) -> bool:
    return User.objects.filter(email__endswith=f"@{DOMAIN}", is_coach=False).count() == n


def drop() -> None:
    """Remove the synthetic population (cascades to everything it owns)."""
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()


def _batches(n: int) -> Iterator[range]:
    for start in range(0, n, BATCH):
        yield range(start, min(n, start + BATCH))


def create(n: int, *, today: dt.date, seed: int = 7) -> None:
    """Write ``n`` athletes (and a coach per 50) around ``today``."""
    exercises = dict(Exercise.objects.filter(owner__isnull=True).values_list("slug", "id"))
    rng = random.Random(seed)
    now = timezone.now()
    writers = {m: Writer(m) for m in (User, AthleteProfile, Roster, Membership, PlannedSession,
                                      Prescription, StrengthSession, StrengthSet, Run)}
    roster_id = 0
    for batch in _batches(n):
        with transaction.atomic():
            for i in batch:
                if i % ATHLETES_PER_COACH == 0:
                    coach = writers[User].add(**_user(f"coach{i // ATHLETES_PER_COACH}", now,
                                                      coach=True))
                    roster_id = writers[Roster].add(coach_id=coach, name="Bench roster",
                                                    created_at=now)
                _athlete(writers, i, roster_id, today, now, exercises, rng)
            for writer in writers.values():
                writer.flush()
    for writer in writers.values():
        writer.fix_sequence()
    with connection.cursor() as cursor:  # fresh statistics, so the planner picks the indexes
        cursor.execute("ANALYZE")


def _user(local: str, now: dt.datetime, *, coach: bool = False) -> dict[str, Any]:
    return {"password": "!", "last_login": None, "is_superuser": False,
            "email": f"{local}@{DOMAIN}", "name": local.title(), "is_active": True,
            "is_staff": coach, "is_coach": coach, "digest_opt_out": False, "date_joined": now}


def _athlete(w: dict[type[models.Model], Writer], i: int, roster_id: int, today: dt.date,
             now: dt.datetime, ex: dict[str, int], rng: random.Random) -> None:
    user = w[User].add(**_user(f"athlete{i}", now))
    aid = w[AthleteProfile].add(
        user_id=user, timezone=ZONES[i % len(ZONES)], units="metric",
        level=("beginner", "intermediate", "advanced")[i % 3], equipment="gym",
        home_items=json.dumps([]), plate_step_kg=2.5, digest_opt_out=False,
        calendar_token=secrets.token_urlsafe(18), nightly_checked_on=None, created_at=now,
    )
    w[Membership].add(roster_id=roster_id, athlete_id=aid, joined_at=now)
    monday = today - dt.timedelta(days=today.weekday())
    first = monday - dt.timedelta(weeks=2)
    last = today + dt.timedelta(weeks=AHEAD_WEEKS, days=-1)
    weeks = ((last - first).days // 7) + 1
    for week in range(weeks):
        week_monday = first + dt.timedelta(weeks=week)
        for weekday, start, run_type, km, minutes, rpe in RUN_WEEK:
            day = week_monday + dt.timedelta(days=weekday)
            logged = (_run(w, aid, day, start, run_type, km, minutes, rpe, now, rng)
                      if day < today else None)
            _plan(w, aid, day, start, "run", now, run_type=run_type, km=km, minutes=minutes,
                  rpe=rpe, logged_run=logged)
        week_plan = STRENGTH_WEEK + ((SLIP,) if rng.random() < 0.2 else ())
        for weekday, start, kind in week_plan:
            day = week_monday + dt.timedelta(days=weekday)
            lifts = (rng.sample(MAIN, 2) + rng.sample(ACCESSORY, 2) if kind == HEAVY
                     else rng.sample(ACCESSORY, 3))
            logged = _strength(w, aid, day, start, lifts, ex, now, rng, week) if day < today \
                else None
            pid = _plan(w, aid, day, start, "strength", now, logged_strength=logged)
            for order, (slug, load) in enumerate(lifts):
                hold = slug in HOLDS
                w[Prescription].add(session_id=pid, exercise_id=ex[slug], order=order, sets=3,
                                    reps_min=None if hold else 4 if (slug, load) in MAIN else 10,
                                    reps_max=None if hold else 6 if (slug, load) in MAIN else 12,
                                    hold_s=HOLDS.get(slug),
                                    load_kg=load + 2.5 * week if load else None,
                                    pct_e1rm=None, rir=2, ground_contacts=None)
    for week in range(1, 7):  # older history: two logged strength sessions a week
        for weekday, start, _kind in (STRENGTH_WEEK[0], STRENGTH_WEEK[2]):
            day = first - dt.timedelta(weeks=week) + dt.timedelta(days=weekday)
            _strength(w, aid, day, start, rng.sample(MAIN, 2) + rng.sample(ACCESSORY, 1), ex,
                      now, rng, -week)


def _plan(w: dict[type[models.Model], Writer], aid: int, day: dt.date, start: dt.time,
          kind: str, now: dt.datetime, *, run_type: str = "", km: float = 0, minutes: int = 60,
          rpe: int | None = None, logged_run: int | None = None,
          logged_strength: int | None = None) -> int:
    return w[PlannedSession].add(
        athlete_id=aid, date=day, start_time=start, order=0, kind=kind, run_type=run_type,
        intensity="", duration_min=minutes, distance_m=int(km * 1000) or None,
        planned_rpe=rpe if kind == "run" else None, title="", notes="", external_id=None,
        logged_strength_id=logged_strength, logged_run_id=logged_run, created_by_id=None,
        created_at=now, updated_at=now,
    )


def _run(w: dict[type[models.Model], Writer], aid: int, day: dt.date, start: dt.time,
         run_type: str, km: float, minutes: int, rpe: int, now: dt.datetime,
         rng: random.Random) -> int:
    return w[Run].add(athlete_id=aid, date=day, start_time=start, rpe=rpe, notes="",
                      created_by_id=None, created_at=now, updated_at=now, run_type=run_type,
                      distance_m=int(km * 1000 * rng.uniform(0.95, 1.05)),
                      duration_s=minutes * 60)


def _strength(w: dict[type[models.Model], Writer], aid: int, day: dt.date, start: dt.time,
              lifts: Sequence[tuple[str, float]], ex: dict[str, int], now: dt.datetime,
              rng: random.Random, week: int) -> int:
    sid = w[StrengthSession].add(athlete_id=aid, date=day, start_time=start, rpe=7, notes="",
                                 created_by_id=None, created_at=now, updated_at=now,
                                 duration_min=60, title="")
    order = 0
    for slug, load in lifts:
        for _ in range(3):
            w[StrengthSet].add(session_id=sid, exercise_id=ex[slug], order=order,
                               reps=1 if slug in HOLDS
                               else rng.choice((4, 5, 6)) if (slug, load) in MAIN else 10,
                               load_kg=max(0.0, load + 2.5 * week) if load else 0,
                               rir=rng.choice((1, 2, 2, 3)), is_warmup=False,
                               ground_contacts=None, hold_s=HOLDS.get(slug))
            order += 1
    return sid
