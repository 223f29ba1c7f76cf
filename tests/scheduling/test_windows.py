"""What a check reads: logged strength before the plan's dates comes as each session's best
working set per lift (main or accessory), and the engine finds exactly what it finds on every
set."""

import dataclasses
import datetime as dt
from collections import defaultdict

import pytest
from django.utils import timezone

from athletes.models import AthleteProfile
from scheduling import engine
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    run_create,
    strength_session_create,
)
from scheduling.services.checks import run_engine
from scheduling.services.windows import load_bounds, load_windows, local_today
from training.models import StrengthSet
from training.services import SetInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(athlete):
    return local_today(athlete.timezone, timezone.now())


def log(athlete, day, *sets):
    return strength_session_create(actor=athlete.user, athlete=athlete, date=day,
                                   start_time=dt.time(18), sets=list(sets))


def sets_of(window, session_id):
    return next(s.sets for s in window.sessions if s.ref.id == session_id
                and s.ref.type is engine.SourceType.STRENGTH)


def test_history_keeps_each_main_lifts_best_working_set(athlete, today):
    old = log(athlete, today - dt.timedelta(weeks=4),
              SetInput("back-squat", 5, 60, is_warmup=True),  # warm-up: never the best
              SetInput("back-squat", 5, 100, rir=2),  # e1RM 116.7
              SetInput("back-squat", 3, 110, rir=1),  # e1RM 121.0: the best
              SetInput("back-squat", 12, 90),  # past 10 reps: no e1RM
              SetInput("plank", 1, 0, hold_s=60),  # accessory: read, it builds the base
              SetInput("pogo-hops", 20, 0, ground_contacts=20),  # plyometric: not read
              SetInput("romanian-deadlift", 12, 60))  # trained, with no e1RM: still there
    recent = log(athlete, today - dt.timedelta(days=1),
                 SetInput("back-squat", 5, 60, is_warmup=True), SetInput("back-squat", 5, 100),
                 SetInput("plank", 1, 0, hold_s=60))
    [window] = load_windows([athlete.pk], now=timezone.now())
    assert [(s.exercise, s.reps, s.load_kg) for s in sets_of(window, old.pk)] == [
        ("back-squat", 3, 110.0), ("plank", 1, 0.0), ("romanian-deadlift", 12, 60.0)]
    assert len(sets_of(window, recent.pk)) == 3  # inside the plan's dates: every set


def test_the_engine_finds_the_same_on_the_best_sets_as_on_every_set(athlete, today):
    """A stalled squat (e1RM history), % e1RM prescriptions ahead: same findings, same words."""
    for week in range(8, 0, -1):
        for day in (1, 4):
            date = today - dt.timedelta(weeks=week, days=-day)
            if date >= today:
                continue
            log(athlete, date,
                SetInput("back-squat", 5, 60, is_warmup=True),
                *[SetInput("back-squat", 5, 100 - (week % 2) * 2.5, rir=2)] * 3,
                SetInput("back-squat", 8, 80, rir=3),
                SetInput("romanian-deadlift", 8, 90, rir=2))
    for day in (2, 5):
        planned_session_create(
            actor=athlete.user, athlete=athlete, kind="strength",
            date=today + dt.timedelta(days=day), start_time=dt.time(18), duration_min=60,
            prescription=[PrescriptionInput("back-squat", 3, 5, 5, pct_e1rm=85, rir=2)])
    now = timezone.now()
    [window] = load_windows([athlete.pk], now=now)

    everything: dict[int, list[engine.LoggedSet]] = defaultdict(list)
    bounds = load_bounds(window.today)
    for sid, *row in StrengthSet.objects.filter(
            session__athlete=athlete, session__date__gte=bounds.history).order_by(
            "session_id", "order", "id").values_list(
            "session_id", "exercise__slug", "order", "reps", "load_kg", "rir", "is_warmup",
            "ground_contacts", "hold_s"):
        row[3] = float(row[3])
        everything[sid].append(engine.LoggedSet(*row))
    full = dataclasses.replace(window, sessions=[
        dataclasses.replace(s, sets=tuple(everything[s.ref.id]))
        if s.ref.type is engine.SourceType.STRENGTH else s for s in window.sessions])

    assert sum(len(s.sets) for s in full.sessions) > sum(len(s.sets) for s in window.sessions)
    found = run_engine(window)
    assert found == run_engine(full)
    assert "STALLED_PROGRESSION" in {f.rule for f in found}


