import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from core.errors import DomainError, NotFound
from scheduling.models import Finding, PhaseBlock, PlannedSession
from scheduling.selectors import athlete_today
from scheduling.services import (
    PrescriptionInput,
    athlete_profile_update,
    finding_acknowledge,
    placement_apply,
    placement_proposals,
    planned_session_create,
    planned_session_delete,
    planned_session_move,
    planned_session_update,
    race_create,
    race_update,
    run_create,
    strength_session_create,
)
from training.services import SetInput

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 30)


@pytest.fixture
def rechecks():
    """The athlete ids re-checked after commit (the task itself is tested elsewhere)."""
    with mock.patch("scheduling.services.recheck.send_on_commit") as send:
        yield send


def heavy(athlete, actor=None, **fields):
    return planned_session_create(
        actor=actor or athlete.user, athlete=athlete, kind="strength", date=DAY,
        prescription=[PrescriptionInput("back-squat", 4, 4, 4, load_kg=100, rir=2)], **fields,
    )


class TestPlannedSessions:
    def test_it_creates_a_strength_session_with_its_prescription(self, athlete, rechecks):
        session = heavy(athlete)
        line = session.prescription.get()
        assert (line.exercise.slug, line.sets, line.reps_min, line.reps_max) == (
            "back-squat", 4, 4, 4)
        rechecks.assert_called_once_with("scheduling.tasks.athlete_check_task", athlete.pk)

    @pytest.mark.parametrize("fields,field", [
        ({"kind": "run", "run_type": "easy",
          "prescription": [PrescriptionInput("back-squat")]}, "prescription"),
        ({"kind": "run"}, "run_type"),
        ({"kind": "swim"}, "kind"),
        ({"kind": "strength", "run_type": "easy"}, "run_type"),
        ({"kind": "strength", "planned_rpe": 12}, "planned_rpe"),
        ({"kind": "strength", "prescription": [PrescriptionInput("nope")]},
         "prescription[0].exercise"),
        ({"kind": "strength", "prescription": [PrescriptionInput("deadlift", rir=11)]},
         "prescription[0].rir"),
        ({"kind": "strength", "prescription": [PrescriptionInput("deadlift", reps_min=6,
                                                                 reps_max=4)]},
         "prescription[0].reps_max"),
        ({"kind": "strength", "prescription": [PrescriptionInput("deadlift", load_kg=-5)]},
         "prescription[0].load_kg"),
        ({"kind": "strength", "intensity": "brutal"}, "intensity"),
    ])
    def test_bad_input_is_a_field_error_and_writes_nothing(self, athlete, rechecks, fields,
                                                           field):
        with pytest.raises(DomainError) as err:
            planned_session_create(actor=athlete.user, athlete=athlete, date=DAY, **fields)
        assert err.value.field == field
        assert not PlannedSession.objects.exists()
        rechecks.assert_not_called()

    def test_moving_a_session_rechecks_the_athlete(self, athlete, rechecks):
        session = heavy(athlete, start_time=dt.time(18))
        planned_session_move(session=session, date=DAY + dt.timedelta(days=2),
                             start_time=dt.time(19))
        session.refresh_from_db()
        assert (session.date, session.start_time) == (DAY + dt.timedelta(days=2), dt.time(19))
        assert rechecks.call_count == 2

    def test_update_replaces_the_prescription_when_given(self, athlete, rechecks):
        session = heavy(athlete)
        planned_session_update(session=session,
                               prescription=[PrescriptionInput("deadlift", 3, 5)])
        assert list(session.prescription.values_list("exercise__slug", flat=True)) == [
            "deadlift"]
        planned_session_update(session=session, title="Pulls")
        assert session.prescription.count() == 1

    def test_an_external_id_is_unique_per_athlete(self, athlete, rechecks):
        heavy(athlete, external_id="tp-1")
        with pytest.raises(DomainError) as err:
            heavy(athlete, external_id="tp-1")
        assert err.value.field == "external_id"

    def test_delete_rechecks(self, athlete, rechecks):
        planned_session_delete(session=heavy(athlete))
        assert not PlannedSession.objects.exists()
        assert rechecks.call_count == 2


class TestRacesAndPhases:
    def test_an_a_race_lays_the_default_phases(self, athlete, rechecks):
        race = race_create(athlete=athlete, name="Marathon", date=DAY, distance_m=42195)
        blocks = {b.phase: (b.start, b.end) for b in PhaseBlock.objects.filter(race=race)}
        taper_start = DAY - dt.timedelta(days=10)
        assert blocks["taper"] == (taper_start, DAY)
        assert blocks["race_specific"] == (taper_start - dt.timedelta(weeks=8),
                                           taper_start - dt.timedelta(days=1))
        assert blocks["recovery"] == (DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=14))

    def test_moving_the_race_moves_its_automatic_phases_but_not_edited_ones(self, athlete,
                                                                            rechecks):
        race = race_create(athlete=athlete, name="Marathon", date=DAY, distance_m=42195)
        taper = PhaseBlock.objects.get(race=race, phase="taper")
        taper.auto = False
        taper.save()
        race_update(race=race, date=DAY + dt.timedelta(days=7))
        assert PhaseBlock.objects.get(race=race, phase="recovery").start == DAY + dt.timedelta(
            days=8)
        assert PhaseBlock.objects.filter(race=race, phase="taper").count() == 2

    def test_a_b_race_lays_no_phases(self, athlete, rechecks):
        race_create(athlete=athlete, name="Tune-up 10K", date=DAY, distance_m=10000,
                    priority="B")
        assert not PhaseBlock.objects.exists()


