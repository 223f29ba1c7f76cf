"""The coach's pending invitations on the dashboard: expiry shown, the expired marked,
resend (a new link, a new expiry) and cancel, by the inviting coach only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from athletes.models import Invitation
from athletes.services import invitation_create


@pytest.fixture
def invited(coach) -> tuple[Invitation, str]:
    return invitation_create(roster=coach.rosters.get(), email="nia@example.com",
                             invited_by=coach)


def _open_link(client, token: str):
    return client.get(reverse("portal:invitation", args=[token]))


def test_the_dashboard_lists_them_with_expiry_and_marks_the_expired(
        client, coach, invited) -> None:
    late, _ = invitation_create(roster=coach.rosters.get(), email="late@example.com",
                                invited_by=coach)
    Invitation.objects.filter(pk=late.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=2))
    client.force_login(coach)
    page = client.get(reverse("portal:dashboard"))
    rows = page.context["invitations"]
    assert [(i.email, i.expired) for i in rows] == [("late@example.com", True),
                                                    ("nia@example.com", False)]
    html = page.content.decode()
    assert "Expired" in html
    assert reverse("portal:invitation_resend", args=[late.pk]) in html
    assert reverse("portal:invitation_cancel", args=[late.pk]) in html


def test_resend_extends_the_expiry_and_the_new_link_works(
        client, coach, invited, mailoutbox,
        django_capture_on_commit_callbacks) -> None:
    Invitation.objects.filter(pk=invited[0].pk).update(
        expires_at=timezone.now() - dt.timedelta(days=2))
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:invitation_resend", args=[invited[0].pk]),
                               follow=True)
    assert "Invitation sent again to nia@example.com" in response.content.decode()
    assert Invitation.objects.get(pk=invited[0].pk).is_pending()
    assert [m.to for m in mailoutbox] == [["nia@example.com"]]
    client.logout()
    assert _open_link(client, invited[1]).status_code == 404  # the old link
    new_token = mailoutbox[-1].body.split("/invitations/")[1].split("/")[0]
    assert _open_link(client, new_token)["Location"] == reverse("account_signup")


def test_cancel_withdraws_it(client, coach, invited) -> None:
    client.force_login(coach)
    client.post(reverse("portal:invitation_cancel", args=[invited[0].pk]))
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("persona", ["other_coach", "athlete", "stranger"])
def test_only_the_inviting_coach_resends_or_cancels(
        request, client, invited, persona: str) -> None:
    user = request.getfixturevalue(persona)
    client.force_login(getattr(user, "user", user))
    for name in ("portal:invitation_resend", "portal:invitation_cancel"):
        assert client.post(reverse(name, args=[invited[0].pk])).status_code == 404
    assert Invitation.objects.get(pk=invited[0].pk).token_hash == invited[0].token_hash


def test_an_accepted_invitation_is_not_listed_nor_resent(
        client, coach, invited) -> None:
    Invitation.objects.filter(pk=invited[0].pk).update(accepted_at=timezone.now(),
                                                       accepted_by=coach)
    client.force_login(coach)
    assert client.get(reverse("portal:dashboard")).context["invitations"] == []
    assert client.post(reverse("portal:invitation_resend",
                               args=[invited[0].pk])).status_code == 404
