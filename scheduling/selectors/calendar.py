"""The calendar of weeks: several ISO weeks of one athlete at once, each day's sessions with
their flags, the phases as a band with the race countdown, and each week's totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q

from athletes.models import AthleteProfile
from scheduling.models import (
    CheckHorizon,
    Finding,
    FindingStatus,
    Kind,
    Phase,
    PhaseBlock,
    PlannedSession,
    Priority,
    Race,
)
from scheduling.selectors import (
    SEVERITY_RANK,
    WeekDay,
    WeekItem,
    _flag,
    _week_items,
    week_checked_at,
)
from training.models import DailyLoad, Run, StrengthSession

WEEKS_CHOICES = (4, 6)
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PhaseSpan:
    """A stretch of one phase inside a week: the band's label, and the days it covers
    (``first`` 0-6 from the Monday, ``days`` long)."""

    phase: str
    label: str
    first: int
    days: int

    @property
    def column(self) -> str:
        """The span's grid columns, ``2 / span 3`` (the band's grid counts from 1)."""
        return f"{self.first + 1} / span {self.days}"


@dataclass
class WeekTotals:
    """What a week holds: planned and logged run distance (m) and time (s), strength
    sessions, and the logged training load (session RPE x minutes)."""

    planned_runs: int = 0
    planned_run_m: int = 0
    planned_run_s: int = 0
    planned_strength: int = 0
    runs: int = 0
    run_m: int = 0
    run_s: int = 0
    strength: int = 0
    load: float = 0.0
    load_estimated: bool = False


@dataclass
class CalendarWeek:
    monday: dt.date
    days: list[WeekDay]
    phases: list[PhaseSpan]
    countdown: str
    totals: WeekTotals
    findings: list[Finding] = field(default_factory=list)  # the weekly ones, naming no session
    # When the checks last judged the week (None: not checked, never "clear").
    checked_at: dt.datetime | None = None

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def next_monday(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)

    @property
    def iso(self) -> str:
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass
class Calendar:
    first: dt.date
    today: dt.date
    weeks: list[CalendarWeek]

    @property
    def last(self) -> dt.date:
        return self.weeks[-1].sunday

    @property
    def days(self) -> list[dt.date]:
        return [d.date for w in self.weeks for d in w.days]


def calendar_for_athlete(*, athlete: AthleteProfile, first: dt.date, weeks: int,
                         today: dt.date) -> Calendar:
    """``weeks`` ISO weeks from the Monday ``first`` (the caller's scoped athlete). Nine
    queries whatever the weeks hold: planned sessions, logged strength sessions (with their
    working sets counted), runs, open findings, races from ``first`` on (the days' and the
    countdown's), phase blocks, the first planned date (where an open-ended base began),
    daily loads, the span the checks last judged (which weeks are checked, and when)."""
    last = first + dt.timedelta(days=7 * weeks - 1)
    span = {"athlete": athlete, "date__gte": first, "date__lte": last}
    planned = list(PlannedSession.objects.filter(**span))  # 1
    strength = list(StrengthSession.objects.filter(**span).annotate(  # 2
        working=Count("sets", filter=Q(sets__is_warmup=False))))
    runs = list(Run.objects.filter(**span))  # 3
    findings = sorted(Finding.objects.filter(  # 4
        athlete=athlete, status=FindingStatus.OPEN, last_date__gte=first, first_date__lte=last),
        key=lambda f: (SEVERITY_RANK.get(f.severity, 9), f.first_date, f.pk))
    races = list(Race.objects.filter(athlete=athlete, date__gte=first).order_by(  # 5
        "date", "start_time", "id"))
    blocks = list(PhaseBlock.objects.filter(athlete=athlete))  # 6
    began = PlannedSession.objects.filter(athlete=athlete).aggregate(d=Min("date"))["d"]  # 7
    loads = {row.date: row for row in DailyLoad.objects.filter(**span)}  # 8
    horizon = CheckHorizon.objects.filter(athlete=athlete).first()  # 9

    items = _week_items(planned, strength, runs)
    unplaced = _flag(items, findings)
    days = _days(items, first, weeks * 7, today)
    for race in races:
        if race.date <= last:
            days[(race.date - first).days].races.append(race)
    out = []
    for w in range(weeks):
        monday = first + dt.timedelta(days=7 * w)
        week_days = days[7 * w:7 * w + 7]
        out.append(CalendarWeek(
            monday=monday, days=week_days,
            phases=_phase_spans(blocks, monday, began),
            countdown=_countdown(races, today if monday <= today <= monday + 6 * _DAY
                                 else monday),
            totals=_totals(week_days, [loads[d.date] for d in week_days if d.date in loads]),
            findings=[f for f in unplaced
                      if f.first_date <= monday + 6 * _DAY and f.last_date >= monday],
            checked_at=week_checked_at(horizon, monday),
        ))
    return Calendar(first=first, today=today, weeks=out)


def _days(items: dict[tuple[str, int], WeekItem], first: dt.date, count: int,
          today: dt.date) -> list[WeekDay]:
    """The days with their items in order; a finding in full on the first item naming it,
    the later ones list it under ``also_flagged`` (as the week does)."""
    days = [WeekDay(date=first + i * _DAY, is_today=first + i * _DAY == today)
            for i in range(count)]
    unique = {id(item): item for item in items.values()}
    for item in sorted(unique.values(), key=WeekItem.sort_key):
        days[(item.date - first).days].items.append(item)
    shown: set[int] = set()
    for day in days:
        for item in day.items:
            item.also_flagged = [f for f in item.findings if f.pk in shown]
            item.findings = [f for f in item.findings if f.pk not in shown]
            shown.update(f.pk for f in item.findings)
    return days


def _totals(days: list[WeekDay], loads: list[DailyLoad]) -> WeekTotals:
    t = WeekTotals()
    for day in days:
        for item in day.items:
            plan = item.planned
            if plan is not None and plan.kind == Kind.RUN:
                t.planned_runs += 1
                t.planned_run_m += plan.distance_m or 0
                t.planned_run_s += (plan.duration_min or 0) * 60
            elif plan is not None:
                t.planned_strength += 1
            if item.run is not None and (item.run.distance_m or item.run.duration_s):
                t.runs += 1
                t.run_m += item.run.distance_m or 0
                t.run_s += item.run.duration_s or 0
            if item.strength is not None and getattr(item.strength, "working", 0):
                t.strength += 1  # a log with no working set is a draft (RULES.md "Logged")
    t.load = round(sum(row.load for row in loads), 1)
    t.load_estimated = any(row.estimated for row in loads)
    return t


def _phase_on(blocks: list[PhaseBlock], day: dt.date) -> PhaseBlock | None:
    """The block covering ``day``: the one that starts latest wins (the engine's rule);
    a day no block covers is base."""
    best = None
    for block in blocks:
        if block.start <= day <= block.end and (best is None or block.start > best.start):
            best = block
    return best


def _week_no(start: dt.date, day: dt.date) -> int:
    """Which calendar week of a stretch from ``start`` holds ``day`` (1 for the first)."""
    return ((day - dt.timedelta(days=day.weekday()))
            - (start - dt.timedelta(days=start.weekday()))).days // 7 + 1


def _weeks_label(name: str, start: dt.date | None, end: dt.date | None, day: dt.date) -> str:
    """"Base, week 6 of 12" (calendar weeks, as the coach plans them) when the stretch has
    both ends; fewer words when it has not."""
    if start is not None and end is not None:
        return f"{name}, week {_week_no(start, day)} of {_week_no(start, end)}"
    if end is not None:
        left = _week_no(day, end)
        return f"{name}, {left} week{'s' if left != 1 else ''} to go"
    if start is not None:
        return f"{name}, week {_week_no(start, day)}"
    return name


def _phase_spans(blocks: list[PhaseBlock], monday: dt.date, began: dt.date | None
                 ) -> list[PhaseSpan]:
    """The week's days grouped into stretches of one phase, each labelled on its first
    day. Base (no block) runs from the end of the block before it, else from the first
    planned session, to the start of the next block."""
    spans: list[PhaseSpan] = []
    current: tuple[object, int] | None = None
    for i in range(7):
        day = monday + i * _DAY
        block = _phase_on(blocks, day)
        key = block.pk if block is not None else None
        if current is not None and current[0] == key:
            last = spans[-1]
            spans[-1] = PhaseSpan(last.phase, last.label, last.first, last.days + 1)
            continue
        current = (key, i)
        if block is not None:
            spans.append(PhaseSpan(block.phase, _weeks_label(
                block.get_phase_display(), block.start, block.end, day), i, 1))
            continue
        before = [b.end for b in blocks if b.end < day]
        after = [b.start for b in blocks if b.start > day]
        start = max(before) + _DAY if before else (began if began and began <= day else None)
        end = min(after) - _DAY if after else None
        spans.append(PhaseSpan(Phase.BASE.value, _weeks_label(Phase.BASE.label, start, end,
                                                              day), i, 1))
    return spans


def _countdown(races: list[Race], day: dt.date) -> str:
    """"Seville Half in 68 days" from ``day``: the next A race, else the next race."""
    ahead = [r for r in races if r.date >= day]
    race = next((r for r in ahead if r.priority == Priority.A), ahead[0] if ahead else None)
    if race is None:
        return ""
    days = (race.date - day).days
    if days == 0:
        return f"{race.name} today"
    return f"{race.name} in {days} day{'s' if days != 1 else ''}"