class TestLogging:
    def test_a_logged_session_fulfils_its_plan(self, athlete, rechecks):
        plan = heavy(athlete)
        logged = strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                         planned_session=plan,
                                         sets=[SetInput("back-squat", 4, 100, rir=2)])
        plan.refresh_from_db()
        assert plan.logged_strength == logged

    def test_a_run_cannot_fulfil_a_strength_plan(self, athlete, rechecks):
        with pytest.raises(DomainError) as err:
            run_create(actor=athlete.user, athlete=athlete, date=DAY,
                       planned_session=heavy(athlete))
        assert err.value.field == "planned_session"

    def test_another_athletes_plan_is_not_found(self, athlete, other_athlete, rechecks):
        plan = heavy(other_athlete)
        with pytest.raises(NotFound) as err:
            strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                    planned_session=plan)
        assert err.value.field == "planned_session"

    def test_a_plan_is_fulfilled_once(self, athlete, rechecks):
        plan = heavy(athlete)
        strength_session_create(actor=athlete.user, athlete=athlete, date=DAY, planned_session=plan)
        with pytest.raises(DomainError):
            strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                    planned_session=plan)


def test_acknowledging_keeps_who_and_when(athlete):
    now = timezone.now()
    finding = Finding.objects.create(
        athlete=athlete, rule="R", severity="error", fingerprint="f", first_date=DAY,
        last_date=DAY, title="t", explanation="e", first_seen=now, last_seen=now)
    finding_acknowledge(finding=finding, actor=athlete.user)
    finding.refresh_from_db()
    assert (finding.status, finding.acknowledged_by) == ("acknowledged", athlete.user)


class TestProfile:
    def test_settings_and_availability_changed_together_recheck_once(self, athlete, rechecks):
        changed = athlete_profile_update(athlete=athlete, actor=athlete.user, level="advanced",
                                         availability=[(2, dt.time(17), dt.time(20))])
        assert changed == {"level"}
        assert list(athlete.availability.values_list("weekday", flat=True)) == [2]
        rechecks.assert_called_once_with("scheduling.tasks.athlete_check_task", athlete.pk)

    def test_a_change_the_engine_does_not_read_is_not_rechecked(self, athlete, rechecks):
        assert athlete_profile_update(athlete=athlete, actor=athlete.user,
                                      digest_opt_out=True) == {"digest_opt_out"}
        rechecks.assert_not_called()

    def test_a_coach_cannot_choose_the_athletes_email(self, athlete, coach, rechecks):
        with pytest.raises(DomainError) as err:
            athlete_profile_update(athlete=athlete, actor=coach, digest_opt_out=True,
                                   availability=[(2, dt.time(17), dt.time(20))])
        assert err.value.field == "digest_opt_out"
        assert not athlete.availability.exists()
        rechecks.assert_not_called()

    def test_bad_availability_keeps_the_profile_as_it_was(self, athlete, rechecks):
        with pytest.raises(DomainError):
            athlete_profile_update(athlete=athlete, level="advanced",
                                   availability=[(2, dt.time(20), dt.time(17))])
        athlete.refresh_from_db()
        assert athlete.level != "advanced"
        rechecks.assert_not_called()


@pytest.mark.parametrize(("units", "logged_kg", "proposed_kg"), [
    ("metric", 60, "65.00"),  # +5 kg on 2.5 kg steps
    ("imperial", 61.23, "65.77"),  # 135 lb + 11 lb on 5 lb steps: 145 lb (148.5 on 5.5 lb)
])
def test_a_placed_new_session_takes_the_next_targets_on_the_athletes_grid(
    athlete, coach, rechecks, units, logged_kg, proposed_kg
):
    """The placer fills a session the week lacks from the progression: for a pound lifter the
    load is a pound figure they can load, stored as kg to 0.01."""
    athlete_profile_update(athlete=athlete, units=units)
    today = athlete_today(athlete=athlete)
    strength_session_create(actor=athlete.user, athlete=athlete, date=today - dt.timedelta(days=3),
                            sets=[SetInput("back-squat", 6, logged_kg, rir=2)] * 3)
    monday = today + dt.timedelta(days=7 - today.weekday())
    new = next(p for p in placement_proposals(athlete=athlete, week_monday=monday)
               if p.session is None and p.slots)
    slot = new.slots[0]
    session = placement_apply(actor=coach, athlete=athlete, week_monday=monday, session_id=None,
                              date=slot.date, start_time=slot.start_time)
    line = session.prescription.get(exercise__slug="back-squat")
    assert line.load_kg == Decimal(proposed_kg)
