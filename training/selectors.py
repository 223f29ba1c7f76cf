"""The read path for logs: scoped to the acting user, with their own prefetching."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from athletes.models import AthleteProfile, Membership, User
from athletes.selectors import athletes_for_user
from core.errors import NotFound
from core.lifting import e1rm
from core.scoping import scoped_get
from training.imports.names import DEFAULT_NAMES, fold
from training.load import DayLoad, LoadPoint, WeekLoad, load_series, week_load
from training.metrics import (
    LiftBests,
    SetFact,
    current_bests,
    e1rm_series,
    personal_records,
    weekly_volume,
)
from training.models import (
    CheckIn,
    DailyLoad,
    Exercise,
    ExerciseMapping,
    Import,
    ImportFile,
    Run,
    StrengthSession,
    StrengthSet,
)
from training.running import RunFact, RunWeek, run_weeks


def exercises_for_user(*, user: User) -> QuerySet[Exercise]:
    """The library, plus custom exercises of the user (a coach) or of the user's coaches."""
    if user.is_superuser:
        return Exercise.objects.all()
    coaches = Membership.objects.filter(athlete__user=user).values("roster__coach_id")
    return Exercise.objects.filter(
        Q(owner__isnull=True) | Q(owner=user) | Q(owner_id__in=coaches)
    )


def exercises_for_athlete(*, athlete: AthleteProfile) -> QuerySet[Exercise]:
    """What may appear in this athlete's plan and log: the library and their coaches' own."""
    coaches = Membership.objects.filter(athlete=athlete).values("roster__coach_id")
    return Exercise.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=coaches))


def exercise_get_for_athlete(*, athlete: AthleteProfile, slug: str, field: str) -> Exercise:
    exercise = exercises_for_athlete(athlete=athlete).filter(slug=slug).first()
    if exercise is None:
        raise NotFound(f"Unknown exercise {slug!r}.", field=field)
    return exercise


def strength_sessions_for_user(*, user: User) -> QuerySet[StrengthSession]:
    sets = StrengthSet.objects.select_related("exercise")
    return (
        StrengthSession.objects.filter(athlete__in=athletes_for_user(user=user).values("id"))
        .select_related("athlete__user")
        .prefetch_related(Prefetch("sets", queryset=sets))
    )


def strength_session_get_for_user(
    *, user: User, session_id: object, field: str | None = None
) -> StrengthSession:
    return scoped_get(strength_sessions_for_user(user=user), session_id,
                      what="Strength session", field=field)


def runs_for_user(*, user: User) -> QuerySet[Run]:
    return Run.objects.filter(
        athlete__in=athletes_for_user(user=user).values("id")
    ).select_related("athlete__user")


def run_get_for_user(*, user: User, run_id: object, field: str | None = None) -> Run:
    return scoped_get(runs_for_user(user=user), run_id, what="Run", field=field)


def running_for_athlete(*, athlete: AthleteProfile, first_monday: dt.date, weeks: int,
                        recent: int = 10) -> tuple[list[RunWeek], list[Run]]:
    """The athlete's running over ``weeks`` ISO weeks from ``first_monday`` (training.running)
    and the ``recent`` latest runs of them, newest first: one query. A run with neither a
    distance nor a time is a draft, not a run."""
    runs = list(Run.objects.filter(
        Q(distance_m__isnull=False) | Q(duration_s__isnull=False), athlete=athlete,
        date__gte=first_monday, date__lt=first_monday + dt.timedelta(weeks=weeks),
    ).order_by("-date", "-start_time", "-id"))
    facts = [RunFact(r.pk, r.date, r.run_type, r.distance_m, r.duration_s) for r in runs]
    return run_weeks(facts, first_monday=first_monday, weeks=weeks), runs[:recent]


def check_ins_for_user(*, user: User) -> QuerySet[CheckIn]:
    """The check-ins of the athletes the user may see: their own, and their rosters'."""
    return CheckIn.objects.filter(athlete__in=athletes_for_user(user=user).values("id"))


def check_in_get_for_user(*, user: User, check_in_id: object) -> CheckIn:
    return scoped_get(check_ins_for_user(user=user).select_related("athlete"), check_in_id,
                      what="Check-in")


def check_in_on(*, user: User, athlete: AthleteProfile, date: dt.date) -> CheckIn | None:
    """The athlete's check-in of ``date``, if the user may see it (one query)."""
    return check_ins_for_user(user=user).filter(athlete=athlete, date=date).first()


