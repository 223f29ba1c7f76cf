"""Webhooks: subscriptions, events, signed delivery with a log.

An event is delivered as JSON ``{"id", "type", "created", "data"}`` with the headers
``X-ApexZone-Event-Id``, ``X-ApexZone-Timestamp`` and ``X-ApexZone-Signature:
sha256=<hex>``, the HMAC-SHA256 with the subscription's secret over
``"<event id>.<timestamp>.<body>"``. A subscription gets the events about athletes its owner
may see. A delivery acknowledged with a 2xx is never sent again; the wire (which addresses
may receive, the deadline, the cap on the answer) is in webhook_http.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from athletes.models import AthleteProfile, Membership, User
from core.errors import DomainError
from scheduling.models import (
    DeliveryStatus,
    Finding,
    WebhookDelivery,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
)
from scheduling.services.checks import CheckCounts
from scheduling.services.queue import WEBHOOK_DELIVER, send_each_on_commit
from scheduling.services.webhook_http import DeliveryError, Refused, Target, post, resolve


def _target(url: str) -> Target:
    """The URL resolved now, every address checked (any address with WEBHOOKS_ALLOW_PRIVATE:
    tests run their receivers on loopback); raises Refused."""
    return resolve(url, allow_private=settings.WEBHOOKS_ALLOW_PRIVATE)


def url_refusal(url: str) -> str | None:
    """Why this URL may not receive webhooks (now), or None."""
    try:
        _target(url)
    except Refused as refused:
        return str(refused)
    return None


@transaction.atomic
def webhook_subscription_create(
    *, owner: User, url: str, events: Sequence[str]
) -> tuple[WebhookSubscription, str]:
    """Register an endpoint; returns it with its secret (shown to the caller once). An owner
    has at most WEBHOOKS_MAX_PER_OWNER: each one is a delivery per event to a worker."""
    User.objects.select_for_update().filter(pk=owner.pk).first()  # one create at a time
    limit = settings.WEBHOOKS_MAX_PER_OWNER
    if WebhookSubscription.objects.filter(owner=owner).count() >= limit:
        raise DomainError(f"An account may have at most {limit} webhook subscriptions: "
                          "delete one to add another.", field="url")
    unknown = [e for e in events if e not in WebhookEventType.values]
    if not events or unknown:
        raise DomainError(
            f"Events are some of: {', '.join(WebhookEventType.values)}.", field="events")
    refusal = url_refusal(url)
    if refusal:
        raise DomainError(refusal, field="url")
    secret = secrets.token_hex(32)
    subscription = WebhookSubscription(owner=owner, url=url, events=sorted(set(events)),
                                       secret=secret)
    subscription.full_clean()
    subscription.save()
    return subscription, secret


@transaction.atomic
def webhook_subscription_delete(*, subscription: WebhookSubscription) -> None:
    subscription.delete()


def _audience(athlete_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each athlete, the users who may see them: themself and their coaches (2 queries
    with the subscriptions; none at all when nobody subscribes)."""
    ids = list(athlete_ids)
    audience: dict[int, set[int]] = defaultdict(set)
    for aid, user_id in AthleteProfile.objects.filter(id__in=ids).values_list("id", "user_id"):
        audience[aid].add(user_id)
    for aid, coach_id in Membership.objects.filter(athlete_id__in=ids).values_list(
        "athlete_id", "roster__coach_id"
    ):
        audience[aid].add(coach_id)
    return audience


def emit(events: Sequence[tuple[str, int, dict[str, Any]]]) -> list[int]:
    """Record events (type, athlete id, data) for every subscription that wants them and
    queue their delivery after commit. Returns the delivery ids."""
    if not events or not WebhookSubscription.objects.filter(is_active=True).exists():
        return []
    audience = _audience({aid for _, aid, _ in events})
    owners = set().union(*audience.values()) if audience else set()
    subscriptions = list(WebhookSubscription.objects.filter(
        is_active=True, owner__is_active=True, owner_id__in=owners))
    if not subscriptions:
        return []
    now = timezone.now()
    rows, deliveries = [], []
    for kind, aid, data in events:
        wanted = [s for s in subscriptions
                  if kind in s.events and s.owner_id in audience.get(aid, ())]
        if not wanted:
            continue
        event = WebhookEvent(id=uuid.uuid4(), type=kind, athlete_id=aid, payload=data,
                             created_at=now)
        rows.append(event)
        deliveries += [WebhookDelivery(event=event, subscription=s) for s in wanted]
    WebhookEvent.objects.bulk_create(rows)
    created = WebhookDelivery.objects.bulk_create(deliveries)
    ids = [d.pk for d in created]
    send_each_on_commit(WEBHOOK_DELIVER, ids)
    return ids