def test_the_engine_sees_a_gym_athlete_as_gym_and_a_home_athlete_by_their_items(
        athlete, other_athlete):
    AthleteProfile.objects.filter(pk=other_athlete.pk).update(
        equipment="home", home_items=["dumbbells", "band"])
    windows = load_windows([athlete.pk, other_athlete.pk], now=timezone.now())
    assert {w.athlete_id: w.context.equipment for w in windows} == {
        athlete.pk: frozenset({"gym"}), other_athlete.pk: frozenset({"dumbbells", "band"})}


@pytest.mark.parametrize(("seconds", "long"), [(89 * 60 + 45, False), (90 * 60, True)])
def test_a_runs_duration_is_read_to_the_second(athlete, today, seconds, long):
    """89 min 45 s is not a long run (RULES.md): no rounding up to whole minutes."""
    run_create(actor=athlete.user, athlete=athlete, date=today - dt.timedelta(days=1),
               start_time=dt.time(7), run_type="easy", duration_s=seconds)
    planned_session_create(
        actor=athlete.user, athlete=athlete, kind="strength", date=today,
        start_time=dt.time(18), duration_min=60,
        prescription=[PrescriptionInput("back-squat", 3, 5, 5, load_kg=100, rir=2)])
    [window] = load_windows([athlete.pk], now=timezone.now())
    (logged,) = [s for s in window.sessions if s.ref.type is engine.SourceType.RUN]
    assert logged.duration_min == seconds / 60
    found = {f.rule for f in run_engine(window)}
    assert ("HEAVY_AFTER_LONG_RUN" in found) is long


def test_a_plyometric_session_ahead_is_judged_on_its_own_six_weeks(athlete, today):
    """Six weeks of lifting back from yesterday stand nothing down: a plyometric session
    planned 13 days ahead, with no lift planned in the 7 days before it, lacks its base."""
    for days in (1, 8, 15, 22, 29, 36):
        log(athlete, today - dt.timedelta(days=days), SetInput("back-squat", 5, 100, rir=2))
    planned_session_create(
        actor=athlete.user, athlete=athlete, kind="strength", date=today + dt.timedelta(days=13),
        start_time=dt.time(18), duration_min=45,
        prescription=[PrescriptionInput("pogo-hops", 3, 20, 20, ground_contacts=20)])
    [window] = load_windows([athlete.pk], now=timezone.now())
    (hit,) = [f for f in run_engine(window) if f.rule == "PLYO_BEFORE_BASE"]
    assert "1 of the 6 weeks before it had no strength session" in hit.explanation


@pytest.mark.parametrize(("early", "flagged"), [
    (SetInput("hip-thrust", 10, 60, rir=2), False),
    (SetInput("pogo-hops", 20, 0, ground_contacts=20), True),
])
def test_history_tells_lifting_from_jumps_alone(athlete, today, early, flagged):
    """Sessions 29 and 36 days back lie before the plan's dates (read as best sets): an
    accessory session there builds the base, a session of jumps alone does not."""
    for days in (1, 8, 15, 22):
        log(athlete, today - dt.timedelta(days=days), SetInput("back-squat", 5, 100, rir=2))
    for days in (29, 36):
        log(athlete, today - dt.timedelta(days=days), early)
    planned_session_create(
        actor=athlete.user, athlete=athlete, kind="strength", date=today,
        start_time=dt.time(18), duration_min=45,
        prescription=[PrescriptionInput("pogo-hops", 3, 20, 20, ground_contacts=20)])
    [window] = load_windows([athlete.pk], now=timezone.now())
    assert load_bounds(window.today).plan > today - dt.timedelta(days=29)
    found = {f.rule for f in run_engine(window)}
    assert ("PLYO_BEFORE_BASE" in found) is flagged
