"""The demo roster: a coach, six athletes of different levels, phases and equipment, four
weeks of logged runs and lifts with realistic progression and daily check-ins, the next two
weeks planned, a strength session missed in the last week (Maya's), a few placements that
break the rules on purpose so the engine has something to flag, and a few threads on sessions
(a pain flag the coach has not read yet).

Dates are relative to each athlete's local today, so the demo reads the same whenever it loads.

People, settings and races go through the public services. The four weeks of plans, logs
and check-ins are written straight to their tables, in the loader's one transaction, and
every athlete is checked once at the end: through the services each of these hundreds of
writes would queue its own re-check of the athlete (and tell the webhooks of a log that is
only history). So the daily training load is rebuilt from those logs at the end, once.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from athletes.models import AthleteProfile, User
from athletes.services import athlete_create, coach_create
from scheduling.demo_people import PERSONAS, Day, Lift, Persona
from scheduling.models import Comment, CommentRead, PlannedSession, Prescription
from scheduling.services import athlete_profile_update, athletes_check, race_create
from scheduling.services.load import load_rebuild
from scheduling.services.windows import local_today
from training.library import LIBRARY
from training.models import CheckIn, Exercise, Run, StrengthSession, StrengthSet
from training.services import exercise_library_sync

COACH_EMAIL = "coach@apexzone.test"
PASSWORD = "runlift-demo-2026"  # noqa: S105 - a demo login, printed for newcomers


def _exercises() -> dict[str, Exercise]:
    library = {e.slug: e for e in Exercise.objects.filter(owner__isnull=True)}
    if len(library) < len(LIBRARY):  # a flushed database (tests): put the library back
        exercise_library_sync()
        library = {e.slug: e for e in Exercise.objects.filter(owner__isnull=True)}
    return library


def _load_for(lift: Lift, weeks_ago: int) -> float:
    return lift.load + lift.step * (4 - weeks_ago)


def _plan(athlete: AthleteProfile, coach: User, day: Day, date: dt.date,
          ex: dict[str, Exercise], weeks_ago: int) -> PlannedSession:
    planned = PlannedSession.objects.create(
        athlete=athlete, date=date, start_time=day.start, kind=day.kind,
        run_type=day.run_type, intensity=day.intensity, duration_min=day.minutes,
        distance_m=int(day.km * 1000) or None, planned_rpe=day.rpe if day.kind == "run" else None,
        title=day.title or (f"{day.run_type.title()} run" if day.kind == "run" else "Strength"),
        created_by=coach,
    )
    Prescription.objects.bulk_create([
        Prescription(
            session=planned, exercise=ex[lift.slug], order=i, sets=lift.sets,
            # A hold is planned in seconds with no reps (docs/rules.md, "Holds").
            reps_min=None if lift.hold_s else lift.reps,
            reps_max=None if lift.hold_s else (lift.reps if lift.reps < 8
                                               else max(lift.reps, 12)),
            load_kg=Decimal(str(_load_for(lift, weeks_ago))) if lift.load else None,
            rir=lift.rir, ground_contacts=lift.contacts, hold_s=lift.hold_s,
        )
        for i, lift in enumerate(day.lifts)
    ])
    return planned


def _log(athlete: AthleteProfile, day: Day, date: dt.date, planned: PlannedSession,
         ex: dict[str, Exercise], weeks_ago: int, rng: random.Random) -> None:
    if day.kind == "run":
        run = Run.objects.create(
            athlete=athlete, date=date, start_time=day.start, run_type=day.run_type,
            distance_m=int(day.km * 1000 * rng.uniform(0.97, 1.04)),
            duration_s=int(day.minutes * 60 * rng.uniform(0.95, 1.05)),
            rpe=max(1, min(10, day.rpe + rng.choice((-1, 0, 0, 1)))),
            created_by=athlete.user,
        )
        planned.logged_run = run
    else:
        session = StrengthSession.objects.create(
            athlete=athlete, date=date, start_time=day.start, duration_min=day.minutes + 5,
            rpe=day.rpe, title=day.title, created_by=athlete.user,
        )
        rows, order = [], 0
        for lift in day.lifts:
            load = _load_for(lift, weeks_ago)
            if ex[lift.slug].category == "main" and load >= 40:
                for warm_reps, frac in ((8, 0.5), (4, 0.75)):
                    rows.append(StrengthSet(session=session, exercise=ex[lift.slug], order=order,
                                            reps=warm_reps, load_kg=round(load * frac / 2.5) * 2.5,
                                            is_warmup=True))
                    order += 1
            for _ in range(lift.sets):
                rows.append(StrengthSet(
                    session=session, exercise=ex[lift.slug], order=order, reps=lift.reps,
                    load_kg=Decimal(str(load)), rir=lift.rir if lift.load else None,
                    hold_s=lift.hold_s, ground_contacts=lift.contacts,
                ))
                order += 1
        StrengthSet.objects.bulk_create(rows)
        planned.logged_strength = session
    planned.save(update_fields=["logged_run", "logged_strength"])


def _build(persona: Persona, coach: User, ex: dict[str, Exercise], now: dt.datetime) -> None:
    athlete = athlete_create(
        email=persona.email, name=persona.name, password=PASSWORD,
        roster=coach.rosters.first(), timezone=persona.timezone, level=persona.level,
        units=persona.units, equipment=persona.equipment, home_items=list(persona.home_items),
    )
    if persona.availability:
        athlete_profile_update(athlete=athlete, availability=persona.availability)
    if persona.race:
        name, days, distance = persona.race
        race_create(athlete=athlete, name=name, distance_m=distance, priority="A",
                    date=local_today(persona.timezone, now) + dt.timedelta(days=days))
    today = local_today(persona.timezone, now)
    rng = random.Random(persona.email)
    first = today - dt.timedelta(days=28)
    last = today + dt.timedelta(days=13)
    last += dt.timedelta(days=6 - last.weekday())  # plan whole ISO weeks
    anchor = today
    if persona.conflicts_on is not None:
        anchor += dt.timedelta(days=(persona.conflicts_on - today.weekday() - 1) % 7 + 1)
    conflicts = [(anchor + dt.timedelta(days=days), day) for days, day in persona.conflicts]
    # A deliberate conflict takes the place of the usual session of its kind that day, whatever
    # the weekday the demo loads on: nobody runs intervals and a tempo the same morning.
    swapped = {(date, day.kind) for date, day in conflicts}
    missed = _last_strength_day(persona, today) if persona.misses_strength else None
    for offset in range((last - first).days + 1):
        date = first + dt.timedelta(days=offset)
        weeks_ago = max(0, (today - date).days // 7)
        for day in persona.week:
            if day.weekday != date.weekday() or (date, day.kind) in swapped:
                continue
            planned = _plan(athlete, coach, day, date, ex, weeks_ago)
            if date < today and (today - date).days not in persona.skip and (
                    date, day.kind) != (missed, "strength"):
                _log(athlete, day, date, planned, ex, weeks_ago, rng)
    for date, day in conflicts:
        _plan(athlete, coach, day, date, ex, 0)
    _check_ins(athlete, persona, today)


def _last_strength_day(persona: Persona, today: dt.date) -> dt.date | None:
    """The latest date of the last 7 days on which the persona's week lifts."""
    lifts = {day.weekday for day in persona.week if day.kind == "strength"}
    return next((today - dt.timedelta(days=n) for n in range(1, 8)
                 if (today - dt.timedelta(days=n)).weekday() in lifts), None)


