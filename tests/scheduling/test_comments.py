"""The thread on every session (scheduling/services/comments.py and selectors/comments.py):
one target, a pain flag as a body area and 0-10, the webhook event, what is unread."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import DomainError
from scheduling.models import Comment, CommentRead, WebhookDelivery, WebhookEvent
from scheduling.selectors.comments import thread_counts_for_sessions, thread_for_user
from scheduling.services import (
    comment_create,
    comment_mark_read,
    planned_session_create,
    run_create,
    webhook_subscription_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(athlete):
    return run_create(actor=athlete.user, athlete=athlete, date=timezone.localdate(),
                      distance_m=8000, duration_s=2700)


@pytest.fixture
def planned(athlete, coach):
    return planned_session_create(actor=coach, athlete=athlete, kind="run", run_type="tempo",
                                  date=timezone.localdate() + dt.timedelta(days=2))


def test_a_comment_belongs_to_its_sessions_athlete(athlete, run) -> None:
    comment = comment_create(author=athlete.user, run=run, body="  Legs felt heavy.  ")
    assert (comment.athlete_id, comment.body, comment.target) == (
        athlete.pk, "Legs felt heavy.", ("run", run.pk))
    assert not comment.has_pain


def test_a_pain_flag_alone_is_a_comment(athlete, run) -> None:
    comment = comment_create(author=athlete.user, run=run, pain_area="knee", pain_score=6)
    assert (comment.pain_area, comment.pain_score, comment.body) == ("knee", 6, "")


@pytest.mark.parametrize(("fields", "field"), [
    ({}, "body"),
    ({"body": "   "}, "body"),
    ({"pain_area": "knee"}, "pain_score"),
    ({"pain_score": 4}, "pain_area"),
    ({"pain_area": "spleen", "pain_score": 4}, "pain_area"),
    ({"pain_area": "knee", "pain_score": 11}, "pain_score"),
    ({"pain_area": "knee", "pain_score": -1}, "pain_score"),
    ({"body": "x" * 4001}, "body"),
])
def test_bad_input_is_refused_on_its_field(athlete, run, fields, field) -> None:
    with pytest.raises(DomainError) as refused:
        comment_create(author=athlete.user, run=run, **fields)
    assert refused.value.field == field
    assert not Comment.objects.exists()


def test_a_comment_is_on_exactly_one_session(athlete, run, planned) -> None:
    for targets in ({}, {"run": run, "planned_session": planned}):
        with pytest.raises(DomainError) as refused:
            comment_create(author=athlete.user, body="hi", **targets)
        assert refused.value.field is None


def test_the_database_holds_one_target_and_a_whole_pain_flag(athlete, run, planned) -> None:
    for fields in ({"run": run, "planned_session": planned, "body": "x"},
                   {"body": "x"},
                   {"run": run, "body": "x", "pain_area": "knee"},
                   {"run": run, "body": "x", "pain_score": 3},
                   {"run": run}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Comment.objects.create(athlete=athlete, **fields)


def test_a_new_comment_is_a_webhook_event_for_those_who_see_the_athlete(
        settings, athlete, coach, other_coach, run) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    mine, _ = webhook_subscription_create(owner=coach, url="http://127.0.0.1:9/hook",
                                          events=["comment.created"])
    webhook_subscription_create(owner=other_coach, url="http://127.0.0.1:9/other",
                                events=["comment.created"])
    comment = comment_create(author=athlete.user, run=run, body="Knee twinge at 6 km.",
                             pain_area="knee", pain_score=4)
    event = WebhookEvent.objects.get()
    assert event.type == "comment.created" and event.athlete_id == athlete.pk
    assert event.payload == {
        "id": comment.pk, "athlete": athlete.pk, "author": athlete.user.pk,
        "session": {"type": "run", "id": run.pk}, "body": "Knee twinge at 6 km.",
        "pain": {"area": "knee", "score": 4}, "created_at": comment.created_at.isoformat()}
    assert [d.subscription_id for d in WebhookDelivery.objects.all()] == [mine.pk]


def test_what_is_unread_is_another_persons_comment_not_yet_read(
        athlete, coach, run, planned, django_assert_num_queries) -> None:
    comment_create(author=athlete.user, run=run, body="Easy, 8 km.")
    reply = comment_create(author=coach, run=run, body="Nice and steady.")
    comment_create(author=coach, planned_session=planned, body="Hold 4:10/km.")
    with django_assert_num_queries(1):
        thread = thread_for_user(user=athlete.user, run=run)
    assert [c.body for c in thread.unread] == ["Nice and steady."]
    counts = thread_counts_for_sessions(user=athlete.user, athlete=athlete,
                                        planned_ids=[planned.pk], strength_ids=[],
                                        run_ids=[run.pk])
    assert {k: (v.total, v.unread) for k, v in counts.items()} == {
        ("run", run.pk): (2, 1), ("planned", planned.pk): (1, 1)}
    with django_assert_num_queries(3):  # the service's savepoint, the insert, its release
        assert comment_mark_read(user=athlete.user, comments=thread.comments) == 1
    assert list(CommentRead.objects.values_list("user_id", "comment_id")) == [
        (athlete.user.pk, reply.pk)]
    assert thread_for_user(user=athlete.user, run=run).unread == []
    comment_mark_read(user=athlete.user, comments=thread.comments)  # again: nothing doubles
    assert CommentRead.objects.count() == 1
    assert [c.body for c in thread_for_user(user=coach, run=run).unread] == ["Easy, 8 km."]


def test_a_thread_goes_with_its_session(athlete, run) -> None:
    comment_create(author=athlete.user, run=run, body="x")
    run.delete()
    assert not Comment.objects.exists()
