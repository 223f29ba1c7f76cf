"""Planned against done, read from the database: the engine's verdicts (``engine.compliance``)
for athletes' sessions over a span of dates, in six queries whatever the number of athletes,
sessions or days.

The span's planned and logged sessions are read with whatever they name across its edges (a
log of the span fulfilling a plan of another date is not unplanned, and the other way round);
what a log fulfils is ``with_fulfilments``' (RULES.md, *Fulfils*), so compliance, the checks
and the daily load agree. The callers (API, portal) pass the scoped athletes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from django.db.models import F, Q
from django.utils import timezone

from athletes.models import AthleteProfile
from scheduling import engine
from scheduling.engine.compliance import (
    SessionCompliance,
    WeekCompliance,
    compliance,
    week_compliance,
)
from scheduling.lookups import AnyOf
from scheduling.models import PlannedSession, Prescription
from scheduling.services.fulfilment import with_fulfilments
from scheduling.services.windows import local_today
from training.models import Run, StrengthSession, StrengthSet

Verdicts = dict[engine.SessionRef, SessionCompliance]
_PLANNED = engine.SourceType.PLANNED
_PLAN_FIELDS = ("id", "athlete_id", "kind", "date", "start_time", "order", "duration_min",
                "run_type", "distance_m", "planned_rpe", "logged_strength_id", "logged_run_id")


def compliance_for(athlete_ids: Sequence[int], date_from: dt.date, date_to: dt.date, *,
                   todays: Mapping[int, dt.date]) -> dict[int, Verdicts]:
    """Each athlete's verdicts for the sessions dated ``date_from``..``date_to`` (and those
    they name on other dates), judged on the athlete's own ``today``."""
    ids = list(athlete_ids)
    if not ids:
        return {}
    span = Q(athlete_id__in=ids, date__gte=date_from, date__lte=date_to)
    plans = list(PlannedSession.objects.filter(span).values_list(*_PLAN_FIELDS))  # 1
    runs = list(Run.objects.filter(  # 2: the span's runs and those its plans name
        span | Q(pk__in=[p[11] for p in plans if p[11]])
    ).values_list("id", "athlete_id", "date", "start_time", "run_type", "distance_m",
                  "duration_s"))
    lifts = list(StrengthSession.objects.filter(  # 3: the same for strength
        span | Q(pk__in=[p[10] for p in plans if p[10]])
    ).values_list("id", "athlete_id", "date", "start_time", "duration_min"))
    known = {p[0] for p in plans}
    plans += [p for p in PlannedSession.objects.filter(  # 4: plans elsewhere the logs name
        Q(AnyOf(F("logged_run_id"), [r[0] for r in runs]))
        | Q(AnyOf(F("logged_strength_id"), [s[0] for s in lifts]))
    ).values_list(*_PLAN_FIELDS) if p[0] not in known]
    sets: dict[int, list[engine.LoggedSet]] = defaultdict(list)
    for sid, *row in StrengthSet.objects.filter(  # 5
        AnyOf(F("session_id"), [s[0] for s in lifts])
    ).order_by("session_id", "order", "id").values_list(
        "session_id", "exercise__slug", "order", "reps", "load_kg", "rir", "is_warmup"):
        slug, order, reps, kg, rir, warm = row
        sets[sid].append(engine.LoggedSet(slug, order, reps, float(kg), rir, warm))
    lines: dict[int, list[engine.PrescriptionLine]] = defaultdict(list)
    for pid, slug, order, n, lo, hi in Prescription.objects.filter(  # 6
        AnyOf(F("session_id"), [p[0] for p in plans])
    ).order_by("session_id", "order", "id").values_list(
        "session_id", "exercise__slug", "order", "sets", "reps_min", "reps_max"):
        lines[pid].append(engine.PrescriptionLine(slug, order, n, lo, hi))
    return _judge(plans, runs, lifts, sets, lines, todays)


def _judge(plans: list[tuple], runs: list[tuple], lifts: list[tuple],  # type: ignore[type-arg]
           sets: Mapping[int, list[engine.LoggedSet]],
           lines: Mapping[int, list[engine.PrescriptionLine]],
           todays: Mapping[int, dt.date]) -> dict[int, Verdicts]:
    by_run = {p[11]: p[0] for p in plans if p[11]}
    by_lift = {p[10]: p[0] for p in plans if p[10]}
    per: dict[int, list[engine.Session]] = defaultdict(list)
    for pid, aid, kind, day, start, order, dur, run_type, dist, rpe, _ls, _lr in plans:
        per[aid].append(engine.Session(
            ref=engine.SessionRef(_PLANNED, pid), kind=engine.Kind(kind), date=day,
            start_time=start, order=order, duration_min=dur,
            run_type=engine.RunType(run_type) if run_type else None, distance_m=dist, rpe=rpe,
            prescription=tuple(lines.get(pid, ()))))
    for rid, aid, day, start, run_type, dist, dur_s in runs:
        plan = by_run.get(rid)
        per[aid].append(engine.Session(
            ref=engine.SessionRef(engine.SourceType.RUN, rid), kind=engine.Kind.RUN, date=day,
            start_time=start, duration_min=None if dur_s is None else dur_s / 60,
            run_type=engine.RunType(run_type), distance_m=dist,
            fulfils=engine.SessionRef(_PLANNED, plan) if plan else None))
    for sid, aid, day, start, dur in lifts:
        plan = by_lift.get(sid)
        per[aid].append(engine.Session(
            ref=engine.SessionRef(engine.SourceType.STRENGTH, sid), kind=engine.Kind.STRENGTH,
            date=day, start_time=start, duration_min=dur, sets=tuple(sets.get(sid, ())),
            fulfils=engine.SessionRef(_PLANNED, plan) if plan else None))
    linked = {p[0]: p[10] or p[11] for p in plans if p[10] or p[11]}
    return {aid: compliance(with_fulfilments(sessions, linked), today=todays[aid])
            for aid, sessions in per.items()}


def _todays(athlete_ids: Iterable[int]) -> dict[int, dt.date]:
    now = timezone.now()
    return {pid: local_today(tz, now) for pid, tz in AthleteProfile.objects.filter(
        pk__in=list(athlete_ids)).values_list("pk", "timezone")}


def compliance_for_plans(plans: Sequence[PlannedSession]) -> dict[int, SessionCompliance]:
    """The verdicts of these (already scoped) planned sessions, by id; one not judged yet
    (today or later) has none. One query (the athletes' time zones) when none of them is
    past, seven for a page of any size."""
    if not plans:
        return {}
    todays = _todays({p.athlete_id for p in plans})
    past = [p for p in plans if p.athlete_id in todays and p.date < todays[p.athlete_id]]
    if not past:
        return {}
    days = [p.date for p in past]
    found = compliance_for(sorted({p.athlete_id for p in past}), min(days), max(days),
                           todays=todays)
    out = {}
    for p in past:
        verdict = found.get(p.athlete_id, {}).get(engine.SessionRef(_PLANNED, p.pk))
        if verdict is not None:
            out[p.pk] = verdict
    return out


def compliance_week(*, athlete_id: int, monday: dt.date, today: dt.date
                    ) -> tuple[WeekCompliance, Verdicts]:
    """An athlete's ISO week: its figures and the verdict of each session in it."""
    sunday = monday + dt.timedelta(days=6)
    verdicts = compliance_for([athlete_id], monday, sunday,
                              todays={athlete_id: today}).get(athlete_id, {})
    mine = {ref: v for ref, v in verdicts.items() if monday <= v.date <= sunday}
    return week_compliance(mine, monday), mine
