"""/api/v1/check-ins/: one check-in per athlete and local date, a POST for a date that has
one updates it (200), filters and pages, and the errors each field can give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rest_framework.test import APIClient

from athletes.models import AthleteProfile
from scheduling.models import Finding
from scheduling.selectors import athlete_today
from scheduling.services import PrescriptionInput, planned_session_create
from tests.api.conftest import World
from training.models import CheckIn

URL = "/api/v1/check-ins/"
ITEMS = {"sleep": 4, "energy": 4, "soreness": 4, "stress": 3, "mood": 5}


def codes(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, response.content
    return response.json()["codes"]


def test_a_post_creates_and_a_second_post_for_the_date_updates(
        world: World, client_for: Callable[[str], APIClient]) -> None:
    client = client_for("athlete")
    day = world.today.isoformat()
    first = client.post(URL, {"date": day, **ITEMS, "resting_hr": 49}, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["athlete"] == world.athlete.pk
    assert first.json()["readiness"] == 4.0
    second = client.post(URL, {"date": day, **ITEMS, "soreness": 2}, format="json")
    assert second.status_code == 200, second.content
    body = second.json()
    assert body["id"] == first.json()["id"]
    assert (body["soreness"], body["readiness"], body["resting_hr"]) == (2, 3.6, 49)
    assert CheckIn.objects.filter(athlete=world.athlete, date=world.today).count() == 1


def test_a_coach_names_the_athlete_and_may_not_smuggle_another_rosters(
        world: World, other_athlete: AthleteProfile,
        client_for: Callable[[str], APIClient]) -> None:
    client = client_for("coach")
    day = {"date": world.today.isoformat(), **ITEMS}
    assert codes(client.post(URL, day, format="json")) == {"athlete": ["required"]}
    smuggled = client.post(URL, {**day, "athlete": other_athlete.pk}, format="json")
    assert codes(smuggled) == {"athlete": ["does_not_exist"]}
    assert client.post(URL, {**day, "athlete": world.athlete.pk},
                       format="json").status_code == 201


def test_each_bound_is_a_400_on_its_field(world: World,
                                          client_for: Callable[[str], APIClient]) -> None:
    client = client_for("athlete")
    day = {"date": world.today.isoformat(), **ITEMS}
    for field, value, code in [("sleep", 0, "min_value"), ("mood", 6, "max_value"),
                               ("resting_hr", 151, "max_value"), ("hrv_ms", 0, "min_value"),
                               ("body_weight_kg", "19.5", "min_value"),
                               ("soreness", None, "null")]:
        assert codes(client.post(URL, {**day, field: value}, format="json")) == {
            field: [code]}, field
    tomorrow = (world.today + dt.timedelta(days=2)).isoformat()
    assert codes(client.post(URL, {**day, "date": tomorrow}, format="json")) == {
        "date": ["invalid"]}


def test_the_list_filters_by_athlete_and_dates_and_pages(
        world: World, other_athlete: AthleteProfile,
        client_for: Callable[[str], APIClient]) -> None:
    client = client_for("coach")
    for days in range(2, 6):
        date = (world.today - dt.timedelta(days=days)).isoformat()
        assert client.post(URL, {"athlete": world.athlete.pk, "date": date, **ITEMS},
                           format="json").status_code == 201
    everything = client.get(URL, {"athlete": world.athlete.pk}).json()
    assert everything["count"] == 5  # the world's (yesterday) and these four
    dates = [row["date"] for row in everything["results"]]
    assert dates == sorted(dates, reverse=True)
    since = (world.today - dt.timedelta(days=3)).isoformat()
    until = (world.today - dt.timedelta(days=2)).isoformat()
    window = client.get(URL, {"date_from": since, "date_to": until}).json()
    assert [row["date"] for row in window["results"]] == [until, since]
    page = client.get(URL, {"page_size": 2, "page": 2}).json()
    assert (page["count"], len(page["results"])) == (5, 2)
    assert client.get(URL, {"athlete": other_athlete.pk}).json()["count"] == 0


def test_a_patch_changes_the_fields_given_and_keeps_the_date(
        world: World, client_for: Callable[[str], APIClient]) -> None:
    client = client_for("athlete")
    url = f"{URL}{world.check_in.pk}/"
    changed = client.patch(url, {"sleep": 1, "resting_hr": None}, format="json")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["sleep"], changed.json()["resting_hr"],
            changed.json()["stress"]) == (1, None, 4)
    moved = client.patch(url, {"date": world.today.isoformat()}, format="json")
    assert codes(moved) == {"date": ["invalid"]}
    same = client.patch(url, {"date": world.check_in.date.isoformat(), "mood": 2},
                        format="json")
    assert same.status_code == 200 and same.json()["mood"] == 2


def test_a_delete_removes_it(world: World, client_for: Callable[[str], APIClient]) -> None:
    client = client_for("coach")
    url = f"{URL}{world.check_in.pk}/"
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


def test_a_sore_check_in_flags_tomorrows_heavy_session_at_once(
        world: World, client_for: Callable[[str], APIClient],
        django_capture_on_commit_callbacks: Any) -> None:
    today = athlete_today(athlete=world.athlete)  # the rule reads the athlete's own today
    planned_session_create(
        actor=world.coach, athlete=world.athlete, kind="strength",
        date=today + dt.timedelta(days=1), start_time=dt.time(18), duration_min=60,
        prescription=[PrescriptionInput("back-squat", 4, 4, 4, load_kg=120, rir=2)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("athlete").post(
            URL, {"date": today.isoformat(), **ITEMS, "soreness": 1}, format="json")
    assert response.status_code == 201
    finding = Finding.objects.get(athlete=world.athlete, rule="SORE_LEGS_BEFORE_HEAVY")
    assert finding.status == "open" and "leg soreness 1 of 5" in finding.explanation
