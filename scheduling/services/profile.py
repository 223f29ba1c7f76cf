"""The one write path of an athlete's settings: profile fields and weekly availability.

The rows are written by the internal ``athletes.writers``; the service re-checks the athlete
once when the change can move a verdict, whether it came from the portal's settings page,
the admin's profile page or the API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from athletes import writers
from athletes.models import AthleteProfile, User
from athletes.services import athlete_profile_ensure
from core.errors import DomainError
from scheduling.services.recheck import athlete_recheck_on_commit

# Fields the engine reads: a change to any of them can change a finding or a suggestion.
ENGINE_FIELDS = {"timezone", "level", "units", "equipment", "home_items", "plate_step_kg"}


# The athlete's own: what email they get is theirs to choose, not their coach's.
PERSONAL_FIELDS = {"digest_opt_out"}


@transaction.atomic
def athlete_profile_update(
    *, athlete: AthleteProfile, actor: User | None = None,
    availability: Iterable[tuple[int, dt.time, dt.time]] | None = None, **fields: Any,
) -> set[str]:
    """Change profile ``fields`` and, when given, replace the weekly ``availability`` (a
    (weekday, earliest, latest) per day the athlete trains). ``actor``: who asks (None: the
    system); a coach may change the training settings, only the athlete their personal ones.
    Re-checks the athlete once if a field the engine reads changed or the availability was
    given. Returns the names of the profile fields that changed."""
    personal = sorted(PERSONAL_FIELDS & set(fields))
    if personal and actor is not None and actor.pk != athlete.user_id:
        raise DomainError("Only the athlete can change this.", field=personal[0])
    changed = writers.athlete_profile_update(athlete=athlete, **fields)
    if availability is not None:
        writers.availability_set(athlete=athlete, days=availability)
    if changed & ENGINE_FIELDS or availability is not None:
        athlete_recheck_on_commit(athlete_id=athlete.pk)
    return changed


@transaction.atomic
def athlete_onboard(
    *, user: User, availability: Iterable[tuple[int, dt.time, dt.time]], **fields: Any,
) -> AthleteProfile:
    """The athlete's first-run step: their own profile (made now for a new account) gets the
    ``fields`` (time zone, units, level, equipment) and the weekly ``availability``, and
    the portal stops sending them to the step. Returns the profile."""
    athlete = athlete_profile_ensure(user=user)
    athlete_profile_update(athlete=athlete, actor=user, availability=availability, **fields)
    writers.user_first_run_done(user=user)
    return athlete
