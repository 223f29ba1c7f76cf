"""Queue Celery tasks by name after the transaction commits.

Services name the task instead of importing it: tasks import services, so an import the
other way would be a cycle. Celery finds the task in its registry when it is sent (eagerly
in-process without Redis).
"""

from __future__ import annotations

from celery import current_app
from django.db import transaction

ATHLETE_CHECK = "scheduling.tasks.athlete_check_task"
NIGHTLY_CHUNK = "scheduling.tasks.nightly_chunk_task"
WEBHOOK_DELIVER = "scheduling.tasks.webhook_deliver_task"


def send(name: str, *args: object) -> None:
    current_app.tasks[name].delay(*args)


def send_on_commit(name: str, *args: object) -> None:
    transaction.on_commit(lambda: send(name, *args))
