"""The transactional outbox: tasks recorded with the write that wants them (see
scheduling/services/queue.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class OutboxMessage(models.Model):
    """A task to publish to the broker, recorded in the transaction of the write that wants
    it: published after commit, published again by the sweep until a worker takes it."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    key = models.CharField(max_length=255)  # the task and its args: one pending per key
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)  # last publish the broker accepted
    done_at = models.DateTimeField(null=True, blank=True)  # a worker took it

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=Q(done_at__isnull=True),
                                    name="outbox_one_pending_per_key"),
        ]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(done_at__isnull=True),
                         name="outbox_pending"),
            models.Index(fields=["done_at"], name="outbox_done"),
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
