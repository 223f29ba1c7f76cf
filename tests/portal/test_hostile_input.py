"""Hostile query strings and form values an audit found turning into 500s in the portal and
the admin: each is answered (a page, a form error, the admin's "bad filter" redirect)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from scheduling.models import PlannedSession
from tests.portal.conftest import World

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "week-board"}
EXTREMES = ["9999-12-31", "9999-W52", "0001-01-01", "0001-01-02"]


@pytest.fixture
def web(client: Client, coach) -> Client:
    client.raise_request_exception = False
    client.force_login(coach)
    return client


def test_a_nul_in_the_roster_search_is_a_page(world: World, web: Client) -> None:
    for q in ("\x00", "a\x00b"):
        assert web.get(reverse("portal:dashboard"), {"q": q}).status_code == 200
        assert web.get(reverse("portal:dashboard"), {"q": q},
                       HTTP_HX_REQUEST="true", HTTP_HX_TARGET="roster-table").status_code == 200


@pytest.mark.parametrize("week", EXTREMES)
def test_a_week_outside_the_calendar_shows_this_week(world: World, web: Client,
                                                     week: str) -> None:
    a = world.athlete.pk
    page = web.get(reverse("portal:athlete_week", args=[a]), {"week": week})
    assert page.status_code == 200
    assert page.context["this_week"]
    assert web.get(reverse("portal:proposals", args=[a]), {"week": week}).status_code == 200
    moved = web.post(reverse("portal:planned_move", args=[world.planned.pk]),
                     {"date": world.planned.date.isoformat(), "start_time": "18:00",
                      "week": week}, **HX)
    assert moved.status_code == 200
    acked = web.post(reverse("portal:finding_ack", args=[world.finding.pk]), {"week": week},
                     **HX)
    assert acked.status_code == 200


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01"])
def test_a_placement_for_a_week_outside_the_calendar_is_refused(world: World, web: Client,
                                                                week: str) -> None:
    response = web.post(reverse("portal:proposal_apply", args=[world.athlete.pk]), {
        "session_id": world.planned.pk, "week": week,
        "date": world.planned.date.isoformat(), "start_time": "18:00"})
    assert response.status_code == 302  # back to the week, saying it could not
    session = PlannedSession.objects.get(pk=world.planned.pk)
    assert (session.date, session.start_time) == (world.planned.date, world.planned.start_time)
    assert world.planned.start_time != dt.time(18)  # so a wrongly applied slot would show


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_portal_forms_take_the_apis_dates_only(world: World, web: Client, day: str) -> None:
    a = world.athlete.pk
    before = PlannedSession.objects.count()
    response = web.post(reverse("portal:planned_new", args=[a]), {
        "kind": "run", "run_type": "easy", "date": day, "rx-TOTAL_FORMS": "0",
        "rx-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and 2199-12-31." in response.content.decode()
    assert PlannedSession.objects.count() == before
    for name, data in (("strength_new", {"title": "x", "date": day}),
                       ("run_new", {"run_type": "easy", "date": day, "distance": "5",
                                    "duration": "30:00"})):
        response = web.post(reverse(f"portal:{name}", args=[a]), data)
        assert response.status_code == 200, name
        assert "Enter a date between" in response.content.decode(), name
    calendar = Client().get(reverse("api-athlete-calendar", kwargs={"athlete_id": a}),
                            {"token": world.athlete.calendar_token})
    assert calendar.status_code == 200


@pytest.mark.parametrize("query", ["date__year=9999", "date__year=9999&date__month=12",
                                   "date__year=0&date__month=1"])
@pytest.mark.parametrize("model", ["scheduling/plannedsession", "training/strengthsession",
                                   "training/run", "scheduling/race"])
def test_an_admin_date_filter_outside_the_calendar_drops_the_filter(
        world: World, web: Client, model: str, query: str) -> None:
    response = web.get(f"/admin/{model}/?{query}")
    if model == "scheduling/race" and "year=0" not in query:
        assert response.status_code == 200  # no date hierarchy: a plain, empty filter
        return
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
