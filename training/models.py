"""What was done: the exercise library, logged strength sessions with their sets, and runs."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from athletes.models import AthleteProfile
from core.dates import date_in_range, validate_date_in_range


class Pattern(models.TextChoices):
    SQUAT = "squat", "Squat"
    HINGE = "hinge", "Hinge"
    SINGLE_LEG = "single_leg", "Single leg"
    CALF = "calf", "Calf"
    GLUTE = "glute", "Glute"
    CORE = "core", "Core"
    UPPER = "upper", "Upper body"
    PLYO = "plyo", "Plyometric"


class Category(models.TextChoices):
    MAIN = "main", "Main lift"
    ACCESSORY = "accessory", "Accessory"
    PLYOMETRIC = "plyometric", "Plyometric"


class RunType(models.TextChoices):
    EASY = "easy", "Easy"
    RECOVERY = "recovery", "Recovery"
    LONG = "long", "Long"
    TEMPO = "tempo", "Tempo"
    INTERVALS = "intervals", "Intervals"
    HILLS = "hills", "Hills"
    RACE = "race", "Race"


class Exercise(models.Model):
    """A library movement (owner empty) or a coach's custom one (visible to their rosters)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    pattern = models.CharField(max_length=12, choices=Pattern.choices)
    category = models.CharField(max_length=12, choices=Category.choices)
    lower_body = models.BooleanField(default=True)
    unilateral = models.BooleanField(default=False)
    equipment = models.JSONField(default=list, blank=True, help_text="Items it needs")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="custom_exercises",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LoggedSession(models.Model):
    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(help_text="The athlete's local date",
                            validators=[validate_date_in_range])
    start_time = models.TimeField(null=True, blank=True, help_text="Local start time")
    rpe = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every write: the API's ETag.")
    # An imported session's identity in its source (a FIT file's serial and time, Strava's
    # activity id, a Strong workout's start and title): importing it again adds nothing.
    external_key = models.CharField(max_length=120, null=True, blank=True, editable=False)

    class Meta:
        abstract = True


def _one_per_key(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["athlete", "external_key"],
                                   condition=Q(external_key__isnull=False), name=name)


class StrengthSession(LoggedSession):
    athlete = models.ForeignKey(
        AthleteProfile, on_delete=models.CASCADE, related_name="strength_sessions"
    )
    duration_min = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-date", "-start_time", "-id"]
        indexes = [models.Index(fields=["athlete", "date"], name="strength_athlete_date")]
        constraints = [
            date_in_range("date", name="strength_date_range"),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__gte=1, rpe__lte=10),
                name="strength_rpe_range",
            ),
            models.CheckConstraint(
                condition=Q(duration_min__isnull=True) | Q(duration_min__lte=600),
                name="strength_duration_range",
            ),
            _one_per_key("strength_external_key_unique"),
        ]

    def __str__(self) -> str:
        return f"Strength {self.date}"


class StrengthSet(models.Model):
    session = models.ForeignKey(StrengthSession, on_delete=models.CASCADE, related_name="sets")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0)
    reps = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    load_kg = models.DecimalField(
        max_digits=6, decimal_places=2, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )
    rir = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    is_warmup = models.BooleanField(default=False)
    ground_contacts = models.PositiveIntegerField(null=True, blank=True)
    hold_s = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(reps__gte=1), name="set_reps_min"),
            models.CheckConstraint(condition=Q(load_kg__gte=0), name="set_load_nonnegative"),
            models.CheckConstraint(
                condition=Q(rir__isnull=True) | Q(rir__lte=10), name="set_rir_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} {self.reps} x {self.load_kg} kg"


class Run(LoggedSession):
    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, related_name="runs")
    run_type = models.CharField(max_length=10, choices=RunType.choices, default=RunType.EASY)
    distance_m = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(500_000)]
    )
    duration_s = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-start_time", "-id"]
        indexes = [models.Index(fields=["athlete", "date"], name="run_athlete_date")]
        constraints = [
            date_in_range("date", name="run_date_range"),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__gte=1, rpe__lte=10),
                name="run_rpe_range",
            ),
            models.CheckConstraint(
                condition=Q(distance_m__isnull=True) | Q(distance_m__lte=500_000),
                name="run_distance_range",
            ),
            _one_per_key("run_external_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_run_type_display()} run {self.date}"



# The check-in's five items, each 1-5 where 5 is best, and the bounds of its morning figures.
CHECK_IN_ITEMS = ("sleep", "energy", "soreness", "stress", "mood")
ITEM_RANGE = (1, 5)
RESTING_HR_RANGE = (25, 150)  # bpm: below 25 or above 150 at rest is a misreading
HRV_RANGE = (1, 300)  # rMSSD, ms
BODY_WEIGHT_RANGE = (20, 300)  # kg


def _item(help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(ITEM_RANGE[0]), MaxValueValidator(ITEM_RANGE[1])],
        help_text=help_text)


def _in_range(field: str, bounds: tuple[int, int], *, optional: bool = True) -> models.Q:
    within = Q(**{f"{field}__gte": bounds[0], f"{field}__lte": bounds[1]})
    return Q(**{f"{field}__isnull": True}) | within if optional else within


