""""Next session's targets" against the plan: the progress page says both when the coach's
prescription for the next planned session of a lift differs from the progression's proposal,
and applies the proposal on request (scheduling.selectors.targets,
scheduling.services.targets)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from athletes.models import User
from core.errors import DomainError
from scheduling.models import PlannedSession
from scheduling.selectors.targets import targets_against_plan
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    prescription_target_apply,
)
from tests.portal.conftest import World


@pytest.fixture(autouse=True)
def _no_other_plan(world: World) -> None:
    """The world's own heavy lower session may lie ahead this week: out of the way."""
    world.planned.delete()


def _plan(world: World, coach: User, days: int, *, load: float = 60) -> PlannedSession:
    return planned_session_create(
        actor=coach, athlete=world.athlete, kind="strength", title="Squats and rows",
        date=world.today + dt.timedelta(days=days), start_time=dt.time(18, 0),
        prescription=[PrescriptionInput("back-squat", sets=2, reps_min=8, load_kg=load, rir=3),
                      PrescriptionInput("single-leg-calf-raise", sets=3, reps_min=12, rir=2)])


def _squat(world: World):
    return next(p for p in targets_against_plan(athlete=world.athlete)
                if p.target.exercise == "back-squat")


def test_the_page_says_both_when_the_plan_differs(client, world: World, coach: User) -> None:
    planned = _plan(world, coach, 2)
    _plan(world, coach, 5)  # a later one: not the next
    pair = _squat(world)
    assert pair.line is not None and pair.line.session_id == planned.pk and pair.differs
    client.force_login(coach)
    html = client.get(reverse("portal:progress", args=[world.athlete.pk])).content.decode()
    assert "differs" in html and "The plan says" in html
    assert "2 \u00d7 8 @ 60 kg" in html
    assert f"Apply the proposal to {planned.date:%a} {planned.date.day}" in html


def test_applying_the_proposal_writes_it_into_the_next_planned_line(
        client, world: World, coach: User) -> None:
    planned = _plan(world, coach, 2)
    target = _squat(world).target
    version = planned.version
    client.force_login(coach)
    response = client.post(reverse("portal:target_apply", args=[world.athlete.pk]),
                           {"exercise": "back-squat", "line": _squat(world).line.pk})
    assert response.status_code == 302
    planned.refresh_from_db()
    squat, calves = planned.prescription.select_related("exercise")
    assert (squat.sets, squat.reps_min, squat.reps_max, squat.rir) == (
        target.sets, target.reps_min, target.reps_max, target.rir)
    assert squat.load_kg == Decimal(str(target.load_kg)).quantize(Decimal("0.01"))
    assert (calves.exercise.slug, calves.sets, calves.reps_min) == ("single-leg-calf-raise", 3, 12)
    assert planned.version == version + 1
    assert not _squat(world).differs
    html = client.get(reverse("portal:progress", args=[world.athlete.pk])).content.decode()
    assert "The plan agrees" in html and "Apply the proposal" not in html


def test_a_stale_page_is_refused(world: World, coach: User) -> None:
    planned = _plan(world, coach, 2)
    line = _squat(world).line
    assert line is not None
    planned.delete()
    _plan(world, coach, 3)
    with pytest.raises(DomainError, match="changed since"):
        prescription_target_apply(athlete=world.athlete, exercise="back-squat", line_id=line.pk)


def test_no_planned_session_of_the_lift_is_refused(world: World) -> None:
    PlannedSession.objects.filter(athlete=world.athlete, date__gte=world.today,
                                  kind="strength").delete()
    with pytest.raises(DomainError, match="No planned session"):
        prescription_target_apply(athlete=world.athlete, exercise="back-squat")


def test_a_lift_without_a_proposal_is_refused_with_a_message(client, world: World) -> None:
    client.force_login(world.athlete.user)
    response = client.post(reverse("portal:target_apply", args=[world.athlete.pk]),
                           {"exercise": "pogo-hops"}, follow=True)
    assert "no proposal for this lift" in response.content.decode()


def test_a_plan_that_agrees_is_left_as_it_is(world: World, coach: User) -> None:
    planned = _plan(world, coach, 2)
    prescription_target_apply(athlete=world.athlete, exercise="back-squat")
    planned.refresh_from_db()
    version = planned.version
    prescription_target_apply(athlete=world.athlete, exercise="back-squat")
    planned.refresh_from_db()
    assert planned.version == version
