"""The log writers: a session's sets in order, a bad set writes nothing, sets one by one."""

import datetime as dt

import pytest

from core.errors import DomainError, NotFound
from training.models import StrengthSession
from training.services import SetInput, exercise_create
from training.writers import strength_session_create, strength_set_create, strength_set_update

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
    strength_set_create(session=session, data=SetInput("deadlift", 5, 140))
    second = strength_set_create(session=session, data=SetInput("deadlift", 5, 145))
    assert second.order == 1
    strength_set_update(row=second, reps=4)
    assert session.sets.last().reps == 4


def test_another_rosters_custom_exercise_is_an_unknown_slug(other_coach, athlete):
    custom = exercise_create(coach=other_coach, name="Sled push", pattern="squat",
                             category="main")
    with pytest.raises(NotFound) as err:
        strength_session_create(actor=athlete.user, athlete=athlete, date=DAY,
                                sets=[SetInput(custom.slug, 5, 100)])
    assert err.value.field == "sets[0].exercise"
