"""The small things that cost a newcomer's trust: the icon, the labels, the words, the units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from portal.views.common import axis_labels
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


def test_a_run_takes_its_duration_with_colons_typed_on_a_phone(world: World, client) -> None:
    """A text keyboard (the number pad has no colon), h:mm:ss or mm:ss; bad input is the
    form again (as every portal form answers it) saying what it wants, nothing saved."""
    client.force_login(world.athlete.user)
    url = reverse("portal:run_new", args=[world.athlete.pk])
    field = client.get(url).context["form"]["duration"]
    html = str(field)
    assert 'inputmode="text"' in html and 'pattern="(\\d{1,2}:)?\\d{1,3}(:[0-5]\\d)?"' in html
    data = {"run_type": "long", "date": world.today.isoformat(), "distance": "21.1"}
    bad = client.post(url, {**data, "duration": "1h45"})
    assert bad.status_code == 200 and not world.athlete.runs.filter(run_type="long").exists()
    assert "“1h45” is not a duration: enter h:mm:ss (1:05:30)" in bad.content.decode()
    assert client.post(url, {**data, "duration": "1:45:30"}).status_code == 302
    run = world.athlete.runs.get(run_type="long")
    assert run.duration_s == 6330
    again = client.post(reverse("portal:run_edit", args=[run.pk]), {**data, "duration": "12:75"})
    assert "Seconds are 0 to 59." in again.content.decode()


@pytest.mark.parametrize(("units", "shown"), [("metric", "5:38 min/km"),
                                              ("imperial", "9:03 min/mi")])
def test_a_run_shows_its_pace_as_the_athlete_reads_it(world: World, client, units,
                                                      shown) -> None:
    world.athlete.units = units
    world.athlete.save()
    client.force_login(world.athlete.user)
    edit = client.get(reverse("portal:run_edit", args=[world.run.pk])).content.decode()
    assert f"<strong>{shown}</strong>" in edit  # 8 km in 45:00
    assert shown in client.get(week_url(world)).content.decode()
