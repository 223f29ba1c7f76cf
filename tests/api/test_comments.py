"""/api/v1/comments/: the thread on every session. Filters, scope, a foreign session is a
400 on its field, bad input is a 400 with field messages, the webhook event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from scheduling.models import Comment, WebhookEvent
from scheduling.services import (
    comment_create,
    comment_mark_read,
    planned_session_create,
    run_create,
    strength_session_create,
    webhook_subscription_create,
)
from tests.api.conftest import World

URL = "/api/v1/comments/"


def codes(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, response.content
    return response.json()["codes"]


def test_the_athlete_comments_and_flags_pain_and_the_coach_replies(
        world: World, client_for: Callable[[str], APIClient]) -> None:
    athlete, coach = client_for("athlete"), client_for("coach")
    said = athlete.post(URL, {"run": world.run.pk, "body": "Shin sore after the hills.",
                              "pain_area": "shin", "pain_score": 5}, format="json")
    assert said.status_code == 201, said.content
    body = said.json()
    assert (body["athlete"], body["author"], body["author_name"], body["run"]) == (
        world.athlete.pk, world.athlete.user.pk, "Ada Athlete", world.run.pk)
    assert (body["pain_area"], body["pain_score"], body["planned_session"]) == ("shin", 5, None)
    reply = coach.post(URL, {"run": world.run.pk, "body": "Easy days only this week."},
                       format="json")
    assert reply.status_code == 201 and reply.json()["pain_area"] == ""
    thread = athlete.get(URL, {"run": world.run.pk}).json()["results"]
    assert [c["body"] for c in thread] == ["Shin sore after the hills.",
                                           "Easy days only this week."]


def test_the_list_filters_by_athlete_and_by_each_kind_of_session(
        world: World, coach: User, client_for: Callable[[str], APIClient]) -> None:
    on_strength = comment_create(author=coach, strength_session=world.strength, body="Good.")
    on_run = comment_create(author=coach, run=world.run, body="Steady.")
    client = client_for("coach")

    def ids(**params: Any) -> list[int]:
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["results"]]

    assert ids() == [world.comment.pk, on_strength.pk, on_run.pk]
    assert ids(athlete=world.athlete.pk) == [world.comment.pk, on_strength.pk, on_run.pk]
    assert ids(planned_session=world.planned.pk) == [world.comment.pk]
    assert ids(strength_session=world.strength.pk) == [on_strength.pk]
    assert ids(run=world.run.pk) == [on_run.pk]
    assert ids(run=world.planned_run.pk) == []
    assert codes(client.get(URL, {"run": "x"})) == {"run": ["invalid"]}


def test_another_rosters_comments_are_not_listed(
        world: World, other_athlete: AthleteProfile, other_coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    theirs = run_create(actor=other_coach, athlete=other_athlete,
                        date=world.today, distance_m=5000)
    comment_create(author=other_coach, run=theirs, body="Theirs.")
    for persona in ("coach", "athlete"):
        seen = client_for(persona).get(URL, {"run": theirs.pk}).json()
        assert seen["count"] == 0
    assert client_for("other_coach").get(URL).json()["count"] == 1
    assert client_for("stranger").get(URL).json()["count"] == 0


@pytest.mark.parametrize("field", ["planned_session", "strength_session", "run"])
def test_a_smuggled_session_of_another_roster_is_a_400_on_its_field(
        field: str, world: World, other_athlete: AthleteProfile, other_coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    theirs = {
        "planned_session": lambda: planned_session_create(
            actor=other_coach, athlete=other_athlete, kind="strength", date=world.today,
            intensity="light"),
        "strength_session": lambda: strength_session_create(
            actor=other_coach, athlete=other_athlete, date=world.today),
        "run": lambda: run_create(actor=other_coach, athlete=other_athlete, date=world.today,
                                  distance_m=5000),
    }[field]()
    response = client_for("coach").post(URL, {field: theirs.pk, "body": "Hi"}, format="json")
    assert codes(response) == {field: ["does_not_exist"]}
    assert not Comment.objects.filter(athlete=other_athlete).exists()


@pytest.mark.parametrize(("body", "expected"), [
    ({"body": "No session"}, {"non_field_errors": ["invalid"]}),
    ({"run": 0, "planned_session": 0, "body": "Two"}, {"non_field_errors": ["invalid"]}),
    ({"run": "RUN", "body": "x"}, {"run": ["invalid"]}),
    ({"run": None, "body": "x"}, {"non_field_errors": ["invalid"]}),
    ({"run": "{run}"}, {"body": ["required"]}),
    ({"run": "{run}", "body": "x", "pain_area": "spleen", "pain_score": 3},
     {"pain_area": ["invalid_choice"]}),
    ({"run": "{run}", "body": "x", "pain_area": "knee", "pain_score": 11},
     {"pain_score": ["max_value"]}),
    ({"run": "{run}", "body": "x", "pain_area": "knee"}, {"pain_score": ["invalid"]}),
    ({"run": "{run}", "body": "x", "pain_score": 2}, {"pain_area": ["invalid"]}),
    ({"run": "{run}", "body": "x" * 4001}, {"body": ["max_length"]}),
])
def test_bad_input_is_a_400_with_field_messages(
        body: dict[str, Any], expected: dict[str, list[str]], world: World,
        client_for: Callable[[str], APIClient]) -> None:
    data = {k: world.run.pk if v == "{run}" else v for k, v in body.items()}
    if data.get("run") == 0:
        data.update(run=world.run.pk, planned_session=world.planned.pk)
    assert codes(client_for("athlete").post(URL, data, format="json")) == expected


def test_a_comment_is_a_webhook_event(
        world: World, settings: Any, client_for: Callable[[str], APIClient]) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    webhook_subscription_create(owner=world.coach, url="http://127.0.0.1:9/c",
                                events=["comment.created"])
    response = client_for("athlete").post(
        URL, {"strength_session": world.strength.pk, "pain_area": "lower_back",
              "pain_score": 7}, format="json")
    assert response.status_code == 201, response.content
    event = WebhookEvent.objects.get(type="comment.created")
    assert event.payload["session"] == {"type": "strength", "id": world.strength.pk}
    assert event.payload["pain"] == {"area": "lower_back", "score": 7}


def test_the_schema_documents_the_comments(client_for: Callable[[str], APIClient]) -> None:
    schema = client_for("anonymous").get("/api/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/comments/"]
    params = {p["name"] for p in operations["get"]["parameters"]}
    assert {"athlete", "planned_session", "strength_session", "run"} <= params
    assert "201" in operations["post"]["responses"]
    assert "comment.created" in str(schema["components"]["schemas"])


def _unread(client: APIClient, **params: Any) -> dict[int, bool]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return {c["id"]: c["unread"] for c in response.json()["results"]}


def test_a_comment_is_unread_for_its_reader_and_never_for_its_author(
        world: World, coach: User, client_for: Callable[[str], APIClient]) -> None:
    athlete, coach_client = client_for("athlete"), client_for("coach")
    said = athlete.post(URL, {"run": world.run.pk, "body": "Legs heavy."}, format="json")
    assert said.status_code == 201 and said.json()["unread"] is False  # the caller wrote it
    mine = said.json()["id"]
    assert _unread(athlete) == {world.comment.pk: True, mine: False}
    assert _unread(coach_client) == {world.comment.pk: False, mine: True}
    comment_mark_read(user=world.athlete.user, comments=[world.comment])
    assert _unread(athlete) == {world.comment.pk: False, mine: False}
    assert _unread(coach_client)[mine] is True  # one reader's marker is theirs alone


def test_a_removed_authors_comment_is_unread_for_everyone(
        world: World, coach: User, client_for: Callable[[str], APIClient]) -> None:
    orphan = comment_create(author=coach, run=world.run, body="From a gone account.")
    Comment.objects.filter(pk=orphan.pk).update(author=None)
    assert _unread(client_for("coach"))[orphan.pk] is True
    assert _unread(client_for("athlete"))[orphan.pk] is True
