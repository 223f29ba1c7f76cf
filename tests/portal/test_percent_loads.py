"""Kilograms beside a % of e1RM wherever a line is shown (week card, coach view, log screen),
on the athlete's plate step, when the athlete has an e1RM for the lift; the log screen says
plainly when there is none and what to do."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from athletes.models import User
from scheduling.prescriptions import Loads, dose_text
from scheduling.services import (
    PrescriptionInput,
    athlete_profile_update,
    planned_session_update,
)
from tests.portal.conftest import World, week_url
from training.models import StrengthSession

TIMES, DASH = "\u00d7", "\u2013"


def line(pct: float | None = 80, load: float | None = None, slug: str = "back-squat",
         reps: tuple[int, int] = (5, 5)) -> SimpleNamespace:
    return SimpleNamespace(exercise=SimpleNamespace(slug=slug), sets=4, reps_min=reps[0],
                           reps_max=reps[1], hold_s=None, load_kg=load, pct_e1rm=pct)


@pytest.mark.parametrize(("e1rm", "pct", "step", "units", "text"), [
    (120, 80, 1, "metric", "4 x 5 @ 80 % e1RM, 96 kg"),
    (120, 80, 2.5, "metric", "4 x 5 @ 80 % e1RM, 95 kg"),  # 96 on 2.5 kg plates
    (120, 81, 2.5, "metric", "4 x 5 @ 81 % e1RM, 97.5 kg"),  # 97.2: the nearer step up
    (120, 77.5, 1.25, "metric", "4 x 5 @ 77.5 % e1RM, 92.5 kg"),  # 93.0 on 1.25 kg plates
    (105, 80, 2.27, "imperial", "4 x 5 @ 80 % e1RM, 185 lb"),  # 185.2 lb on 5 lb plates
    (None, 80, 2.5, "metric", "4 x 5 @ 80 % e1RM (no e1RM yet)"),
])
def test_a_percent_line_gets_its_load_on_the_plate_step(
    e1rm: float | None, pct: float, step: float, units: str, text: str
) -> None:
    loads = Loads({"back-squat": e1rm} if e1rm else {}, step, units)
    assert dose_text(line(pct), units=units, plain=True, loads=loads) == text


def test_a_load_wins_and_no_loads_means_no_kilograms() -> None:
    loads = Loads({"back-squat": 120}, 2.5, "metric")
    assert dose_text(line(80, load=100), units="metric", plain=True, loads=loads) == (
        "4 x 5 @ 100 kg")
    assert dose_text(line(80), units="metric", plain=True) == "4 x 5 @ 80 % e1RM"
    assert dose_text(line(80, reps=(4, 6)), units="metric", loads=loads) == (
        f"4 {TIMES} 4{DASH}6 @ 80 % e1RM, 95 kg")


def percent_plan(world: World) -> None:
    """The world's 5 x 90 kg squat this week gives an e1RM of 105 kg; no front squat yet."""
    planned_session_update(session=world.planned, prescription=[
        PrescriptionInput("back-squat", sets=4, reps_min=5, pct_e1rm=80, rir=2),
        PrescriptionInput("front-squat", sets=3, reps_min=5, pct_e1rm=75)])


@pytest.mark.parametrize("who", ["athlete", "coach"])
def test_the_week_card_shows_the_kilograms_beside_the_percentage(
    world: World, client, coach: User, who: str
) -> None:
    percent_plan(world)
    client.force_login(world.athlete.user if who == "athlete" else coach)
    html = client.get(week_url(world)).content.decode()
    assert f"Back squat 4 {TIMES} 5 @ 80 % e1RM, 85 kg · RIR 2" in html  # 84 on 2.5 kg
    assert f"Front squat 3 {TIMES} 5 @ 75 % e1RM (no e1RM yet)" in html


def test_the_week_card_gives_a_pound_lifter_pounds(world: World, client) -> None:
    percent_plan(world)
    athlete_profile_update(athlete=world.athlete, units="imperial")
    client.force_login(world.athlete.user)
    html = client.get(week_url(world)).content.decode()
    assert f"Back squat 4 {TIMES} 5 @ 80 % e1RM, 185 lb" in html


def test_the_log_screen_shows_the_kilograms_or_says_what_to_do_without_an_e1rm(
    world: World, client
) -> None:
    percent_plan(world)
    client.force_login(world.athlete.user)
    client.post(reverse("portal:strength_new", args=[world.athlete.pk]),
                {"planned": world.planned.pk,
                 "date": (world.planned.date + dt.timedelta(days=0)).isoformat()})
    session = StrengthSession.objects.get(planned=world.planned)
    page = client.get(reverse("portal:strength_log", args=[session.pk]))
    html = page.content.decode()
    assert f"Target 4 {TIMES} 5 @ 80 % e1RM, 85 kg · RIR 2" in html
    squat, front = page.context["blocks"][:2]
    assert (squat.no_e1rm, front.no_e1rm) == (False, True)
    assert "No e1RM for front squat yet" in html
    assert "Work up to a weight you could lift 5 times with 2 reps in reserve" in html
    assert html.count("no-e1rm") == 1
