"""The thread under every session in the portal: the athlete comments and flags pain, the
coach replies, unread markers on the week and the roster, opening a thread reads it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from athletes.models import Membership, User
from athletes.services import athlete_create
from scheduling.models import Comment, CommentRead
from scheduling.services import comment_create, run_create
from tests.portal.conftest import World, week_url
from tests.portal.test_queries import AUTH, _grow_roster
from training.models import Run


def _post(client, url: str, **fields: str):
    return client.post(url, {f"comment-{k}": v for k, v in fields.items()})


def test_the_athlete_flags_pain_and_the_coach_replies_under_the_run(
        world: World, client, coach: User) -> None:
    thread = reverse("portal:run_thread", args=[world.run.pk])
    client.force_login(world.athlete.user)
    response = _post(client, thread, body="Left knee ached on the descent.", pain_area="knee",
                     pain_score="6")
    assert response.status_code == 302 and response["Location"] == thread + "#thread"
    said = Comment.objects.get()
    assert (said.run_id, said.author_id, said.pain_area, said.pain_score) == (
        world.run.pk, world.athlete.user.pk, "knee", 6)
    client.force_login(coach)
    page = client.get(reverse("portal:run_edit", args=[world.run.pk])).content.decode()
    assert "Left knee ached on the descent." in page and "Pain: Knee, 6/10" in page
    assert ">New</span>" in page and "Reply</button>" in page
    assert CommentRead.objects.filter(user=coach, comment=said).exists()  # opened: read
    assert ">New</span>" not in client.get(thread).content.decode()
    _post(client, thread, body="Walk the downhills this week.")
    client.force_login(world.athlete.user)
    week = client.get(week_url(world)).content.decode()
    assert "1 new</span> comment on this week" in week
    assert f'href="{thread}#thread" class="thread-link has-unread">Comments (2)' in week
    client.get(thread)
    assert "comment on this week" not in client.get(week_url(world)).content.decode()


@pytest.mark.parametrize(("route", "attr"), [("planned_thread", "planned"),
                                             ("strength_thread", "strength")])
def test_every_session_has_its_thread_on_its_page(
        route: str, attr: str, world: World, client, coach: User) -> None:
    session = getattr(world, attr)
    client.force_login(coach)
    assert _post(client, reverse(f"portal:{route}", args=[session.pk]),
                 body="How did it feel?").status_code == 302
    page = "portal:planned_edit" if attr == "planned" else "portal:strength_log"
    client.force_login(world.athlete.user)
    html = client.get(reverse(page, args=[session.pk])).content.decode()
    assert 'id="thread"' in html and "How did it feel?" in html and "Casey Coach" in html


@pytest.mark.parametrize(("fields", "message"), [
    ({"body": ""}, "Write something, or flag pain."),
    ({"body": "x", "pain_area": "knee"}, "give both, or neither"),
    ({"body": "x", "pain_score": "4"}, "give both, or neither"),
    ({"body": "x", "pain_area": "spleen", "pain_score": "4"}, "Select a valid choice"),
    ({"body": "x", "pain_area": "knee", "pain_score": "11"}, "Select a valid choice"),
])
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(
        fields: dict[str, str], message: str, world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = _post(client, reverse("portal:run_thread", args=[world.run.pk]), **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_another_rosters_session_has_no_thread_for_the_coach(
        world: World, client, other_coach: User, other_athlete) -> None:
    theirs = run_create(actor=other_coach, athlete=other_athlete, date=world.today,
                        distance_m=5000)
    client.force_login(world.athlete.user)
    url = reverse("portal:run_thread", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert _post(client, url, body="Hi").status_code == 404
    assert not Comment.objects.exists()


def test_the_roster_names_pain_and_unread_comments(world: World, client, coach: User) -> None:
    comment_create(author=world.athlete.user, run=world.run, body="Fine.")
    comment_create(author=world.athlete.user, run=world.run, pain_area="achilles",
                   pain_score=7)
    comment_create(author=world.athlete.user, run=world.run, pain_area="calf", pain_score=3)
    old = comment_create(author=world.athlete.user, run=world.run, pain_area="knee",
                         pain_score=9)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    client.force_login(coach)
    (row,) = client.get(reverse("portal:dashboard")).context["rows"]
    reasons = [r.reason for r in row.attention]
    assert reasons[:2] == ["1 open error", "Pain reported: achilles 7/10 (2 flags in 7 days)"]
    assert "4 unread comments" in reasons
    ranks = [r.rank for r in row.attention]
    assert ranks == sorted(ranks)
    client.get(reverse("portal:run_thread", args=[world.run.pk]))  # the coach reads them
    (row,) = client.get(reverse("portal:dashboard")).context["rows"]
    assert not any("unread" in r.reason for r in row.attention)
    assert any(r.reason.startswith("Pain reported") for r in row.attention)  # still 7 days


def test_the_pain_flag_comes_before_sore_legs_and_missed_sessions(
        world: World, client, coach: User) -> None:
    roster = coach.rosters.get()
    quiet = athlete_create(email="q@example.com", name="Quinn", roster=roster,
                           timezone=world.athlete.timezone)
    hurt = athlete_create(email="h@example.com", name="Hal", roster=roster,
                          timezone=world.athlete.timezone)
    for who in (quiet, hurt):
        run_create(actor=coach, athlete=who, date=world.today, duration_s=1800)
    hurt_run = run_create(actor=coach, athlete=hurt, date=world.today, duration_s=1200)
    comment_create(author=hurt.user, run=hurt_run, pain_area="hip", pain_score=5)
    client.force_login(coach)
    rows = client.get(reverse("portal:dashboard")).context["rows"]
    assert [r.user.name for r in rows] == ["Ada Athlete", "Hal", "Quinn"]
    assert [a.reason for a in rows[1].attention] == ["Pain reported: hip 5/10",
                                                     "1 unread comment"]


# The dashboard as tests/portal/test_queries.py counts it: the roster (one query, the threads'
# figures among its correlated subqueries), the daily loads, the rosters for the invite form,
# the pending invitations.
DASHBOARD = AUTH + 1 + 1 + 1 + 1


@pytest.mark.parametrize("size", [5, 50])
def test_pain_and_unread_cost_the_same_for_5_and_50_athletes(
        size: int, coach: User, client, django_assert_num_queries) -> None:
    _grow_roster(coach, size)
    for run in _runs_of(coach):
        comment_create(author=run.athlete.user, run=run, body="Sore.", pain_area="calf",
                       pain_score=4)
    client.force_login(coach)
    with django_assert_num_queries(DASHBOARD):
        rows = client.get(reverse("portal:dashboard")).context["rows"]
    assert len(rows) == size
    assert all(any(r.reason == "1 unread comment" for r in a.attention) for a in rows)


def _runs_of(coach: User) -> list[Run]:
    """A run of each of the coach's athletes (every athlete _grow_roster makes has one)."""
    return [Run.objects.filter(athlete_id=m.athlete_id).select_related("athlete__user").first()
            for m in Membership.objects.filter(roster__coach=coach)]


