"""The coach's roster dashboard and the roster's comings and goings (invitations)."""

from __future__ import annotations

import datetime as dt
import re
import types

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from athletes.models import Membership, User
from athletes.services import athlete_create
from portal.support import ZONE_COOKIE
from portal.views import dashboard
from scheduling.models import Finding
from tests.portal.conftest import World, make_finding, week_url


def test_a_new_user_accepts_an_invitation_and_lands_on_their_week(world: World, client,
                                                                  stranger) -> None:
    stranger.email = "new@example.com"  # the address the invitation went to
    stranger.save()
    EmailAddress.objects.create(user=stranger, email=stranger.email, verified=True, primary=True)
    client.force_login(stranger)
    url = reverse("portal:invitation", args=[world.token])
    assert "Join My athletes" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(athlete__user=stranger).exists()
    again = client.post(url)
    assert "already been used" in again.content.decode()


def test_an_unverified_invitee_is_sent_the_verification_and_joins_once_verified(
    world: World, client, stranger: User,
) -> None:
    cache.clear()  # allauth sends one verification email per address every few minutes
    stranger.email = "new@example.com"  # the address the invitation went to
    stranger.save()
    client.force_login(stranger)
    url = reverse("portal:invitation", args=[world.token])
    refused = client.post(url)
    assert refused.status_code == 200
    assert "verify new@example.com" in refused.content.decode().lower()
    assert not Membership.objects.filter(athlete__user=stranger).exists()
    assert mail.outbox[-1].to == ["new@example.com"]
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert confirm is not None
    client.post(confirm.group(1))
    assert EmailAddress.objects.filter(user=stranger, verified=True).exists()
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(athlete__user=stranger).exists()


def test_an_unknown_invitation_is_a_404(client, stranger) -> None:
    client.force_login(stranger)
    assert client.get("/invitations/nope/").status_code == 404


def test_the_coach_invites_and_removes_an_athlete(world: World, client, coach, mailoutbox,
                                                  django_capture_on_commit_callbacks) -> None:
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:roster_invite"), {"email": "friend@example.com",
                                                      "roster": coach.rosters.get().pk})
    assert mailoutbox[-1].to == ["friend@example.com"]
    client.post(reverse("portal:athlete_remove", args=[world.athlete.pk]))
    assert not Membership.objects.filter(athlete=world.athlete).exists()
    assert client.get(week_url(world)).status_code == 404


def as_coach_beside_the_athlete(world: World, client, coach) -> None:
    """Log the coach in with the browser's zone the athlete's: the dashboard's week is the
    viewer's, and the world's sessions sit in the athlete's week, whatever the hour in UTC."""
    client.force_login(coach)
    client.cookies[ZONE_COOKIE] = world.athlete.timezone


def test_the_dashboard_lists_flags_last_log_and_done_vs_planned(world: World, client,
                                                                coach) -> None:
    def on(finding: Finding, days: int) -> None:
        day = world.today + dt.timedelta(days=days)
        Finding.objects.filter(pk=finding.pk).update(first_date=day, last_date=day)

    on(world.finding, -1)  # gone by: not the next error
    ahead = make_finding(world.athlete, world.planned, key="ahead")
    on(ahead, 3)
    later = make_finding(world.athlete, world.planned, key="later")
    on(later, 9)
    as_coach_beside_the_athlete(world, client, coach)
    response = client.get(reverse("portal:dashboard"))
    row = response.context["rows"][0]
    monday = world.today - dt.timedelta(days=world.today.weekday())
    this_week = [0 <= (world.today + dt.timedelta(days=d) - monday).days < 7 for d in (-1, 3, 9)]
    assert (row.errors, row.warnings) == (sum(this_week), 0)
    assert (row.planned_count, row.done_count) == (2, 0)
    assert row.next_flag_id == ahead.pk  # the nearest ahead, not the one gone by
    html = response.content.decode()
    assert f'href="{week_url(world)}"' in html  # the name links to the athlete's page
    assert "Heavy back squat 13 h before intervals" in html


@pytest.mark.parametrize(("params", "count"), [({"q": "ada"}, 1), ({"q": "zzz"}, 0),
                                               ({"flagged": "errors"}, 1)])
def test_the_dashboard_filters(world: World, client, coach, params, count) -> None:
    as_coach_beside_the_athlete(world, client, coach)
    assert len(client.get(reverse("portal:dashboard"), params).context["rows"]) == count


def test_the_dashboard_sorts_by_errors_then_name(world: World, client, coach) -> None:
    athlete_create(email="b@example.com", name="Bea", roster=coach.rosters.get())
    as_coach_beside_the_athlete(world, client, coach)
    rows = client.get(reverse("portal:dashboard"), {"sort": "errors"}).context["rows"]
    assert [r.user.name for r in rows] == ["Ada Athlete", "Bea"]
    rows = client.get(reverse("portal:dashboard"), {"sort": "-name"}).context["rows"]
    assert [r.user.name for r in rows] == ["Bea", "Ada Athlete"]


@pytest.mark.parametrize(("cookie", "monday"), [
    (None, dt.date(2026, 11, 16)),  # Sunday evening in UTC
    ("Pacific/Auckland", dt.date(2026, 11, 23)),  # already Monday morning there
    ("America/Los_Angeles", dt.date(2026, 11, 16)),
    ("Mars/Olympus_Mons", dt.date(2026, 11, 16)),  # not a zone: the site's
])
def test_the_dashboards_week_is_the_viewers(client, coach, monkeypatch, cookie, monday) -> None:
    sunday_evening_utc = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(dashboard, "timezone", types.SimpleNamespace(
        now=lambda: sunday_evening_utc))
    client.force_login(coach)
    if cookie:
        client.cookies["tz"] = cookie
    response = client.get(reverse("portal:dashboard"))
    assert response.context["monday"] == monday


def test_the_next_flag_column_covers_warnings_this_week_and_next(world: World, client,
                                                                 coach) -> None:
    """A warning counts as a flag ahead too; one beyond next week does not (yet)."""
    monday = world.today - dt.timedelta(days=world.today.weekday())
    Finding.objects.filter(pk=world.finding.pk).delete()

    def flag(key: str, severity: str, day: dt.date) -> Finding:
        finding = make_finding(world.athlete, world.planned, severity=severity, key=key)
        Finding.objects.filter(pk=finding.pk).update(first_date=day, last_date=day,
                                                     title=f"{severity} {key}")
        return finding

    beyond = flag("beyond", "error", monday + dt.timedelta(days=14))
    as_coach_beside_the_athlete(world, client, coach)
    assert client.get(reverse("portal:dashboard")).context["rows"][0].next_flag_id is None
    next_week = flag("next", "warning", monday + dt.timedelta(days=12))
    row = client.get(reverse("portal:dashboard")).context["rows"][0]
    assert (row.next_flag_id, row.next_flag_severity) == (next_week.pk, "warning")
    same_day_error = flag("same", "error", monday + dt.timedelta(days=12))
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert f"#finding-{same_day_error.pk}" in html  # an error first on the same day
    assert "Next flag" in html and "Next error" not in html
    assert beyond.pk != same_day_error.pk


def test_the_coach_panel_says_what_it_hides(world: World, client, coach) -> None:
    client.force_login(coach)
    html = client.get(week_url(world)).content.decode()
    assert "Coach: roster" not in html
    assert "<summary>Remove Ada Athlete from your roster</summary>" in html
