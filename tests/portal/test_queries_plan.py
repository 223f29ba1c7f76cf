"""Query counts of the plan's pages beyond the week: the calendar of weeks, the week of
locked sessions and the races page, each at two sizes (the constants and helpers they share
with the other pages are tests/portal/test_queries.py's)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from athletes.models import User
from scheduling.models import PlannedSession, Race
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    race_create,
    run_create,
    strength_session_create,
)
from tests.portal.conftest import World, make_finding
from tests.portal.test_queries import AUTH, CHECK, HX, PLAN_LOAD, WEEK, _fill_week
from training.services import SetInput


def _fill_weeks(world: World, weeks: int, per_week: int) -> None:
    """``per_week`` planned lifts (each logged), runs, findings and races in each of
    ``weeks`` weeks from this one, and an A race that lays its phases over them."""
    monday = world.today - dt.timedelta(days=world.today.weekday())
    athlete, user = world.athlete, world.athlete.user
    for w in range(weeks):
        for i in range(per_week):
            day = monday + dt.timedelta(days=7 * w + i % 7)
            planned = planned_session_create(
                actor=user, athlete=athlete, kind="strength", date=day, title=f"S{w}.{i}",
                prescription=[PrescriptionInput("deadlift", sets=3, reps_min=5, load_kg=100)])
            strength_session_create(actor=user, athlete=athlete, date=day,
                                    planned_session=planned,
                                    sets=[SetInput("deadlift", 5, 100)])
            run_create(actor=user, athlete=athlete, date=day, run_type="easy",
                       distance_m=5000, duration_s=1800)
            make_finding(athlete, planned, severity="warning", key=f"c{w}.{i}")
            Race.objects.create(athlete=athlete, name=f"Race {w}.{i}", date=day,
                                distance_m=5000, priority="C")
    race_create(athlete=athlete, name="Goal", date=monday + dt.timedelta(weeks=weeks - 1),
                distance_m=42195, priority="A")


# The calendar: the athlete (scoped), then calendar_for_athlete's nine reads: planned
# sessions, logged lifts (working sets counted), runs, open findings, races from its first
# day, phase blocks, the first planned date, the daily loads, the span the checks judged.
CALENDAR = AUTH + 1 + 9


@pytest.mark.parametrize("weeks", [4, 6])
@pytest.mark.parametrize("per_week", [0, 9])
def test_the_calendar_costs_the_same_for_4_and_6_weeks_empty_or_full(
        weeks: int, per_week: int, world: World, client, django_assert_num_queries) -> None:
    if per_week:
        _fill_weeks(world, weeks, per_week)
    client.force_login(world.athlete.user)
    url = reverse("portal:athlete_calendar", args=[world.athlete.pk])
    with django_assert_num_queries(CALENDAR):
        response = client.get(url, {"weeks": weeks})
    assert len(response.context["calendar"].weeks) == weeks
    with django_assert_num_queries(CALENDAR):  # the calendar alone, as prev/next swap it in
        client.get(url, {"weeks": weeks}, HTTP_HX_TARGET="calendar", **HX)


# A move from the calendar: the Move's write path and re-check as the week's (above), then
# the calendar's reads in place of the board's.
CALENDAR_MOVE = AUTH + 2 + (2 + 1 + 12 + 1 + 2) + PLAN_LOAD + CHECK + 9


@pytest.mark.parametrize("per_week", [0, 9])
def test_a_move_from_the_calendar_costs_no_more_however_full(
        per_week: int, world: World, client, django_assert_max_num_queries) -> None:
    if per_week:
        _fill_weeks(world, 6, per_week)
    client.force_login(world.athlete.user)
    move = reverse("portal:planned_move", args=[world.planned.pk])
    with django_assert_max_num_queries(CALENDAR_MOVE):
        client.post(move, {"from": "calendar", "weeks": "6",
                           "date": world.planned.date.isoformat()}, **HX)


@pytest.mark.parametrize("extra", [0, 12])
def test_the_week_of_locked_sessions_costs_the_same_for_the_athlete(
        extra: int, world: World, client, django_assert_num_queries, coach: User) -> None:
    """Whether each one-click fix moves a locked session is read from the week's plans."""
    _fill_week(world, extra)
    PlannedSession.objects.filter(athlete=world.athlete).update(locked=True)
    client.force_login(world.athlete.user)
    url = reverse("portal:athlete_week", args=[world.athlete.pk])
    with django_assert_num_queries(WEEK):
        response = client.get(url, HTTP_HX_TARGET="week-board", **HX)
    assert f'data-testid="fix-{world.finding.pk}-move"' not in response.content.decode()


# The races page: the athlete (scoped), their races, their phase blocks with each one's race.
RACES = AUTH + 1 + 1 + 1


@pytest.mark.parametrize("races", [1, 6])
@pytest.mark.parametrize("persona", ["athlete", "coach"])
def test_the_races_page_costs_the_same_however_many_races_and_phases(
        races: int, persona: str, world: World, client, coach: User,
        django_assert_num_queries) -> None:
    for i in range(races):
        race_create(athlete=world.athlete, name=f"Race {i}", distance_m=10_000,
                    priority="A" if i % 2 == 0 else "B",
                    date=world.today + dt.timedelta(days=30 + 120 * i))
    client.force_login(coach if persona == "coach" else world.athlete.user)
    with django_assert_num_queries(RACES):
        response = client.get(reverse("portal:races", args=[world.athlete.pk]))
    assert len(response.context["page"].upcoming) == races
