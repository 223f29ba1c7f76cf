"""The calendar of weeks: what it shows (sessions with their flags, the phase band and the
race countdown, the weekly totals), moving a session from it with an undo, and copying a
week onto another."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from scheduling.models import PlannedSession, Prescription
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    race_create,
)
from tests.portal.conftest import World

HX = {"HTTP_HX_REQUEST": "true"}


def _url(w: World) -> str:
    return reverse("portal:athlete_calendar", args=[w.athlete.pk])


def _monday(w: World) -> dt.date:
    return w.today - dt.timedelta(days=w.today.weekday())


def test_the_calendar_shows_four_weeks_with_sessions_flags_and_totals(
        world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.get(_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<section class="cal-week') == 4
    assert len(re.findall(r'<li class="cal-day', html)) == 28
    assert "Heavy lower" in html and "6 x 800 m" in html
    assert re.search(r'sev-badge sev-error"><span aria-hidden="true">.</span> Error', html)
    assert world.finding.title in html
    # This week: the 10 km intervals planned, the 8 km easy run done; one lift each way.
    week = response.context["calendar"].weeks[0]
    assert week.totals.planned_run_m == 10000 and week.totals.run_m == 8000
    assert week.totals.run_s == 2700
    assert week.totals.planned_strength == 1 and week.totals.strength == 1
    assert "10.0 km" in html or "10 km" in html


def test_six_weeks_on_asking_and_anything_else_is_four(world: World, client) -> None:
    client.force_login(world.athlete.user)
    assert client.get(_url(world), {"weeks": "6"}).content.decode().count(
        '<section class="cal-week') == 6
    for odd in ("5", "x", "-6", "600"):
        assert len(client.get(_url(world), {"weeks": odd}).context["calendar"].weeks) == 4


def test_a_bad_start_is_this_week(world: World, client) -> None:
    client.force_login(world.athlete.user)
    for bad in ("nonsense", "9999-12-31", "2026-13-01"):
        response = client.get(_url(world), {"start": bad})
        assert response.status_code == 200
        assert response.context["calendar"].first == _monday(world)


def test_the_calendar_fragment_is_the_calendar_alone(world: World, client) -> None:
    client.force_login(world.athlete.user)
    html = client.get(_url(world), HTTP_HX_TARGET="calendar", **HX).content.decode()
    assert html.lstrip().startswith('<section id="calendar"')
    assert "<html" not in html


def test_the_phase_band_says_the_phase_its_week_and_the_race_countdown(
        world: World, client) -> None:
    monday = _monday(world)
    # An A race 14 weeks and 5 days (a Saturday) on: race-specific starts 8 weeks + 10 days
    # before it; base runs from the first planned session (this week's Tuesday) until then.
    race_day = monday + dt.timedelta(weeks=14, days=5)
    race_create(athlete=world.athlete, name="Seville Half", date=race_day, distance_m=21097,
                priority="A")
    client.force_login(world.athlete.user)
    response = client.get(_url(world), {"start": (monday + dt.timedelta(weeks=2)).isoformat()})
    html = response.content.decode()
    days_left = (race_day - (monday + dt.timedelta(weeks=2))).days
    assert f"Seville Half in {days_left} days" in html
    assert re.search(r"Base, week 3 of \d+", html)
    # The week of the race: taper, then recovery from the day after.
    later = client.get(_url(world), {"start": race_day.isoformat()}).context["calendar"]
    phases = [s.phase for s in later.weeks[0].phases]
    assert phases == ["taper", "recovery"]
    assert later.weeks[0].phases[0].label.startswith("Taper, week 2 of 2")


def test_a_move_from_the_calendar_answers_with_the_calendar_and_an_undo(
        world: World, client) -> None:
    client.force_login(world.athlete.user)
    plan = world.planned
    before = (plan.date, plan.start_time)
    target = plan.date + dt.timedelta(days=2)
    url = reverse("portal:planned_move", args=[plan.pk])
    data = {"from": "calendar", "start": _monday(world).isoformat(), "weeks": "6",
            "date": target.isoformat(), "start_time": "19:00"}
    html = client.post(url, data, **HX).content.decode()
    assert html.lstrip().startswith('<section id="calendar"')
    assert f"Moved \u201cHeavy lower\u201d to {target:%A %-d %b}." in html
    assert html.count('<section class="cal-week') == 6
    assert f'name="date" value="{before[0].isoformat()}"' in html  # the undo's
    assert ">Undo<" in html
    plan.refresh_from_db()
    assert plan.date == target
    client.post(url, {**data, "date": before[0].isoformat(), "start_time": "19:00"}, **HX)
    plan.refresh_from_db()
    assert (plan.date, plan.start_time) == before


def test_a_refused_move_says_why_on_the_calendar(world: World, client) -> None:
    client.force_login(world.athlete.user)
    url = reverse("portal:planned_move", args=[world.planned.pk])
    html = client.post(url, {"from": "calendar", "date": "not a date"}, **HX).content.decode()
    assert "Choose a day to move it to." in html and ">Undo<" not in html
    response = client.post(url, {"from": "calendar", "date": "1800-01-01"})
    assert response.status_code == 302 and "/calendar/" in response["Location"]


def test_copying_a_week_copies_its_plans_with_their_prescriptions(
        world: World, client) -> None:
    planned_session_create(actor=world.athlete.user, athlete=world.athlete, kind="strength",
                           date=_monday(world) + dt.timedelta(days=4), title="Core",
                           prescription=[PrescriptionInput("plank", sets=3, reps_min=None,
                                                           hold_s=45)])
    client.force_login(world.athlete.user)
    target = _monday(world) + dt.timedelta(weeks=3)
    url = reverse("portal:calendar_copy", args=[world.athlete.pk])
    html = client.post(url, {"from": "calendar", "source": _monday(world).isoformat(),
                             "target": target.isoformat()}, **HX).content.decode()
    assert f"Copied 3 sessions to the week of {target:%A %-d %b}." in html
    copies = PlannedSession.objects.filter(athlete=world.athlete, date__gte=target)
    assert sorted(c.title for c in copies) == ["6 x 800 m", "Core", "Heavy lower"]
    heavy = copies.get(title="Heavy lower")
    assert heavy.date == world.planned.date + dt.timedelta(weeks=3)
    assert heavy.start_time == world.planned.start_time
    assert heavy.logged_strength_id is None
    assert [(p.exercise.slug, p.sets, p.reps_min, p.load_kg) for p in heavy.prescription.all()
            ] == [("back-squat", 4, 4, 100)]
    assert Prescription.objects.get(session__title="Core", session__date__gte=target).hold_s == 45


def test_a_bad_copy_says_why_and_writes_nothing(world: World, client) -> None:
    client.force_login(world.athlete.user)
    url = reverse("portal:calendar_copy", args=[world.athlete.pk])
    for data, words in (
        ({"source": _monday(world).isoformat(), "target": "soon"}, "Choose the week"),
        ({"source": _monday(world).isoformat(), "target": _monday(world).isoformat()},
         "Choose another week"),
        ({"source": (_monday(world) + dt.timedelta(weeks=9)).isoformat(),
          "target": _monday(world).isoformat()}, "Nothing is planned"),
    ):
        html = client.post(url, {"from": "calendar", **data}, **HX).content.decode()
        assert words in html
    assert PlannedSession.objects.filter(athlete=world.athlete).count() == 2


def test_the_week_and_the_calendar_link_to_each_other(world: World, client) -> None:
    client.force_login(world.athlete.user)
    week = client.get(reverse("portal:athlete_week", args=[world.athlete.pk])).content.decode()
    assert f'href="{_url(world)}"' in week
    cal = client.get(_url(world)).content.decode()
    assert 'aria-current="page">Week</a>' in cal  # the Week tab: the calendar is its mode
    assert 'aria-current="page">Calendar</a>' in cal
    assert "<script>" not in cal and " style=" not in cal and " onclick" not in cal
