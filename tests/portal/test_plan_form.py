"""The plan form (issue 16): the exercise picker takes a library name (a <datalist> lists the
matches as the coach types) as well as a slug, the kind defaults from the day's "+ Plan run"
or "+ Plan lift", and the page carries what plan.js needs to add and remove lines in place."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from scheduling.models import PlannedSession
from tests.portal.conftest import World, week_url


def _post(client, world: World, **lines: str):
    day = world.today + dt.timedelta(days=3)
    return client.post(reverse("portal:planned_new", args=[world.athlete.pk]), {
        "kind": "strength", "title": "Core", "date": day.isoformat(),
        "rx-TOTAL_FORMS": "2", "rx-INITIAL_FORMS": "0", **lines})


def test_the_exercise_is_found_by_its_name_in_any_case(world: World, client, coach) -> None:
    client.force_login(coach)
    response = _post(client, world, **{
        "rx-0-exercise": "  front   SQUAT ", "rx-0-sets": "3", "rx-0-reps_min": "5",
        "rx-1-exercise": "plank", "rx-1-sets": "3", "rx-1-hold_s": "45"})
    assert response.status_code == 302, response.context["formset"].errors
    lines = PlannedSession.objects.get(title="Core").prescription.order_by("order")
    assert [(x.exercise.slug, x.reps_min, x.hold_s) for x in lines] == [
        ("front-squat", 5, None), ("plank", None, 45)]


def test_a_name_not_in_the_library_is_a_field_error(world: World, client, coach) -> None:
    client.force_login(coach)
    response = _post(client, world, **{"rx-0-exercise": "Zercher squat", "rx-0-reps_min": "5"})
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["exercise"] == [
        "No exercise called \u201cZercher squat\u201d in the library: pick one from the list."]
    assert not PlannedSession.objects.filter(title="Core").exists()


def test_the_form_lists_the_library_and_shows_a_line_by_its_exercise_name(
        world: World, client, coach) -> None:
    client.force_login(coach)
    page = client.get(reverse("portal:planned_edit", args=[world.planned.pk]))
    body = page.content.decode()
    assert '<datalist id="exercise-library">' in body and '<option value="Plank">' in body
    assert 'list="exercise-library"' in body and 'value="Back squat"' in body
    assert '<template id="rx-template">' in body and 'name="rx-__prefix__-exercise"' in body
    assert "portal/plan.js" in body


def test_each_day_plans_a_run_or_a_lift_and_the_form_starts_with_that_kind(
        world: World, client, coach) -> None:
    client.force_login(coach)
    body = client.get(week_url(world)).content.decode()
    day = world.today.isoformat()
    new = reverse("portal:planned_new", args=[world.athlete.pk])
    for kind in ("run", "strength"):
        link = f"{new}?kind={kind}&amp;date={day}"
        assert link in body
        form = client.get(f"{new}?kind={kind}&date={day}").context["form"]
        assert form.initial["kind"] == kind and str(form.initial["date"]) == day


def test_each_calendar_day_plans_a_run_or_a_lift(world: World, client, coach) -> None:
    client.force_login(coach)
    body = client.get(reverse("portal:athlete_calendar", args=[world.athlete.pk])).content
    new = reverse("portal:planned_new", args=[world.athlete.pk])
    for kind in ("run", "strength"):
        assert f"{new}?kind={kind}&amp;date={world.today.isoformat()}" in body.decode()
