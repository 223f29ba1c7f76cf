"""The read path for plans and findings: scoped to the acting user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from athletes.models import AthleteProfile, User
from athletes.selectors import athletes_for_user
from core.scoping import scoped_get
from scheduling import engine
from scheduling.engine.compliance import SessionCompliance
from scheduling.models import (
    CheckHorizon,
    Finding,
    FindingStatus,
    PhaseBlock,
    PlannedSession,
    Prescription,
    Race,
    Severity,
)
from scheduling.prescriptions import Loads, loads_for
from scheduling.selectors.roster import INACTIVE_DAYS as INACTIVE_DAYS
from scheduling.selectors.roster import ROSTER_SORTS as ROSTER_SORTS
from scheduling.selectors.roster import Attention as Attention
from scheduling.selectors.roster import roster_attention as roster_attention
from scheduling.selectors.roster import roster_rows_for_coach as roster_rows_for_coach
from scheduling.services.windows import load_windows, local_today
from training.drafts import run_is_draft, strength_is_draft
from training.models import Run, StrengthSession, StrengthSet


def _scope(user: User) -> QuerySet:
    return athletes_for_user(user=user).values("id")


def planned_sessions_for_user(*, user: User) -> QuerySet[PlannedSession]:
    lines = Prescription.objects.select_related("exercise")
    return (
        PlannedSession.objects.filter(athlete__in=_scope(user))
        .select_related("athlete__user")
        .prefetch_related(Prefetch("prescription", queryset=lines))
    )


PRESCRIPTION_FIELDS = ("exercise", "sets", "reps_min", "reps_max", "load_kg", "pct_e1rm", "rir",
                       "ground_contacts", "hold_s")


def prescriptions_by_session(*, session_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Prescription lines of these (already scoped) sessions, in order, as plain rows keyed
    by session: one query and no model instances, for a list page. Django's prefetch costs
    a queryset per session, which was most of the week list's time."""
    lines: dict[int, list[dict[str, Any]]] = {pk: [] for pk in session_ids}
    if not session_ids:
        return lines
    for sid, *row in Prescription.objects.filter(session_id__in=session_ids).order_by(
        "session_id", "order", "id"
    ).values_list("session_id", "exercise__slug", *PRESCRIPTION_FIELDS[1:]):
        lines[sid].append(dict(zip(PRESCRIPTION_FIELDS, row, strict=True)))
    return lines


def planned_session_get_for_user(
    *, user: User, session_id: object, field: str | None = None
) -> PlannedSession:
    return scoped_get(planned_sessions_for_user(user=user), session_id,
                      what="Planned session", field=field)


def findings_for_user(*, user: User) -> QuerySet[Finding]:
    return Finding.objects.filter(athlete__in=_scope(user)).select_related("athlete__user")


def finding_get_for_user(*, user: User, finding_id: object) -> Finding:
    return scoped_get(findings_for_user(user=user), finding_id, what="Finding")


def races_for_user(*, user: User) -> QuerySet[Race]:
    return Race.objects.filter(athlete__in=_scope(user))


def race_get_for_user(*, user: User, race_id: object) -> Race:
    return scoped_get(races_for_user(user=user), race_id, what="Race")


def phase_blocks_for_user(*, user: User) -> QuerySet[PhaseBlock]:
    return PhaseBlock.objects.filter(athlete__in=_scope(user))


def next_targets_for_athlete(*, athlete: AthleteProfile) -> tuple[engine.Target, ...]:
    """The progression's next targets for each main lift the athlete trained lately."""
    (window,) = load_windows([athlete.pk], now=timezone.now())
    return engine.next_targets(window.context, window.sessions, today=window.today)


# --- The portal's reads: one athlete's week, and a coach's roster dashboard -----------------

SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
DEFAULT_START = {"run": dt.time(7, 0), "strength": dt.time(17, 30)}  # RULES.md "Gap"