def set_facts_for_athlete(
    *, athlete: AthleteProfile, since: dt.date | None = None, exercise: str | None = None
) -> list[SetFact]:
    """Every logged set of the athlete as plain facts (one query), oldest first."""
    qs = StrengthSet.objects.filter(session__athlete=athlete)
    if since is not None:
        qs = qs.filter(session__date__gte=since)
    if exercise is not None:
        qs = qs.filter(exercise__slug=exercise)
    rows = qs.order_by("session__date", "order").values_list(
        "session__date", "exercise__slug", "reps", "load_kg", "is_warmup"
    )
    return [SetFact(d, slug, reps, float(load), warm) for d, slug, reps, load, warm in rows]


def progress_for_athlete(*, athlete: AthleteProfile, exercise: str) -> dict[str, object]:
    """One lift's progress: e1RM per day, heaviest set per day, PRs, weekly volume load."""
    facts = set_facts_for_athlete(athlete=athlete, exercise=exercise)  # 1 query
    heaviest: dict[dt.date, SetFact] = {}
    for fact in facts:
        if fact.is_warmup:
            continue
        best = heaviest.get(fact.date)
        if best is None or (fact.load_kg, fact.reps) > (best.load_kg, best.reps):
            heaviest[fact.date] = fact
    return {
        "exercise": exercise,
        "e1rm": [{"date": d, "e1rm": round(v, 1)} for d, v in e1rm_series(facts,
                                                                         exercise=exercise)],
        "heaviest": [{"date": d, "load_kg": f.load_kg, "reps": f.reps}
                     for d, f in sorted(heaviest.items())],
        "prs": [
            {"kind": pr.kind, "date": pr.date, "value": pr.value, "reps": pr.reps,
             "load_kg": pr.load_kg}
            for pr in personal_records(facts)
        ],
        "weekly_volume": [{"week": monday, "volume_kg": round(v, 1)}
                          for monday, v in weekly_volume(facts)],
    }


def bests_for_athlete(*, athlete: AthleteProfile) -> list[tuple[str, str, LiftBests]]:
    """(slug, name, current bests) of each main lift the athlete has lifted, by name: one
    query over their working sets of main lifts."""
    rows = (StrengthSet.objects.filter(session__athlete=athlete, exercise__category="main",
                                       is_warmup=False)
            .order_by("session__date", "order")
            .values_list("session__date", "exercise__slug", "reps", "load_kg",
                         "exercise__name"))
    names: dict[str, str] = {}
    facts = []
    for date, slug, reps, load, name in rows:
        names[slug] = name
        facts.append(SetFact(date, slug, reps, float(load)))
    bests = current_bests(facts)
    return sorted(((slug, names[slug], b) for slug, b in bests.items()),
                  key=lambda row: row[1])


def strength_set_get_for_user(*, user: User, set_id: object, field: str | None = None
                              ) -> StrengthSet:
    """One logged set whose session the user may see; anything else is NotFound."""
    scope = StrengthSet.objects.filter(
        session__athlete__in=athletes_for_user(user=user).values("id")
    ).select_related("exercise", "session__athlete__user")
    return scoped_get(scope, set_id, what="Set", field=field)


def session_set_records(*, session: StrengthSession) -> dict[int, list[str]]:
    """The PRs each working set of ``session`` set when it was lifted ("e1rm", "load",
    "reps"), judged against every earlier working set of the same lift: one query."""
    exercise_ids = {row.exercise_id for row in session.sets.all()}
    rows = (
        StrengthSet.objects.filter(
            session__athlete_id=session.athlete_id, exercise_id__in=exercise_ids, is_warmup=False,
            session__date__lte=session.date,
        )
        .order_by("session__date", "session_id", "order", "id")
        .values_list("id", "session_id", "session__date", "exercise_id", "reps", "load_kg")
    )
    best: dict[int, float] = {}
    heaviest: dict[int, float] = {}
    most_reps: dict[tuple[int, float], int] = {}
    records: dict[int, list[str]] = {}
    for pk, session_id, date, exercise, reps, load_kg in rows:
        if date == session.date and session_id > session.pk:
            continue  # logged later the same day: not before this session
        load = float(load_kg)
        value = e1rm(load, reps)
        found = []
        if value is not None and exercise in best and value > best[exercise] + 1e-9:
            found.append("e1rm")
        if load > 0 and exercise in heaviest and load > heaviest[exercise]:
            found.append("load")
        if (exercise, load) in most_reps and reps > most_reps[(exercise, load)]:
            found.append("reps")
        if value is not None:
            best[exercise] = max(best.get(exercise, 0.0), value)
        heaviest[exercise] = max(heaviest.get(exercise, 0.0), load)
        most_reps[(exercise, load)] = max(most_reps.get((exercise, load), 0), reps)
        if session_id == session.pk and found:
            records[pk] = found
    return records