def _check_ins(athlete: AthleteProfile, persona: Persona, today: dt.date) -> None:
    """Four weeks of morning check-ins, a few days missed: good days mostly, the legs sorer
    the day after lifting or a long run; and today's when the persona has one."""
    rng = random.Random(f"{persona.email}:check-ins")  # the logs' numbers stay as they were
    hard_days = {d.weekday for d in persona.week if d.kind == "strength" or d.run_type == "long"}
    weight, resting_hr, hrv = rng.uniform(56, 82), rng.randint(44, 58), rng.randint(55, 95)
    rows = []
    for days in range(28, 0, -1):
        date = today - dt.timedelta(days=days)
        if rng.random() < 0.15:
            continue
        sore = (date - dt.timedelta(days=1)).weekday() in hard_days
        rows.append(CheckIn(
            athlete=athlete, date=date, sleep=rng.choice((3, 4, 4, 5)),
            energy=rng.choice((3, 4, 4, 5)), soreness=rng.choice((2, 3, 3) if sore else (4, 4, 5)),
            stress=rng.choice((3, 4, 4, 5)), mood=rng.choice((3, 4, 4, 5)),
            resting_hr=resting_hr + rng.randint(-2, 3), hrv_ms=hrv + rng.randint(-12, 12),
            body_weight_kg=Decimal(f"{weight + rng.uniform(-0.6, 0.6):.1f}"),
            created_by=athlete.user))
    if persona.today_feels is not None:
        sleep, energy, soreness, stress, mood = persona.today_feels
        rows.append(CheckIn(athlete=athlete, date=today, sleep=sleep, energy=energy,
                            soreness=soreness, stress=stress, mood=mood,
                            resting_hr=resting_hr + 5, hrv_ms=hrv - 15, created_by=athlete.user))
    CheckIn.objects.bulk_create(rows)


