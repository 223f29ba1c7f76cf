"""The portal's side of allauth (sign-up, login, password pages): its adapter, and the
sign-up page that an invitation link opens with the invited address fixed."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse

from athletes.models import Invitation, User
from athletes.services import invitation_accept, invitation_get_by_token, user_password_set
from core.errors import DomainError, NotFound

INVITATION_KEY = "invitation_token"  # the session's pending invitation, from its link


class AccountAdapter(DefaultAccountAdapter):
    """allauth's password change, set and reset all end here: through the one service, which
    revokes the account's API tokens. A new account keeps its name and is sent to the
    first-run step."""

    def set_password(self, user: User, password: str) -> None:
        user_password_set(user=user, password=password)

    def save_user(self, request: HttpRequest, user: User, form: BaseForm,
                  commit: bool = True) -> User:
        user.name = form.cleaned_data.get("name", "")
        user.first_run_due = True
        saved: User = super().save_user(request, user, form, commit=commit)
        return saved


def invitation_remember(request: HttpRequest, invitation: Invitation, token: str) -> None:
    """Someone without an account followed an invitation's link: sign-up fills in its address
    and takes it as verified (only its owner got the link), and joins the roster."""
    request.session[INVITATION_KEY] = token
    get_adapter(request).stash_verified_email(request, invitation.email)


def _invitation_pending(request: HttpRequest) -> tuple[Invitation, str] | None:
    """The session's invitation while it can still be accepted; a stale one is forgotten."""
    token = request.session.get(INVITATION_KEY)
    if not token:
        return None
    try:
        invitation = invitation_get_by_token(token=token)
    except NotFound:
        invitation = None
    if invitation is None or not invitation.is_pending():
        request.session.pop(INVITATION_KEY, None)
        get_adapter(request).unstash_verified_email(request)
        return None
    return invitation, token


class SignupView(AllauthSignupView):
    """allauth's sign-up; from an invitation's link, its address fixed, and the new account
    joins the roster as it is made."""

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        pending = _invitation_pending(self.request)
        kwargs["invited_email"] = pending[0].email if pending else None
        return kwargs

    def form_valid(self, form: BaseForm) -> HttpResponse:
        pending = _invitation_pending(self.request)
        response: HttpResponse = super().form_valid(form)
        user = getattr(self, "user", None)
        if pending is not None and user is not None:
            self.request.session.pop(INVITATION_KEY, None)
            try:
                membership = invitation_accept(token=pending[1], user=user)
            except DomainError as exc:
                messages.warning(self.request, exc.message)
            else:
                messages.success(self.request, f"You joined {membership.roster.name}.")
        return response


signup = SignupView.as_view()