def finding_payload(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.pk, "athlete": finding.athlete_id, "rule": finding.rule,
        "severity": finding.severity, "status": finding.status, "sessions": finding.sessions,
        "dates": finding.dates, "title": finding.title, "explanation": finding.explanation,
        "suggestion": finding.suggestion,
    }


def emit_finding_events(counts: CheckCounts) -> None:
    """finding.created for new and re-opened findings, finding.resolved for resolved ones."""
    ids = counts.new_finding_ids + counts.resolved_finding_ids
    if not ids or not WebhookSubscription.objects.filter(is_active=True).exists():
        return
    resolved = set(counts.resolved_finding_ids)
    findings = Finding.objects.filter(Q(id__in=ids)).order_by("id")
    emit([
        (WebhookEventType.FINDING_RESOLVED if f.pk in resolved
         else WebhookEventType.FINDING_CREATED, f.athlete_id, finding_payload(f))
        for f in findings
    ])


def emit_session_logged(*, athlete_id: int, kind: str, session_id: int, date: str) -> None:
    emit([(WebhookEventType.SESSION_LOGGED, athlete_id,
           {"athlete": athlete_id, "session": {"type": kind, "id": session_id}, "date": date})])


def sign(secret: str, event_id: str, timestamp: str, body: bytes) -> str:
    message = f"{event_id}.{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def delivery_send(*, delivery_id: int) -> bool:
    """POST one delivery. True when delivered (now or before); False when refused for good;
    raises DeliveryError for a failure worth retrying."""
    delivery = (WebhookDelivery.objects.select_related("event", "subscription__owner")
                .filter(pk=delivery_id).first())
    if delivery is None or delivery.status == DeliveryStatus.DELIVERED:
        return delivery is not None
    subscription, event = delivery.subscription, delivery.event
    try:
        if not (subscription.is_active and subscription.owner.is_active):
            raise Refused("The subscription or its owner is inactive.")
        if subscription.owner_id not in _audience([event.athlete_id])[event.athlete_id]:
            raise Refused("The owner no longer sees this athlete.")
        target = _target(subscription.url)  # resolved once: the POST goes to what was checked
    except Refused as refused:
        _record(delivery, status=DeliveryStatus.FAILED, error=str(refused))
        return False
    body = json.dumps({"id": str(event.id), "type": event.type,
                       "created": event.created_at.isoformat(), "data": event.payload},
                      separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "ApexZone-Webhooks/1",
        "X-ApexZone-Event": event.type,
        "X-ApexZone-Event-Id": str(event.id),
        "X-ApexZone-Timestamp": timestamp,
        "X-ApexZone-Signature": sign(subscription.secret, str(event.id), timestamp, body),
    }
    try:  # a redirect is an answer (not followed: it could point inside), like any non-2xx
        code = post(target, body=body, headers=headers, deadline_s=settings.WEBHOOKS_DEADLINE_S,
                    max_bytes=settings.WEBHOOKS_RESPONSE_MAX_BYTES)
    except DeliveryError as exc:
        _record(delivery, status=DeliveryStatus.PENDING, error=str(exc)[:500])
        raise
    if 200 <= code < 300:
        _record(delivery, status=DeliveryStatus.DELIVERED, code=code)
        return True
    _record(delivery, status=DeliveryStatus.PENDING, code=code, error=f"HTTP {code}")
    raise DeliveryError(f"HTTP {code}")


def delivery_give_up(*, delivery_id: int, error: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).exclude(
        status=DeliveryStatus.DELIVERED).update(status=DeliveryStatus.FAILED, last_error=error)


def _record(delivery: WebhookDelivery, *, status: str, code: int | None = None,
            error: str = "") -> None:
    now = timezone.now()
    fields: dict[str, Any] = {"attempts": delivery.attempts + 1, "last_attempt_at": now,
                              "last_status_code": code, "last_error": error, "status": status}
    if status == DeliveryStatus.DELIVERED:
        fields["delivered_at"] = now
    # never overwrite a delivery another worker already completed
    WebhookDelivery.objects.filter(pk=delivery.pk).exclude(
        status=DeliveryStatus.DELIVERED).update(**fields)


def webhook_subscriptions_for_user(*, user: User) -> Any:
    return WebhookSubscription.objects.filter(owner=user)
