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


READ = "/api/v1/comments/read/"


def _unread(client: APIClient, **params: Any) -> dict[int, bool]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return {c["id"]: c["unread"] for c in response.json()["results"]}


def test_a_comment_is_unread_until_its_reader_marks_it_and_never_for_its_author(
        world: World, coach: User, client_for: Callable[[str], APIClient]) -> None:
    athlete, coach_client = client_for("athlete"), client_for("coach")
    said = athlete.post(URL, {"run": world.run.pk, "body": "Legs heavy."}, format="json")
    assert said.status_code == 201 and said.json()["unread"] is False  # the caller wrote it
    mine = said.json()["id"]
    assert _unread(athlete) == {world.comment.pk: True, mine: False}
    assert _unread(coach_client) == {world.comment.pk: False, mine: True}

    marked = athlete.post(READ, {"ids": [world.comment.pk, mine]}, format="json")
    assert marked.status_code == 200, marked.content
    assert marked.json() == {"marked": 1}  # their own needs no marking
    assert _unread(athlete) == {world.comment.pk: False, mine: False}
    assert _unread(coach_client)[mine] is True  # one reader's marker is theirs alone
    again = athlete.post(READ, {"ids": [world.comment.pk]}, format="json")
    assert again.json() == {"marked": 0}


def test_a_thread_or_an_athlete_is_marked_read_at_once(
        world: World, coach: User, client_for: Callable[[str], APIClient]) -> None:
    on_run = [comment_create(author=coach, run=world.run, body=f"Run {i}") for i in range(3)]
    on_strength = comment_create(author=coach, strength_session=world.strength, body="Lift")
    athlete = client_for("athlete")
    assert athlete.post(READ, {"run": world.run.pk}, format="json").json() == {"marked": 3}
    unread = _unread(athlete)
    assert [unread[c.pk] for c in on_run] == [False] * 3
    assert unread[on_strength.pk] and unread[world.comment.pk]
    # ids and a filter narrow each other: the strength comment is not on the run
    assert athlete.post(READ, {"ids": [on_strength.pk], "run": world.run.pk},
                        format="json").json() == {"marked": 0}
    assert athlete.post(READ, {"athlete": world.athlete.pk},
                        format="json").json() == {"marked": 2}
    assert not any(_unread(athlete).values())


def test_a_removed_authors_comment_is_unread_for_everyone(
        world: World, coach: User, client_for: Callable[[str], APIClient]) -> None:
    orphan = comment_create(author=coach, run=world.run, body="From a gone account.")
    Comment.objects.filter(pk=orphan.pk).update(author=None)
    assert _unread(client_for("coach"))[orphan.pk] is True
    assert _unread(client_for("athlete"))[orphan.pk] is True


def test_another_rosters_comment_among_the_ids_is_a_400_and_nothing_is_marked(
        world: World, other_athlete: AthleteProfile, other_coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    theirs = comment_create(
        author=other_coach, body="Theirs.",
        run=run_create(actor=other_coach, athlete=other_athlete, date=world.today,
                       distance_m=5000))
    athlete = client_for("athlete")
    response = athlete.post(READ, {"ids": [world.comment.pk, theirs.pk]}, format="json")
    assert codes(response) == {"ids": ["does_not_exist"]}
    assert str(theirs.pk) in response.json()["ids"][0]
    assert _unread(athlete)[world.comment.pk] is True  # nothing marked
    gone = athlete.post(READ, {"ids": [10**9]}, format="json")
    assert codes(gone) == {"ids": ["does_not_exist"]}


@pytest.mark.parametrize("field", ["athlete", "planned_session", "strength_session", "run"])
def test_a_foreign_filter_of_read_is_a_400_on_its_field(
        field: str, world: World, other_athlete: AthleteProfile, other_coach: User,
        client_for: Callable[[str], APIClient]) -> None:
    theirs = {
        "athlete": lambda: other_athlete,
        "planned_session": lambda: planned_session_create(
            actor=other_coach, athlete=other_athlete, kind="strength", date=world.today,
            intensity="light"),
        "strength_session": lambda: strength_session_create(
            actor=other_coach, athlete=other_athlete, date=world.today),
        "run": lambda: run_create(actor=other_coach, athlete=other_athlete, date=world.today,
                                  distance_m=5000),
    }[field]()
    response = client_for("coach").post(READ, {field: theirs.pk}, format="json")
    assert codes(response) == {field: ["does_not_exist"]}


@pytest.mark.parametrize(("data", "expected"), [
    ({}, {"non_field_errors": ["invalid"]}),
    ({"ids": []}, {"non_field_errors": ["invalid"]}),
    ({"ids": "1"}, {"ids": ["not_a_list"]}),
    ({"ids": ["x"]}, {"ids[0]": ["invalid"]}),
    ({"ids": [0]}, {"ids[0]": ["min_value"]}),
    ({"ids": list(range(1, 502))}, {"ids": ["max_length"]}),
    ({"run": "RUN"}, {"run": ["invalid"]}),
])
def test_bad_input_to_read_is_a_400_with_field_messages(
        data: dict[str, Any], expected: dict[str, list[str]],
        client_for: Callable[[str], APIClient], world: World) -> None:
    assert codes(client_for("athlete").post(READ, data, format="json")) == expected


# Marking read (the client is force-authenticated: no session or token read): the run
# (scoped), the comments named or the thread's unread ones, each with whether it is unread
# (one SELECT), the insert of the markers in its savepoint (savepoint, insert, release).
READ_QUERIES = 1 + 1 + 3


@pytest.mark.parametrize("size", [2, 40])
def test_marking_read_costs_the_same_however_many(
        size: int, world: World, coach: User, client_for: Callable[[str], APIClient],
        django_assert_num_queries: Any) -> None:
    def add(label: str) -> list[int]:
        return [c.pk for c in Comment.objects.bulk_create([
            Comment(athlete=world.athlete, run=world.run, author=coach, body=f"{label} {i}")
            for i in range(size)])]
    ids = add("Note")
    client = client_for("athlete")
    with django_assert_num_queries(READ_QUERIES):  # by ids
        assert client.post(READ, {"ids": ids, "run": world.run.pk},
                           format="json").json() == {"marked": size}
    add("More")
    with django_assert_num_queries(READ_QUERIES):  # by thread
        assert client.post(READ, {"run": world.run.pk}, format="json").json() == {
            "marked": size}


def test_the_schema_documents_marking_read(client_for: Callable[[str], APIClient]) -> None:
    schema = client_for("anonymous").get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/comments/read/"]["post"]
    assert "200" in operation["responses"]
    schemas = schema["components"]["schemas"]
    assert "unread" in schemas["Comment"]["properties"]
    assert {"ids", "athlete", "planned_session", "strength_session", "run"} <= set(
        schemas["CommentReadRequest"]["properties"])
