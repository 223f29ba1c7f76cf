import pytest

from core.errors import DomainError
from training.models import Exercise
from training.selectors import exercises_for_user
from training.services import exercise_create

pytestmark = pytest.mark.django_db


def test_a_coachs_custom_exercise_is_visible_to_their_roster_only(coach, athlete, other_athlete):
    custom = exercise_create(coach=coach, name="Sled push", pattern="squat", category="main")
    assert custom in exercises_for_user(user=athlete.user)
    assert custom in exercises_for_user(user=coach)
    assert custom not in exercises_for_user(user=other_athlete.user)


def test_athletes_do_not_add_exercises(athlete):
    with pytest.raises(DomainError):
        exercise_create(coach=athlete.user, name="Mine", pattern="squat", category="main")


def test_a_custom_exercise_needs_a_known_pattern(coach):
    with pytest.raises(DomainError) as err:
        exercise_create(coach=coach, name="Odd", pattern="twist", category="main")
    assert err.value.field == "pattern"
    assert not Exercise.objects.filter(owner=coach).exists()
