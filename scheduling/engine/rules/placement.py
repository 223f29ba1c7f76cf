"""Placement rules: hard run vs heavy lift (docs/rules.md, "Placement rules").

Each rule is a function of one pair of sessions, so the full check (a sweep over neighbouring
dates) and the placer's what-if evaluation of one moved session (``local_hits``) share the
same code and cannot disagree. One pair gives at most one placement finding: a pair whose
times overlap ``SESSIONS_OVERLAP`` alone, the same-day codes for another same-day pair,
``HEAVY_BEFORE_KEY_RUN`` only across dates.
"""

from __future__ import annotations

from collections.abc import Iterable

from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.dose import race_hits
from scheduling.engine.rules.hit import Hit
from scheduling.engine.rules.plyo import plyo_pair_hit
from scheduling.engine.slots import host_time
from scheduling.engine.timeline import HOUR
from scheduling.engine.types import Intensity, Rule, Severity

BEFORE_KEY_ERROR_H = 24.0
BEFORE_KEY_WARNING_H = 36.0
SAME_DAY_WARNING_H = 3.0
SAME_DAY_INFO_H = 6.0
HEAVY_MIN_DAYS_APART = 3


def overlaps(a: Item, b: Item) -> bool:
    """Whether two sessions' times overlap: the same date, both with a start time, their
    spans (start to start + duration, 60 min when none; real time) sharing a moment."""
    return (a.day == b.day and a.start_time is not None and b.start_time is not None
            and a.start < b.end and b.start < a.end)


def overlap_hit(a: Item, b: Item) -> Hit:
    """SESSIONS_OVERLAP of two sessions, runs or strength, whose times overlap (``overlaps``);
    ``number``: the minutes they share."""
    first, second = (a, b) if a.before(b) else (b, a)
    shared = (min(a.end, b.end) - max(a.start, b.start)) / 60.0
    return Hit(Rule.SESSIONS_OVERLAP, Severity.WARNING, (first, second), number=shared)


def overlap_hits(prep: Prepared) -> list[Hit]:
    """Every overlapping pair, date by date (each date's items are in start order)."""
    out: list[Hit] = []
    for found in prep.by_day.values():
        timed = [i for i in found if i.start_time is not None]
        for n, a in enumerate(timed):
            for b in timed[n + 1:]:
                if b.start >= a.end:
                    break  # the rest start later still
                if overlaps(a, b):
                    out.append(overlap_hit(a, b))
    return out


def run_pair_hit(s: Item, r: Item) -> Hit | None:
    """The one placement finding of strength session ``s`` and run ``r``, if any."""
    days = r.day - s.day
    if days == 0:
        if not r.key or not s.heavy:
            return None
        if s.before(r):
            return Hit(Rule.HEAVY_SAME_DAY_BEFORE_RUN, Severity.ERROR, (s, r),
                       gap_h=(r.start - s.end) / HOUR)
        gap = (s.start - r.end) / HOUR
        if gap < SAME_DAY_WARNING_H:
            return Hit(Rule.SAME_DAY_TOO_CLOSE, Severity.WARNING, (r, s), gap_h=gap)
        if gap < SAME_DAY_INFO_H:
            return Hit(Rule.SAME_DAY_TOO_CLOSE, Severity.INFO, (r, s), gap_h=gap)
        return None
    if days > 0:
        if not r.key or not s.heavy:
            return None
        gap = (r.start - s.end) / HOUR
        if gap < BEFORE_KEY_ERROR_H:
            return Hit(Rule.HEAVY_BEFORE_KEY_RUN, Severity.ERROR, (s, r), gap_h=gap)
        if gap < BEFORE_KEY_WARNING_H:
            return Hit(Rule.HEAVY_BEFORE_KEY_RUN, Severity.WARNING, (s, r), gap_h=gap)
        return None
    if days == -1 and r.long and s.loaded:
        return Hit(Rule.HEAVY_AFTER_LONG_RUN, Severity.WARNING, (r, s),
                   gap_h=(s.start - r.end) / HOUR)
    return None


def heavy_pair_hit(a: Item, b: Item) -> Hit | None:
    """HEAVY_SESSIONS_TOO_CLOSE: two heavy lower sessions fewer than 3 calendar days apart."""
    if not (a.heavy and b.heavy):
        return None
    apart = abs(a.day - b.day)
    if apart >= HEAVY_MIN_DAYS_APART:
        return None
    first, second = (a, b) if a.before(b) else (b, a)
    return Hit(Rule.HEAVY_SESSIONS_TOO_CLOSE, Severity.WARNING, (first, second),
               number=apart, limit=HEAVY_MIN_DAYS_APART)


