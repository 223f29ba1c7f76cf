"""The lighter versions of a session a one-click fix may offer (docs/rules.md, "Suggestions"),
and what a fix leaves in the session's week, in words.

A lighter version keeps the day, the lifts and the loads, and cuts sets:

- **moderate**: the heavy sets of lower-body main lifts cut to 2 in all (1-2 heavy sets make a
  moderate session), the coach's intensity set to moderate;
- **light**: every main lift cut to 2 sets at RIR 3 or more, the intensity set to light;
- **fewer jumps**: plyometric sets cut until the contacts are within the level's cap, or the
  jumps taken out (a session with other work left);
- a key run becomes an easy run (its planned RPE at most 4).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from scheduling.engine.classify import work_is_heavy
from scheduling.engine.phases import WEEKLY_WANTED
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.plyo import CONTACT_CAP
from scheduling.engine.rules.readiness import LIGHT_RIR, LIGHT_SETS
from scheduling.engine.text import date_text, plural
from scheduling.engine.timeline import monday_of
from scheduling.engine.types import Category, Intensity, PrescriptionLine, RunType, Session

MODERATE_HEAVY_SETS = 2  # "1-2 such sets make it moderate"
EASY_RPE = 4
# The lighter versions, as a lighten fix's id ends (``lighten:planned:12:moderate``).
EASY, FEWER_JUMPS, NO_JUMPS = "easy", "fewer-jumps", "no-jumps"
VARIANTS = (Intensity.MODERATE.value, Intensity.LIGHT.value, EASY, FEWER_JUMPS, NO_JUMPS)


def variant(prep: Prepared, item: Item, name: str) -> Session | None:
    """The lighter version ``name`` (one of ``VARIANTS``) of ``item``; None when it has none."""
    if name == EASY:
        return easier_run(item) if item.is_run else None
    if item.is_run:
        return None
    if name in (FEWER_JUMPS, NO_JUMPS):
        return fewer_jumps(prep, item, none=name == NO_JUMPS)
    return lighter(prep, item, Intensity(name))


def lighter(prep: Prepared, item: Item, to: Intensity) -> Session:
    """The planned strength session ``item`` cut to a ``to`` (moderate or light) version."""
    session = item.session
    exercises = prep.context.exercises
    lines: list[PrescriptionLine] = []
    if to is Intensity.MODERATE:
        heavy_orders = {(w.info.slug, w.order) for w in item.works
                        if w.is_lower_main and not w.warmup and work_is_heavy(w, prep.e1rm)}
        budget = MODERATE_HEAVY_SETS
        for line in session.prescription:
            if (line.exercise, line.order) not in heavy_orders:
                lines.append(line)
                continue
            keep = min(line.sets, budget)
            budget -= keep
            if keep:
                lines.append(line._replace(sets=keep))
    else:
        for line in session.prescription:
            info = exercises.get(line.exercise)
            if info is not None and info.category is Category.MAIN:
                rir = line.rir if line.rir is not None and line.rir >= LIGHT_RIR else LIGHT_RIR
                line = line._replace(sets=min(line.sets, LIGHT_SETS), rir=rir)
            lines.append(line)
    return dataclasses.replace(session, intensity=to, prescription=tuple(lines))


def fewer_jumps(prep: Prepared, item: Item, *, none: bool) -> Session | None:
    """``item`` with its plyometric sets cut to the level's contact cap (``none``: the jumps
    taken out); None when nothing else would be left."""
    session = item.session
    exercises = prep.context.exercises

    def plyo(line: PrescriptionLine) -> bool:
        info = exercises.get(line.exercise)
        return info is not None and info.category is Category.PLYOMETRIC

    others = [line for line in session.prescription if not plyo(line)]
    if none:
        return dataclasses.replace(session, prescription=tuple(others)) if others else None
    room = CONTACT_CAP[prep.context.level]
    lines: list[PrescriptionLine] = []
    for line in session.prescription:
        if plyo(line):
            per_set = line.ground_contacts or line.reps_max or 1
            keep = min(line.sets, room // per_set)
            room -= keep * per_set
            if not keep:
                continue
            line = line._replace(sets=keep)
        lines.append(line)
    if not lines:
        return None
    return dataclasses.replace(session, prescription=tuple(lines))


def easier_run(item: Item) -> Session:
    """A key run made an easy run (its planned RPE at most ``EASY_RPE``)."""
    session = item.session
    rpe = min(session.rpe, EASY_RPE) if session.rpe is not None else None
    return dataclasses.replace(session, run_type=RunType.EASY, rpe=rpe)


def _week_items(prep: Prepared, monday: dt.date) -> list[Item]:
    return list(prep.near(monday.toordinal(), 0, 6))


def week_words(prep: Prepared, monday: dt.date, *, gone: Item | None = None,
               new: Item | None = None, runs: bool = False) -> str:
    """``2 strength sessions in the week of Monday 7 Dec, 1 of them heavy`` after a fix that
    takes ``gone`` out of the week and puts ``new`` in (either may be None). ``runs``: count
    the runs (and key runs) instead."""
    items = [i for i in _week_items(prep, monday)
             if gone is None or i.tag != gone.tag]
    if new is not None and monday_of(new.date) == monday:
        items.append(new)
    week = f"the week of {date_text(monday)}"
    if runs:
        found = [i for i in items if i.is_run]
        key = sum(1 for i in found if i.key)
        return f"{plural(len(found), 'run')} in {week}, {key} of them key"
    found = [i for i in items if not i.is_run]
    heavy = sum(1 for i in found if i.heavy)
    text = f"{plural(len(found), 'strength session')} in {week}"
    if found:
        text += f", {heavy} of them heavy"
    wanted = WEEKLY_WANTED[prep.phase(monday)]
    if len(found) < wanted:
        text += f" (the {prep.phase(monday).value.replace('_', '-')} phase wants {wanted})"
    return text
