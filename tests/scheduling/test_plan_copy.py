"""Copying a week of the plan onto another (scheduling.services.plan_copy)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from athletes.models import AthleteProfile, User
from core.errors import DomainError
from scheduling.models import PlannedSession
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    planned_week_copy,
    strength_session_create,
)
from training.services import SetInput

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def week(athlete: AthleteProfile, coach: User) -> list[PlannedSession]:
    lift = planned_session_create(
        actor=coach, athlete=athlete, kind="strength", date=MONDAY + dt.timedelta(days=1),
        start_time=dt.time(18, 0), title="Heavy lower", intensity="heavy",
        prescription=[PrescriptionInput("back-squat", sets=4, reps_min=4, load_kg=100, rir=2),
                      PrescriptionInput("plank", sets=3, reps_min=None, hold_s=45)])
    run = planned_session_create(actor=coach, athlete=athlete, kind="run", run_type="tempo",
                                 date=MONDAY + dt.timedelta(days=3), distance_m=8000,
                                 duration_min=40, planned_rpe=7, external_id="tp-1")
    strength_session_create(actor=athlete.user, athlete=athlete, date=lift.date,
                            planned_session=lift, sets=[SetInput("back-squat", 4, 100)])
    return [lift, run]


def test_it_copies_each_session_to_the_same_weekday_with_its_prescription(
        week: list[PlannedSession], athlete: AthleteProfile, coach: User) -> None:
    copies = planned_week_copy(actor=coach, athlete=athlete, source=MONDAY + dt.timedelta(days=4),
                               target=MONDAY + dt.timedelta(weeks=2, days=6))
    lift, run = copies
    assert lift.date == MONDAY + dt.timedelta(weeks=2, days=1)
    assert (lift.title, lift.intensity, lift.start_time) == ("Heavy lower", "heavy",
                                                             dt.time(18, 0))
    assert [(p.exercise.slug, p.sets, p.reps_min, p.hold_s) for p in lift.prescription.all()
            ] == [("back-squat", 4, 4, None), ("plank", 3, None, 45)]
    assert lift.logged_strength_id is None and lift.created_by == coach
    assert (run.run_type, run.distance_m, run.planned_rpe) == ("tempo", 8000, 7)
    assert run.external_id is None  # an id belongs to one session of the other planner


def test_it_rechecks_the_athlete_once(week: list[PlannedSession], athlete: AthleteProfile
                                      ) -> None:
    with mock.patch("scheduling.services.plan_copy.athlete_recheck_on_commit") as recheck:
        planned_week_copy(actor=None, athlete=athlete, source=MONDAY,
                          target=MONDAY + dt.timedelta(weeks=1))
    recheck.assert_called_once_with(athlete_id=athlete.pk)


def test_it_refuses_the_same_week_an_empty_one_and_a_week_out_of_range(
        week: list[PlannedSession], athlete: AthleteProfile) -> None:
    for source, target, field in (
        (MONDAY, MONDAY + dt.timedelta(days=6), "target"),
        (MONDAY + dt.timedelta(weeks=5), MONDAY, "source"),
        (MONDAY, dt.date(2199, 12, 30), "target"),
    ):
        with pytest.raises(DomainError) as caught:
            planned_week_copy(actor=None, athlete=athlete, source=source, target=target)
        assert caught.value.field == field
    assert PlannedSession.objects.filter(athlete=athlete).count() == 2


def test_it_writes_nothing_when_one_copy_is_refused(
        week: list[PlannedSession], athlete: AthleteProfile) -> None:
    """Every copy is validated before any is written: the second refused, the first (valid)
    is not written either, and the message names the session that could not be copied."""
    from scheduling.services import plan_copy

    real = plan_copy.planned_session_build
    calls = []

    def build(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise DomainError("A run needs a run type.", field="run_type")
        return real(**kwargs)

    with mock.patch.object(plan_copy, "planned_session_build", side_effect=build), \
            pytest.raises(DomainError) as caught:
        planned_week_copy(actor=None, athlete=athlete, source=MONDAY,
                          target=MONDAY + dt.timedelta(weeks=1))
    assert caught.value.field == "target"
    assert caught.value.message.endswith("cannot be copied: A run needs a run type.")
    assert PlannedSession.objects.filter(athlete=athlete).count() == 2
