"""The write path for people: coaches, athletes, rosters, invitations, availability."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from athletes.models import (
    AthleteProfile,
    Invitation,
    Membership,
    Roster,
    Units,
    User,
    new_calendar_token,
)
from core.errors import DomainError, NotFound
from core.plates import default_step_kg, step_normal
from core.validation import raise_validation, validated_clean, validated_save

COACHES_GROUP = "Coaches"
# Model permissions a coach needs in the admin; rows are still limited to their rosters.
COACH_PERMISSIONS = {
    "athletes": ["athleteprofile", "availability", "membership", "invitation", "roster"],
    "training": ["exercise", "strengthsession", "strengthset", "run"],
    "scheduling": ["plannedsession", "prescription", "race", "phaseblock", "finding"],
}


def coaches_group() -> Group:
    group, created = Group.objects.get_or_create(name=COACHES_GROUP)
    if created or not group.permissions.exists():
        perms = Permission.objects.filter(
            content_type__app_label__in=COACH_PERMISSIONS,
        )
        wanted = [
            p
            for p in perms
            if p.content_type.model in COACH_PERMISSIONS[p.content_type.app_label]
        ]
        group.permissions.set(wanted)
    return group


def _email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


@transaction.atomic
def coach_create(*, email: str, password: str | None, name: str = "") -> User:
    """A coach: a staff user in the Coaches group, with a first roster."""
    if _email_taken(email):
        raise DomainError("A user with this email already exists.", field="email")
    try:
        user = User.objects.create_user(
            email=email, password=password, name=name, is_staff=True, is_coach=True
        )
    except ValidationError as exc:
        raise_validation(exc)
    user.groups.add(coaches_group())
    roster_create(coach=user, name="My athletes")
    return user


@transaction.atomic
def coach_digest_set(*, coach: User, opt_out: bool) -> bool:
    """Turn the coach's nightly roster digest off (``opt_out``) or on; True if it changed."""
    if not coach.is_coach:
        raise DomainError("Only a coach gets the roster digest.", field="roster_digest_opt_out")
    if coach.digest_opt_out == opt_out:
        return False
    coach.digest_opt_out = opt_out
    validated_clean(coach)
    coach.save(update_fields=["digest_opt_out"])
    return True


@transaction.atomic
def user_units_set(*, user: User, units: str) -> bool:
    """The units the user reads other people's loads and distances in (a coach; an athlete
    reads their own in their profile's units); True if it changed."""
    if units not in Units.values:
        raise DomainError(f"Units are one of: {', '.join(Units.values)}.", field="units")
    if user.units == units:
        return False
    user.units = units
    validated_clean(user)
    user.save(update_fields=["units"])
    return True


@transaction.atomic
def user_password_set(*, user: User, password: str | None) -> None:
    """Set the user's password (None: no password sign-in at all) and revoke their API tokens:
    a token traded for the old password must not outlive it. Every change, set and reset of a
    password comes here: allauth's (portal.accounts.AccountAdapter) and the admin's form."""
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    Token.objects.filter(user=user).delete()


@transaction.atomic
def roster_create(*, coach: User, name: str, lock_sessions: bool = False) -> Roster:
    if not coach.is_coach:
        raise DomainError("Only coaches have rosters.")
    roster = Roster(coach=coach, name=name.strip(), lock_sessions=lock_sessions)
    validated_save(roster)
    return roster


