"""The read path for people: every selector takes the acting user and sees only their scope."""

from __future__ import annotations

import hmac

from django.db.models import Q, QuerySet
from django.urls import reverse

from athletes.models import AthleteProfile, Invitation, Membership, Roster, Units, User
from core.errors import NotFound
from core.plates import step_carried, step_to_display
from core.scoping import scoped_get
from core.units import Viewed


def athletes_for_user(*, user: User) -> QuerySet[AthleteProfile]:
    """Athletes the user may see and act for: themself, and those on their rosters."""
    qs = AthleteProfile.objects.select_related("user")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs.all()
    coached = Membership.objects.filter(roster__coach=user).values("athlete_id")
    return qs.filter(Q(user=user) | Q(id__in=coached))


def units_of_athlete(*, athlete: AthleteProfile) -> Viewed:
    """The athlete's own units (no query), with the pound step a load not entered in pounds
    shows on: theirs when they lift in pounds, else the usual pound step nearest their kg
    step (2.5 kg: 5 lb)."""
    step_kg = athlete.plate_step_kg
    if athlete.units != Units.IMPERIAL:
        step_kg = step_carried(step_kg, Units.IMPERIAL)
    return Viewed(athlete.units, step_to_display(step_kg, Units.IMPERIAL))


def units_for_viewer(*, user: User, athlete: AthleteProfile | None = None) -> Viewed:
    """The units ``user`` reads ``athlete``'s loads and distances in (no query): an athlete
    their own profile's, anyone else (a coach) their account's, on the athlete's pound step."""
    units = getattr(user, "units", Units.METRIC)
    if athlete is None:
        return Viewed(units)
    own = units_of_athlete(athlete=athlete)
    return own if athlete.user_id == user.pk else Viewed(units, own.step_lb)


def athlete_get_for_user(
    *, user: User, athlete_id: object, field: str | None = None
) -> AthleteProfile:
    """One athlete in the user's scope; anything else (absent, foreign, malformed) is NotFound."""
    return scoped_get(athletes_for_user(user=user), athlete_id, what="Athlete", field=field)


def athlete_for_self(*, user: User) -> AthleteProfile | None:
    if not user.is_authenticated:
        return None
    return AthleteProfile.objects.filter(user=user).first()


def rosters_for_user(*, user: User) -> QuerySet[Roster]:
    if not user.is_authenticated:
        return Roster.objects.none()
    if user.is_superuser:
        return Roster.objects.all()
    return Roster.objects.filter(coach=user)


def roster_get_for_user(*, user: User, roster_id: object, field: str | None = None) -> Roster:
    return scoped_get(rosters_for_user(user=user), roster_id, what="Roster", field=field)


def invitations_pending_for_user(*, user: User) -> QuerySet[Invitation]:
    """Invitations not yet accepted onto the user's rosters (expired ones too: the coach
    resends or cancels them), soonest to expire first."""
    return (Invitation.objects.filter(roster__in=rosters_for_user(user=user),
                                      accepted_at__isnull=True)
            .select_related("roster").order_by("expires_at", "pk"))


def invitation_get_for_user(*, user: User, invitation_id: object) -> Invitation:
    """A pending invitation onto one of the user's rosters; anything else is NotFound."""
    return scoped_get(invitations_pending_for_user(user=user), invitation_id,
                      what="Invitation")


def athlete_calendar_feed_path(*, athlete: AthleteProfile) -> str:
    """The path of the athlete's iCal feed, to subscribe to in a calendar app: its secret is
    in the query string, so the path is the key (rotating the token revokes it)."""
    path = reverse("api-athlete-calendar", kwargs={"athlete_id": athlete.pk})
    return f"{path}?token={athlete.calendar_token}"


def athlete_get_by_calendar_token(*, athlete_id: object, token: str) -> AthleteProfile:
    """The athlete whose calendar feed this is: the id and its secret must both match."""
    try:
        pk = int(str(athlete_id))
    except (TypeError, ValueError):
        raise NotFound("Calendar not found.") from None
    athlete = AthleteProfile.objects.filter(pk=pk).first()
    if athlete is None or not token or not hmac.compare_digest(
        athlete.calendar_token.encode(), token.encode("utf-8", "replace")
    ):
        raise NotFound("Calendar not found.")
    return athlete
