import datetime as dt

import pytest

from core.errors import DomainError, NotFound
from training.models import Exercise, StrengthSession
from training.selectors import exercises_for_user
from training.services import (
    SetInput,
    exercise_create,
    strength_session_create,
    strength_set_add,
    strength_set_update,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 2)


def test_a_session_is_created_with_its_sets_in_order(athlete):
    session = strength_session_create(actor=athlete.user, athlete=athlete, date=DAY, sets=[
        SetInput("back-squat", 8, 60, is_warmup=True), SetInput("back-squat", 5, 100, rir=2),
    ])
    assert [(s.order, s.reps, s.is_warmup) for s in session.sets.all()] == [
        (0, 8, True), (1, 5, False)]


@pytest.mark.parametrize("bad,field", [
    (SetInput("no-such-lift", 5, 100), "sets[1].exercise"),
    (SetInput("back-squat", 0, 100), "sets[1].reps"),
    (SetInput("back-squat", 5, -1), "sets[1].load_kg"),
    (SetInput("back-squat", 5, 100, rir=11), "sets[1].rir"),
    (SetInput("back-squat", 5, "heavy"), "sets[1].load_kg"),
])
def test_one_bad_set_writes_nothing(athlete, bad, field):
    with pytest.raises(DomainError) as err:
        strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                sets=[SetInput("back-squat", 5, 100), bad])
    assert err.value.field == field
    assert not StrengthSession.objects.exists()


def test_sets_are_appended_one_by_one(athlete):
    session = strength_session_create(actor=athlete.user, athlete=athlete, date=DAY)
    strength_set_add(session=session, data=SetInput("deadlift", 5, 140))
    second = strength_set_add(session=session, data=SetInput("deadlift", 5, 145))
    assert second.order == 1
    strength_set_update(row=second, reps=4)
    assert session.sets.last().reps == 4


def test_a_coachs_custom_exercise_is_visible_to_their_roster_only(coach, athlete, other_athlete):
    custom = exercise_create(coach=coach, name="Sled push", pattern="squat", category="main")
    assert custom in exercises_for_user(user=athlete.user)
    assert custom in exercises_for_user(user=coach)
    assert custom not in exercises_for_user(user=other_athlete.user)


def test_another_rosters_custom_exercise_is_an_unknown_slug(other_coach, athlete):
    custom = exercise_create(coach=other_coach, name="Sled push", pattern="squat",
                             category="main")
    with pytest.raises(NotFound) as err:
        strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                sets=[SetInput(custom.slug, 5, 100)])
    assert err.value.field == "sets[0].exercise"


def test_athletes_do_not_add_exercises(athlete):
    with pytest.raises(DomainError):
        exercise_create(coach=athlete.user, name="Mine", pattern="squat", category="main")


def test_a_custom_exercise_needs_a_known_pattern(coach):
    with pytest.raises(DomainError) as err:
        exercise_create(coach=coach, name="Odd", pattern="twist", category="main")
    assert err.value.field == "pattern"
    assert not Exercise.objects.filter(owner=coach).exists()
