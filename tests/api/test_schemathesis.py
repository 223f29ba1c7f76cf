"""Schemathesis against the live OpenAPI schema, in-process through the WSGI app, signed in as
the demo coach: the coverage and fuzzing phases per operation (positive and negative data),
then the stateful phase, which chains operations along the schema's links (a create, then
its read, change and delete).

Checks: no server error, and the response conforms to the schema (status code, content
type, headers, body); in the stateful phase also that a created object can be read and a
deleted one cannot. The demo is loaded once for the module inside a transaction that is
rolled back at the end; each operation (the django_db mark), and each stateful scenario,
runs in a savepoint of its own, so what one fuzzed DELETE removes the next one still finds.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any
from unittest import mock

import hypothesis
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
    ensure_resource_availability,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    use_after_free,
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
        # 60 scenarios of 2 to 10 calls, each call on what an earlier one answered (the
        # schema's links); one call in ten sends negative data. Hypothesis runs about twice
        # as many scenarios (those it discards do not count), some 800 calls in about 70 s.
        "stateful": {"enabled": True, "max-steps": 10, "generation": {"max-examples": 60}},
    },
    "suppress-health-check": ["all"],
})
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)
Workflows = schema.as_state_machine()

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
STATEFUL_CHECKS = [*CHECKS, use_after_free, ensure_resource_availability]
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


def test_its_workflows_conform_to_its_schema(in_process: str) -> None:
    """Scenarios of up to ``max-steps`` calls, each on what an earlier call answered."""
    headers = {"Authorization": f"Token {in_process}"}

    class Workflow(Workflows):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            self.savepoint = transaction.atomic()
            self.savepoint.__enter__()

        def teardown(self) -> None:
            transaction.set_rollback(True)
            self.savepoint.__exit__(None, None, None)

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": headers}

        def validate_response(self, response: Any, case: Any,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            case.validate_response(response, checks=STATEFUL_CHECKS, headers=headers,
                                   transport_kwargs=kwargs, recorder=self.recorder)

    Workflow.run(settings=hypothesis.settings(
        schema.config.get_hypothesis_settings(phase="stateful"),
        phases=[hypothesis.Phase.generate], derandomize=True, database=None))
