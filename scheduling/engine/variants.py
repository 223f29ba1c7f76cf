"""Home variants: what an athlete without a barbell does instead (docs/rules.md, "Progression")."""

from __future__ import annotations

from scheduling.engine.types import AthleteContext, ExerciseInfo

GYM = "gym"
BARBELL = "barbell"


def has_barbell(context: AthleteContext) -> bool:
    return GYM in context.equipment or BARBELL in context.equipment


def can_do(context: AthleteContext, info: ExerciseInfo) -> bool:
    """Whether the athlete has everything the exercise needs ("gym" means everything)."""
    return GYM in context.equipment or info.equipment <= context.equipment


def home_variant(context: AthleteContext, info: ExerciseInfo,
                 *, avoid_barbell: bool = False) -> ExerciseInfo | None:
    """The library's nearest variant the athlete can do: same pattern and category, their
    equipment only; loaded beats bodyweight (more of their items used), then the same
    unilateral-ness, then the slug (deterministic)."""
    best: tuple[tuple[int, bool, str], ExerciseInfo] | None = None
    for other in context.exercises.values():
        if other.slug == info.slug or other.pattern is not info.pattern:
            continue
        if other.category is not info.category or not can_do(context, other):
            continue
        if avoid_barbell and BARBELL in other.equipment:
            continue
        rank = (-len(other.equipment & context.equipment), other.unilateral != info.unilateral,
                other.slug)
        if best is None or rank < best[0]:
            best = (rank, other)
    return best[1] if best else None
