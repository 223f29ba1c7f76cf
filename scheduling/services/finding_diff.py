"""The diff of findings: given the stored findings of the athletes just checked and what the
check found now, decide what to write. Pure (no Django, no database), so the rules of the
upsert are tested on plain tuples (tests/scheduling/test_finding_diff.py); the check
(``scheduling.services.checks``) reads the stored rows and carries the plan out.

The rules (DESIGN.md "Data that matters"), a finding being known by its fingerprint:
- found and not stored: created, open;
- stored and found again: its status stays (acknowledged stays acknowledged); kept as it is
  when it says the same (same content hash), rewritten when its words changed;
- stored resolved and found again: its cause is back, it is reopened (rewritten, open);
- stored open or acknowledged and no longer found: resolved when the check judges it (its
  cause is gone), left as it is when the check does not (it cannot tell). What a check
  judges is the engine's ``Scope``: a date in the window, for a weekly finding its ISO week
  overlapping the window (the week that straddles the window's start included), for
  STALLED_PROGRESSION today's look back;
- stored resolved and not found: left resolved.
Nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from scheduling.engine import Scope

OPEN, RESOLVED = "open", "resolved"  # values of scheduling.models.FindingStatus

Key = tuple[int, str]  # athlete id, fingerprint


class Stored(NamedTuple):
    """A stored finding: the columns the diff reads."""

    pk: int
    athlete_id: int
    fingerprint: str
    status: str  # open, acknowledged or resolved
    dates: Sequence[str]  # ISO dates, as the row's JSON holds them
    content_hash: str  # of what it says
    rule: str  # its code


class Rewrite(NamedTuple):
    """A stored finding to rewrite with what the check says now, and the status to write."""

    pk: int
    key: Key
    status: str


@dataclass
class Plan:
    """What to write; each stored finding is in exactly one of the lists by its pk (or in a
    ``Rewrite``), each finding found in exactly one by its key (or its stored pk)."""

    create: list[Key] = field(default_factory=list)  # found, not stored: inserted open
    reopen: list[Rewrite] = field(default_factory=list)  # resolved and found again: open
    update: list[Rewrite] = field(default_factory=list)  # found again, other words: rewritten
    keep: list[int] = field(default_factory=list)  # found again, same words: last_seen moves
    resolve: list[int] = field(default_factory=list)  # gone, and the check judges it
    leave: list[int] = field(default_factory=list)  # not found: resolved, or not judged


def diff(stored: Iterable[Stored], found: Mapping[Key, str], scopes: Mapping[int, Scope]) -> Plan:
    """The plan for ``stored`` (every stored finding the check may touch), given ``found``
    (the content hash of each finding the check found, by key) and what the check of each
    athlete judged. Creations follow the order of ``found``, the rest that of ``stored``."""
    plan = Plan()
    seen: set[Key] = set()
    for row in stored:
        key = (row.athlete_id, row.fingerprint)
        new_hash = found.get(key)
        if new_hash is not None:
            seen.add(key)
            if row.status == RESOLVED:
                plan.reopen.append(Rewrite(row.pk, key, OPEN))
            elif new_hash == row.content_hash:
                plan.keep.append(row.pk)
            else:
                plan.update.append(Rewrite(row.pk, key, row.status))
        elif row.status != RESOLVED and scopes[row.athlete_id].judges(
                row.rule, [dt.date.fromisoformat(d) for d in row.dates]):
            plan.resolve.append(row.pk)
        else:
            plan.leave.append(row.pk)
    plan.create.extend(key for key in found if key not in seen)
    return plan

