"""``check``: every rule of docs/rules.md over one athlete's sessions, as findings.

One ``Prepared`` pass judges and times each session once; the rules then sweep neighbouring
dates. Only the findings the window's ``Scope`` judges are put into words (the last of their
sessions inside the window; weekly findings: their ISO week overlaps it;
STALLED_PROGRESSION: today's look back overlaps it), so history costs little.

A finding the caller already holds in the same words (its ``signature`` is among ``known``,
and nothing the words or the move read can have changed since: ``_settled``) is returned
with ``kept`` set and no words or move: one-click moves and text are most of the engine's
time, and a night mostly finds again what it found the night before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from scheduling.engine.explain import words
from scheduling.engine.fixes import Fixer
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
    SuggestedMove,
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


def _finding(hit: Hit, prep: Prepared, fixer: Fixer, host: Item | None, sign: str) -> Finding:
    title, explanation, suggestion = words(hit, prep)
    found = fixer.suggest(hit, host)
    return Finding(rule=_RULE_TEXT[hit.rule], severity=hit.severity, sessions=hit.refs,
                   dates=_dates(hit), title=title, explanation=explanation,
                   suggestion=found.text or suggestion, key=hit.key, move=found.move,
                   fixes=found.fixes, signature=sign)


def _dates(hit: Hit) -> tuple[dt.date, ...]:
    items = hit.items
    if len(items) == 1:
        return (items[0].date,)
    if items:
        return tuple(sorted({i.date for i in items}))
    return (hit.week,) if hit.week else ()


_RULE_TEXT = {r: r.value for r in Rule}
# Findings whose words or move read the clock or a check-in, whatever their dates.
_UNSETTLED = TODAY_RULES | {Rule.MISSED_SESSION, Rule.SORE_LEGS_BEFORE_HEAVY,
                            Rule.LOW_READINESS}
# A move searches its session's ISO week, and a slot is scored against the sessions up to
# this many days around it.
_REACH = 4


def _settled(hit: Hit, today: int) -> bool:
    """Whether the hit's words and move can only have changed by a write since they were
    last made (a write re-checks at once, in full): its dates, and the sessions around them
    a move or its words read, are all days gone (the missed among them already missed), or
    all after the clock can reach (from the Monday of its first date on, later than today
    by ``_REACH`` days)."""
    if hit.rule in _UNSETTLED:
        return False
    if hit.week is not None:
        first, last = hit.week.toordinal(), hit.week.toordinal() + 6
    elif hit.items:
        days = [i.day for i in hit.items]
        first, last = min(days), max(days)
    else:
        return False
    if last + _REACH < today:
        return True
    monday = first - dt.date.fromordinal(first).weekday()
    return monday - _REACH > today


def signature(hit: Hit, stamp: str) -> str:
    """What a finding is made of, hashed: its identity and severity, the measures behind
    it and when its sessions are (``stamp``: the e1RMs the check read)."""
    text = "|".join((hit.key, hit.severity.value, repr(hit.number), repr(hit.limit),
                     repr(hit.gap_h), stamp, *(f"{i.tag}@{i.start}-{i.end}" for i in hit.items)))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def check(context: AthleteContext, sessions: Sequence[Session], *, today: dt.date,
          window_start: dt.date, window_end: dt.date,
          now: dt.datetime | None = None,
          known: Mapping[str, Sequence[SuggestedMove]] | None = None) -> tuple[Finding, ...]:
    """Findings whose last session is in [window_start, window_end] (weekly: whose ISO
    week overlaps it), sorted by first date, severity, rule and key. ``sessions``: the
    window's ISO weeks in full plus history for the rules that look back (e1RM,
    STALLED_PROGRESSION, PLYO_BEFORE_BASE). ``now`` (aware): no move to a slot that has
    already begun. ``known``: the signatures of the findings the caller holds in words, each
    with the moves its stored fixes suggest; a settled one found again comes back ``kept``,
    without words or fixes, and its moves keep their slots from the fixes of the others."""
    known = known or {}
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
    out: list[Finding] = []
    fresh: list[tuple[Hit, Item | None, str]] = []
    taken: list[SuggestedMove] = []
    seen: set[str] = set()
    looks_back = Scope(today, window_start, window_end).looks_back
    hits = _hits(prep, first, last, mondays, looks_back)
    # The e1RMs the rules read (none: no line needed one), part of every signature.
    e1rms = prep.e1rm_cache
    if known and e1rms is None and any(w.pct is not None for i in prep.items for w in i.works):
        prep.e1rm("")  # the words of a % of e1RM line read them
        e1rms = prep.e1rm_cache
    stamp = repr(sorted(e1rms.items())) if e1rms else ""
    today_day = prep.today_day
    for hit, host in hits:
        # ``Scope.judges``, on the items' ordinals (STALLED_PROGRESSION names the sessions of
        # today's look back, whatever their dates).
        if hit.week is None and hit.rule not in TODAY_RULES and not (
                first <= max(i.day for i in hit.items) <= last):
            continue
        key = hit.key
        if key in seen:
            continue
        seen.add(key)
        sign = signature(hit, stamp)
        if sign in known and host is None and _settled(hit, today_day):
            out.append(Finding(rule=_RULE_TEXT[hit.rule], severity=hit.severity,
                               sessions=hit.refs, dates=_dates(hit), title="",
                               explanation="", suggestion="", key=key, signature=sign,
                               kept=True))
            taken.extend(known[sign])  # its stored moves keep their slots
            continue
        fresh.append((hit, host, sign))
    fixer = Fixer(prep, taken)
    out += [_finding(hit, prep, fixer, host, sign) for hit, host, sign in sorted(
        fresh, key=lambda h: (SEVERITY_RANK[h[0].severity], h[0].key))]  # as fixes.by_severity
    out.sort(key=lambda f: (f.dates[0] if f.dates else dt.date.min,
                            SEVERITY_RANK[f.severity], f.rule, f.key))
    return tuple(out)