def _threads(coach: User, now: dt.datetime) -> None:
    """A few threads on sessions, written straight to their tables (no webhook events for
    the demo's history): Maya's knee twinge on her last run, which the coach has read and
    answered (the answer new to her); Jonas's long run, answered; and Priya's sore hamstring
    before tomorrow's heavy squats, which the coach has not read, so the roster puts her
    first for pain."""
    people = {a.user.email: a for a in AthleteProfile.objects.select_related("user").filter(
        user__email__in=["maya@apexzone.test", "jonas@apexzone.test", "priya@apexzone.test"])}
    maya, jonas, priya = (people[f"{n}@apexzone.test"] for n in ("maya", "jonas", "priya"))
    maya_run = Run.objects.filter(athlete=maya).order_by("-date", "-id").first()
    jonas_long = Run.objects.filter(athlete=jonas, run_type="long").order_by("-date").first()
    priya_run = Run.objects.filter(athlete=priya).order_by("-date", "-id").first()
    squat = PlannedSession.objects.filter(athlete=priya, title="Last heavy squat").first()

    def ago(hours: int) -> dt.datetime:
        return now - dt.timedelta(hours=hours)

    read_by_coach = Comment.objects.bulk_create([
        Comment(athlete=maya, author=maya.user, run=maya_run, created_at=ago(20),
                body="Right knee twinged on the last kilometre. Nothing sharp.",
                pain_area="knee", pain_score=3),
        Comment(athlete=jonas, author=jonas.user, run=jonas_long, created_at=ago(40),
                body="Strong to 25 km, then faded. Took one gel at 15 km."),
    ])
    Comment.objects.bulk_create([
        Comment(athlete=maya, author=coach, run=maya_run, created_at=ago(18),
                body="Thanks for telling me. Keep the next easy run flat, and tell me if it "
                     "comes back."),
        Comment(athlete=jonas, author=coach, run=jonas_long, created_at=ago(30),
                body="Good run. Take the first gel at 12 km and another at 22 km next time."),
        Comment(athlete=priya, author=priya.user, run=priya_run, created_at=ago(3),
                body="Left hamstring is tight since this run.", pain_area="hamstring",
                pain_score=5),
        *([Comment(athlete=priya, author=priya.user, planned_session=squat, created_at=ago(2),
                   body="Should I still squat heavy tomorrow with this hamstring?")]
          if squat is not None else []),
    ])
    CommentRead.objects.bulk_create([CommentRead(user=coach, comment=c, read_at=ago(19))
                                     for c in read_by_coach])


def demo_loaded() -> bool:
    return User.objects.filter(email=COACH_EMAIL).exists()


@transaction.atomic
def load_demo(*, now: dt.datetime | None = None) -> bool:
    """Load the demo unless it is there already; then check every demo athlete once."""
    if demo_loaded():
        return False
    now = now or timezone.now()
    coach = coach_create(email=COACH_EMAIL, password=PASSWORD, name="Alex Coach")
    ex = _exercises()
    for persona in PERSONAS:
        _build(persona, coach, ex, now)
    ids = list(AthleteProfile.objects.filter(
        user__email__in=[p.email for p in PERSONAS]).values_list("id", flat=True))
    _threads(coach, now)
    load_rebuild(athlete_ids=ids)
    athletes_check(ids, now=now)
    return True


def logins() -> list[tuple[str, str, str]]:
    return [("coach", COACH_EMAIL, PASSWORD)] + [
        (f"athlete ({p.level}, {p.timezone})", p.email, PASSWORD) for p in PERSONAS
    ]
