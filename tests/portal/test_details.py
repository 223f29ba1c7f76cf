"""The small things that cost a newcomer's trust: the icon, the labels, the words, the units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from portal.views.progress import axis_labels
from scheduling.models import Race
from tests.portal.conftest import World, week_url


def test_every_page_links_the_icon_and_favicon_ico_answers(world: World, client) -> None:
    """No 404 for the icon on every page: the pages link an SVG and /favicon.ico leads there."""
    client.force_login(world.athlete.user)
    page = client.get(week_url(world)).content.decode()
    assert '<link rel="icon" href="/static/portal/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("portal/favicon.svg")
    client.logout()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/portal/favicon.svg"
    assert client.get(reverse("account_login")).content.decode().count('rel="icon"') == 1


@pytest.mark.django_db
def test_the_admin_links_the_icon_too(admin_client) -> None:
    assert 'rel="icon"' in admin_client.get("/admin/").content.decode()


def test_the_progress_charts_label_their_axes_with_the_portals_dates(world: World,
                                                                     client) -> None:
    """Not 2026-12-07 on the axis: the dates as every other portal page writes them."""
    client.force_login(world.athlete.user)
    chart = client.get(reverse("portal:progress", args=[world.athlete.pk])).context["chart"]
    monday = world.strength.date
    assert chart["labels"] == [f"{monday.day} {monday:%b}"]
    assert chart["volume_labels"] == [f"{monday.day} {monday:%b}"]


def test_axis_labels_name_the_year_only_when_the_dates_span_two() -> None:
    assert axis_labels([dt.date(2026, 3, 2), dt.date(2026, 11, 30)]) == ["2 Mar", "30 Nov"]
    assert axis_labels([dt.date(2025, 12, 29), dt.date(2026, 1, 5)]) == [
        "29 Dec 2025", "5 Jan 2026"]


def test_adding_an_exercise_starts_from_no_exercise_and_asks_for_one(world: World,
                                                                      client) -> None:
    """Not the library's first movement alphabetically: an empty choice that must be picked."""
    client.force_login(world.athlete.user)
    page = client.get(reverse("portal:strength_log", args=[world.strength.pk]))
    new = next(b for b in page.context["blocks"] if b.key == "new")
    assert new.form["exercise"].value() in ("", None)
    body = page.content.decode()
    select = body[body.index('name="new-exercise"'):]
    first = select[:select.index("</option>")]
    assert '<option value="" selected>Choose an exercise' in first
    response = client.post(reverse("portal:set_add", args=[world.strength.pk]),
                           {"prefix": "new", "new-exercise": "", "new-reps": "5",
                            "new-load": "60"}, HTTP_HX_REQUEST="true")
    assert "Choose an exercise." in response.content.decode()
    assert world.strength.sets.count() == 1  # nothing saved


def test_the_goal_race_and_the_others_stand_on_their_days(world: World, client) -> None:
    monday = world.today - dt.timedelta(days=world.today.weekday())
    Race.objects.create(athlete=world.athlete, name="Seville Half", distance_m=21097,
                        date=monday + dt.timedelta(days=6), start_time=dt.time(8, 30))
    Race.objects.create(athlete=world.athlete, name="Parkrun", distance_m=5000,
                        date=monday + dt.timedelta(days=5), priority="C")
    Race.objects.create(athlete=world.athlete, name="Next week's 10k", distance_m=10000,
                        date=monday + dt.timedelta(days=7), priority="B")
    client.force_login(world.athlete.user)
    html = client.get(week_url(world)).content.decode()
    sunday = html[html.index(f'id="day-{monday + dt.timedelta(days=6):%Y-%m-%d}"'):]
    assert "Seville Half" in sunday and "21.1 km · goal race" in sunday and "08:30" in sunday
    assert "Rest day" not in sunday  # a race day is no rest day
    saturday = html[html.index(f'id="day-{monday + dt.timedelta(days=5):%Y-%m-%d}"'):
                    html.index(f'id="day-{monday + dt.timedelta(days=6):%Y-%m-%d}"')]
    assert "Parkrun" in saturday and "C race" in saturday
    assert "Next week's 10k" not in html
