"""Races and phase blocks. An A race lays down the default phases around it (RULES.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from athletes.models import AthleteProfile
from athletes.services import validated_clean, validated_save
from core.errors import DomainError
from core.rows import row_lock, save_changed
from scheduling import engine
from scheduling.models import Phase, PhaseBlock, Priority, Race
from scheduling.services.recheck import athlete_recheck_on_commit

RACE_FIELDS = {"name", "date", "start_time", "distance_m", "priority"}


def _lay_default_phases(race: Race) -> None:
    """Replace this race's automatic blocks with RULES.md's defaults (a B or C race: none)."""
    PhaseBlock.objects.filter(race=race, auto=True).delete()
    if race.priority != Priority.A:
        return
    blocks = engine.default_phases(engine.Race(date=race.date, name=race.name))
    PhaseBlock.objects.bulk_create([
        PhaseBlock(athlete_id=race.athlete_id, race=race, auto=True, phase=b.phase.value,
                   start=b.start, end=b.end)
        for b in blocks
        if b.phase is not engine.Phase.BASE  # base is what no block says
    ])


@transaction.atomic
def race_create(*, athlete: AthleteProfile, **fields: Any) -> Race:
    unknown = set(fields) - RACE_FIELDS
    if unknown:
        raise DomainError(f"Unknown field {min(unknown)}.", field=min(unknown))
    race = Race(athlete=athlete, **fields)
    validated_save(race)
    _lay_default_phases(race)
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    return race


@transaction.atomic
def race_update(*, race: Race, version: int | None = None, **fields: Any) -> Race:
    """Change the ``fields`` given and only those, on the row read again under a lock (a
    concurrent change of another field is kept). ``version``: the one the caller saw
    (``If-Match``); another one raises ``PreconditionFailed``."""
    unknown = sorted(set(fields) - RACE_FIELDS)
    if unknown:
        raise DomainError(f"Unknown field {unknown[0]}.", field=unknown[0])
    row_lock(race, version=version, what="Race")
    for key, value in fields.items():
        setattr(race, key, value)
    validated_clean(race)
    save_changed(race, fields)
    _lay_default_phases(race)
    athlete_recheck_on_commit(athlete_id=race.athlete_id)
    return race


@transaction.atomic
def race_delete(*, race: Race, version: int | None = None) -> None:
    """``version``: as for ``race_update``."""
    row_lock(race, version=version, what="Race")
    athlete_id = race.athlete_id
    race.delete()  # its automatic phase blocks go with it
    athlete_recheck_on_commit(athlete_id=athlete_id)


@transaction.atomic
def phase_block_create(
    *, athlete: AthleteProfile, phase: str, start: dt.date, end: dt.date
) -> PhaseBlock:
    if phase not in Phase.values:
        raise DomainError(f"Unknown phase {phase!r}.", field="phase")
    block = PhaseBlock(athlete=athlete, phase=phase, start=start, end=end, auto=False)
    validated_save(block)
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    return block


@transaction.atomic
def phase_block_update(*, block: PhaseBlock, **fields: Any) -> PhaseBlock:
    """An edited block is the coach's own: a moved race no longer replaces it. Only the
    ``fields`` given are saved, on the row read again under a lock."""
    unknown = sorted(set(fields) - {"phase", "start", "end"})
    if unknown:
        raise DomainError(f"Unknown field {unknown[0]}.", field=unknown[0])
    row_lock(block, what="Phase block")
    for key, value in fields.items():
        setattr(block, key, value)
    block.auto = False
    validated_clean(block)
    block.save(update_fields=[*fields, "auto"])
    athlete_recheck_on_commit(athlete_id=block.athlete_id)
    return block


@transaction.atomic
def phase_block_delete(*, block: PhaseBlock) -> None:
    athlete_id = block.athlete_id
    block.delete()
    athlete_recheck_on_commit(athlete_id=athlete_id)