class CheckIn(models.Model):
    """How the athlete feels on one of their local dates (RULES.md, "Readiness and missed
    sessions"): five items, each 1-5 where 5 is best (soreness 5 = fresh legs, 1 = very sore),
    and the optional morning figures. One per athlete and date: a second save updates it.

    It lives with what was done (a daily log beside the sessions), not with the people: it is
    the athlete's record of a day, read by the engine as the logs are.
    """

    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE,
                                related_name="check_ins")
    date = models.DateField(help_text="The athlete's local date",
                            validators=[validate_date_in_range])
    sleep = _item("1 very poor ... 5 great")
    energy = _item("1 exhausted ... 5 full of energy")
    soreness = _item("Leg soreness: 1 very sore ... 5 fresh")
    stress = _item("1 very stressed ... 5 relaxed")
    mood = _item("1 very low ... 5 great")
    resting_hr = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Resting heart rate, bpm",
        validators=[MinValueValidator(RESTING_HR_RANGE[0]),
                    MaxValueValidator(RESTING_HR_RANGE[1])])
    hrv_ms = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Heart-rate variability (rMSSD), ms",
        validators=[MinValueValidator(HRV_RANGE[0]), MaxValueValidator(HRV_RANGE[1])])
    body_weight_kg = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(BODY_WEIGHT_RANGE[0]),
                    MaxValueValidator(BODY_WEIGHT_RANGE[1])])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every write: the API's ETag.")

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["athlete", "date"], name="check_in_one_per_day"),
            date_in_range("date", name="check_in_date_range"),
            *(models.CheckConstraint(condition=_in_range(item, ITEM_RANGE, optional=False),
                                     name=f"check_in_{item}_range") for item in CHECK_IN_ITEMS),
            models.CheckConstraint(condition=_in_range("resting_hr", RESTING_HR_RANGE),
                                   name="check_in_resting_hr_range"),
            models.CheckConstraint(condition=_in_range("hrv_ms", HRV_RANGE),
                                   name="check_in_hrv_range"),
            models.CheckConstraint(condition=_in_range("body_weight_kg", BODY_WEIGHT_RANGE),
                                   name="check_in_body_weight_range"),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.date}"

    @property
    def readiness(self) -> float:
        """The mean of the five items, to 0.1 (exact: a fifth of a whole number)."""
        return round(sum(getattr(self, item) for item in CHECK_IN_ITEMS) / 5, 1)


class DailyLoad(models.Model):
    """An athlete's session-RPE load on one local date (RULES.md, "Training load"), kept
    current by the services that write sessions (``scheduling.services.load``) and rebuilt
    from them by ``manage.py rebuild_load``. A rest day has no row: its load is 0."""

    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE,
                                related_name="daily_loads")
    date = models.DateField(help_text="The athlete's local date")
    load = models.FloatField(help_text="RPE x minutes, runs and lifts")
    run_load = models.FloatField(default=0)
    strength_load = models.FloatField(default=0)
    estimated = models.BooleanField(
        default=False, help_text="A session of the day had no RPE or no duration")

    class Meta:
        ordering = ["athlete", "date"]
        constraints = [
            models.UniqueConstraint(fields=["athlete", "date"], name="daily_load_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"Load {self.date}: {self.load}"


class ImportState(models.TextChoices):
    PARSING = "parsing", "Reading the files"
    READY = "ready", "Ready to confirm"
    CONFIRMING = "confirming", "Writing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Import(models.Model):
    """One upload of history (files or one archive) for an athlete: read in the background
    into a preview per file, confirmed, then written. ``uploads`` lists the stored originals
    (``[{"name", "path"}]``), kept until ``expires_at`` so that the import can be redone."""

    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    state = models.CharField(max_length=10, choices=ImportState.choices,
                             default=ImportState.PARSING)
    units = models.CharField(max_length=8, help_text="Units of a file that does not say them")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    uploads = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="A worker's claim")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(help_text="The originals are deleted after this")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress_done__lte=models.F("progress_total")),
                                   name="import_progress_bounded"),
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.state})"


class FileOutcome(models.TextChoices):
    READY = "ready", "Ready"
    SKIPPED = "skipped", "Skipped"
    FAILED = "failed", "Failed"


class ImportFile(models.Model):
    """One file of an import (an archive gives one per member) and its verdict. ``preview``
    holds its records ready to write; ``exercises`` the exercise names they use; ``result``
    what confirming made of them (``{"created": {...}, "already_there": {...}}``)."""

    upload = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    outcome = models.CharField(max_length=8, choices=FileOutcome.choices)
    reason = models.TextField(blank=True)
    line = models.PositiveIntegerField(null=True, blank=True,
                                       help_text="The line or record at fault")
    format = models.CharField(max_length=12, blank=True)
    runs = models.PositiveIntegerField(default=0)
    strength_sessions = models.PositiveIntegerField(default=0)
    sets = models.PositiveIntegerField(default=0)
    assumed_units = models.CharField(max_length=8, blank=True)
    original = models.FileField(upload_to="imports/", max_length=255, blank=True)
    preview = models.JSONField(default=list, blank=True)
    exercises = models.JSONField(default=list, blank=True)
    already_there = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    written = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.outcome})"


class ExerciseMapping(models.Model):
    """What an exercise name of an app means for a coach (all their athletes) or for one
    athlete: a library or custom exercise, or nothing (``exercise`` empty: ignore its sets)."""

    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                              blank=True, related_name="exercise_mappings")
    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE, null=True,
                                blank=True, related_name="exercise_mappings")
    name = models.CharField(max_length=120, help_text="The name as the app writes it, folded")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(coach__isnull=True, athlete__isnull=False)
                | Q(coach__isnull=False, athlete__isnull=True),
                name="mapping_one_scope"),
            models.UniqueConstraint(fields=["coach", "name"], condition=Q(coach__isnull=False),
                                    name="mapping_coach_name_unique"),
            models.UniqueConstraint(fields=["athlete", "name"],
                                    condition=Q(athlete__isnull=False),
                                    name="mapping_athlete_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} -> {self.exercise or 'ignored'}"
