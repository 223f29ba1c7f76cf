"""The settings writers: profile fields say what changed, availability is replaced whole."""

import datetime as dt

import pytest

from athletes.writers import athlete_profile_update, availability_set
from core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_an_unknown_home_item_is_a_field_error(athlete):
    with pytest.raises(DomainError) as err:
        athlete_profile_update(athlete=athlete, equipment="home", home_items=["rowing-machine"])
    assert err.value.field == "home_items"


def test_profile_update_says_what_changed(athlete):
    assert athlete_profile_update(athlete=athlete, timezone="Asia/Tokyo", units="metric") == {
        "timezone"
    }


def test_availability_is_replaced_as_a_whole(athlete):
    availability_set(athlete=athlete, days=[(0, dt.time(6), dt.time(8)),
                                            (2, dt.time(17), dt.time(20))])
    availability_set(athlete=athlete, days=[(4, dt.time(6), dt.time(8))])
    assert list(athlete.availability.values_list("weekday", flat=True)) == [4]


@pytest.mark.parametrize("days,field", [
    ([(0, dt.time(6), dt.time(8)), (0, dt.time(9), dt.time(10))], "days[1].weekday"),
    ([(1, dt.time(9), dt.time(8))], "earliest"),
    ([(7, dt.time(6), dt.time(8))], "weekday"),
])
def test_bad_availability_is_refused_and_keeps_the_old_one(athlete, days, field):
    availability_set(athlete=athlete, days=[(3, dt.time(6), dt.time(8))])
    with pytest.raises(DomainError) as err:
        availability_set(athlete=athlete, days=days)
    assert err.value.field == field
    assert list(athlete.availability.values_list("weekday", flat=True)) == [3]