def pair_hits(prep: Prepared) -> list[Hit]:
    """Every pair finding among the prepared sessions (each pair visited once)."""
    out = overlap_hits(prep)
    for s in prep.items:
        if s.is_run:
            continue
        day = s.day
        for o in prep.near(day, 1, 3):
            if o.day == day and overlaps(s, o):
                continue  # SESSIONS_OVERLAP alone
            if o.is_run:
                if s.loaded:
                    hit = run_pair_hit(s, o)
                    if hit is not None:
                        out.append(hit)
            elif o.day > day or (o.day == day and s.rkey < o.rkey):
                if o.day - day < HEAVY_MIN_DAYS_APART and s.heavy and o.heavy:
                    hit = heavy_pair_hit(s, o)
                    if hit is not None:
                        out.append(hit)
                if s.plyo and o.plyo:
                    hit = plyo_pair_hit(s, o)
                    if hit is not None:
                        out.append(hit)
    return out


def local_hits(prep: Prepared, moved: Item, extra: Iterable[Item] = ()) -> list[Hit]:
    """Every placement, race and plyo-pair finding that involves ``moved``, with the session
    at its new date and time (its old self is ignored); ``extra``: sessions placed so far
    that ``prep`` does not hold."""
    day = moved.day
    if not moved.is_run:
        return strength_hits(prep, moved, partners(prep, moved, day, extra))
    out: list[Hit] = []
    tag = moved.tag
    # A run pairs with strength 3 days before to 1 after it, and with any session whose
    # time it overlaps.
    others: Iterable[Item] = prep.near(day, 3, 1)
    if extra:
        others = [*others, *(o for o in extra if abs(o.day - day) <= 3)]
    for o in others:
        if o.tag == tag:
            continue
        if o.day == day and overlaps(moved, o):
            out.append(overlap_hit(o, moved))
        elif not o.is_run and o.loaded:
            hit = run_pair_hit(o, moved)
            if hit is not None:
                out.append(hit)
    return out


def partners(prep: Prepared, item: Item, day: int, extra: Iterable[Item] = ()) -> list[Item]:
    """The sessions strength session ``item``, placed on ``day`` (at any time), could make a
    pair finding with, in ``local_hits`` order: runs 1 day before to 3 after it that its
    intensity can clash with, strength 2 days either side that it can clash with, and any
    session of ``day`` with a start time (whose time it may overlap)."""
    others: Iterable[Item] = prep.near(day, 2, 3)
    if extra:
        others = [*others, *(o for o in extra if abs(o.day - day) <= 3)]
    tag = item.tag
    heavy = item.heavy
    plyo = item.plyo
    loaded = item.intensity is not Intensity.LIGHT
    out = []
    for o in others:
        if o.tag == tag:
            continue
        if o.day == day and o.start_time is not None:
            out.append(o)
        elif o.is_run:
            if loaded:
                days = o.day - day
                if (days >= 0 and heavy and o.key) or (days == -1 and o.long):
                    out.append(o)
        elif (heavy and o.heavy) or (plyo and o.plyo):
            out.append(o)
    return out


def strength_hits(prep: Prepared, moved: Item, partners: Iterable[Item]) -> list[Hit]:
    """``local_hits`` of a strength session among its ``partners`` (see ``partners``; each
    pair function checks what the pair must be, so a partner there only for its time
    raises nothing unless it overlaps)."""
    out: list[Hit] = []
    heavy = moved.heavy
    plyo = moved.plyo
    day = moved.day
    for o in partners:
        if o.day == day and overlaps(moved, o):
            out.append(overlap_hit(moved, o))
            continue
        if o.is_run:
            hit = run_pair_hit(moved, o)
            if hit is not None:
                out.append(hit)
            continue
        if heavy and o.heavy:
            hit = heavy_pair_hit(moved, o)
            if hit is not None:
                out.append(hit)
        if plyo and o.plyo:
            hit = plyo_pair_hit(moved, o)
            if hit is not None:
                out.append(hit)
    if prep.race_day is not None:
        out.extend(race_hits(prep, moved))
    return out


def easy_day_hits(prep: Prepared) -> list[tuple[Hit, Item | None]]:
    """STRENGTH_ON_EASY_DAY with the host it could move to (None for a logged session).

    An easy-run day has runs and none of them key. A key-run day of the same ISO week can
    host the session when its evening slot (>= 6 h after the key run, inside availability)
    makes no placement, race or plyo finding at all. A planned session looks at days from
    today on; a logged one at the whole week (a hint for next time).
    """
    out: list[tuple[Hit, Item | None]] = []
    for s in prep.items:
        if not s.heavy:
            continue
        day_runs = [o for o in prep.day_items(s.day) if o.is_run]
        if not day_runs or any(r.key for r in day_runs):
            continue
        monday = s.day - s.date.weekday()
        first = max(monday, prep.today.toordinal()) if s.movable else monday
        for day in range(first, monday + 7):
            runs = [o for o in prep.day_items(day) if o.is_run]
            if day in (s.day, prep.race_day) or not any(r.key for r in runs):
                continue
            at = host_time(prep.context, runs[0].date, runs)
            if at is None:
                continue
            host = s.moved(prep.zone, runs[0].date, at)
            if (s.movable and prep.past(host.start)) or local_hits(prep, host):
                continue
            out.append((Hit(Rule.STRENGTH_ON_EASY_DAY, Severity.INFO, (s,)),
                        host if s.movable else None))
            break
    return out