def profile_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields``, each a setting of the profile: an unknown name is a field error."""
    allowed = {"timezone", "units", "level", "equipment", "home_items", "plate_step_kg",
               "digest_opt_out"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"Unknown field {sorted(unknown)[0]}.", field=sorted(unknown)[0])
    return fields


@transaction.atomic
def athlete_create(
    *,
    email: str,
    name: str,
    password: str | None = None,
    roster: Roster | None = None,
    invited_by: User | None = None,
    **profile: Any,
) -> AthleteProfile:
    """An athlete account with its profile, optionally on a roster. No password: they set one."""
    if _email_taken(email):
        raise DomainError("A user with this email already exists.", field="email")
    try:
        # No time zone given: the athlete's first-run step sets it (never UTC by accident).
        user = User.objects.create_user(email=email, password=password, name=name,
                                        first_run_due="timezone" not in profile)
    except ValidationError as exc:
        raise_validation(exc)
    profile = profile_fields(profile)
    units = profile.get("units") if profile.get("units") in Units.values else Units.METRIC
    step = profile.get("plate_step_kg")
    profile["plate_step_kg"] = (default_step_kg(units) if step is None
                                else step_normal(step, units))
    athlete = AthleteProfile(user=user, **profile)
    validated_save(athlete, exclude=["user"])
    if roster is not None:
        Membership.objects.create(roster=roster, athlete=athlete)
    if password is None:
        _send_set_password_email(user=user, invited_by=invited_by)
    return athlete


def _send_set_password_email(*, user: User, invited_by: User | None) -> None:
    coach = invited_by.name or invited_by.email if invited_by else "Your coach"
    link = f"{settings.SITE_URL}/accounts/password/reset/"

    def send() -> None:
        send_mail(
            "Your Apex Zone account",
            f"{coach} created an Apex Zone account for {user.email}.\n"
            f"Choose your password here: {link}\n",
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )

    transaction.on_commit(send)


@transaction.atomic
def athlete_profile_ensure(*, user: User) -> AthleteProfile:
    profile, _ = AthleteProfile.objects.get_or_create(user=user)
    return profile


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, roster: Roster, email: str, invited_by: User) -> tuple[Invitation, str]:
    """Invite ``email`` onto ``roster``. Returns the invitation and its one-time token."""
    if roster.coach_id != invited_by.pk and not invited_by.is_superuser:
        raise NotFound("Roster not found.", field="roster")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        roster=roster,
        email=email.strip().lower(),
        token_hash=_token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + settings.INVITATION_TTL,
    )
    validated_save(invitation)
    _send_invitation_email(invitation=invitation, token=token, sender=invited_by)
    return invitation, token


def _send_invitation_email(*, invitation: Invitation, token: str, sender: User) -> None:
    link, coach = f"{settings.SITE_URL}/invitations/{token}/", sender.name or sender.email

    def send() -> None:
        send_mail(
            f"{coach} invites you to Apex Zone",
            f"{coach} invites you to the roster {invitation.roster.name} on Apex Zone.\n"
            f"Accept here (valid for {settings.INVITATION_TTL.days} days, once): {link}\n",
            settings.DEFAULT_FROM_EMAIL,
            [invitation.email],
        )

    transaction.on_commit(send)


@transaction.atomic
def invitation_resend(*, actor: User, invitation: Invitation) -> tuple[Invitation, str]:
    """Email a pending invitation again, expired or not, for the roster's coach: a new link
    (the old one stops working) valid ``INVITATION_TTL`` from now. Returns it and its token."""
    _own_roster(actor=actor, roster=invitation.roster)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _token_hash(token)
    invitation.expires_at = timezone.now() + settings.INVITATION_TTL
    if not Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            token_hash=invitation.token_hash, expires_at=invitation.expires_at):
        if Invitation.objects.filter(pk=invitation.pk).exists():
            raise DomainError("This invitation was accepted: nothing to resend.", code="used")
        raise NotFound("Invitation not found.")
    _send_invitation_email(invitation=invitation, token=token, sender=actor)
    return invitation, token


@transaction.atomic
def invitation_cancel(*, actor: User, invitation: Invitation) -> None:
    """Withdraw an invitation not yet accepted: its link stops working. An accepted one is the
    record of who joined (take the athlete off the roster instead)."""
    _own_roster(actor=actor, roster=invitation.roster)
    if Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()[0]:
        return
    if Invitation.objects.filter(pk=invitation.pk).exists():
        raise DomainError("This invitation was accepted: take the athlete off the roster "
                          "instead.", code="used")
    raise NotFound("Invitation not found.")


def invitation_get_by_token(*, token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("roster__coach").filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None:
        raise NotFound("This invitation does not exist.")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Accept once, before expiry, signed in under the invited address and with that address
    verified: the claim is a filtered update whose row count decides."""
    invitation = invitation_get_by_token(token=token)
    if user.email.lower() != invitation.email.lower():
        raise DomainError(
            f"This invitation was sent to {invitation.email}; sign in with that address to "
            "accept it.", code="wrong_user")
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email,
                                       verified=True).exists():
        # Anyone may sign up under any address: only its owner, who followed the link
        # allauth emails to it, joins the roster it was invited to.
        raise DomainError(
            f"Verify {invitation.email} before joining: follow the link in the verification "
            "email, then accept the invitation again.", code="unverified")
    now = timezone.now()
    won = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now, accepted_by=user)
    if not won:
        if invitation.accepted_at is not None:
            raise DomainError("This invitation has already been used.", code="used")
        raise DomainError("This invitation has expired; ask your coach for a new one.",
                          code="expired")
    athlete = athlete_profile_ensure(user=user)
    try:
        with transaction.atomic():
            membership, _ = Membership.objects.get_or_create(
                roster=invitation.roster, athlete=athlete
            )
    except IntegrityError:
        membership = Membership.objects.get(roster=invitation.roster, athlete=athlete)
    return membership