@dataclass
class WeekItem:
    """One session of a day: a plan, its log, or both (a log fulfilling the plan)."""

    kind: str
    date: dt.date
    planned: PlannedSession | None = None
    strength: StrengthSession | None = None
    run: Run | None = None
    findings: list[Finding] = field(default_factory=list)
    # Shown in full on the first session a finding names; the others point to it.
    also_flagged: list[Finding] = field(default_factory=list)
    # Planned against done (``scheduling.services.compliance``), when the page judges it.
    compliance: SessionCompliance | None = None

    @property
    def refs(self) -> list[engine.SessionRef]:
        """The sessions the item stands for, the plan first."""
        out = []
        if self.planned is not None:
            out.append(engine.SessionRef(engine.SourceType.PLANNED, self.planned.pk))
        if self.strength is not None:
            out.append(engine.SessionRef(engine.SourceType.STRENGTH, self.strength.pk))
        if self.run is not None:
            out.append(engine.SessionRef(engine.SourceType.RUN, self.run.pk))
        return out

    @property
    def start_time(self) -> dt.time | None:
        for obj in (self.strength, self.run, self.planned):
            if obj is not None and obj.start_time is not None:
                return obj.start_time
        return None

    @property
    def is_logged(self) -> bool:
        return self.strength is not None or self.run is not None

    @property
    def movable(self) -> bool:
        """A plan nothing fulfils yet: it may move to another day."""
        return self.planned is not None and not self.is_logged

    @property
    def is_draft(self) -> bool:
        """A log not yet taking part (RULES.md, "Logged"): to finish or discard. Reads the
        prefetched sets."""
        if self.strength is not None:
            return strength_is_draft(self.strength)
        return self.run is not None and run_is_draft(self.run)

    def sort_key(self) -> tuple[dt.time, int, int]:
        order = self.planned.order if self.planned is not None else 0
        pk = (self.planned or self.strength or self.run).pk  # type: ignore[union-attr]
        return (self.start_time or DEFAULT_START[self.kind], order, pk)


@dataclass
class WeekDay:
    date: dt.date
    is_today: bool
    items: list[WeekItem] = field(default_factory=list)
    races: list[Race] = field(default_factory=list)  # the athlete's races on the day


@dataclass
class Week:
    monday: dt.date
    today: dt.date
    days: list[WeekDay]
    findings: list[Finding]  # every open finding touching the week, worst first
    week_findings: list[Finding]  # those naming no session shown this week (weekly rules)
    # The athlete's current e1RMs today, for the kilograms beside a % of e1RM.
    loads: Loads | None = None
    # When the checks last judged the week (None: not checked, its flags say nothing).
    checked_at: dt.datetime | None = None

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def judge(self, verdicts: Mapping[engine.SessionRef, SessionCompliance]) -> None:
        """Give each item its compliance: its plan's verdict, else its log's."""
        for day in self.days:
            for item in day.items:
                item.compliance = next(
                    (verdicts[r] for r in item.refs if r in verdicts), None)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def athlete_today(*, athlete: AthleteProfile, now: dt.datetime | None = None) -> dt.date:
    """The athlete's local calendar date now."""
    return local_today(athlete.timezone, now or timezone.now())


def week_for_athlete(*, athlete: AthleteProfile, monday: dt.date, today: dt.date) -> Week:
    """The seven days from ``monday`` (local dates): planned and logged sessions per day in
    order, each with the open findings that name it, the races on their days, and when the
    checks last judged the week. Eight queries whatever the week holds, and a ninth when a
    line is given as % of e1RM (the current e1RM it reads)."""
    sunday = monday + dt.timedelta(days=6)
    planned = _week_planned(athlete, monday, sunday)  # 1 planned sessions, 2 their lines
    strength = _week_strength(athlete, monday, sunday)  # 3 strength sessions, 4 their sets
    runs = list(Run.objects.filter(athlete=athlete, date__gte=monday, date__lte=sunday))  # 5
    findings = _week_findings(athlete, monday, sunday)  # 6
    races = Race.objects.filter(athlete=athlete, date__gte=monday, date__lte=sunday).order_by(
        "date", "start_time", "id")  # 7
    horizon = CheckHorizon.objects.filter(athlete=athlete).first()  # 8
    items = _week_items(planned, strength, runs)
    unplaced = _flag(items, findings)
    lines = [line for plan in planned for line in plan.prescription.all()]
    days = _week_days(items, monday, today)
    for race in races:
        days[(race.date - monday).days].races.append(race)
    return Week(monday=monday, today=today, days=days, findings=findings,
                week_findings=unplaced,
                loads=loads_for(athlete, lines, on=today),  # 9 when a line needs an e1RM
                checked_at=week_checked_at(horizon, monday))


def week_checked_at(horizon: CheckHorizon | None, monday: dt.date) -> dt.datetime | None:
    """When the checks last judged the ISO week of ``monday`` (None: not checked)."""
    return horizon.checked_at if horizon is not None and horizon.covers(monday) else None


