"""Drafts in the portal (RULES.md, "Logged"): a log started and left without a working set (a
run without a duration or a distance) is shown as a draft to finish or discard, never as
done, and the roster does not count it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from scheduling.models import PlannedSession
from scheduling.services import run_create, strength_session_create, strength_set_create
from tests.portal.conftest import World, week_url
from tests.portal.test_dashboard import as_coach_beside_the_athlete
from training.models import Run, StrengthSession
from training.services import SetInput


def _card(html: str, anchor: str) -> str:
    """The session card's markup, up to the next card or the end of the week."""
    start = html.index(f'id="{anchor}"')
    end = html.find('<li class="session ', start)
    return html[start:end if end != -1 else html.index("</ol>", start)]


def _week(world: World, client, day: dt.date) -> str:
    return client.get(week_url(world), {"week": day.isoformat()}).content.decode()


@pytest.mark.parametrize(("sets", "draft"), [
    pytest.param([], True, id="left without a set: a draft"),
    pytest.param([SetInput("back-squat", 5, 60, is_warmup=True)], True,
                 id="a warm-up only: a draft"),
    pytest.param([SetInput("back-squat", 5, 100, rir=2)], False,
                 id="one working set: logged"),
])
def test_a_log_left_without_a_working_set_shows_as_a_draft(world: World, client, sets,
                                                            draft: bool) -> None:
    plan = world.planned
    log = strength_session_create(actor=world.athlete.user, athlete=world.athlete,
                                  date=plan.date, planned_session=plan, sets=sets)
    client.force_login(world.athlete.user)
    card = _card(_week(world, client, plan.date), f"session-strength-p{plan.pk}")
    assert ("✎</span> Draft" in card) is draft
    assert ("Finish the log" in card) is draft
    assert (reverse("portal:strength_delete", args=[log.pk]) in card) is draft
    assert ("Logged:" in card) is not draft
    assert "Done" not in card or not draft


def test_a_run_without_duration_or_distance_shows_as_a_draft(world: World, client) -> None:
    run = run_create(actor=world.athlete.user, athlete=world.athlete, date=world.today,
                     run_type="easy")
    client.force_login(world.athlete.user)
    card = _card(_week(world, client, world.today), f"session-run-r{run.pk}")
    assert "✎</span> Draft" in card and "no duration or distance yet" in card
    assert reverse("portal:run_delete", args=[run.pk]) in card


def test_discarding_a_draft_unlinks_its_plan(world: World, client) -> None:
    plan = world.planned
    log = strength_session_create(actor=world.athlete.user, athlete=world.athlete,
                                  date=plan.date, planned_session=plan)
    client.force_login(world.athlete.user)
    response = client.post(reverse("portal:strength_delete", args=[log.pk]), follow=True)
    assert "Draft discarded." in response.content.decode()
    assert not StrengthSession.objects.filter(pk=log.pk).exists()
    assert PlannedSession.objects.get(pk=plan.pk).logged_strength_id is None


def test_the_roster_counts_no_draft(world: World, client, coach) -> None:
    """The world's athlete logged squats and an easy run on Monday; today they start the
    planned heavy lower and leave, and a run with nothing in it."""
    plan = world.planned
    strength_session_create(actor=world.athlete.user, athlete=world.athlete,
                            date=world.today, planned_session=plan, title="Left")
    run_create(actor=world.athlete.user, athlete=world.athlete, date=world.today,
               run_type="tempo")
    as_coach_beside_the_athlete(world, client, coach)
    response = client.get(reverse("portal:dashboard"))
    row = response.context["rows"][0]
    assert (row.last_strength_id, row.last_run_type) == (world.strength.pk, "easy")
    assert (row.done_count, row.drafts) == (0, 2)
    assert "2 drafts to finish or discard" in response.content.decode()
    log = StrengthSession.objects.get(title="Left")
    strength_set_create(session=log, data=SetInput("back-squat", 4, 100, rir=2))
    Run.objects.filter(run_type="tempo").update(duration_s=1800)
    row = client.get(reverse("portal:dashboard")).context["rows"][0]
    assert (row.last_strength_id, row.last_run_type) == (log.pk, "tempo")
    assert (row.done_count, row.drafts) == (1, 0)


def test_the_calendar_of_weeks_shows_a_draft_and_counts_it_nowhere(world: World,
                                                                   client) -> None:
    plan = world.planned
    log = strength_session_create(actor=world.athlete.user, athlete=world.athlete,
                                  date=plan.date, planned_session=plan)
    client.force_login(world.athlete.user)
    response = client.get(reverse("portal:athlete_calendar", args=[world.athlete.pk]))
    html = response.content.decode()
    start = html.index(f'id="cal-strength-p{plan.pk}"')
    card = html[start:html.index("</li>", start)]
    assert "✎</span> Draft" in card and "Logged" not in card
    assert reverse("portal:strength_log", args=[log.pk]) in card
    assert response.context["calendar"].weeks[0].totals.strength == 1  # the world's squats
