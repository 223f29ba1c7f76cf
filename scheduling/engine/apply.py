"""A stored fix carried out on today's plan: what it changes (``change_of``) and whether that
still fits (``misfit``), from its id alone (docs/rules.md, "Suggestions").

A fix's id says everything it does: ``move:planned:12@2026-12-08T13:30``,
``lighten:planned:12:moderate`` (or ``light``, ``easy``, ``fewer-jumps``, ``no-jumps``),
``drop:planned:12``. A lighter version is cut again from the session as it is now, so a
prescription changed since is not overwritten with a stale one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from scheduling.engine.check import check
from scheduling.engine.lighten import VARIANTS, variant
from scheduling.engine.prepare import Prepared
from scheduling.engine.timeline import monday_of
from scheduling.engine.types import (
    AthleteContext,
    FixKind,
    Kind,
    Phase,
    Session,
    SessionRef,
    Severity,
    SourceType,
)

_WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Change:
    """What a fix does to one planned session: ``after`` is None when it drops it."""

    kind: FixKind
    before: Session
    after: Session | None


def _parse(fix_id: str) -> tuple[FixKind, SessionRef, str] | None:
    kind_text, _, rest = fix_id.partition(":")
    try:
        kind = FixKind(kind_text)
    except ValueError:
        return None
    if kind is FixKind.MOVE:
        tag, _, extra = rest.partition("@")
    else:
        parts = rest.split(":")
        tag, extra = ":".join(parts[:2]), ":".join(parts[2:])
    kind_of_ref, _, ident = tag.partition(":")
    if kind_of_ref != SourceType.PLANNED.value or not ident.isdigit():
        return None
    return kind, SessionRef(SourceType.PLANNED, int(ident)), extra


def change_of(context: AthleteContext, sessions: Sequence[Session], fix_id: str, *,
              today: dt.date, now: dt.datetime | None = None) -> Change | None:
    """The change ``fix_id`` makes to the plan; None when the id is malformed, its session is
    not in ``sessions`` or is done, has begun or is past (a move may make a missed session
    up), or it has no such lighter version."""
    parsed = _parse(fix_id)
    if parsed is None:
        return None
    kind, ref, extra = parsed
    session = next((s for s in sessions if s.ref == ref), None)
    if session is None:
        return None
    prep = Prepared(context, sessions, today=today, first=monday_of(session.date),
                    last=monday_of(session.date) + dt.timedelta(days=6), now=now)
    item = prep.item_of(session)
    if kind is FixKind.MOVE:
        # A missed session may be made up; one that something fulfils is done.
        if any(s.is_logged and s.fulfils == ref for s in sessions):
            return None
    elif not item.movable:
        return None
    if kind is FixKind.DROP:
        return Change(kind, session, None) if not extra else None
    if kind is FixKind.LIGHTEN:
        if extra not in VARIANTS:
            return None
        lighter = variant(prep, item, extra)
        return Change(kind, session, lighter) if lighter is not None else None
    day_text, _, time_text = extra.partition("T")
    try:
        day = dt.date.fromisoformat(day_text)
        at = dt.time.fromisoformat(time_text) if time_text else None
    except ValueError:
        return None
    return Change(kind, session, dataclasses.replace(session, date=day, start_time=at))


def misfit(context: AthleteContext, sessions: Sequence[Session], change: Change, *,
           today: dt.date, now: dt.datetime | None = None) -> str:
    """Why ``change`` no longer fits the plan, in words; "" when it fits: it makes no error
    the plan does not have, puts no second strength session on a date, does not cross the
    goal race nor move into its taper, and does not start at a time already gone."""
    after = change.after
    before = change.before
    if after is not None and change.kind is FixKind.MOVE:
        prep = Prepared(context, sessions, today=today, first=after.date, last=after.date,
                        now=now)
        moved = prep.item_of(after)
        if after.date < today or prep.past(moved.start):
            return "That slot has passed: check again for a new suggestion."
        if after.kind is Kind.STRENGTH and any(
                not o.is_run and o.ref != before.ref for o in prep.day_items(moved.day)):
            return (f"{after.date:%A %-d %b} has another strength session now: check again "
                    "for a new suggestion.")
        race = context.goal_race
        if race is not None:
            if (before.date < race.date) != (after.date < race.date) or after.date == race.date:
                return "That would cross the goal race."
            if prep.phase(before.date) is not Phase.TAPER and prep.phase(
                    after.date) is Phase.TAPER:
                return "That would move it into the taper."
    plan = [s for s in sessions if s.ref != before.ref]
    if after is not None:
        plan.append(after)
    dates = [before.date] + ([after.date] if after is not None else [])
    start = monday_of(min(dates)) - _WEEK
    end = monday_of(max(dates)) + 2 * _WEEK - dt.timedelta(days=1)

    def errors(of: Sequence[Session]) -> set[str]:
        return {f.key for f in check(context, of, today=today, window_start=start,
                                     window_end=end, now=now)
                if f.severity is Severity.ERROR}

    if errors(plan) - errors(sessions):
        return "The plan has changed since: this would now make an error. Check again."
    return ""
