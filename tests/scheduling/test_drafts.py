"""The nightly pass discards empty drafts older than a day (RULES.md, "Logged"), in bulk:
``drafts_discard``, called by each chunk before its check."""

from __future__ import annotations

import datetime as dt

import pytest

from athletes.models import AthleteProfile
from scheduling.models import PlannedSession
from scheduling.services import run_create, strength_session_create
from scheduling.services.comments import comment_create
from scheduling.services.fulfilment import with_fulfilments
from scheduling.services.logs import drafts_discard
from tests.engine.builders import TUE, heavy, lift, sets
from tests.scheduling.conftest import NIGHT, run_night, unchecked
from training.models import Run, StrengthSession, StrengthSet
from training.services import SetInput

DAY = dt.timedelta(days=1)
SECOND = dt.timedelta(seconds=1)
SQUAT = SetInput("back-squat", 5, 100, rir=2)
WARM_UP = SetInput("back-squat", 5, 40, is_warmup=True)


def _aged(obj: StrengthSession | Run, age: dt.timedelta) -> None:
    type(obj).objects.filter(pk=obj.pk).update(created_at=NIGHT - age)


LIFTS = [
    pytest.param([], DAY + SECOND, False, id="no set, a day and a second old: discarded"),
    pytest.param([WARM_UP], DAY + SECOND, False, id="warm-ups only, past a day: discarded"),
    pytest.param([], DAY, True, id="no set, exactly a day old: kept"),
    pytest.param([SQUAT], 30 * DAY, True, id="a working set: a session, kept"),
]


@pytest.mark.parametrize(("sets", "age", "kept"), LIFTS)
def test_an_empty_strength_draft_older_than_a_day_is_discarded(athlete, sets, age,
                                                                 kept: bool) -> None:
    log = strength_session_create(actor=athlete.user, athlete=athlete, date=NIGHT.date(),
                                  sets=sets)
    _aged(log, age)
    assert drafts_discard(athlete_ids=[athlete.pk], now=NIGHT) == (0 if kept else 1)
    assert StrengthSession.objects.filter(pk=log.pk).exists() is kept
    assert StrengthSet.objects.filter(session_id=log.pk).count() == (len(sets) if kept else 0)


RUNS = [
    pytest.param({}, DAY + SECOND, False, id="neither duration nor distance: discarded"),
    pytest.param({}, DAY, True, id="exactly a day old: kept"),
    pytest.param({"duration_s": 60}, 30 * DAY, True, id="a duration: a run, kept"),
    pytest.param({"distance_m": 100}, 30 * DAY, True, id="a distance: a run, kept"),
]


@pytest.mark.parametrize(("fields", "age", "kept"), RUNS)
def test_an_empty_run_older_than_a_day_is_discarded(athlete, fields, age, kept: bool) -> None:
    run = run_create(actor=athlete.user, athlete=athlete, date=NIGHT.date(), **fields)
    _aged(run, age)
    drafts_discard(athlete_ids=[athlete.pk], now=NIGHT)
    assert Run.objects.filter(pk=run.pk).exists() is kept


def test_a_discarded_draft_unlinks_its_plan_and_a_commented_one_stays(athlete, coach) -> None:
    plan = PlannedSession.objects.create(athlete=athlete, kind="strength", date=NIGHT.date())
    left = strength_session_create(actor=athlete.user, athlete=athlete, date=plan.date,
                                   planned_session=plan)
    talked = run_create(actor=athlete.user, athlete=athlete, date=plan.date)
    comment_create(author=coach, run=talked, body="Did you run at all?")
    other = strength_session_create(actor=coach, athlete=athlete, date=plan.date)
    for obj in (left, talked, other):
        _aged(obj, 2 * DAY)
    version = PlannedSession.objects.get(pk=plan.pk).version
    assert drafts_discard(athlete_ids=[athlete.pk], now=NIGHT) == 2  # ``left``, ``other``
    plan.refresh_from_db()
    assert (plan.logged_strength_id, plan.version) == (None, version + 1)
    assert Run.objects.filter(pk=talked.pk).exists()


def test_the_nightly_pass_discards_the_drafts_of_the_athletes_it_checks(roster) -> None:
    first, second, third = roster
    drafts = [strength_session_create(actor=who.user, athlete=who, date=NIGHT.date())
              for who in roster]
    for log in drafts:
        _aged(log, 2 * DAY)
    unchecked([first, second])
    # The third was checked tonight already (02:30 in Los Angeles, 25 Nov).
    AthleteProfile.objects.filter(pk=third.pk).update(nightly_checked_on=dt.date(2026, 11, 25))
    run_night()
    assert list(StrengthSession.objects.values_list("athlete_id", flat=True)) == [third.pk]


def test_a_plan_linked_to_a_draft_is_fulfilled_by_the_days_real_log() -> None:
    """Log it, Start logging, leave; then the session comes in from a watch without a link:
    the real log fulfils the plan (RULES.md, *Fulfils*), the draft fulfils nothing."""
    plan = heavy(TUE, "17:30", id=1)
    draft = lift(TUE, "17:30", logged=[], id=2, fulfils=plan.ref)
    real = lift(TUE, "18:00", logged=sets(n=4), id=3)
    out = {s.ref: s for s in with_fulfilments([plan, draft, real], {1: 2})}
    assert out[real.ref].fulfils == plan.ref
    kept = {s.ref: s for s in with_fulfilments([plan, lift(TUE, "17:30", logged=sets(n=1),
                                                           id=2, fulfils=plan.ref), real],
                                               {1: 2})}
    assert kept[real.ref].fulfils is None  # the plan is the linked session's
