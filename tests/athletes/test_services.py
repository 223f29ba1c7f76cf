import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from rest_framework.authtoken.models import Token

from athletes.models import Invitation, Membership, Roster, User
from athletes.services import (
    athlete_create,
    coach_create,
    coach_digest_set,
    invitation_accept,
    invitation_cancel,
    invitation_create,
    membership_create,
    membership_remove,
    memberships_remove,
    roster_delete,
    roster_update,
    user_password_set,
)
from core.errors import DomainError, NotFound
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def verified(user: User) -> User:
    """The user has confirmed their address (the link allauth emails them)."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_a_coach_is_staff_in_the_coaches_group_with_a_roster(coach):
    assert coach.is_staff and coach.is_coach
    assert coach.groups.filter(name="Coaches").exists()
    assert coach.rosters.count() == 1
    assert coach.has_perm("scheduling.change_plannedsession")
    assert not coach.has_perm("athletes.change_user")


def test_a_second_account_with_the_same_email_is_refused(coach):
    with pytest.raises(DomainError) as err:
        coach_create(email="COACH@example.com", password="whatever-long-1", name="X")
    assert err.value.field == "email"


def test_a_model_validation_error_keeps_its_code_in_the_domain_error(coach):
    with pytest.raises(DomainError) as err:
        athlete_create(email="lvl@example.com", name="L", password="x", level="superhuman")
    assert (err.value.field, err.value.code) == ("level", "invalid_choice")


def test_an_invalid_time_zone_is_a_field_error(coach):
    with pytest.raises(DomainError) as err:
        athlete_create(email="tz@example.com", name="T", password="x", timezone="Mars/Olympus")
    assert err.value.field == "timezone"


def test_an_athlete_created_without_a_password_is_emailed_to_set_one(
    coach, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        athlete_create(email="new@example.com", name="New", roster=coach.rosters.get())
    assert mail.outbox[-1].to == ["new@example.com"]
    assert "password" in mail.outbox[-1].body


class TestInvitations:
    def test_accepting_puts_the_user_on_the_roster(
        self, coach, stranger, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _, token = invitation_create(roster=coach.rosters.get(), email=stranger.email,
                                         invited_by=coach)
        assert token in mail.outbox[-1].body
        membership = invitation_accept(token=token, user=verified(stranger))
        assert membership.roster.coach == coach
        assert membership.athlete.user == stranger

    def test_only_the_hash_of_the_token_is_stored(self, coach):
        invitation, token = invitation_create(roster=coach.rosters.get(), email="x@example.com",
                                              invited_by=coach)
        assert token not in invitation.token_hash

    def test_a_token_works_once(self, coach, stranger):
        _, token = invitation_create(roster=coach.rosters.get(), email=stranger.email,
                                     invited_by=coach)
        invitation_accept(token=token, user=verified(stranger))
        with pytest.raises(DomainError) as err:
            invitation_accept(token=token, user=stranger)
        assert err.value.code == "used"

    def test_only_the_invited_address_may_accept(self, coach, stranger, other_athlete):
        _, token = invitation_create(roster=coach.rosters.get(), email=stranger.email,
                                     invited_by=coach)
        with pytest.raises(DomainError) as err:
            invitation_accept(token=token, user=other_athlete.user)
        assert err.value.code == "wrong_user"
        assert not Membership.objects.filter(athlete=other_athlete,
                                             roster=coach.rosters.get()).exists()
        invitation_accept(token=token, user=verified(stranger))  # still unused

    def test_an_expired_token_is_refused(self, coach, stranger):
        invitation, token = invitation_create(roster=coach.rosters.get(), email=stranger.email,
                                              invited_by=coach)
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1))
        with pytest.raises(DomainError) as err:
            invitation_accept(token=token, user=verified(stranger))
        assert err.value.code == "expired"

    def test_an_unknown_token_is_not_found(self, stranger):
        with pytest.raises(NotFound):
            invitation_accept(token="nope", user=stranger)

    def test_a_coach_cannot_invite_onto_another_coachs_roster(self, coach, other_coach):
        with pytest.raises(NotFound):
            invitation_create(roster=other_coach.rosters.get(), email="a@example.com",
                              invited_by=coach)

    def test_an_athlete_may_have_two_coaches(self, coach, other_coach, athlete):
        _, token = invitation_create(roster=other_coach.rosters.get(), email=athlete.user.email,
                                     invited_by=other_coach)
        invitation_accept(token=token, user=verified(athlete.user))
        assert athlete.memberships.count() == 2

    def test_an_unverified_address_cannot_accept_until_it_is_verified(self, coach, stranger):
        _, token = invitation_create(roster=coach.rosters.get(), email=stranger.email,
                                     invited_by=coach)
        EmailAddress.objects.create(user=stranger, email=stranger.email, verified=False,
                                    primary=True)  # signed up, never clicked the link
        with pytest.raises(DomainError) as err:
            invitation_accept(token=token, user=stranger)
        assert err.value.code == "unverified"
        assert not Membership.objects.filter(athlete__user=stranger).exists()
        EmailAddress.objects.filter(user=stranger).update(verified=True)
        assert invitation_accept(token=token, user=stranger).roster == coach.rosters.get()

    def test_an_address_with_no_record_of_verification_cannot_accept(self, coach, stranger):
        _, token = invitation_create(roster=coach.rosters.get(), email=stranger.email,
                                     invited_by=coach)
        with pytest.raises(DomainError) as err:
            invitation_accept(token=token, user=stranger)
        assert err.value.code == "unverified"


def test_a_coach_removes_an_athlete_who_keeps_their_account(coach, athlete):
    feed_secret = athlete.calendar_token
    membership_remove(actor=coach, roster=coach.rosters.get(), athlete=athlete)
    assert not athlete.memberships.exists()
    assert User.objects.filter(pk=athlete.user_id).exists()
    athlete.refresh_from_db()
    assert athlete.calendar_token != feed_secret  # the former coach's feed URL is dead


def test_another_coach_cannot_remove_my_athlete(coach, other_coach, athlete):
    with pytest.raises(NotFound):
        membership_remove(actor=other_coach, roster=coach.rosters.get(), athlete=athlete)
    assert athlete.memberships.exists()


def test_only_a_coach_has_a_roster_digest_to_turn_off(coach, athlete) -> None:
    assert coach_digest_set(coach=coach, opt_out=True) is True
    assert coach_digest_set(coach=coach, opt_out=True) is False  # already off
    coach.refresh_from_db()
    assert coach.digest_opt_out
    with pytest.raises(DomainError, match="Only a coach"):
        coach_digest_set(coach=athlete.user, opt_out=True)


def test_setting_a_password_revokes_the_users_api_tokens_only(coach, stranger):
    Token.objects.create(user=coach)
    Token.objects.create(user=stranger)
    user_password_set(user=coach, password="fresh-stride-barbell-42")
    coach.refresh_from_db()
    assert coach.check_password("fresh-stride-barbell-42")
    assert not coach.check_password(PASSWORD)
    assert not Token.objects.filter(user=coach).exists()
    assert Token.objects.filter(user=stranger).exists()


def test_disabling_the_password_revokes_the_api_tokens_too(coach):
    Token.objects.create(user=coach)
    user_password_set(user=coach, password=None)
    coach.refresh_from_db()
    assert not coach.has_usable_password()
    assert not Token.objects.filter(user=coach).exists()


# --- rosters and memberships ---------------------------------------------------------------


def test_a_coach_renames_a_roster_but_does_not_give_it_away(coach, other_coach, athlete):
    roster = roster_update(actor=coach, roster=coach.rosters.get(), name="  Track ")
    assert roster.name == "Track"
    with pytest.raises(DomainError) as err:
        roster_update(actor=coach, roster=roster, coach=other_coach)
    assert err.value.field == "coach"
    with pytest.raises(NotFound):
        roster_update(actor=other_coach, roster=roster, name="Mine now")


def test_a_roster_goes_only_to_a_coach(coach, athlete, django_user_model):
    root = django_user_model.objects.create_superuser(email="root@example.com", password="x")
    with pytest.raises(DomainError, match="Only coaches have rosters"):
        roster_update(actor=root, roster=coach.rosters.get(), coach=athlete.user)


def test_a_deleted_roster_keeps_its_athletes_and_their_other_rosters(coach, other_coach,
                                                                     athlete):
    Membership.objects.create(roster=other_coach.rosters.get(), athlete=athlete)
    secret = athlete.calendar_token
    with pytest.raises(NotFound):
        roster_delete(actor=other_coach, roster=coach.rosters.get())
    roster_delete(actor=coach, roster=coach.rosters.get())
    athlete.refresh_from_db()
    assert athlete.calendar_token != secret
    assert list(athlete.memberships.values_list("roster__coach", flat=True)) == [other_coach.pk]


def test_a_coach_puts_on_a_roster_only_an_athlete_they_coach(coach, athlete, other_athlete):
    track = Roster.objects.create(coach=coach, name="Track")
    assert membership_create(actor=coach, roster=track, athlete=athlete).roster == track
    with pytest.raises(DomainError, match="on this roster already"):
        membership_create(actor=coach, roster=track, athlete=athlete)
    with pytest.raises(NotFound) as err:
        membership_create(actor=coach, roster=track, athlete=other_athlete)
    assert err.value.field == "athlete"


def test_take_off_my_rosters_takes_off_only_mine(coach, other_coach, athlete):
    Membership.objects.create(roster=Roster.objects.create(coach=coach, name="Track"),
                              athlete=athlete)
    Membership.objects.create(roster=other_coach.rosters.get(), athlete=athlete)
    assert memberships_remove(actor=coach, athlete=athlete) == 2
    assert list(athlete.memberships.values_list("roster__coach", flat=True)) == [other_coach.pk]
    with pytest.raises(NotFound):
        memberships_remove(actor=coach, athlete=athlete)


def test_a_cancelled_invitation_is_gone_and_an_accepted_one_stays(coach, other_coach,
                                                                 athlete):
    pending, _ = invitation_create(roster=coach.rosters.get(), email="p@example.com",
                                   invited_by=coach)
    with pytest.raises(NotFound):
        invitation_cancel(actor=other_coach, invitation=pending)
    invitation_cancel(actor=coach, invitation=pending)
    assert not Invitation.objects.filter(pk=pending.pk).exists()
    with pytest.raises(NotFound):
        invitation_cancel(actor=coach, invitation=pending)
    used, _ = invitation_create(roster=coach.rosters.get(), email="u@example.com",
                                invited_by=coach)
    Invitation.objects.filter(pk=used.pk).update(accepted_at=timezone.now(),
                                                 accepted_by=athlete.user)
    with pytest.raises(DomainError) as err:
        invitation_cancel(actor=coach, invitation=used)
    assert err.value.code == "used"
