import pytest

from athletes.selectors import athlete_get_for_user, athletes_for_user
from core.errors import NotFound

pytestmark = pytest.mark.django_db


def test_a_coach_sees_their_roster(coach, athlete, other_athlete):
    assert list(athletes_for_user(user=coach)) == [athlete]


def test_an_athlete_sees_only_themself(athlete, other_athlete):
    assert list(athletes_for_user(user=athlete.user)) == [athlete]


def test_a_stranger_sees_nobody(stranger, athlete):
    assert not athletes_for_user(user=stranger).exists()


@pytest.mark.parametrize("actor", ["other_coach", "stranger", "other_athlete"])
def test_it_hides_another_rosters_athlete(request, athlete, actor):
    user = request.getfixturevalue(actor)
    user = getattr(user, "user", user)
    with pytest.raises(NotFound):
        athlete_get_for_user(user=user, athlete_id=athlete.pk)


@pytest.mark.parametrize("bad_id", ["abc", None, "1; drop table", 10**12])
def test_a_malformed_or_absent_id_is_not_found(coach, bad_id):
    with pytest.raises(NotFound):
        athlete_get_for_user(user=coach, athlete_id=bad_id)
