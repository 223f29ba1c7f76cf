"""The plate step in the athlete's units: settings and the log screen's steppers and targets
(core.plates; the API's switch of units is in tests/api/test_writes.py)."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from athletes.models import AthleteProfile, User
from athletes.services import athlete_create
from core.plates import default_step_kg, kg_from_display, step_carried, step_to_display
from core.units import estimate_to_display, load_to_display
from scheduling.services import PrescriptionInput, athlete_profile_update, planned_session_create
from tests.portal.conftest import World
from training.models import StrengthSession


def _settings_post(units: str, step: str) -> dict[str, str]:
    data = {"timezone": "UTC", "units": units, "level": "intermediate", "equipment": "gym",
            "plate_step": step, "days-TOTAL_FORMS": "7", "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "7", "days-MAX_NUM_FORMS": "7"}
    return data


STEPS = [  # stored kg, units, shown
    pytest.param("2.50", "metric", "2.5", id="2.5 kg"),
    pytest.param("1.25", "metric", "1.25", id="1.25 kg"),
    pytest.param("2.27", "imperial", "5", id="5 lb stored as 2.27 kg"),
    pytest.param("1.13", "imperial", "2.5", id="2.5 lb stored as 1.13 kg"),
    pytest.param("0.45", "imperial", "1", id="1 lb stored as 0.45 kg"),
    pytest.param("24.95", "imperial", "55", id="55 lb stored as 24.95 kg"),
]


@pytest.mark.parametrize(("kg", "units", "shown"), STEPS)
def test_a_step_reads_back_as_typed(kg: str, units: str, shown: str) -> None:
    assert str(step_to_display(Decimal(kg), units)) == shown
    assert kg_from_display(Decimal(shown), units) == Decimal(kg)


CARRIED = [  # from (kg), to units, stored kg (shown)
    pytest.param("2.5", "imperial", "2.27", id="2.5 kg -> 5 lb"),
    pytest.param("1.25", "imperial", "1.13", id="1.25 kg -> 2.5 lb"),
    pytest.param("5", "imperial", "4.54", id="5 kg -> 10 lb"),
    pytest.param("0.5", "imperial", "0.45", id="0.5 kg -> 1 lb"),
    pytest.param("2.27", "metric", "2.50", id="5 lb -> 2.5 kg"),
    pytest.param("1.13", "metric", "1.25", id="2.5 lb -> 1.25 kg"),
    pytest.param("9.07", "metric", "10.00", id="20 lb -> 10 kg"),
]


@pytest.mark.parametrize(("kg", "units", "carried"), CARRIED)
def test_switching_units_carries_the_step_to_the_nearest_usual_one(
    kg: str, units: str, carried: str
) -> None:
    assert step_carried(Decimal(kg), units) == Decimal(carried)


def test_the_settings_show_and_take_the_step_in_pounds(world: World, client) -> None:
    athlete_profile_update(athlete=world.athlete, units="imperial")  # carried: 5 lb
    client.force_login(world.athlete.user)
    page = client.get(reverse("portal:settings"))
    field = page.context["form"]["plate_step"]
    assert field.label == "Smallest load step (lb)" and field.value() == Decimal("5")
    assert client.post(reverse("portal:settings"),
                       _settings_post("imperial", "2.5")).status_code == 302
    world.athlete.refresh_from_db()
    assert world.athlete.plate_step_kg == Decimal("1.13")
    again = client.get(reverse("portal:settings")).context["form"]["plate_step"]
    assert again.value() == Decimal("2.5")


@pytest.mark.parametrize(("units", "step", "kg"), [
    ("imperial", "0.75", "0.34"), ("imperial", "55", "24.95"), ("imperial", "1.25", "0.57"),
    ("metric", "0.25", "0.25"), ("metric", "25", "25.00"), ("metric", "1.25", "1.25"),
])
def test_the_ends_of_the_range_are_taken(world: World, client, units: str, step: str,
                                         kg: str) -> None:
    athlete_profile_update(athlete=world.athlete, units=units)
    client.force_login(world.athlete.user)
    assert client.post(reverse("portal:settings"), _settings_post(units, step)).status_code == 302
    world.athlete.refresh_from_db()
    assert world.athlete.plate_step_kg == Decimal(kg)


@pytest.mark.parametrize(("units", "step", "message"), [
    ("imperial", "56", "less than or equal to 55"), ("imperial", "0.5", "0.75 to 55"),
    ("imperial", "5.55", "quarter pounds"), ("metric", "26", "0.25 to 25"),
    ("metric", "0.2", "greater than or equal to 0.25"),
])
def test_a_step_out_of_range_is_refused_in_the_units_shown(world: World, client, units: str,
                                                           step: str, message: str) -> None:
    athlete_profile_update(athlete=world.athlete, units=units)
    before = AthleteProfile.objects.get(pk=world.athlete.pk).plate_step_kg
    client.force_login(world.athlete.user)
    response = client.post(reverse("portal:settings"), _settings_post(units, step))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["plate_step"])
    assert AthleteProfile.objects.get(pk=world.athlete.pk).plate_step_kg == before


def test_switching_units_alone_carries_the_step_and_a_typed_one_is_in_the_new_units(
    world: World, client
) -> None:
    client.force_login(world.athlete.user)
    # The page showed 2.5 kg; only the units change: the nearest usual pound step, 5 lb.
    assert client.post(reverse("portal:settings"),
                       _settings_post("imperial", "2.5")).status_code == 302
    world.athlete.refresh_from_db()
    assert (world.athlete.units, world.athlete.plate_step_kg) == ("imperial", Decimal("2.27"))
    # The page showed 5 lb; back to metric with 10 typed: 10 kg, as the new units say.
    assert client.post(reverse("portal:settings"),
                       _settings_post("metric", "10")).status_code == 302
    world.athlete.refresh_from_db()
    assert (world.athlete.units, world.athlete.plate_step_kg) == ("metric", Decimal("10.00"))


def test_a_page_older_than_a_switch_of_units_is_read_in_the_units_it_showed(world: World,
                                                                           client) -> None:
    """The athlete's page showed 2.5 kg; their coach switched them to pounds meanwhile
    (5 lb); the athlete saves the page as it was: 2.5 kg, metric, not 2.5 lb."""
    client.force_login(world.athlete.user)
    shown = client.get(reverse("portal:settings")).context["form"]["shown_units"].value()
    athlete_profile_update(athlete=world.athlete, units="imperial")
    data = _settings_post("metric", "2.5") | {"shown_units": shown}
    assert client.post(reverse("portal:settings"), data).status_code == 302
    world.athlete.refresh_from_db()
    assert (world.athlete.units, world.athlete.plate_step_kg) == ("metric", Decimal("2.5"))


def test_a_page_older_than_a_switch_of_units_switched_again_carries_the_step_it_showed(
        world: World, client) -> None:
    """The page showed 2.5 kg; the coach switched the athlete to pounds meanwhile (5 lb);
    the athlete switches to pounds too and leaves the step: 5 lb, carried from 2.5 kg, not
    the 2.5 typed read as pounds."""
    client.force_login(world.athlete.user)
    form = client.get(reverse("portal:settings")).context["form"]
    shown = {name: form[name].value() for name in ("shown_units", "shown_step")}
    assert shown == {"shown_units": "metric", "shown_step": Decimal("2.5")}
    athlete_profile_update(athlete=world.athlete, units="imperial")
    data = _settings_post("imperial", "2.5") | shown
    assert client.post(reverse("portal:settings"), data).status_code == 302
    world.athlete.refresh_from_db()
    assert (world.athlete.units, world.athlete.plate_step_kg) == ("imperial", Decimal("2.27"))


@pytest.mark.parametrize("tampered", [{"shown_units": "furlongs"}, {"shown_step": "NaN"},
                                      {"shown_step": "x", "shown_units": "metric"}])
def test_a_tampered_hidden_field_falls_back_to_the_profile(world: World, client,
                                                           tampered: dict[str, str]) -> None:
    client.force_login(world.athlete.user)
    data = _settings_post("metric", "1.25") | tampered
    assert client.post(reverse("portal:settings"), data).status_code == 302
    world.athlete.refresh_from_db()
    assert world.athlete.plate_step_kg == Decimal("1.25")


def test_a_user_without_a_profile_saves_pound_settings(client, stranger: User) -> None:
    client.force_login(stranger)
    assert client.post(reverse("portal:settings"),
                       _settings_post("imperial", "5")).status_code == 302
    profile = AthleteProfile.objects.get(user=stranger)
    assert (profile.units, profile.plate_step_kg) == ("imperial", Decimal("2.27"))


def test_a_new_pound_athlete_starts_with_a_5_lb_step(db: None) -> None:
    created = athlete_create(email="lb@example.com", name="Lb", password="x" * 12,
                             units="imperial")
    assert created.plate_step_kg == default_step_kg("imperial") == Decimal("2.27")
    metric = athlete_create(email="kg@example.com", name="Kg", password="x" * 12)
    assert metric.plate_step_kg == Decimal("2.5")


def _log_page(client, world: World, *, pct: int) -> tuple[object, str]:
    """Start logging a plan of back squat at ``pct`` % e1RM (the world's 5 x 90 kg squat
    gives an e1RM of 105 kg) and return the log page."""
    planned = planned_session_create(
        actor=None, athlete=world.athlete, kind="strength",
        date=world.strength.date + dt.timedelta(days=1), title="Percent day",
        prescription=[PrescriptionInput("back-squat", sets=3, reps_min=5, pct_e1rm=pct)],
    )
    client.force_login(world.athlete.user)
    client.post(reverse("portal:strength_new", args=[world.athlete.pk]),
                {"planned": planned.pk})
    session = StrengthSession.objects.get(planned=planned)
    page = client.get(reverse("portal:strength_log", args=[session.pk]))
    return page, page.content.decode()


def test_the_log_screen_steps_and_targets_on_the_metric_plate_grid(world: World,
                                                                   client) -> None:
    page, html = _log_page(client, world, pct=78)  # 81.9 kg: 82.5 on 2.5 kg steps (not 80)
    assert page.context["step"] == Decimal("2.5")
    assert 'data-step="2.5"' in html
    assert page.context["target_display"]["b0"] == Decimal("82.5")


def test_the_log_screen_steps_and_targets_on_a_pound_lifters_grid(world: World,
                                                                  client) -> None:
    athlete_profile_update(athlete=world.athlete, units="imperial")  # 5 lb steps
    page, html = _log_page(client, world, pct=80)  # 84 kg = 185.2 lb: 185 on 5 lb steps
    assert page.context["step"] == Decimal("5")
    assert 'data-step="5"' in html
    assert page.context["target_display"]["b0"] == Decimal("185")


def test_a_user_without_a_profile_gets_the_metric_settings(client, coach: User) -> None:
    client.force_login(coach)
    field = client.get(reverse("portal:settings")).context["form"]["plate_step"]
    assert field.label == "Smallest load step (kg)"


def test_the_migration_moves_imperial_kg_steps_to_pound_steps(athlete: AthleteProfile,
                                                              other_athlete: AthleteProfile
                                                              ) -> None:
    """Before pound steps, an imperial athlete's 2.50 kg default meant a 5.5 lb grid."""
    migration = importlib.import_module("athletes.migrations.0004_plate_step_in_pounds")
    AthleteProfile.objects.filter(pk=athlete.pk).update(units="imperial", plate_step_kg=2.5)
    AthleteProfile.objects.filter(pk=other_athlete.pk).update(units="metric", plate_step_kg=2.5)
    migration.steps_to_pounds(apps, None)
    migration.steps_to_pounds(apps, None)  # again: nothing moves
    steps = dict(AthleteProfile.objects.values_list("pk", "plate_step_kg"))
    assert steps[athlete.pk] == Decimal("2.27") and steps[other_athlete.pk] == Decimal("2.5")


def test_an_estimate_shows_to_a_tenth_and_a_load_as_stored() -> None:
    assert str(estimate_to_display(105.8333, "metric")) == "105.8"
    assert str(estimate_to_display(105.8333, "imperial")) == "233.3"
    assert str(load_to_display(Decimal("101.25"), "metric")) == "101.25"
    assert str(load_to_display(Decimal("129.27"), "imperial")) == "285"


def test_the_least_step_the_api_can_set_saves_through_the_settings(world: World,
                                                                   client) -> None:
    athlete_profile_update(athlete=world.athlete, units="imperial", plate_step_kg="0.25")
    world.athlete.refresh_from_db()
    client.force_login(world.athlete.user)
    shown = client.get(reverse("portal:settings")).context["form"]["plate_step"].value()
    assert shown == Decimal("0.75")
    assert client.post(reverse("portal:settings"),
                       _settings_post("imperial", str(shown))).status_code == 302
