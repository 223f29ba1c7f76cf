"""The daily load table (training.DailyLoad), kept current at write time and rebuilt.

What a day's load needs from the database: the logged sessions that take part (a run with a
duration or a distance, a strength session with a working set), the planned session each
fulfils (its planned RPE), and for a lift logged without RPE its intensity, judged from its
sets against the current e1RM on its date (the best of the six weeks that end that day). The
arithmetic is ``training.load``'s.

A day's load therefore changes when, on that day, a session is logged, edited or deleted, or
a planned session it may fulfil is created, edited, moved or deleted; and, for a lift logged
without RPE, when a set in the six weeks before it changes. Every service that writes one of
those calls ``load_refresh`` in its transaction with the dates it touched (``lift_dates`` for
strength sets: they reach 41 days on). ``load_rebuild`` recomputes everything, chunked by
athlete; the property test holds the two equal.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q

from athletes.models import AthleteProfile
from core.lifting import CURRENT_E1RM_DAYS, current_e1rms
from scheduling import engine
from scheduling.engine.classify import Work, intensity_of
from scheduling.models import PlannedSession
from training import load as maths
from training import writers
from training.drafts import run_takes_part, strength_takes_part
from training.models import Run, StrengthSession, StrengthSet

LIFT_REACH = dt.timedelta(days=CURRENT_E1RM_DAYS - 1)  # a set counts in the e1RM this far on
CHUNK = 200  # athletes per chunk of the rebuild


def _minute(t: dt.time | None) -> int | None:
    return None if t is None else t.hour * 60 + t.minute


def _in(field: str, date_from: dt.date | None, date_to: dt.date | None) -> Q:
    q = Q()
    if date_from is not None:
        q &= Q(**{f"{field}__gte": date_from})
    if date_to is not None:
        q &= Q(**{f"{field}__lte": date_to})
    return q


def compute(athlete_ids: Sequence[int], date_from: dt.date | None = None,
            date_to: dt.date | None = None, *, only: Collection[dt.date] | None = None,
            ) -> list[tuple[int, maths.DayLoad]]:
    """The daily loads of the athletes over ``date_from``..``date_to`` (open: all; ``only``:
    just those days of it), in four queries whatever the number of athletes or days (three
    when every lift has its RPE): the runs, the lifts, their sets with the six weeks before,
    the plans they may fulfil."""
    days = _in("date", date_from, date_to)
    if only is not None:
        days &= Q(date__in=list(only))
    runs = list(
        Run.objects.filter(days, athlete_id__in=athlete_ids)
        .filter(run_takes_part())
        .values_list("id", "athlete_id", "date", "start_time", "run_type", "duration_s", "rpe")
    )
    lifts = list(
        StrengthSession.objects.filter(days, athlete_id__in=athlete_ids)
        .filter(strength_takes_part())
        .values_list("id", "athlete_id", "date", "start_time", "duration_min", "rpe")
    )
    # Sets of the lifts without RPE, and of the six weeks before them (their e1RM).
    sets_by_session: dict[int, list[engine.LoggedSet]] = defaultdict(list)
    lift_dates: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    infos: dict[str, engine.ExerciseInfo] = {}
    if any(row[5] is None for row in lifts):
        since = None if date_from is None else date_from - LIFT_REACH
        for sid, aid, day, slug, order, reps, kg, rir, warm, *info in (
            StrengthSet.objects.filter(_in("session__date", since, date_to),
                                       session__athlete_id__in=athlete_ids)
            .order_by("session__date", "session_id", "order", "id")
            .values_list("session_id", "session__athlete_id", "session__date",
                         "exercise__slug", "order", "reps", "load_kg", "rir", "is_warmup",
                         "exercise__name", "exercise__pattern", "exercise__category",
                         "exercise__lower_body")
        ):
            if sid not in sets_by_session:
                lift_dates[aid].append((day, sid))
            sets_by_session[sid].append(engine.LoggedSet(slug, order, reps, float(kg), rir,
                                                         warm))
            if slug not in infos:
                name, pattern, category, lower = info
                infos[slug] = engine.ExerciseInfo(
                    slug=slug, name=name, pattern=engine.Pattern(pattern),
                    category=engine.Category(category), lower_body=lower)
    run_ids = [r[0] for r in runs]
    lift_ids = [s[0] for s in lifts]
    plans = list(
        PlannedSession.objects.filter(athlete_id__in=athlete_ids)
        # (no bounds: every plan; an empty Q would turn the OR into the links alone)
        .filter((days | Q(logged_run__in=run_ids) | Q(logged_strength__in=lift_ids))
                if days else Q())
        .values_list("id", "athlete_id", "date", "kind", "run_type", "start_time",
                     "planned_rpe", "logged_run_id", "logged_strength_id")
    )

    by_athlete: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"plans": [], "plans_on_day": defaultdict(list),
                 "logs_on_day": defaultdict(list)})
    for pid, aid, day, kind, run_type, start, rpe, run_id, lift_id in plans:
        slot = maths.PlanSlot(pid, kind, run_type, _minute(start), rpe,
                              run_id if kind == "run" else lift_id)
        mine = by_athlete[aid]
        mine["plans"].append(slot)
        mine["plans_on_day"][day].append(slot)
    for rid, aid, day, start, run_type, _dur, _rpe in runs:
        by_athlete[aid]["logs_on_day"][day].append(
            maths.LogSlot(rid, "run", run_type, _minute(start)))
    for sid, aid, day, start, _dur, _rpe in lifts:
        by_athlete[aid]["logs_on_day"][day].append(
            maths.LogSlot(sid, "strength", "", _minute(start)))
    fulfils = {aid: maths.fulfilments(v["plans"], v["logs_on_day"], v["plans_on_day"])
               for aid, v in by_athlete.items()}

    sessions: dict[int, list[maths.SessionLoad]] = defaultdict(list)
    for rid, aid, day, _start, run_type, duration_s, rpe in runs:
        plan = fulfils[aid].get(("run", rid))
        use, est = maths.session_rpe(rpe=rpe, planned_rpe=plan.rpe if plan else None,
                                     default_rpe=maths.run_default_rpe(run_type))
        value, est_min = maths.session_load(
            rpe=use, minutes=None if duration_s is None else duration_s / 60)
        sessions[aid].append(maths.SessionLoad(day, "run", value, est or est_min))
    for sid, aid, day, _start, duration_min, rpe in lifts:
        plan = fulfils[aid].get(("strength", sid))
        planned_rpe = plan.rpe if plan else None
        default = 0
        if rpe is None and planned_rpe is None:
            default = maths.strength_default_rpe(
                _intensity(sid, day, lift_dates[aid], sets_by_session, infos))
        use, est = maths.session_rpe(rpe=rpe, planned_rpe=planned_rpe, default_rpe=default)
        value, est_min = maths.session_load(rpe=use, minutes=duration_min)
        sessions[aid].append(maths.SessionLoad(day, "strength", value, est or est_min))
    out: list[tuple[int, maths.DayLoad]] = []
    for aid in sorted(sessions):
        out.extend((aid, d) for d in maths.daily_loads(sessions[aid]).values())
    return out


def _intensity(sid: int, day: dt.date, history: list[tuple[dt.date, int]],
               sets_by_session: dict[int, list[engine.LoggedSet]],
               infos: dict[str, engine.ExerciseInfo]) -> str:
    """Heavy, moderate or light (RULES.md, "Heavy lower session"), e1RM as on ``day``."""
    lo = bisect.bisect_left(history, (day - LIFT_REACH, -1))
    hi = bisect.bisect_right(history, (day, float("inf")))
    best = current_e1rms(((d, sets_by_session[s]) for d, s in history[lo:hi]), today=day)
    works = tuple(
        Work(infos[s.exercise], s.order, 1, s.reps, s.reps, s.load_kg or None, None, s.rir, 0,
             s.hold_s is not None, s.is_warmup, True)
        for s in sets_by_session.get(sid, ()) if s.exercise in infos
    )
    return intensity_of(works, best.get).value


def _ranges(lift_dates: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The six weeks each lift date reaches, overlapping ones merged."""
    spans = sorted({(d, d + LIFT_REACH) for d in lift_dates})
    merged: list[tuple[dt.date, dt.date]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


@transaction.atomic(savepoint=False)
def load_refresh(*, athlete_id: int, dates: Iterable[dt.date | None] = (),
                 lift_dates: Iterable[dt.date | None] = ()) -> None:
    """Recompute the athlete's daily load on ``dates``, and from each of ``lift_dates`` over
    the six weeks its sets reach (a lift's e1RM judges the lifts after it). The days apart
    from those ranges are done together, in the same few queries however many they are."""
    spans = _ranges(d for d in lift_dates if d is not None)
    days = {d for d in dates if d is not None
            and not any(lo <= d <= hi for lo, hi in spans)}
    if days:
        lo, hi = min(days), max(days)
        writers.daily_load_replace(athlete_ids=[athlete_id], date_from=lo, date_to=hi,
                                   only=days, days=compute([athlete_id], lo, hi, only=days))
    for lo, hi in spans:
        writers.daily_load_replace(athlete_ids=[athlete_id], date_from=lo, date_to=hi,
                                   days=compute([athlete_id], lo, hi))


def plan_dates(*, strength: StrengthSession | None = None, run: Run | None = None
               ) -> list[dt.date]:
    """The dates of the planned sessions that name this logged session (their day's other
    logs may fulfil them once it lets go)."""
    if strength is not None and strength.pk:
        q = PlannedSession.objects.filter(logged_strength=strength)
    elif run is not None and run.pk:
        q = PlannedSession.objects.filter(logged_run=run)
    else:
        return []
    return list(q.values_list("date", flat=True))


def load_rebuild(*, athlete_ids: Sequence[int] | None = None, chunk: int = CHUNK) -> int:
    """Recompute the whole table from the sessions, ``chunk`` athletes per transaction;
    returns the number of rows written."""
    ids = list(athlete_ids) if athlete_ids is not None else list(
        AthleteProfile.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        with transaction.atomic():
            days = compute(part)
            writers.daily_load_replace(athlete_ids=part, days=days)
        written += len(days)
    return written
