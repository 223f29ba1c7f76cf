"""The token route's limit per client address: the socket's, or the one the trusted proxies
saw."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from athletes.models import User
from tests.conftest import PASSWORD

TOKEN = "/api/v1/auth/token/"
PROXY = "10.0.0.1"


def sign_in(email: str, password: str, *, remote: str = "192.0.2.1",
            forwarded: str | None = None) -> tuple[int, str | None]:
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    response = APIClient().post(TOKEN, {"email": email, "password": password}, format="json",
                                **headers)
    return response.status_code, response.headers.get("Retry-After")


def test_varying_x_forwarded_for_does_not_escape_the_throttle_without_proxies(
    coach: User, trusted_proxies: Callable[[int], None],
) -> None:
    trusted_proxies(0)
    codes = [sign_in(f"nobody{i}@example.com", "guess", forwarded=f"198.51.100.{i}")[0]
             for i in range(11)]
    assert codes[:10] == [400] * 10
    assert codes[10] == 429


def test_behind_one_proxy_the_throttle_counts_the_address_the_proxy_saw(
    coach: User, trusted_proxies: Callable[[int], None],
) -> None:
    trusted_proxies(1)
    # The client forges the left part; the proxy appends the address it saw (203.0.113.9).
    codes = [sign_in(f"nobody{i}@example.com", "guess", remote=PROXY,
                     forwarded=f"198.51.100.{i}, 203.0.113.9")[0] for i in range(11)]
    assert codes[10] == 429
    # Another client through the same proxy is not the one who guessed.
    assert sign_in(coach.email, PASSWORD, remote=PROXY, forwarded="203.0.113.77")[0] == 200