LOAD_COLUMNS = ("date", "load", "run_load", "strength_load", "estimated")


def load_for_athlete(*, athlete_id: int, date_from: dt.date, date_to: dt.date
                     ) -> list[LoadPoint]:
    """The daily load series over ``date_from``..``date_to`` (RULES.md, "Training load"), in
    one query: every day with load up to ``date_to``, since fitness and fatigue run from the
    athlete's first logged day."""
    rows = (DailyLoad.objects.filter(athlete_id=athlete_id, date__lte=date_to)
            .order_by("date").values_list(*LOAD_COLUMNS))
    return load_series({r[0]: DayLoad(*r) for r in rows}, date_from=date_from,
                       date_to=date_to)


def load_today_for_athletes(*, today: dict[int, dt.date]) -> dict[int, LoadPoint]:
    """Each athlete's figures on their local ``today`` (athlete id -> date), in one query."""
    if not today:
        return {}
    days: dict[int, dict[dt.date, DayLoad]] = {pk: {} for pk in today}
    for athlete_id, *r in (DailyLoad.objects.filter(athlete_id__in=list(today),
                                                    date__lte=max(today.values()))
                           .order_by("athlete_id", "date")
                           .values_list("athlete_id", *LOAD_COLUMNS)):
        if r[0] <= today[athlete_id]:
            days[athlete_id][r[0]] = DayLoad(*r)
    return {pk: load_series(days[pk], date_from=day, date_to=day)[0]
            for pk, day in today.items()}


def week_load_for_athlete(*, athlete_id: int, monday: dt.date) -> dict[str, object]:
    """The ISO week's load from ``monday``: the weekly load with its monotony and strain, the
    runs' and the lifts' shares, and whether a day of it is estimated (one query)."""
    days = {r[0]: DayLoad(*r) for r in DailyLoad.objects.filter(
        athlete_id=athlete_id, date__gte=monday, date__lte=monday + dt.timedelta(days=6),
    ).values_list(*LOAD_COLUMNS)}
    week: WeekLoad = week_load([days[d].load if d in days else 0.0 for d in (
        monday + dt.timedelta(days=i) for i in range(7))])
    return {"load": week.load, "monotony": week.monotony, "strain": week.strain,
            "run_load": round(sum(d.run_load for d in days.values()), 1),
            "strength_load": round(sum(d.strength_load for d in days.values()), 1),
            "estimated": any(d.estimated for d in days.values())}


def imports_for_user(*, user: User) -> QuerySet[Import]:
    """The imports of the athletes the user may see, each with its files (without their
    previews, which only the pipeline reads)."""
    files = ImportFile.objects.defer("preview").order_by("id")
    return (Import.objects.filter(athlete__in=athletes_for_user(user=user).values("id"))
            .select_related("athlete__user")
            .prefetch_related(Prefetch("files", queryset=files)))


def import_get_for_user(*, user: User, import_id: object) -> Import:
    return scoped_get(imports_for_user(user=user), import_id, what="Import")


def exercise_names_for_athlete(*, athlete: AthleteProfile) -> dict[str, str | None]:
    """What each known app name (folded) means for this athlete: the default table and the
    exercises' own names (what our export writes), then their coaches' answers, then their
    own (the nearest wins); None means ignore it. Three queries."""
    found: dict[str, str | None] = dict(DEFAULT_NAMES)
    for name, slug in exercises_for_athlete(athlete=athlete).values_list("name", "slug"):
        found.setdefault(fold(name), slug)
    coaches = Membership.objects.filter(athlete=athlete).values("roster__coach_id")
    rows = (ExerciseMapping.objects
            .filter(Q(coach_id__in=coaches) | Q(athlete=athlete))
            .order_by("updated_at")
            .values_list("name", "exercise__slug", "athlete_id"))
    coach_rows = [r for r in rows if r[2] is None]
    own_rows = [r for r in rows if r[2] is not None]
    for name, slug, _ in [*coach_rows, *own_rows]:
        found[name] = slug
    return found
