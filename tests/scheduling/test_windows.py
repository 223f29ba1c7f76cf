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
from training.models import CheckIn, StrengthSet
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


def check_in(athlete, date, total):
    """A check-in whose five items add up to ``total`` (soreness 3, the rest shared out)."""
    rest, extra = divmod(total - 3, 4)
    sleep, energy, stress, mood = (rest + (1 if i < extra else 0) for i in range(4))
    return CheckIn(athlete=athlete, date=date, sleep=sleep, energy=energy, soreness=3,
                   stress=stress, mood=mood)


def test_the_window_carries_todays_check_in_and_the_28_days_before(athlete, today):
    CheckIn.objects.bulk_create([
        check_in(athlete, today, 12),
        check_in(athlete, today - dt.timedelta(days=1), 20),  # readiness 4.0
        check_in(athlete, today - dt.timedelta(days=28), 17),  # 3.4: the first day counted
        check_in(athlete, today - dt.timedelta(days=29), 7),  # too old: not counted
    ])
    [window] = load_windows([athlete.pk], now=timezone.now())
    context = window.context
    assert context.check_in == engine.CheckIn(today, 3, 2, 3, 2, 2)
    assert context.readiness_count == 2
    assert context.readiness_mean == pytest.approx(3.7)


def test_each_athlete_of_a_chunk_is_read_on_their_own_today(athlete, other_athlete):
    """Berlin and New York: at 03:00 UTC one is a day ahead of the other."""
    now = dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)
    berlin, new_york = dt.date(2026, 11, 25), dt.date(2026, 11, 24)
    CheckIn.objects.bulk_create([
        check_in(athlete, berlin, 10), check_in(athlete, new_york, 20),
        check_in(other_athlete, new_york, 15), check_in(other_athlete, berlin, 23),
    ])
    windows = {w.athlete_id: w.context for w in load_windows([athlete.pk, other_athlete.pk],
                                                             now=now)}
    mine, theirs = windows[athlete.pk], windows[other_athlete.pk]
    assert (mine.check_in.date, mine.check_in.readiness) == (berlin, 2.0)
    assert (mine.readiness_mean, mine.readiness_count) == (4.0, 1)
    assert (theirs.check_in.date, theirs.check_in.readiness) == (new_york, 3.0)
    assert (theirs.readiness_mean, theirs.readiness_count) == (None, 0)


def test_no_check_ins_no_readiness(athlete):
    [window] = load_windows([athlete.pk], now=timezone.now())
    assert (window.context.check_in, window.context.readiness_mean,
            window.context.readiness_count) == (None, None, 0)
