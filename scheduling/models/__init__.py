"""What is planned and whether it fits: races, phases, planned sessions, findings, check runs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from athletes.models import AthleteProfile
from core.dates import date_in_range, validate_date_in_range
from scheduling.models.comments import BodyArea as BodyArea
from scheduling.models.comments import Comment as Comment
from scheduling.models.comments import CommentRead as CommentRead
from scheduling.models.horizon import CheckHorizon as CheckHorizon
from scheduling.models.outbox import OutboxMessage as OutboxMessage
from scheduling.models.races import Phase as Phase
from scheduling.models.races import PhaseBlock as PhaseBlock
from scheduling.models.races import Priority as Priority
from scheduling.models.races import Race as Race
from training.models import Exercise, Run, RunType, StrengthSession


class Kind(models.TextChoices):
    RUN = "run", "Run"
    STRENGTH = "strength", "Strength"


class Intensity(models.TextChoices):
    LIGHT = "light", "Light"
    MODERATE = "moderate", "Moderate"
    HEAVY = "heavy", "Heavy"


class Severity(models.TextChoices):
    ERROR = "error", "Error"
    WARNING = "warning", "Warning"
    INFO = "info", "Info"


class FindingStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"


class PlannedSession(models.Model):
    athlete = models.ForeignKey(
        AthleteProfile, on_delete=models.CASCADE, related_name="planned_sessions"
    )
    date = models.DateField(help_text="The athlete's local date",
                            validators=[validate_date_in_range])
    start_time = models.TimeField(null=True, blank=True, help_text="Local start time")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    run_type = models.CharField(max_length=10, choices=RunType.choices, blank=True)
    intensity = models.CharField(max_length=8, choices=Intensity.choices, blank=True)
    duration_min = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(1440)]
    )
    distance_m = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(500_000)]
    )
    planned_rpe = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    title = models.CharField(max_length=120, blank=True)
    notes = models.TextField(blank=True)
    external_id = models.CharField(max_length=120, null=True, blank=True)
    locked = models.BooleanField(
        default=False, help_text="Locked by the coach: the athlete logs it but may not move "
                                 "or delete it.")
    # The logged session that fulfils this plan (kept here so training need not know plans).
    logged_strength = models.OneToOneField(
        StrengthSession, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="planned",
    )
    logged_run = models.OneToOneField(
        Run, on_delete=models.SET_NULL, null=True, blank=True, related_name="planned"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every write: the API's ETag.")

    class Meta:
        ordering = ["date", "order", "start_time", "id"]
        indexes = [models.Index(fields=["athlete", "date"], name="planned_athlete_date")]
        constraints = [
            date_in_range("date", name="planned_date_range"),
            models.UniqueConstraint(
                fields=["athlete", "external_id"],
                condition=Q(external_id__isnull=False),
                name="planned_external_id_unique",
            ),
            models.CheckConstraint(
                condition=(Q(kind="run") & ~Q(run_type="") & Q(intensity=""))
                | (Q(kind="strength") & Q(run_type="")),
                name="planned_kind_fields",
            ),
            models.CheckConstraint(
                condition=Q(planned_rpe__isnull=True) | Q(planned_rpe__gte=1, planned_rpe__lte=10),
                name="planned_rpe_range",
            ),
            models.CheckConstraint(
                condition=Q(logged_strength__isnull=True) | Q(logged_run__isnull=True),
                name="planned_one_fulfilment",
            ),
            models.CheckConstraint(
                condition=Q(duration_min__isnull=True) | Q(duration_min__lte=1440),
                name="planned_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.date}"


class Prescription(models.Model):
    """One line of a planned strength session: exercise, sets x reps (or a hold of
    ``hold_s`` seconds, with no reps: docs/rules.md, "Holds"), load or % e1RM, RIR."""

    session = models.ForeignKey(
        PlannedSession, on_delete=models.CASCADE, related_name="prescription"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    sets = models.PositiveSmallIntegerField(default=3)
    reps_min = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_max = models.PositiveSmallIntegerField(null=True, blank=True)
    load_kg = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    pct_e1rm = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    rir = models.PositiveSmallIntegerField(null=True, blank=True)
    ground_contacts = models.PositiveIntegerField(null=True, blank=True)
    hold_s = models.PositiveIntegerField(
        null=True, blank=True, help_text="A hold (a plank): seconds per set, and no reps")

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(sets__gte=1, sets__lte=20), name="rx_sets_range"),
            models.CheckConstraint(
                condition=Q(reps_min__isnull=True) | Q(reps_min__gte=1), name="rx_reps_min"
            ),
            models.CheckConstraint(
                condition=Q(reps_min__isnull=True) | Q(reps_max__gte=models.F("reps_min")),
                name="rx_reps_order",
            ),
            # A line is reps or a hold, never both: a hold has seconds and no reps.
            models.CheckConstraint(
                condition=Q(hold_s__isnull=True, reps_min__isnull=False, reps_max__isnull=False)
                | Q(hold_s__isnull=False, hold_s__gte=1, hold_s__lte=3600,
                    reps_min__isnull=True, reps_max__isnull=True),
                name="rx_reps_or_hold",
            ),
            models.CheckConstraint(
                condition=Q(load_kg__isnull=True) | Q(load_kg__gte=0), name="rx_load_nonnegative"
            ),
            models.CheckConstraint(
                condition=Q(pct_e1rm__isnull=True) | Q(pct_e1rm__gt=0, pct_e1rm__lte=110),
                name="rx_pct_range",
            ),
            models.CheckConstraint(
                condition=Q(rir__isnull=True) | Q(rir__lte=10), name="rx_rir_range"
            ),
        ]

    def __str__(self) -> str:
        if self.hold_s is not None:
            return f"{self.exercise} {self.sets} x {self.hold_s} s"
        return f"{self.exercise} {self.sets} x {self.reps_min}-{self.reps_max}"


class Finding(models.Model):
    """A rule the plan or log breaks. Identity: athlete + fingerprint (rule + sessions)."""

    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(max_length=40)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    fingerprint = models.CharField(max_length=64)
    sessions = models.JSONField(default=list)  # [{"type": "planned"|"strength"|"run", "id": n}]
    dates = models.JSONField(default=list)  # ["YYYY-MM-DD", ...]
    first_date = models.DateField()
    last_date = models.DateField()
    title = models.CharField(max_length=200)
    explanation = models.TextField()
    suggestion = models.TextField(blank=True)
    # The one-click fixes, a list of {"id", "kind" (move, lighten, drop), "text", "leaves",
    # "session", and for a move "date" and "start_time"}: see ``fixes``.
    move = models.JSONField(null=True, blank=True)
    content_hash = models.CharField(max_length=40, blank=True, editable=False)  # of the above
    # What the finding was made of (the engine's ``Finding.signature``): a nightly pass that
    # makes it again from the same keeps these words and move without writing them anew.
    signature = models.CharField(max_length=40, blank=True, default="", editable=False)
    status = models.CharField(
        max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    notified_at = models.DateTimeField(null=True, blank=True)  # sent in a digest

    class Meta:
        ordering = ["first_date", "id"]
        indexes = [
            models.Index(fields=["athlete", "status", "first_date"], name="finding_athlete_open"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["athlete", "fingerprint"], name="finding_fingerprint"),
            models.CheckConstraint(
                condition=Q(first_date__lte=models.F("last_date")), name="finding_dates_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_at__isnull=False),
                name="finding_resolved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.title}"

    @property
    def fixes(self) -> list[dict[str, Any]]:
        """The one-click fixes (RULES.md, "Suggestions"). A row written before fixes had a
        single move (a dict): it reads as that move's fix until its next check."""
        move = self.move
        if not move:
            return []
        if isinstance(move, list):
            return move
        session, at = move["session"], move.get("start_time")
        ident = f"move:{session['type']}:{session['id']}@{move['date']}" + (f"T{at}" if at else "")
        return [{"id": ident, "kind": "move", "text": self.suggestion, "leaves": "",
                 "session": session, "date": move["date"], "start_time": at}]


