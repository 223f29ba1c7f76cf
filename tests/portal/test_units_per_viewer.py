"""Units per viewer: each person reads loads and distances in their own units (an athlete in
their profile's, a coach in their account's), and a pound load not entered in pounds shows on
the athlete's pound step (core.units.Viewed, athletes.selectors.units_for_viewer)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from athletes.models import AthleteProfile, User
from athletes.selectors import units_for_viewer, units_of_athlete
from athletes.services import user_units_set
from core.errors import DomainError
from core.units import Viewed, load_to_display
from scheduling.services import athlete_profile_update
from tests.portal.conftest import World

POUNDS = [  # stored kg, pound step, shown
    pytest.param("100", "5", "220", id="100 kg on a 5 lb step: 220, not 220.5"),
    pytest.param("100", "2.5", "220", id="100 kg on a 2.5 lb step: 220"),
    pytest.param("102.5", "5", "225", id="102.5 kg on a 5 lb step: 225"),
    pytest.param("102.06", "5", "225", id="225 lb entered in pounds: as entered"),
    pytest.param("103.19", "5", "227.5", id="227.5 lb entered in pounds: as entered"),
    pytest.param("20", "5", "45", id="an empty bar: 45"),
]


@pytest.mark.parametrize(("kg", "step", "shown"), POUNDS)
def test_a_pound_reader_sees_plate_loadable_loads(kg: str, step: str, shown: str) -> None:
    assert str(load_to_display(Decimal(kg), Viewed("imperial", Decimal(step)))) == shown


def test_a_plain_units_string_keeps_the_tenth_of_a_pound() -> None:
    assert str(load_to_display(Decimal(100), "imperial")) == "220.5"


def test_it_reads_the_athletes_units_for_the_athlete_and_the_coachs_for_the_coach(
        world: World, coach: User) -> None:
    athlete = world.athlete
    athlete_profile_update(athlete=athlete, actor=athlete.user, units="imperial")
    athlete.refresh_from_db()
    assert units_for_viewer(user=athlete.user, athlete=athlete) == "imperial"
    assert units_for_viewer(user=coach, athlete=athlete) == "metric"
    assert units_of_athlete(athlete=athlete).step_lb == Decimal(5)


def test_a_metric_athletes_pound_step_is_the_nearest_usual_one(athlete: AthleteProfile) -> None:
    athlete.plate_step_kg = Decimal("1.25")
    assert units_of_athlete(athlete=athlete).step_lb == Decimal("2.5")


def test_a_metric_coach_sees_kilograms_for_an_athlete_in_pounds(client, world: World,
                                                                coach: User) -> None:
    athlete = world.athlete
    athlete_profile_update(athlete=athlete, actor=athlete.user, units="imperial")
    url = reverse("portal:athlete_week", args=[athlete.pk])
    client.force_login(coach)
    coach_page = client.get(url).content.decode()
    assert "4 \u00d7 4 @ 100 kg" in coach_page
    assert "6.21 mi" not in coach_page and "10 km" in coach_page
    client.force_login(athlete.user)
    own_page = client.get(url).content.decode()
    assert "4 \u00d7 4 @ 220 lb" in own_page and "220.5" not in own_page
    assert "6.21 mi" in own_page


def test_a_coach_in_pounds_sees_pounds_for_a_metric_athlete(client, world: World,
                                                            coach: User) -> None:
    user_units_set(user=coach, units="imperial")
    client.force_login(coach)
    page = client.get(reverse("portal:athlete_week", args=[world.athlete.pk])).content.decode()
    assert "4 \u00d7 4 @ 220 lb" in page and "6.21 mi" in page
    client.force_login(world.athlete.user)
    page = client.get(reverse("portal:athlete_week", args=[world.athlete.pk])).content.decode()
    assert "4 \u00d7 4 @ 100 kg" in page


def test_a_coach_sets_their_units_on_the_settings_page(client, coach: User) -> None:
    client.force_login(coach)
    page = client.get(reverse("portal:settings")).content.decode()
    assert "Show loads and distances in" in page
    response = client.post(reverse("portal:settings"),
                           {"units-form": "1", "view-units": "imperial"})
    assert response.status_code == 302
    coach.refresh_from_db()
    assert coach.units == "imperial"


def test_bad_units_are_a_400_with_the_fields_message(client, coach: User) -> None:
    client.force_login(coach)
    response = client.post(reverse("portal:settings"), {"units-form": "1", "view-units": "x"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_service_refuses_unknown_units(coach: User) -> None:
    with pytest.raises(DomainError):
        user_units_set(user=coach, units="furlongs")
    assert not user_units_set(user=coach, units="metric")
