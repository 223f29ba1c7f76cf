"""GET /healthz: 200 when the database and the broker answer, 503 naming what is down."""

from __future__ import annotations

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "down"
        return False


def _broker_ok() -> bool:
    if not settings.REDIS_URL:
        return True  # eager mode: tasks run in-process, there is no broker to lose
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        return bool(client.ping())
    except Exception:  # noqa: BLE001
        return False


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": "ok" if _database_ok() else "down",
        "broker": ("ok" if _broker_ok() else "down") if settings.REDIS_URL else "eager",
    }
    down = [name for name, state in checks.items() if state == "down"]
    body = {"status": "down" if down else "ok", "checks": checks}
    if down:
        body["down"] = down
    return JsonResponse(body, status=503 if down else 200)
