"""The read floor: the rows one chunk's check reads, by plain SQL, one query per table, into
Python tuples. No ORM, no model instances, no rule evaluated: what the pass cannot beat. A
night reads the near window's rows and each athlete's stored horizon (the far weeks only
for an athlete whose far inputs moved, none on the benchmark's next night).

It reads as the pass does (``scheduling.services.windows``): the prescriptions and sets of
the sessions just read are matched by their ids, so the floor gets the same plans, and the
history's best sets are ranked by the pass's own SQL e1RM (``training.metrics.e1rm_sql``,
compiled on its own: the one SQL Epley).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection

from scheduling.lookups import array_literal
from scheduling.services.windows import load_bounds, local_today
from training.metrics import e1rm_sql
from training.models import StrengthSet

BY_ATHLETE = (
    "SELECT id, timezone, level, units, equipment, home_items, plate_step_kg "
    "FROM athletes_athleteprofile WHERE id IN ({ids})",
    "SELECT athlete_id, weekday, earliest, latest FROM athletes_availability "
    "WHERE athlete_id IN ({ids})",
    "SELECT athlete_id, date, name, distance_m, start_time FROM scheduling_race "
    "WHERE athlete_id IN ({ids}) AND priority = 'A'",
    "SELECT athlete_id, start, \"end\", phase FROM scheduling_phaseblock "
    "WHERE athlete_id IN ({ids})",
    "SELECT slug, name, pattern, category, lower_body, unilateral, equipment "
    "FROM training_exercise WHERE owner_id IS NULL",
    "SELECT id, athlete_id, fingerprint, status, dates, content_hash, rule, signature "
    "FROM scheduling_finding WHERE athlete_id IN ({ids})",
    "SELECT athlete_id, start, \"end\", checked_at, far_checked_at, far_stamp, far_lifts "
    "FROM scheduling_checkhorizon WHERE athlete_id IN ({ids})",
    "SELECT id, athlete_id, date, start_time, run_type, distance_m, duration_s, rpe "
    "FROM training_run WHERE athlete_id IN ({ids}) AND date BETWEEN {plan}",
)
PLANNED = (
    "SELECT id, athlete_id, kind, date, start_time, \"order\", duration_min, run_type, "
    "distance_m, planned_rpe, intensity, title, logged_strength_id, logged_run_id "
    "FROM scheduling_plannedsession WHERE athlete_id IN ({ids}) AND date BETWEEN {plan}"
)
PRESCRIPTIONS = (
    "SELECT p.session_id, e.slug, p.\"order\", p.sets, COALESCE(p.reps_min, 1), "
    "COALESCE(p.reps_max, 1), p.load_kg, p.pct_e1rm, p.rir, p.ground_contacts, p.hold_s "
    "FROM scheduling_prescription p "
    "JOIN training_exercise e ON e.id = p.exercise_id WHERE p.session_id {match}"
)
STRENGTH = (
    "SELECT id, athlete_id, date, start_time, duration_min, rpe, title "
    "FROM training_strengthsession WHERE athlete_id IN ({ids}) AND date BETWEEN {history}"
)
SETS = (
    "SELECT t.session_id, e.slug, t.\"order\", t.reps, t.load_kg, t.rir, t.is_warmup, "
    "t.ground_contacts, t.hold_s FROM training_strengthset t "
    "JOIN training_exercise e ON e.id = t.exercise_id WHERE t.session_id {match}"
)
# Before the plan's dates: each session's best working set per lift (main or accessory), by
# e1RM ({e1rm}: ``training.metrics.e1rm_sql``, whose SQL names the table, so the table has no
# alias here).
BEST_SETS = (
    "SELECT session_id, slug, \"order\", reps, load_kg, rir, is_warmup, ground_contacts, "
    "hold_s FROM (SELECT training_strengthset.session_id, e.slug, training_strengthset.\"order\", "
    "training_strengthset.reps, training_strengthset.load_kg, training_strengthset.rir, "
    "training_strengthset.is_warmup, training_strengthset.ground_contacts, "
    "training_strengthset.hold_s, ROW_NUMBER() OVER (PARTITION BY "
    "training_strengthset.session_id, training_strengthset.exercise_id ORDER BY {e1rm} DESC "
    "NULLS LAST, training_strengthset.\"order\", training_strengthset.id) AS rank "
    "FROM training_strengthset JOIN training_exercise e ON e.id = training_strengthset.exercise_id "
    "WHERE training_strengthset.session_id {match} AND e.category IN ('main', 'accessory') "
    "AND NOT training_strengthset.is_warmup) best WHERE rank = 1"
)


def _match(ids: list[int]) -> tuple[str, list[Any]]:
    """``= ANY(array)`` on PostgreSQL, inlined ints elsewhere (as ``scheduling.lookups``)."""
    if connection.vendor == "postgresql":
        return "= ANY(%s::bigint[])", [array_literal(ids)]
    return f"IN ({', '.join(map(str, ids))})", []


def read_chunk(athlete_ids: Sequence[int], *, now: dt.datetime, zone: str) -> int:
    """Read one chunk's rows; returns how many rows came back."""
    bounds = load_bounds(local_today(zone, now))
    names = {"ids": ", ".join(str(int(i)) for i in athlete_ids),
             "plan": f"'{bounds.plan}' AND '{bounds.end}'",
             "history": f"'{bounds.history}' AND '{bounds.end}'"}
    rows = 0
    with connection.cursor() as cursor:
        for sql in BY_ATHLETE:
            rows += len(_read(cursor, sql.format(**names)))
        planned = _read(cursor, PLANNED.format(**names))
        strength_sessions = _read(cursor, STRENGTH.format(**names))
        recent = [r[0] for r in strength_sessions if r[2] >= bounds.plan]
        earlier = [r[0] for r in strength_sessions if r[2] < bounds.plan]
        rows += len(planned) + len(strength_sessions)
        for sql, ids in ((PRESCRIPTIONS, [r[0] for r in planned]), (SETS, recent)):
            match, params = _match(ids)
            rows += len(_read(cursor, sql.format(match=match), params))
        e1rm, e1rm_params = _e1rm()
        match, params = _match(earlier)
        best_sets = BEST_SETS.format(e1rm=e1rm, match=match)
        rows += len(_read(cursor, best_sets, [*e1rm_params, *params]))
    return rows


def _e1rm() -> tuple[str, list[Any]]:
    """``training.metrics.e1rm_sql`` as this database's SQL, and its parameters."""
    query = StrengthSet.objects.all().query
    sql, params = query.get_compiler(connection=connection).compile(
        e1rm_sql().resolve_expression(query))
    return sql, list(params)


def _read(cursor: Any, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    cursor.execute(sql, params or None)
    return list(cursor.fetchall())
