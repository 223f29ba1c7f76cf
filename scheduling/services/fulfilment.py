"""Which planned session each logged one fulfils (RULES.md, *Fulfils*), on engine sessions.

One definition: ``training.load.fulfilments`` (the daily load uses it too). A logged session
that names a plan (the plan's ``logged_strength`` / ``logged_run``) keeps it; one that names
none and takes part (a working set, a run with a duration or a distance) fulfils the free
plan of its kind on its date, runs by type first, then the nearest start time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

from scheduling import engine
from scheduling.engine.compliance import takes_part
from training import load as maths

_PLANNED = engine.SourceType.PLANNED


def _minute(t: dt.time | None) -> int | None:
    return None if t is None else t.hour * 60 + t.minute


def with_fulfilments(sessions: Sequence[engine.Session], linked: Mapping[int, int]
                     ) -> list[engine.Session]:
    """The sessions, each logged one that names no plan given the plan it fulfils by date.
    ``linked``: planned session id -> the id of the logged session (of its kind) it names,
    read from the plans' links (a plan linked to a session not given is still taken; one
    linked to a draft given is not)."""
    plans: list[maths.PlanSlot] = []
    plans_on_day: dict[dt.date, list[maths.PlanSlot]] = defaultdict(list)
    logs_on_day: dict[dt.date, list[maths.LogSlot]] = defaultdict(list)
    planned: list[engine.Session] = []
    drafts: set[tuple[str, int]] = set()  # a plan linked to a draft given here is free
    for s in sessions:
        if s.ref.type is _PLANNED:
            planned.append(s)
        elif not takes_part(s):
            drafts.add((s.kind.value, s.ref.id))
        elif s.fulfils is None:
            logs_on_day[s.date].append(maths.LogSlot(
                s.ref.id, s.kind.value, s.run_type.value if s.run_type is not None else "",
                _minute(s.start_time)))
    if not logs_on_day:
        return list(sessions)
    for s in planned:
        named = linked.get(s.ref.id)
        if named is not None and drafts and (s.kind.value, named) in drafts:
            named = None
        slot = maths.PlanSlot(s.ref.id, s.kind.value,
                              s.run_type.value if s.run_type is not None else "",
                              _minute(s.start_time), s.rpe, named)
        plans.append(slot)
        plans_on_day[s.date].append(slot)
    found = maths.fulfilments(plans, logs_on_day, plans_on_day)
    out = []
    for s in sessions:
        if s.ref.type is not _PLANNED and s.fulfils is None:
            plan = found.get((s.kind.value, s.ref.id))
            if plan is not None:
                s = dataclasses.replace(s, fulfils=engine.SessionRef(_PLANNED, plan.id))
        out.append(s)
    return out
