"""Internal: the rows of an athlete's settings (profile fields, weekly availability).

A writer validates and writes the athletes' own tables. It does not re-check the athlete:
the public service that composes it does, in ``scheduling.services.profile`` (athletes may
not import scheduling): ``athlete_profile_update`` of the same name. So a writer is called
from nowhere else: the faces, the admin, the commands and the importers call the public
service, and an import-linter contract (pyproject.toml, "Writers are internal") lets only
``scheduling.services`` import this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from athletes.models import AthleteProfile, Availability, Units, User
from athletes.services import profile_fields
from core.errors import DomainError
from core.plates import step_carried, step_normal
from core.rows import row_lock
from core.validation import validated_clean


@transaction.atomic
def athlete_profile_update(*, athlete: AthleteProfile, **fields: Any) -> set[str]:
    """Update profile fields; returns the names of the fields that changed. A change of units
    without a plate step carries the step to the nearest usual one of the new units (2.5 kg
    becomes 5 lb): nobody loads 5.5 lb. A pound step is kept on whole quarter pounds.
    The row is read again under a lock and only the changed fields are saved, so a
    concurrent change of another field is kept."""
    changed = set()
    fields = profile_fields(fields)
    row_lock(athlete, what="Athlete")
    units = fields.get("units") if fields.get("units") in Units.values else athlete.units
    if fields.get("plate_step_kg") is None and units != athlete.units:
        fields["plate_step_kg"] = step_carried(athlete.plate_step_kg, units)
    if fields.get("plate_step_kg") is not None:
        fields["plate_step_kg"] = step_normal(fields["plate_step_kg"], units)
    for key, value in fields.items():
        if getattr(athlete, key) != value:
            setattr(athlete, key, value)
            changed.add(key)
    cleared = set()
    if athlete.equipment == "gym" and athlete.home_items:
        athlete.home_items = []
        cleared.add("home_items")
    if changed:
        validated_clean(athlete)
        athlete.save(update_fields=sorted(changed | cleared))
    return changed


@transaction.atomic
def availability_set(
    *, athlete: AthleteProfile, days: Iterable[tuple[int, dt.time, dt.time]]
) -> list[Availability]:
    """Replace the athlete's weekly availability with ``days`` (weekday, earliest, latest)."""
    rows = [Availability(athlete=athlete, weekday=d, earliest=e, latest=la) for d, e, la in days]
    seen: set[int] = set()
    for i, row in enumerate(rows):
        if row.weekday in seen:
            raise DomainError(f"Day {row.weekday} is given twice.", field=f"days[{i}].weekday")
        seen.add(row.weekday)
        if not 0 <= row.weekday <= 6:
            raise DomainError("Weekday is 0 (Monday) to 6 (Sunday).", field="weekday")
        if row.earliest > row.latest:
            raise DomainError("Earliest start is after the latest.", field="earliest")
        validated_clean(row, exclude=["athlete"])
    Availability.objects.filter(athlete=athlete).delete()
    return Availability.objects.bulk_create(rows)


@transaction.atomic
def user_first_run_done(*, user: User) -> None:
    """The user has set up their training: the portal stops sending them to the step."""
    User.objects.filter(pk=user.pk).update(first_run_due=False)
    user.first_run_due = False