@pytest.mark.parametrize("comments", [0, 12])
def test_a_thread_costs_the_same_however_long(
        comments: int, world: World, client, coach: User, django_assert_num_queries) -> None:
    for i in range(comments):
        comment_create(author=coach if i % 2 else world.athlete.user, run=world.run,
                       body=f"Note {i}")
    client.force_login(world.athlete.user)
    url = reverse("portal:run_thread", args=[world.run.pk])
    # the run (scoped); the thread with the reader's markers; marking the new ones read
    # (a savepoint, the insert, its release) when there are any
    with django_assert_num_queries(AUTH + 1 + 1 + (3 if comments else 0)):
        client.get(url)
    with django_assert_num_queries(AUTH + 1 + 1):  # read now: nothing to write
        client.get(url)


def test_a_comment_reads_in_the_athletes_hours_not_the_servers(world: World, client) -> None:
    """Sent at 09:02 UTC on a winter Monday by an athlete in Stockholm: 10:02 her time."""
    world.athlete.timezone = "Europe/Stockholm"
    world.athlete.save(update_fields=["timezone"])
    said = comment_create(author=world.athlete.user, run=world.run, body="Calves tight.")
    Comment.objects.filter(pk=said.pk).update(
        created_at=dt.datetime(2026, 12, 7, 9, 2, tzinfo=dt.UTC))
    client.force_login(world.athlete.user)
    page = client.get(reverse("portal:run_thread", args=[world.run.pk])).content.decode()
    assert ">Mon 7 Dec, 10:02<" in page and ", 09:02<" not in page
