"""Invitations a coach manages after sending them: resend (a new link, a new expiry) and
the accounts made without a time zone, sent to the first-run step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from athletes.models import Invitation
from athletes.selectors import invitation_get_for_user, invitations_pending_for_user
from athletes.services import (
    athlete_create,
    invitation_accept,
    invitation_create,
    invitation_get_by_token,
    invitation_resend,
)
from core.errors import DomainError, NotFound


@pytest.fixture
def sent(coach) -> tuple[Invitation, str]:
    return invitation_create(roster=coach.rosters.get(), email="new@example.com",
                             invited_by=coach)


def test_resending_emails_a_new_link_and_extends_the_expiry(
        coach, sent, django_capture_on_commit_callbacks) -> None:
    invitation, old_token = sent
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_resend(actor=coach, invitation=invitation)
    assert token != old_token
    assert invitation.expires_at > timezone.now() + dt.timedelta(days=13)
    assert Invitation.objects.get(pk=invitation.pk).expires_at == invitation.expires_at
    assert token in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["new@example.com"]
    with pytest.raises(NotFound):  # the old link stops working
        invitation_get_by_token(token=old_token)
    assert invitation_get_by_token(token=token).pk == invitation.pk


def test_only_the_rosters_coach_resends(other_coach, sent) -> None:
    with pytest.raises(NotFound):
        invitation_resend(actor=other_coach, invitation=sent[0])


def test_an_accepted_invitation_is_not_resent(coach, sent, stranger) -> None:
    from allauth.account.models import EmailAddress

    stranger.email = "new@example.com"
    stranger.save()
    EmailAddress.objects.create(user=stranger, email=stranger.email, verified=True, primary=True)
    invitation_accept(token=sent[1], user=stranger)
    with pytest.raises(DomainError) as exc:
        invitation_resend(actor=coach, invitation=sent[0])
    assert exc.value.code == "used"


def test_a_coach_sees_their_pending_invitations_only(coach, other_coach, sent) -> None:
    invitation_create(roster=other_coach.rosters.get(), email="theirs@example.com",
                      invited_by=other_coach)
    assert [i.email for i in invitations_pending_for_user(user=coach)] == ["new@example.com"]
    with pytest.raises(NotFound):
        invitation_get_for_user(user=other_coach, invitation_id=sent[0].pk)


def test_an_account_made_without_a_time_zone_is_due_its_first_run(coach) -> None:
    without = athlete_create(email="a@example.com", name="A", roster=coach.rosters.get())
    with_zone = athlete_create(email="b@example.com", name="B", timezone="Asia/Tokyo")
    assert without.user.first_run_due
    assert not with_zone.user.first_run_due
