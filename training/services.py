"""The write path for exercises, and the input of a logged set.

Logs (strength sessions, sets, runs) are written through ``scheduling.services``, which
links the plan they fulfil and re-checks the athlete; their rows are ``training.writers``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from athletes.models import User
from core.errors import DomainError
from core.validation import validated_save
from training.library import LIBRARY
from training.models import Category, Exercise, Pattern


@dataclass(frozen=True)
class SetInput:
    exercise: str  # slug
    reps: int
    load_kg: Decimal | float | int = 0
    rir: int | None = None
    is_warmup: bool = False
    ground_contacts: int | None = None
    hold_s: int | None = None
    order: int | None = None


@transaction.atomic
def exercise_create(
    *, coach: User, name: str, pattern: str, category: str, lower_body: bool | None = None,
    unilateral: bool = False, equipment: Sequence[str] = (),
) -> Exercise:
    """A coach's custom exercise, visible to their rosters only."""
    if not coach.is_coach and not coach.is_superuser:
        raise DomainError("Only coaches add exercises.")
    if pattern not in Pattern.values:
        raise DomainError(f"Unknown movement pattern {pattern!r}.", field="pattern")
    if category not in Category.values:
        raise DomainError(f"Unknown category {category!r}.", field="category")
    base = slugify(name)[:60] or "exercise"
    slug = f"{base}-c{coach.pk}"
    if Exercise.objects.filter(slug=slug).exists():
        raise DomainError("You already have an exercise with this name.", field="name")
    exercise = Exercise(
        slug=slug, name=name.strip(), pattern=pattern, category=category,
        lower_body=pattern not in {"core", "upper"} if lower_body is None else lower_body,
        unilateral=unilateral, equipment=list(equipment), owner=coach,
    )
    validated_save(exercise)
    return exercise


@transaction.atomic
def exercise_library_sync() -> int:
    """Upsert the library (training.library) by slug; returns how many were written. The
    data migration does the same with the historical model."""
    for item in LIBRARY:
        Exercise.objects.update_or_create(
            slug=item.slug,
            defaults={"name": item.name, "pattern": item.pattern, "category": item.category,
                      "lower_body": item.lower_body, "unilateral": item.unilateral,
                      "equipment": list(item.equipment), "owner": None},
        )
    return len(LIBRARY)
