"""Holds in the portal: planned in seconds on the plan form, shown "3 x 45 s" on the week
card and the log screen (docs/rules.md, "Holds")."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from scheduling.models import PlannedSession
from scheduling.services import PrescriptionInput, planned_session_update
from tests.portal.conftest import World, week_url
from training.models import StrengthSession


def plan_form(world: World, **line: str) -> dict[str, str]:
    day = world.today + dt.timedelta(days=3)
    return {"kind": "strength", "title": "Core", "date": day.isoformat(),
            "rx-TOTAL_FORMS": "1", "rx-INITIAL_FORMS": "0", "rx-0-exercise": "plank",
            "rx-0-sets": "3", **{f"rx-0-{k}": v for k, v in line.items()}}


def test_the_coach_plans_a_hold_in_seconds(world: World, client, coach) -> None:
    client.force_login(coach)
    url = reverse("portal:planned_new", args=[world.athlete.pk])
    response = client.post(url, plan_form(world, hold_s="45"))
    assert response.status_code == 302, response.context["formset"].errors
    line = PlannedSession.objects.get(title="Core").prescription.get()
    assert (line.sets, line.reps_min, line.reps_max, line.hold_s) == (3, None, None, 45)
    edit = client.get(reverse("portal:planned_edit", args=[line.session_id]))
    assert edit.context["formset"].forms[0].initial["hold_s"] == 45


def test_the_plan_form_refuses_a_hold_with_reps_or_a_plank_in_reps(
    world: World, client, coach
) -> None:
    client.force_login(coach)
    url = reverse("portal:planned_new", args=[world.athlete.pk])
    both = client.post(url, plan_form(world, hold_s="45", reps_min="3"))
    assert both.status_code == 200
    assert "reps_min" in both.context["formset"].forms[0].errors
    as_reps = client.post(url, plan_form(world, reps_min="45"))
    assert as_reps.status_code == 200
    errors = as_reps.context["formset"].forms[0].errors
    assert "Plank is a hold: give its seconds (hold_s), not reps." in errors["hold_s"]
    assert not PlannedSession.objects.filter(title="Core").exists()


def test_the_week_card_and_the_log_screen_show_a_hold_in_seconds(
    world: World, client
) -> None:
    planned_session_update(session=world.planned, prescription=[
        PrescriptionInput("back-squat", sets=4, reps_min=4, reps_max=6, load_kg=100),
        PrescriptionInput("side-plank", sets=3, reps_min=None, hold_s=45)])
    client.force_login(world.athlete.user)
    page = client.get(week_url(world), {"week": world.planned.date.isoformat()})
    text = page.content.decode()
    assert "Side plank 3 \u00d7 45 s" in text
    assert "Back squat 4 \u00d7 4\u20136 @ 100 kg" in text
    start = client.post(reverse("portal:strength_new", args=[world.athlete.pk]) +
                        f"?planned={world.planned.pk}",
                        {"date": world.planned.date.isoformat()})
    log = client.get(start["Location"]).content.decode()
    assert "Target 3 \u00d7 45 s" in log


def test_a_hold_is_logged_in_seconds_on_the_log_screen(world: World, client) -> None:
    planned_session_update(session=world.planned, prescription=[
        PrescriptionInput("plank", sets=3, reps_min=None, hold_s=45)])
    client.force_login(world.athlete.user)
    start = client.post(reverse("portal:strength_new", args=[world.athlete.pk]) +
                        f"?planned={world.planned.pk}",
                        {"date": world.planned.date.isoformat()})
    log_url = start["Location"]
    page = client.get(log_url)
    (block, *_) = page.context["blocks"]
    assert block.is_hold and block.form.initial["hold_s"] == 45
    assert "Seconds" in page.content.decode()
    session = StrengthSession.objects.get(planned=world.planned)
    add = reverse("portal:set_add", args=[session.pk])
    refused = client.post(add, {"prefix": "b0", "b0-exercise": "plank", "b0-reps": "1"},
                          HTTP_HX_REQUEST="true")
    assert "How many seconds?" in refused.content.decode()
    assert not session.sets.exists()
    client.post(add, {"prefix": "b0", "b0-exercise": "plank", "b0-reps": "1",
                      "b0-hold_s": "50"})
    logged = session.sets.get()
    assert (logged.reps, logged.hold_s) == (1, 50)
    html = client.get(log_url).content.decode()
    assert "<strong>50 s</strong>" in html
    # Correcting it keeps it a hold.
    client.post(reverse("portal:set_edit", args=[logged.pk]),
                {f"s{logged.pk}-exercise": "plank", f"s{logged.pk}-reps": "1",
                 f"s{logged.pk}-hold_s": "55"})
    logged.refresh_from_db()
    assert (logged.reps, logged.hold_s) == (1, 55)
    edit = client.get(reverse("portal:set_edit", args=[logged.pk])).content.decode()
    assert "Seconds" in edit
