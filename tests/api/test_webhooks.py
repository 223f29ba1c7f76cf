"""Webhook subscriptions through the API: the cap per owner is a 400 on the URL."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from tests.api.conftest import World

WEBHOOKS = "/api/v1/webhooks/"


def test_the_eleventh_subscription_is_a_400_on_url(
        world: World, client_for: Callable[[str], APIClient]) -> None:
    client = client_for("coach")  # the world gave the coach one already
    body = {"url": "http://127.0.0.1:9/hook", "events": ["finding.created"]}
    for _ in range(9):
        assert client.post(WEBHOOKS, body, format="json").status_code == 201
    response = client.post(WEBHOOKS, body, format="json")
    assert response.status_code == 400
    assert "at most 10" in response.json()["url"][0]
    assert client_for("other_coach").post(WEBHOOKS, body, format="json").status_code == 201
