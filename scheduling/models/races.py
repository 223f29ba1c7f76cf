"""Races and the phase blocks a goal race lays down (docs/rules.md, "Phase")."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from athletes.models import AthleteProfile
from core.dates import date_in_range, validate_date_in_range


class Priority(models.TextChoices):
    A = "A", "A (goal race)"
    B = "B", "B"
    C = "C", "C"


class Phase(models.TextChoices):
    BASE = "base", "Base"
    RACE_SPECIFIC = "race_specific", "Race-specific"
    TAPER = "taper", "Taper"
    RECOVERY = "recovery", "Recovery"
    OFFSEASON = "offseason", "Off-season"


class Race(models.Model):
    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, related_name="races")
    name = models.CharField(max_length=120)
    date = models.DateField(validators=[validate_date_in_range])
    start_time = models.TimeField(null=True, blank=True)
    distance_m = models.PositiveIntegerField(
        validators=[MinValueValidator(100), MaxValueValidator(500_000)]
    )
    priority = models.CharField(max_length=1, choices=Priority.choices, default=Priority.A)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every write: the API's ETag.")

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["athlete", "date"], name="race_athlete_date")]
        constraints = [
            date_in_range("date", name="race_date_range"),
            models.CheckConstraint(
                condition=Q(distance_m__gte=100) & Q(distance_m__lte=500_000),
                name="race_distance_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.date})"


class PhaseBlock(models.Model):
    """A training phase over dates. Blocks made from a goal race are ``auto``; edits make them
    the coach's own, and a moved race then leaves them alone."""

    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(max_length=14, choices=Phase.choices)
    start = models.DateField(validators=[validate_date_in_range])
    end = models.DateField(validators=[validate_date_in_range])
    race = models.ForeignKey(Race, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="phase_blocks")
    auto = models.BooleanField(default=False)

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["athlete", "start"], name="phase_athlete_start")]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="phase_order"),
            date_in_range("start", name="phase_start_range"),
            date_in_range("end", name="phase_end_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} {self.start}..{self.end}"