class CheckTrigger(models.TextChoices):
    CHANGE = "change", "On change"
    NIGHTLY = "nightly", "Nightly"
    MANUAL = "manual", "By hand"


class CheckRun(models.Model):
    """One pass of checks (a nightly tick, a recheck by hand), with what it found.
    ``digests_sent_at``: its digests were all sent (or refused, and wait for the next night);
    until then a chunk task that finds the run finished sends those not sent yet."""

    trigger = models.CharField(max_length=8, choices=CheckTrigger.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    digests_sent_at = models.DateTimeField(null=True, blank=True)
    chunks_total = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)
    athletes_checked = models.PositiveIntegerField(default=0)
    findings_new = models.PositiveIntegerField(default=0)
    findings_kept = models.PositiveIntegerField(default=0)
    findings_resolved = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    error_detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(condition=Q(chunks_done__lte=models.F("chunks_total")),
                                   name="checkrun_chunks_done"),
        ]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} check at {self.started_at:%Y-%m-%d %H:%M}"


class CheckChunk(models.Model):
    """A slice of a run's athletes for one worker. ``done_at`` is set in the same transaction
    as the chunk's findings, so a chunk redone after a dead worker counts once.
    ``attempted_at``: when it was last sent or taken by a worker; the hourly tick re-sends a
    chunk whose attempt is older than a lease (its task died or gave up)."""

    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="chunks")
    athlete_ids = models.JSONField()
    done_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"chunk {self.pk} of run {self.run_id}"


class Digest(models.Model):
    """One digest email per person per night (UTC date): the claim that keeps it to one.
    A coach's digest keeps the findings it carried (``items``): what the coach has been told
    (an athlete's own are marked on the finding, ``notified_at``). ``comments``: how many
    new comments it carried (those since the person's previous digest, unread)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    night = models.DateField()
    findings = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    items = models.ManyToManyField(Finding, related_name="digests", blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "night"], name="digest_one_per_night"),
        ]

    def __str__(self) -> str:
        return f"digest to {self.user_id} on {self.night}"


class WebhookEventType(models.TextChoices):
    FINDING_CREATED = "finding.created", "finding.created"
    FINDING_RESOLVED = "finding.resolved", "finding.resolved"
    SESSION_LOGGED = "session.logged", "session.logged"
    COMMENT_CREATED = "comment.created", "comment.created"


class WebhookSubscription(models.Model):
    """An integration's endpoint: events about athletes its owner may see, signed with
    ``secret`` (HMAC-SHA256; shown once when created)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="webhooks")
    url = models.URLField(max_length=500)
    events = models.JSONField(default=list)
    secret = models.CharField(max_length=64)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class WebhookEvent(models.Model):
    id = models.UUIDField(primary_key=True)
    type = models.CharField(max_length=32, choices=WebhookEventType.choices)
    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField()
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.type} {self.id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """The delivery log: one row per event and subscription, never sent again once a 2xx."""

    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE,
                                     related_name="deliveries")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "subscription"], name="delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} -> {self.subscription_id}: {self.status}"
