"""Writers that loaded their object earlier (core/rows.py): each write re-reads the row under
a lock, saves only the fields it was given and bumps the row's version; ``version`` (the
API's If-Match) refuses a write to a row that moved on. On SQLite, without real threads: two
stale copies of one row stand for two concurrent requests (tests/api/test_concurrent_writers.py
races them for real on PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import Conflict, DomainError, NotFound, PreconditionFailed
from scheduling import services
from scheduling.models import PlannedSession, Race
from scheduling.services.plans import planned_sessions_sync
from training.models import CheckIn, Run, StrengthSession
from training.services import SetInput

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 30)


@pytest.fixture
def planned(athlete, coach):
    return services.planned_session_create(actor=coach, athlete=athlete, date=DAY,
                                           kind="strength", intensity="heavy", title="Heavy")


def copies(obj):
    """Two copies of ``obj`` as two requests would each have read it."""
    model = type(obj)
    return model.objects.get(pk=obj.pk), model.objects.get(pk=obj.pk)


def test_two_stale_copies_of_a_planned_session_keep_both_changes(planned):
    first, second = copies(planned)
    services.planned_session_update(session=first, title="Moved")
    services.planned_session_update(session=second, notes="Bring chalk")
    row = PlannedSession.objects.get(pk=planned.pk)
    assert (row.title, row.notes, row.version) == ("Moved", "Bring chalk", 3)


def test_the_object_written_holds_the_row_as_saved(planned):
    first, second = copies(planned)
    services.planned_session_update(session=first, title="Moved")
    services.planned_session_update(session=second, notes="Bring chalk")
    assert (second.title, second.notes, second.version) == ("Moved", "Bring chalk", 3)


def test_a_stale_version_is_refused_and_changes_nothing(planned):
    services.planned_session_update(session=planned, title="Moved", version=1)
    with pytest.raises(PreconditionFailed):
        services.planned_session_update(session=planned, title="Again", version=1)
    with pytest.raises(PreconditionFailed):
        services.planned_session_delete(session=planned, version=1)
    row = PlannedSession.objects.get(pk=planned.pk)
    assert (row.title, row.version) == ("Moved", 2)
    services.planned_session_delete(session=planned, version=2)
    assert not PlannedSession.objects.filter(pk=planned.pk).exists()


def test_a_write_to_a_row_deleted_meanwhile_is_not_found(planned):
    first, second = copies(planned)
    services.planned_session_delete(session=first)
    with pytest.raises(NotFound):
        services.planned_session_update(session=second, title="Moved")


def test_a_changed_kind_is_checked_against_the_row_as_it_is_now(planned):
    """The stale copy has no prescription; the row has one by now: a run cannot keep it."""
    first, second = copies(planned)
    services.planned_session_update(
        session=first, prescription=[services.PrescriptionInput("back-squat", reps_min=5)])
    with pytest.raises(DomainError) as err:
        services.planned_session_update(session=second, kind="run", run_type="easy")
    assert err.value.field == "prescription"


def test_two_stale_copies_of_a_race_keep_both_changes(athlete):
    race = services.race_create(athlete=athlete, name="City 10k", date=DAY, distance_m=10_000)
    first, second = copies(race)
    services.race_update(race=first, name="Harbour 10k")
    services.race_update(race=second, distance_m=12_000)
    row = Race.objects.get(pk=race.pk)
    assert (row.name, row.distance_m, row.version) == ("Harbour 10k", 12_000, 3)


def test_two_stale_copies_of_logged_sessions_keep_both_changes(athlete):
    strength = services.strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                                rpe=7, sets=[SetInput("back-squat", 5, 100)])
    first, second = copies(strength)
    services.strength_session_update(session=first, rpe=9)
    services.strength_session_update(session=second, title="Squats",
                                     sets=[SetInput("back-squat", 3, 110)])
    row = StrengthSession.objects.get(pk=strength.pk)
    assert (row.rpe, row.title, row.version) == (9, "Squats", 3)
    assert [s.reps for s in row.sets.all()] == [3]
    run = services.run_create(actor=athlete.user, athlete=athlete, date=DAY, distance_m=5000)
    first, second = copies(run)
    services.run_update(run=first, distance_m=6000)
    services.run_update(run=second, rpe=4)
    row = Run.objects.get(pk=run.pk)
    assert (row.distance_m, row.rpe, row.version) == (6000, 4, 3)


def test_a_set_written_alone_moves_its_sessions_version(athlete):
    strength = services.strength_session_create(actor=athlete.user, athlete=athlete, date=DAY)
    row = services.strength_set_create(session=strength, data=SetInput("back-squat", 5, 100))
    services.strength_set_update(row=row, reps=4)
    services.strength_set_delete(row=row)
    assert StrengthSession.objects.get(pk=strength.pk).version == 4


def test_linking_and_unlinking_a_plan_moves_the_plans_version(athlete, planned):
    strength = services.strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                                planned_session=planned)
    assert PlannedSession.objects.get(pk=planned.pk).version == 2
    services.strength_session_delete(session=strength)
    row = PlannedSession.objects.get(pk=planned.pk)
    assert (row.logged_strength_id, row.version) == (None, 3)


def test_two_stale_copies_of_a_profile_keep_both_changes(athlete):
    first, second = copies(athlete)
    services.athlete_profile_update(athlete=first, level="advanced")
    services.athlete_profile_update(athlete=second, equipment="home")
    first.refresh_from_db()
    assert (first.level, first.equipment) == ("advanced", "home")


def test_a_check_in_update_keeps_fields_left_out_and_honours_its_version(athlete):
    row, _ = services.check_in_save(actor=athlete.user, athlete=athlete, date=DAY, sleep=4,
                                    energy=3, soreness=3, stress=4, mood=4)
    services.check_in_save(actor=athlete.user, athlete=athlete, date=DAY, sleep=2, version=1)
    with pytest.raises(PreconditionFailed):
        services.check_in_save(actor=athlete.user, athlete=athlete, date=DAY, mood=1, version=1)
    saved = CheckIn.objects.get(pk=row.pk)
    assert (saved.sleep, saved.mood, saved.version) == (2, 4, 2)


def test_a_taken_external_id_is_a_conflict_on_its_field(athlete, coach, planned):
    services.planned_session_update(session=planned, external_id="tp-1")
    with pytest.raises(Conflict) as err:
        services.planned_session_create(actor=coach, athlete=athlete, date=DAY,
                                        kind="strength", external_id="tp-1")
    assert (err.value.field, err.value.code) == ("external_id", "conflict")


def test_a_sync_of_a_known_external_id_updates_its_row_and_its_version(athlete, coach):
    item = {"external_id": "tp-1", "date": DAY, "kind": "strength", "title": "A"}
    [made], created = planned_sessions_sync(actor=coach, athlete=athlete, items=[item])
    [again], created_again = planned_sessions_sync(actor=coach, athlete=athlete,
                                                   items=[{**item, "title": "B"}])
    assert (created, created_again, again.pk) == (1, 0, made.pk)
    row = PlannedSession.objects.get(pk=made.pk)
    assert (row.title, row.version) == ("B", 2)