def _own_roster(*, actor: User, roster: Roster) -> None:
    if roster.coach_id != actor.pk and not actor.is_superuser:
        raise NotFound("Roster not found.", field="roster")


def _feeds_retire(athlete_ids: Iterable[int]) -> None:
    """A coach parted from these athletes: each gets a new calendar secret, so a feed URL the
    coach copied (they may read it in the API) stops working."""
    for athlete in AthleteProfile.objects.filter(pk__in=set(athlete_ids)).order_by("pk"):
        athlete_calendar_token_rotate(athlete=athlete)


@transaction.atomic
def roster_update(*, actor: User, roster: Roster, name: str | None = None,
                  coach: User | None = None, lock_sessions: bool | None = None) -> Roster:
    """Rename a roster, set whether the sessions its coach plans start locked, or (a
    superuser) give it to another coach: the athletes on it part from its former coach,
    whose copies of their calendar links stop working."""
    _own_roster(actor=actor, roster=roster)
    moved = coach is not None and coach.pk != roster.coach_id
    if moved:
        if not actor.is_superuser:
            raise DomainError("Only an administrator gives a roster to another coach.",
                              field="coach")
        if not coach.is_coach:  # type: ignore[union-attr]
            raise DomainError("Only coaches have rosters.", field="coach")
        roster.coach = coach  # type: ignore[assignment]
    if name is not None:
        roster.name = name.strip()
    if lock_sessions is not None:
        roster.lock_sessions = lock_sessions
    validated_save(roster)
    if moved:
        _feeds_retire(roster.memberships.values_list("athlete_id", flat=True))
    return roster


@transaction.atomic
def roster_delete(*, actor: User, roster: Roster) -> None:
    """Delete a roster and its pending invitations: its athletes leave it (their accounts,
    plans and logs stay, as do their other rosters) and its coach's copies of their calendar
    links stop working."""
    _own_roster(actor=actor, roster=roster)
    athlete_ids = list(roster.memberships.values_list("athlete_id", flat=True))
    roster.delete()
    _feeds_retire(athlete_ids)


@transaction.atomic
def membership_create(*, actor: User, roster: Roster, athlete: AthleteProfile) -> Membership:
    """Put an athlete the coach already coaches on another of their rosters (an athlete new
    to the coach joins by invitation; a superuser puts anyone anywhere)."""
    _own_roster(actor=actor, roster=roster)
    if not actor.is_superuser and not Membership.objects.filter(
            roster__coach=actor, athlete=athlete).exists():
        raise NotFound("Athlete not found.", field="athlete")
    if Membership.objects.filter(roster=roster, athlete=athlete).exists():
        raise DomainError("This athlete is on this roster already.", field="athlete")
    membership = Membership(roster=roster, athlete=athlete)
    validated_save(membership)
    return membership


@transaction.atomic
def membership_remove(*, actor: User, roster: Roster, athlete: AthleteProfile) -> None:
    """A coach removes an athlete from their roster (the athlete's account stays)."""
    _own_roster(actor=actor, roster=roster)
    deleted, _ = Membership.objects.filter(roster=roster, athlete=athlete).delete()
    if not deleted:
        raise NotFound("Athlete is not on this roster.", field="athlete")
    athlete_calendar_token_rotate(athlete=athlete)  # the former coach's feed URL stops working


@transaction.atomic
def memberships_remove(*, actor: User, athlete: AthleteProfile) -> int:
    """Take an athlete off every roster of ``actor`` that holds them, and only those: the
    athlete's account, plans and logs stay, as do their other coaches' rosters. Returns how
    many rosters they left."""
    deleted, _ = Membership.objects.filter(roster__coach=actor, athlete=athlete).delete()
    if not deleted:
        raise NotFound("Athlete is not on your rosters.", field="athlete")
    athlete_calendar_token_rotate(athlete=athlete)  # the former coach's feed URL stops working
    return deleted


@transaction.atomic
def athlete_calendar_token_rotate(*, athlete: AthleteProfile) -> str:
    """A new secret for the athlete's calendar feed; the old feed URL stops working."""
    athlete.calendar_token = new_calendar_token()
    athlete.save(update_fields=["calendar_token"])
    return athlete.calendar_token
