"""Schemathesis against the live OpenAPI schema, in-process through the WSGI app: the
coverage and fuzzing phases, positive and negative data, signed in as the demo coach.

Checks: no server error, and the response conforms to the schema (status code, content
type, headers, body). The demo is loaded once for the module inside a transaction that is
rolled back at the end; each operation runs in a savepoint of its own (the django_db mark),
so what one fuzzed DELETE removes the next operation still finds.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections, transaction
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apexzone.wsgi import application
from athletes.models import User
from scheduling.demo import COACH_EMAIL, load_demo

# pytest-django creates the test database only for a session that holds a test asking for
# one: without this mark, the module run alone met the development database (or none).
pytestmark = pytest.mark.django_db

CONFIG = SchemathesisConfig.from_dict({
    "seed": 20260401,
    "generation": {"mode": "all", "max-examples": 6},
    "phases": {
        "examples": {"enabled": False},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
    "suppress-health-check": ["all"],
})
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
PUBLIC_ADDRESS = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))]


@pytest.fixture(scope="module")
def demo_token(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), mock.patch(
        "django.contrib.auth.hashers.make_password", return_value="!"
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_demo()
            coach = User.objects.get(email=COACH_EMAIL)
            yield Token.objects.create(user=coach).key
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def in_process(demo_token: str) -> Iterator[str]:
    """The test's requests see the demo (the django_db mark rolls back what they change).
    The WSGI app runs in this thread on this connection, so Django must not close it after
    each request, and webhook URLs resolve without a network."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    cache.clear()  # the token route's throttle
    try:
        with mock.patch("scheduling.services.webhook_http.socket.getaddrinfo",
                        return_value=PUBLIC_ADDRESS):
            yield demo_token
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
def test_the_api_conforms_to_its_schema(case: Any, in_process: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {in_process}"}, checks=CHECKS)
