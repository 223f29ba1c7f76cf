"""Webhooks: registration rules, signed delivery against a real local receiver, retries."""

import datetime as dt
import hashlib
import hmac
import json
import threading
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery import current_app
from celery.exceptions import Retry

from core.errors import DomainError
from scheduling.models import WebhookDelivery, WebhookEvent
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    run_create,
    webhook_subscription_create,
    webhook_subscription_delete,
)
from scheduling.services.checks import athletes_check
from scheduling.services.webhooks import (
    DeliveryError,
    delivery_send,
    emit_finding_events,
    url_refusal,
)
from scheduling.tasks import COUNTDOWN_MAX, webhook_deliver_task

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP server on loopback that answers with the codes it is given, in turn."""

    def __init__(self, codes: list[int]):
        self.codes = codes
        self.requests: list[tuple[Message, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.headers, body))  # case-insensitive
                code = receiver.codes.pop(0) if receiver.codes else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    made: list[Receiver] = []

    def make(*codes: int) -> Receiver:
        made.append(Receiver(list(codes)))
        return made[-1]

    yield make
    for r in made:
        r.close()


def test_loopback_and_private_addresses_are_refused_by_default(coach):
    for url in ("http://127.0.0.1:9/x", "http://10.0.0.8/x", "http://[::1]/x",
                "http://169.254.169.254/latest"):
        with pytest.raises(DomainError) as err:
            webhook_subscription_create(owner=coach, url=url, events=["finding.created"])
        assert err.value.field == "url"


@pytest.mark.parametrize("url", ["ftp://example.com/x", "not a url", "http:///nohost"])
def test_only_http_urls_with_a_host(url):
    assert url_refusal(url) is not None


def test_unknown_events_are_refused(coach, receiver):
    with pytest.raises(DomainError) as err:
        webhook_subscription_create(owner=coach, url=receiver().url, events=["finding.eaten"])
    assert err.value.field == "events"


def test_a_logged_run_is_delivered_signed_and_never_twice(coach, athlete, receiver,
                                                          django_capture_on_commit_callbacks):
    hook = receiver(200)
    _, secret = webhook_subscription_create(owner=coach, url=hook.url, events=["session.logged"])
    with django_capture_on_commit_callbacks(execute=True):
        run = run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25),
                         run_type="easy", distance_m=8000)
    assert len(hook.requests) == 1
    headers, body = hook.requests[0]
    event_id, timestamp = headers["X-ApexZone-Event-Id"], headers["X-ApexZone-Timestamp"]
    expected = hmac.new(secret.encode(), f"{event_id}.{timestamp}.".encode() + body,
                        hashlib.sha256).hexdigest()
    assert headers["X-ApexZone-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert (payload["id"], payload["type"]) == (event_id, "session.logged")
    assert payload["data"]["session"] == {"type": "run", "id": run.pk}
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1,
                                                                               200)
    assert delivery_send(delivery_id=delivery.pk) is True
    assert len(hook.requests) == 1  # acknowledged with a 2xx: never sent again


def test_a_failed_delivery_is_retried_until_a_2xx(coach, athlete, receiver):
    hook = receiver(500, 503, 200)
    webhook_subscription_create(owner=coach, url=hook.url, events=["session.logged"])
    run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25))
    delivery = WebhookDelivery.objects.get()
    for code in (500, 503):
        with pytest.raises(DeliveryError, match=str(code)):
            delivery_send(delivery_id=delivery.pk)
    assert delivery_send(delivery_id=delivery.pk) is True
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    event_ids = {h["X-ApexZone-Event-Id"] for h, _ in hook.requests}
    assert len(hook.requests) == 3 and len(event_ids) == 1  # the same event each time


def test_the_task_retries_with_exponential_backoff(coach, athlete, receiver):
    hook = receiver(500, 500, 200)
    webhook_subscription_create(owner=coach, url=hook.url, events=["session.logged"])
    run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25))
    delivery = WebhookDelivery.objects.get()
    with pytest.raises(Retry, match="Retry in 30s"):
        webhook_deliver_task.apply(args=[delivery.pk])
    with pytest.raises(Retry, match="Retry in 60s"):
        webhook_deliver_task.apply(args=[delivery.pk], retries=1)
    assert webhook_deliver_task.apply(args=[delivery.pk], retries=2).get() is True
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(hook.requests)) == ("delivered", 3, 3)


def test_no_retry_waits_longer_than_a_worker_may_hold_a_task(coach, athlete, receiver):
    """A task waiting for its countdown is held unacknowledged: past the broker's visibility
    timeout it would be handed to a second worker too (tests/faults/test_worker_killed.py)."""
    hook = receiver(500, 500)
    webhook_subscription_create(owner=coach, url=hook.url, events=["session.logged"])
    run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25))
    delivery = WebhookDelivery.objects.get()
    for retries in (5, webhook_deliver_task.max_retries - 1):
        with pytest.raises(Retry, match=f"Retry in {COUNTDOWN_MAX}s"):
            webhook_deliver_task.apply(args=[delivery.pk], retries=retries)


def test_the_task_gives_up_after_its_last_retry(coach, athlete, receiver):
    hook = receiver(500)
    webhook_subscription_create(owner=coach, url=hook.url, events=["session.logged"])
    run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25))
    delivery = WebhookDelivery.objects.get()
    last = webhook_deliver_task.max_retries
    assert webhook_deliver_task.apply(args=[delivery.pk], retries=last).get() is False
    delivery.refresh_from_db()
    assert delivery.status == "failed"


def test_findings_are_sent_to_the_coach_not_to_another_coach(coach, other_coach, athlete,
                                                              receiver):
    mine, theirs = receiver(), receiver()
    webhook_subscription_create(owner=coach, url=mine.url, events=["finding.created"])
    webhook_subscription_create(owner=other_coach, url=theirs.url, events=["finding.created"])
    today = dt.date.today()
    planned_session_create(actor=coach, athlete=athlete, kind="run", run_type="intervals",
                           date=today + dt.timedelta(days=3), start_time=dt.time(7))
    planned_session_create(actor=coach, athlete=athlete, kind="strength",
                           date=today + dt.timedelta(days=2), start_time=dt.time(19),
                           prescription=[PrescriptionInput("back-squat", 4, 4, 4,
                                                           load_kg=120)])
    counts = athletes_check([athlete.pk])
    emit_finding_events(counts)
    assert WebhookEvent.objects.filter(type="finding.created").count() == counts.new
    assert set(WebhookDelivery.objects.values_list("subscription__owner", flat=True)) == {
        coach.pk}


def test_a_former_coach_gets_nothing_more(coach, athlete, receiver):
    hook = receiver()
    webhook_subscription_create(owner=coach, url=hook.url, events=["session.logged"])
    run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25))
    delivery = WebhookDelivery.objects.get()
    coach.rosters.get().memberships.all().delete()  # the athlete left before the delivery
    assert delivery_send(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.status == "failed" and not hook.requests


def test_a_redirect_is_not_followed(coach, athlete, receiver):
    hook = receiver(302)
    webhook_subscription_create(owner=coach, url=hook.url, events=["session.logged"])
    run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25))
    with pytest.raises(DeliveryError, match="302"):
        delivery_send(delivery_id=WebhookDelivery.objects.get().pk)
    assert len(hook.requests) == 1


def test_an_owner_has_at_most_ten_subscriptions(coach, other_coach, receiver):
    url = receiver().url
    made = [webhook_subscription_create(owner=coach, url=url, events=["session.logged"])[0]
            for _ in range(10)]
    with pytest.raises(DomainError, match="at most 10") as err:
        webhook_subscription_create(owner=coach, url=url, events=["session.logged"])
    assert err.value.field == "url"
    webhook_subscription_create(owner=other_coach, url=url, events=["session.logged"])
    webhook_subscription_delete(subscription=made[0])
    webhook_subscription_create(owner=coach, url=url, events=["session.logged"])


def test_deliveries_have_their_own_queue_and_checks_keep_theirs():
    route = current_app.amqp.router.route
    assert route({}, "scheduling.tasks.webhook_deliver_task")["queue"].name == "webhooks"
    for task in ("athlete_check_task", "nightly_tick", "nightly_chunk_task"):
        assert route({}, f"scheduling.tasks.{task}")["queue"].name == "celery"
