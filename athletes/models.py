"""People and who may see whom: users, athlete profiles, rosters, memberships, invitations."""

from __future__ import annotations

import functools
import secrets
import zoneinfo
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone


class Units(models.TextChoices):
    METRIC = "metric", "Metric (kg, km)"
    IMPERIAL = "imperial", "Imperial (lb, mi)"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Logs in by email (case-insensitive, unique). A coach is a staff user with rosters."""

    email = models.EmailField("email address", max_length=254, unique=True)
    name = models.CharField("full name", max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_coach = models.BooleanField(default=False)
    # A coach's nightly roster digest (an athlete's own digest: AthleteProfile.digest_opt_out).
    digest_opt_out = models.BooleanField("no roster digest email", default=False)
    # A new athlete has yet to set their time zone, units, level, equipment and days (the
    # portal's first-run step): set by sign-up and by an account made without a time zone,
    # cleared by the step. Accounts made with one (and every account before the step
    # existed) start without it.
    first_run_due = models.BooleanField(default=False)
    # The units a coach reads loads and distances in on every athlete's pages (an athlete
    # reads their own profile's units): kg/km unless they choose lb/mi.
    units = models.CharField("units I read in", max_length=8, choices=Units.choices,
                             default=Units.METRIC)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = ["name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


@functools.cache
def iana_zones() -> frozenset[str]:
    """Every IANA zone name (``available_timezones`` reads the disk: ~20 ms a call)."""
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in iana_zones():
        raise ValidationError(f"{value!r} is not an IANA time zone (e.g. Europe/Berlin).")


class Level(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class EquipmentMode(models.TextChoices):
    GYM = "gym", "Gym (everything)"
    HOME = "home", "Home"


class HomeItem(models.TextChoices):
    DUMBBELLS = "dumbbells", "Dumbbells"
    KETTLEBELL = "kettlebell", "Kettlebell"
    BACKPACK = "backpack", "Backpack"
    BAND = "band", "Resistance band"
    BOX = "box", "Box or step"
    BARBELL = "barbell", "Barbell"


def validate_home_items(value: Any) -> None:
    allowed = set(HomeItem.values)
    if not isinstance(value, list) or any(item not in allowed for item in value):
        raise ValidationError(f"Equipment items must be a list of: {', '.join(sorted(allowed))}.")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class AthleteProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="athlete")
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    units = models.CharField(max_length=8, choices=Units.choices, default=Units.METRIC)
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.INTERMEDIATE)
    equipment = models.CharField(
        max_length=4, choices=EquipmentMode.choices, default=EquipmentMode.GYM
    )
    home_items = models.JSONField(default=list, blank=True, validators=[validate_home_items])
    plate_step_kg = models.DecimalField(
        max_digits=4, decimal_places=2, default=2.5,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(25)],
        help_text="The least the athlete can add to a bar, in kg. A pound lifter's step is "
                  "whole quarter pounds stored in kg: 5 lb is 2.27 (core.plates).",
    )
    digest_opt_out = models.BooleanField(default=False)
    calendar_token = models.CharField(max_length=64, default=new_calendar_token, unique=True)
    # The athlete's local date of the last nightly check: the nightly claim (issue 5).
    nightly_checked_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(plate_step_kg__gt=0) & Q(plate_step_kg__lte=25),
                name="profile_plate_step_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Availability(models.Model):
    """One available day of the week, with the earliest and latest start times."""

    athlete = models.ForeignKey(
        AthleteProfile, on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(
        help_text="0 = Monday ... 6 = Sunday", validators=[MaxValueValidator(6)]
    )
    earliest = models.TimeField()
    latest = models.TimeField()

    class Meta:
        ordering = ["weekday"]
        verbose_name_plural = "availability"
        constraints = [
            models.UniqueConstraint(fields=["athlete", "weekday"], name="availability_one_per_day"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="availability_weekday"),
            models.CheckConstraint(
                condition=Q(earliest__lte=models.F("latest")), name="availability_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.earliest:%H:%M}-{self.latest:%H:%M}"

    def get_weekday_display(self) -> str:
        return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self.weekday]


class Roster(models.Model):
    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="rosters")
    name = models.CharField(max_length=120)
    lock_sessions = models.BooleanField(
        "athletes cannot move or delete the sessions I plan", default=False,
        help_text="The sessions the coach plans for this roster's athletes start locked.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["coach", "name"], name="roster_name_unique_per_coach"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="memberships")
    athlete = models.ForeignKey(
        AthleteProfile, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["roster", "athlete"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.athlete} on {self.roster}"


class Invitation(models.Model):
    """An emailed, expiring, single-use invitation onto a roster. Only the token's hash is kept."""

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(accepted_by__isnull=False),
                name="invitation_accepted_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.roster}"

    def is_pending(self) -> bool:
        """Not yet accepted, not yet expired: its link still works."""
        return self.accepted_at is None and self.expires_at > timezone.now()
