"""Profile and availability changes that move an athlete's verdicts re-check them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from athletes.models import AthleteProfile, Availability, User
from athletes.writers import athlete_profile_update, availability_set
from core.errors import DomainError
from scheduling.services.recheck import athlete_recheck_on_commit

# Fields the engine reads: a change to any of them can change a finding or a suggestion.
ENGINE_FIELDS = {"timezone", "level", "units", "equipment", "home_items", "plate_step_kg"}


# The athlete's own: what email they get is theirs to choose, not their coach's.
PERSONAL_FIELDS = {"digest_opt_out"}


@transaction.atomic
def athlete_settings_update(
    *, athlete: AthleteProfile, actor: User | None = None, **fields: Any
) -> set[str]:
    """Change profile fields. ``actor``: who asks (None: the system); a coach may change
    the training settings, only the athlete their personal ones."""
    personal = sorted(PERSONAL_FIELDS & set(fields))
    if personal and actor is not None and actor.pk != athlete.user_id:
        raise DomainError("Only the athlete can change this.", field=personal[0])
    changed = athlete_profile_update(athlete=athlete, **fields)
    if changed & ENGINE_FIELDS:
        athlete_recheck_on_commit(athlete_id=athlete.pk)
    return changed


@transaction.atomic
def athlete_availability_update(
    *, athlete: AthleteProfile, days: Iterable[tuple[int, dt.time, dt.time]]
) -> list[Availability]:
    rows = availability_set(athlete=athlete, days=days)
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    return rows
