"""The token route's limits: per client address (the socket's, or the one the trusted proxies
saw) and per account, whatever address the guesses come from."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
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


def test_the_eleventh_wrong_password_for_an_account_is_refused_from_any_address(
    coach: User, athlete: AthleteProfile,
) -> None:
    codes = [sign_in(coach.email, f"guess-{i}", remote=f"192.0.2.{i + 1}")[0]
             for i in range(10)]
    assert codes == [400] * 10
    status, retry_after = sign_in(coach.email, "guess-10", remote="192.0.2.200")
    assert status == 429
    assert retry_after is not None and 0 < int(retry_after) <= 15 * 60
    # Locked: even the right password waits, from a fresh address too.
    assert sign_in(coach.email, PASSWORD, remote="192.0.2.201")[0] == 429
    # Another account is untouched.
    assert sign_in(athlete.user.email, PASSWORD, remote="192.0.2.202")[0] == 200


def test_the_account_is_the_normalised_email(coach: User) -> None:
    for i in range(10):
        spelling = f"  {coach.email.upper()} " if i % 2 else coach.email
        assert sign_in(spelling, f"guess-{i}", remote=f"192.0.2.{i + 1}")[0] == 400
    assert sign_in(coach.email.title(), PASSWORD, remote="192.0.2.99")[0] == 429


def test_right_passwords_do_not_count_against_the_account(coach: User) -> None:
    for i in range(12):
        assert sign_in(coach.email, PASSWORD, remote=f"192.0.2.{i + 1}")[0] == 200
    assert sign_in(coach.email, "guess", remote="192.0.2.100")[0] == 400
