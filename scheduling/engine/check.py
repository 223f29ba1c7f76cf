"""``check``: every rule of docs/rules.md over one athlete's sessions, as findings.

One ``Prepared`` pass judges and times each session once; the rules then sweep neighbouring
dates. Only the findings the window's ``Scope`` judges are put into words (a date inside the
window; weekly findings: their ISO week overlaps it; STALLED_PROGRESSION: today's look back
overlaps it), so history costs little.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from scheduling.engine.explain import words
from scheduling.engine.fixes import Fixer, by_severity
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules import dose, missed, placement, plyo, readiness, sets
from scheduling.engine.rules.hit import SEVERITY_RANK, Hit
from scheduling.engine.scope import TODAY_RULES, Scope
from scheduling.engine.timeline import monday_of
from scheduling.engine.types import (
    AthleteContext,
    Finding,
    Rule,
    Session,
)

_WEEK = dt.timedelta(days=7)


def _hits(prep: Prepared, first: int, last: int, mondays: list[dt.date], looks_back: bool,
          ) -> list[tuple[Hit, Item | None]]:
    found: list[tuple[Hit, Item | None]] = [(h, None) for h in placement.pair_hits(prep)]
    found.extend(placement.easy_day_hits(prep))
    for monday in mondays:
        found.extend((h, None) for h in dose.weekly_hits(prep, monday))
    for item in prep.items:
        if item.is_run or not first <= item.day <= last:
            continue
        phase = prep.phase(item.date)
        single = dose.race_hits(prep, item)
        single += dose.e1rm_hits(prep, item)
        single += dose.maintenance_hits(item, phase)
        single += sets.session_hits(item, phase)
        single += plyo.session_hits(prep, item)
        found.extend((h, None) for h in single)
    found.extend((h, None) for h in readiness.hits(prep))
    found.extend((h, None) for h in missed.missed_hits(prep))
    if looks_back:
        found.extend((h, None) for h in sets.stalled_hits(prep))
    return found


def _finding(hit: Hit, prep: Prepared, fixer: Fixer, host: Item | None) -> Finding:
    title, explanation, suggestion = words(hit, prep)
    found = fixer.suggest(hit, host)
    items = hit.items
    if len(items) == 1:
        dates: tuple[dt.date, ...] = (items[0].date,)
    elif items:
        dates = tuple(sorted({i.date for i in items}))
    else:
        dates = (hit.week,) if hit.week else ()
    return Finding(rule=_RULE_TEXT[hit.rule], severity=hit.severity, sessions=hit.refs,
                   dates=dates, title=title, explanation=explanation,
                   suggestion=found.text or suggestion, key=hit.key, move=found.move,
                   fixes=found.fixes)


_RULE_TEXT = {r: r.value for r in Rule}


def check(context: AthleteContext, sessions: Sequence[Session], *, today: dt.date,
          window_start: dt.date, window_end: dt.date,
          now: dt.datetime | None = None) -> tuple[Finding, ...]:
    """Findings with a date in [window_start, window_end], sorted by first date, severity,
    rule and key. ``sessions``: the window's ISO weeks in full plus history for the rules
    that look back (e1RM, STALLED_PROGRESSION, PLYO_BEFORE_BASE). ``now`` (aware): no move
    to a slot that has already begun."""
    first_monday = monday_of(window_start)
    last_sunday = monday_of(window_end) + dt.timedelta(days=6)
    prep = Prepared(context, sessions, today=today, first=first_monday, last=last_sunday,
                    now=now)
    first, last = window_start.toordinal(), window_end.toordinal()
    mondays = []
    monday = first_monday
    while monday <= window_end:
        mondays.append(monday)
        monday += _WEEK
    kept: list[tuple[Hit, Item | None]] = []
    seen: set[str] = set()
    looks_back = Scope(today, window_start, window_end).looks_back
    for hit, host in _hits(prep, first, last, mondays, looks_back):
        # ``Scope.judges``, on the items' ordinals (STALLED_PROGRESSION names the sessions of
        # today's look back, whatever their dates).
        if hit.week is None and hit.rule not in TODAY_RULES and not any(
                first <= i.day <= last for i in hit.items):
            continue
        key = hit.key
        if key in seen:
            continue
        seen.add(key)
        kept.append((hit, host))
    fixer = Fixer(prep)
    out = [_finding(hit, prep, fixer, host) for hit, host in by_severity(kept)]
    out.sort(key=lambda f: (f.dates[0] if f.dates else dt.date.min,
                            SEVERITY_RANK[f.severity], f.rule, f.key))
    return tuple(out)
