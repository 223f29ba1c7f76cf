"""Every change or reset of a password, in the portal (allauth) or the admin, revokes the
account's API tokens."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from athletes.models import User
from tests.conftest import PASSWORD

NEW_PASSWORD = "fresh-stride-barbell-42"


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()  # allauth's limits on changes and resets live in the cache


def api_token(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    assert client.get("/api/v1/me/").status_code == 200
    return client


def test_a_password_change_in_the_portal_revokes_the_api_tokens_and_says_so(
    coach: User, client,
) -> None:
    api = api_token(coach)
    client.force_login(coach)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
    }, follow=True)
    assert "API token" in response.content.decode()
    assert api.get("/api/v1/me/").status_code == 401
    # The new password trades for a new token.
    again = APIClient().post("/api/v1/auth/token/",
                             {"email": coach.email, "password": NEW_PASSWORD}, format="json")
    assert again.status_code == 200


def test_a_password_reset_revokes_the_api_tokens(coach: User, client) -> None:
    api = api_token(coach)
    client.post(reverse("account_reset_password"), {"email": coach.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    assert link is not None
    form_url = client.get(link.group(1)).url  # the key goes into the session
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert api.get("/api/v1/me/").status_code == 401


def test_a_password_change_in_the_admin_revokes_the_api_tokens(coach: User, client) -> None:
    api = api_token(coach)
    client.force_login(User.objects.create_superuser(email="root@example.com",
                                                     password=PASSWORD))
    response = client.post(reverse("admin:auth_user_password_change", args=[coach.pk]), {
        "usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
    })
    assert response.status_code == 302
    coach.refresh_from_db()
    assert coach.check_password(NEW_PASSWORD)
    assert api.get("/api/v1/me/").status_code == 401
