"""Profile and availability changes that move an athlete's verdicts re-check them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from athletes.models import AthleteProfile, Availability
from athletes.services import athlete_profile_update, availability_set
from scheduling.services.recheck import athlete_recheck_on_commit

# Fields the engine reads: a change to any of them can change a finding or a suggestion.
ENGINE_FIELDS = {"timezone", "level", "units", "equipment", "home_items", "plate_step_kg"}


@transaction.atomic
def athlete_settings_update(*, athlete: AthleteProfile, **fields: Any) -> set[str]:
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
