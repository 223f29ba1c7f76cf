"""The portal's side of allauth (sign-up, login, password pages): its adapter."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from athletes.models import User
from athletes.services import user_password_set


class AccountAdapter(DefaultAccountAdapter):
    """allauth's password change, set and reset all end here: through the one service, which
    revokes the account's API tokens."""

    def set_password(self, user: User, password: str) -> None:
        user_password_set(user=user, password=password)
