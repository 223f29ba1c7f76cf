"""Races and phase blocks. An A race lays down the default phases around it (RULES.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from athletes.models import AthleteProfile, User
from core.errors import DomainError, Forbidden
from core.rows import row_lock, save_changed
from core.validation import validated_clean, validated_save
from scheduling import engine
from scheduling.models import Phase, PhaseBlock, Priority, Race
from scheduling.services.locks import writes_as_athlete
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


PHASES_ARE_COACHS = "Your coach sets your training phases."


def _day(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def _neighbours(block: PhaseBlock) -> tuple[PhaseBlock | None, PhaseBlock | None]:
    """The athlete's blocks just before and just after ``block`` (by start), locked."""
    others = list(PhaseBlock.objects.select_for_update().filter(athlete_id=block.athlete_id)
                  .exclude(pk=block.pk).order_by("start", "id"))
    key = (block.start, block.pk)
    before = [b for b in others if (b.start, b.pk) < key]
    after = [b for b in others if (b.start, b.pk) > key]
    return (before[-1] if before else None), (after[0] if after else None)


def _fit_between(block: PhaseBlock, old_start: dt.date, old_end: dt.date,
                 before: PhaseBlock | None, after: PhaseBlock | None) -> list[PhaseBlock]:
    """Keep the phases in order and apart: a neighbour that touched the block's old dates
    follows its new ones (the race-specific phase ends the day before the taper starts); any
    other overlap, or a neighbour left with no day, is a field error. Returns the
    neighbours changed."""
    one = dt.timedelta(days=1)
    changed = []
    if before is not None:
        name = before.get_phase_display()
        if before.end == old_start - one:  # touching: it follows
            if block.start - one < before.start:
                raise DomainError(f"That leaves {name} no days: start on "
                                  f"{_day(before.start + one)} or later.", field="start")
            before.end = block.start - one
            changed.append(before)
        elif before.end >= block.start:
            raise DomainError(f"It would overlap {name} ({_day(before.start)} to "
                              f"{_day(before.end)}): start on {_day(before.end + one)} or "
                              "later.", field="start")
    if after is not None:
        name = after.get_phase_display()
        if after.start == old_end + one:
            if block.end + one > after.end:
                raise DomainError(f"That leaves {name} no days: end on "
                                  f"{_day(after.end - one)} or earlier.", field="end")
            after.start = block.end + one
            changed.append(after)
        elif after.start <= block.end:
            raise DomainError(f"It would overlap {name} ({_day(after.start)} to "
                              f"{_day(after.end)}): end on {_day(after.start - one)} or "
                              "earlier.", field="end")
    return changed


@transaction.atomic
def phase_block_update(*, block: PhaseBlock, actor: User | None = None,
                       **fields: Any) -> PhaseBlock:
    """An edited block is the coach's own: a moved race no longer replaces it. Only the
    ``fields`` given are saved, on the row read again under a lock. New dates keep the
    phases in order without overlaps: a neighbour that touched the block follows it (and
    becomes the coach's own too); anything else is a ``DomainError`` on ``start`` or
    ``end``. ``actor``: who asks; an athlete's phases are their coach's (``Forbidden``)."""
    unknown = sorted(set(fields) - {"phase", "start", "end"})
    if unknown:
        raise DomainError(f"Unknown field {unknown[0]}.", field=unknown[0])
    if writes_as_athlete(actor=actor, athlete=block.athlete):
        raise Forbidden(PHASES_ARE_COACHS, field=min(fields) if fields else None)
    row_lock(block, what="Phase block")
    old_start, old_end = block.start, block.end
    before, after = _neighbours(block)
    for key, value in fields.items():
        setattr(block, key, value)
    block.auto = False
    if block.start > block.end:
        raise DomainError("The phase ends before it starts.", field="end")
    validated_clean(block)
    changed = []
    if (block.start, block.end) != (old_start, old_end):
        changed = _fit_between(block, old_start, old_end, before, after)
    for other in changed:
        other.auto = False
        validated_clean(other)
        other.save(update_fields=["start", "end", "auto"])
    block.save(update_fields=[*fields, "auto"])
    athlete_recheck_on_commit(athlete_id=block.athlete_id)
    return block


@transaction.atomic
def phase_block_delete(*, block: PhaseBlock) -> None:
    athlete_id = block.athlete_id
    block.delete()
    athlete_recheck_on_commit(athlete_id=athlete_id)
