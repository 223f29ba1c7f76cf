"""What the API keeps of its own: the responses of idempotent creates."""

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """A create the API has done under an ``Idempotency-Key``: a retry replays its response.

    Keys are scoped per user; ``fingerprint`` hashes the method, path and body of the first
    request, so the same key with another body is refused (a 422)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Moved from athletes with its table (a state-only migration on each side).
        db_table = "athletes_idempotencykey"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.user_id})"
