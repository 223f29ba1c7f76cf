"""scheduling.services.exercises: a coach changes and deletes their own exercises, and the
athletes who hold one are re-checked."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from core.errors import DomainError, NotFound
from scheduling.services import exercise_delete, exercise_update, strength_session_create
from training.models import Exercise
from training.services import SetInput, exercise_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(coach):
    return exercise_create(coach=coach, name="Box step-up", pattern="upper", category="main")


def test_a_coach_changes_only_their_own_exercises(coach, other_coach, mine):
    with pytest.raises(NotFound):
        exercise_update(actor=other_coach, exercise=mine, name="Mine now")
    with pytest.raises(NotFound):
        exercise_update(actor=coach, exercise=Exercise.objects.get(slug="back-squat"),
                        lower_body=False)
    with pytest.raises(NotFound):
        exercise_delete(actor=other_coach, exercise=mine)


@pytest.mark.parametrize(("fields", "field"), [
    ({"slug": "back-squat"}, "slug"), ({"owner": None}, "owner"),
    ({"pattern": "dance"}, "pattern"), ({"equipment": {"a": 1}}, "equipment"),
])
def test_an_exercise_keeps_its_slug_and_owner_and_takes_only_known_values(coach, mine, fields,
                                                                           field):
    with pytest.raises(DomainError) as err:
        exercise_update(actor=coach, exercise=mine, **fields)
    assert err.value.field == field


def test_a_change_rechecks_the_athletes_who_logged_it_lately_once_each(coach, athlete, mine):
    today = timezone.localdate(timezone=dt.UTC)
    for day in (1, 2):
        strength_session_create(actor=coach, athlete=athlete, date=today - dt.timedelta(days=day),
                                sets=[SetInput(mine.slug, reps=5, load_kg=40)])
    with mock.patch("scheduling.services.exercises.athlete_recheck_on_commit") as rechecks:
        exercise_update(actor=coach, exercise=mine, name="Box step-up")  # unchanged
        rechecks.assert_not_called()
        exercise_update(actor=coach, exercise=mine, lower_body=True)
    rechecks.assert_called_once_with(athlete_id=athlete.pk)


def test_an_exercise_someone_logged_is_not_deleted(coach, athlete, mine):
    strength_session_create(actor=coach, athlete=athlete, date=dt.date(2026, 1, 5),
                            sets=[SetInput(mine.slug, reps=5)])
    with pytest.raises(DomainError, match="in plans or logs"):
        exercise_delete(actor=coach, exercise=mine)
    assert Exercise.objects.filter(pk=mine.pk).exists()