def _week_planned(athlete: AthleteProfile, monday: dt.date, sunday: dt.date
                  ) -> list[PlannedSession]:
    """The week's planned sessions, their prescription lines prefetched with the exercise."""
    lines = Prescription.objects.select_related("exercise")
    return list(
        PlannedSession.objects.filter(athlete=athlete, date__gte=monday, date__lte=sunday)
        .prefetch_related(Prefetch("prescription", queryset=lines))
    )


def _week_strength(athlete: AthleteProfile, monday: dt.date, sunday: dt.date
                   ) -> list[StrengthSession]:
    """The week's logged strength sessions, their sets prefetched with the exercise."""
    sets = StrengthSet.objects.select_related("exercise")
    return list(
        StrengthSession.objects.filter(athlete=athlete, date__gte=monday, date__lte=sunday)
        .prefetch_related(Prefetch("sets", queryset=sets))
    )


def _week_findings(athlete: AthleteProfile, monday: dt.date, sunday: dt.date) -> list[Finding]:
    """The open findings touching the week, worst first, then by date."""
    return sorted(
        Finding.objects.filter(
            athlete=athlete, status=FindingStatus.OPEN, last_date__gte=monday,
            first_date__lte=sunday,
        ),
        key=lambda f: (SEVERITY_RANK.get(f.severity, 9), f.first_date, f.pk),
    )


def _week_items(planned: list[PlannedSession], strength: list[StrengthSession], runs: list[Run]
                ) -> dict[tuple[str, int], WeekItem]:
    """One item per session, keyed as findings name sessions (``("run", 7)``): a log that
    fulfils a plan shares the plan's item, on the log's date; the other logs stand alone."""
    items: dict[tuple[str, int], WeekItem] = {}
    by_strength = {s.pk: s for s in strength}
    by_run = {r.pk: r for r in runs}
    for plan in planned:
        item = WeekItem(kind=plan.kind, date=plan.date, planned=plan)
        item.strength = by_strength.pop(plan.logged_strength_id, None)  # type: ignore[arg-type]
        item.run = by_run.pop(plan.logged_run_id, None)  # type: ignore[arg-type]
        if item.strength is not None:
            item.date = item.strength.date
            items[("strength", item.strength.pk)] = item
        if item.run is not None:
            item.date = item.run.date
            items[("run", item.run.pk)] = item
        items[("planned", plan.pk)] = item
    for session in by_strength.values():
        items[("strength", session.pk)] = WeekItem(kind="strength", date=session.date,
                                                   strength=session)
    for run in by_run.values():
        items[("run", run.pk)] = WeekItem(kind="run", date=run.date, run=run)
    return items


def _flag(items: dict[tuple[str, int], WeekItem], findings: list[Finding]) -> list[Finding]:
    """Hang each finding on the items of the sessions it names (once per item); return those
    naming none of the week's sessions (the weekly rules)."""
    unplaced = []
    for finding in findings:
        hits = {id(items[key]): items[key] for ref in finding.sessions
                if (key := (ref.get("type"), ref.get("id"))) in items}
        for item in hits.values():
            item.findings.append(finding)
        if not hits:
            unplaced.append(finding)
    return unplaced


def _week_days(items: dict[tuple[str, int], WeekItem], monday: dt.date, today: dt.date
               ) -> list[WeekDay]:
    """The seven days with their items in order. A finding is shown in full on the first item
    that names it; the later ones list it under ``also_flagged``."""
    days = [WeekDay(date=monday + dt.timedelta(days=i), is_today=monday
                    + dt.timedelta(days=i) == today) for i in range(7)]
    unique = {id(item): item for item in items.values()}
    for item in sorted(unique.values(), key=WeekItem.sort_key):
        days[(item.date - monday).days].items.append(item)
    shown: set[int] = set()
    for day in days:
        for item in day.items:
            item.also_flagged = [f for f in item.findings if f.pk in shown]
            item.findings = [f for f in item.findings if f.pk not in shown]
            shown.update(f.pk for f in item.findings)
    return days


# --- The calendar feed's reads (the feed authenticates by the athlete's secret, not a user) ---


def planned_sessions_for_calendar(*, athlete: AthleteProfile) -> QuerySet[PlannedSession]:
    """Every planned session with its prescription lines (one query for all the lines)."""
    return PlannedSession.objects.filter(athlete=athlete).order_by(
        "date", "order", "id").prefetch_related(
        Prefetch("prescription", queryset=Prescription.objects.select_related("exercise")))


def open_findings_for_athlete(*, athlete: AthleteProfile) -> QuerySet[Finding]:
    return Finding.objects.filter(athlete=athlete, status=FindingStatus.OPEN).order_by(
        "first_date", "id")
