"""Portal pages about people: home, the invitation page, inviting and removing athletes."""

from __future__ import annotations

from allauth.account.internal.flows.email_verification import send_verification_email_to_address
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from athletes.models import Invitation, User
from athletes.selectors import (
    athlete_for_self,
    athlete_get_for_user,
    invitation_get_for_user,
    rosters_for_user,
)
from athletes.services import (
    invitation_accept,
    invitation_cancel,
    invitation_create,
    invitation_get_by_token,
    invitation_resend,
)
from athletes.services import membership_remove as membership_remove_service
from core.errors import DomainError, NotFound
from portal.accounts import invitation_remember
from portal.forms.settings import InviteForm
from portal.support import apply_domain_error, first_run_exempt, portal_view


def home(request: HttpRequest) -> HttpResponse:
    """A coach lands on the roster dashboard, an athlete on My week, anyone else on login."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    if request.user.is_coach:
        return redirect("portal:dashboard")
    athlete = athlete_for_self(user=request.user)
    if athlete is None or request.user.first_run_due:
        return redirect("portal:first_run")
    return redirect("portal:athlete_week", athlete_id=athlete.pk)


@portal_view
def my_week(request: HttpRequest) -> HttpResponse:
    """``/week/``: the signed-in athlete's own week (links in the digest emails land here)."""
    athlete = athlete_for_self(user=request.user)
    if athlete is None:
        raise Http404("You have no athlete profile.")
    url = reverse("portal:athlete_week", args=[athlete.pk])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Signed in: accept. Anonymous, with a pending invitation: sign-up with its address
    (or login, when that address has an account already)."""
    try:
        invite = invitation_get_by_token(token=token)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not request.user.is_authenticated:
        if not invite.is_pending():
            return render(request, "portal/invitation.html",
                          {"invitation": invite, "token": token})
        if User.objects.filter(email__iexact=invite.email).exists():
            return redirect_to_login(request.get_full_path())
        invitation_remember(request, invite, token)
        return redirect("account_signup")
    return _invitation_accept(request, invite, token)


@portal_view
@first_run_exempt
def _invitation_accept(request: HttpRequest, invite: Invitation, token: str) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            membership = invitation_accept(token=token, user=request.user)
        except NotFound:
            raise
        except DomainError as exc:
            error = exc.message
            if exc.code == "unverified":
                _send_verification(request, email=invite.email)
        else:
            messages.success(request, f"You joined {membership.roster.name}. Welcome aboard!")
            return redirect("portal:home")
    return render(request, "portal/invitation.html",
                  {"invitation": invite, "error": error, "token": token})


def _send_verification(request: HttpRequest, *, email: str) -> None:
    """Email the signed-in user the link that verifies ``email`` (allauth's flow: at most one
    every few minutes, and it says so on the page)."""
    address = EmailAddress.objects.add_email(request, request.user, email)
    send_verification_email_to_address(request, address)


@portal_view
@require_POST
def roster_invite(request: HttpRequest) -> HttpResponse:
    rosters = list(rosters_for_user(user=request.user))
    if not request.user.is_coach or not rosters:
        raise Http404("Only coaches invite athletes.")
    form = InviteForm(request.POST, rosters=rosters)
    if form.is_valid():
        try:
            invite, token = invitation_create(roster=form.cleaned_data["roster"],
                                              email=form.cleaned_data["email"],
                                              invited_by=request.user)
        except DomainError as exc:
            apply_domain_error(exc, form)
        else:
            link = request.build_absolute_uri(reverse("portal:invitation", args=[token]))
            messages.success(request, f"Invitation sent to {invite.email}. "
                                      f"Their link (valid once): {link}")
            return redirect("portal:dashboard")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("portal:dashboard")


@portal_view
@require_POST
def athlete_remove(request: HttpRequest, athlete_id: int) -> HttpResponse:
    """A coach takes an athlete off every one of their rosters that holds them."""
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    rosters = list(rosters_for_user(user=request.user).filter(memberships__athlete=athlete))
    if not rosters:
        raise Http404("Not on your roster.")
    for roster in rosters:
        membership_remove_service(actor=request.user, roster=roster, athlete=athlete)
    messages.success(request, f"{athlete.user.name or athlete.user.email} left your roster.")
    return redirect("portal:dashboard")


@portal_view
@require_POST
def invitation_resend_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Email a pending invitation again, with a new link valid from now."""
    invite = invitation_get_for_user(user=request.user, invitation_id=invitation_id)
    try:
        invite, token = invitation_resend(actor=request.user, invitation=invite)
    except DomainError as exc:  # accepted meanwhile
        messages.error(request, exc.message)
        return redirect(reverse("portal:dashboard") + "#invitations")
    link = request.build_absolute_uri(reverse("portal:invitation", args=[token]))
    messages.success(request, f"Invitation sent again to {invite.email}, valid until "
                              f"{invite.expires_at:%-d %b}. Their new link (valid once): {link}")
    return redirect(reverse("portal:dashboard") + "#invitations")


@portal_view
@require_POST
def invitation_cancel_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Withdraw a pending invitation: its link stops working."""
    invite = invitation_get_for_user(user=request.user, invitation_id=invitation_id)
    try:
        invitation_cancel(actor=request.user, invitation=invite)
    except DomainError as exc:  # accepted meanwhile
        messages.error(request, exc.message)
        return redirect(reverse("portal:dashboard") + "#invitations")
    messages.success(request, f"Invitation to {invite.email} cancelled: its link no longer "
                              "works.")
    return redirect(reverse("portal:dashboard") + "#invitations")
