"""The database out of reach is a 503 with Retry-After, not a 500: the API's JSON one
(api/errors.py) and the portal's plain page (apexzone/errors.py). tests/faults/ does the same
with a real PostgreSQL cut off."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

DOWN = [OperationalError("connection refused"), InterfaceError("connection already closed")]


@pytest.mark.parametrize("error", DOWN)
def test_the_api_answers_json_503_with_retry_after(stranger, error):
    client = APIClient()
    client.force_authenticate(stranger)
    with mock.patch("athletes.selectors.athlete_for_self", side_effect=error):
        response = client.get("/api/v1/me/")
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert response.json()["code"] == "service_unavailable"


@pytest.mark.parametrize("error", DOWN)
def test_a_portal_page_answers_a_plain_503_with_retry_after(stranger, client, error):
    client.raise_request_exception = False
    client.force_login(stranger)
    with mock.patch("portal.views.people.athlete_for_self", side_effect=error):
        response = client.get("/")
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"try again in a minute" in response.content


def test_any_other_failure_is_still_a_500(stranger, client):
    client.raise_request_exception = False
    client.force_login(stranger)
    with mock.patch("portal.views.people.athlete_for_self", side_effect=ValueError("bug")):
        response = client.get("/")
    assert response.status_code == 500 and not response.has_header("Retry-After")
