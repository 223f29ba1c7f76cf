"""Plyometric rules (docs/rules.md, "Plyometric rules")."""

from __future__ import annotations

import datetime as dt

from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.types import Level, Rule, Severity

CONTACT_CAP = {Level.BEGINNER: 100, Level.INTERMEDIATE: 120, Level.ADVANCED: 140}
BASE_SPANS = 6  # a strength session in each of the six 7-day spans before the date
SPAN_DAYS = 7


def plyo_pair_hit(a: Item, b: Item) -> Hit | None:
    """PLYO_TOO_CLOSE: two plyometric sessions on consecutive days."""
    if not (a.plyo and b.plyo) or abs(a.day - b.day) != 1:
        return None
    first, second = (a, b) if a.day < b.day else (b, a)
    return Hit(Rule.PLYO_TOO_CLOSE, Severity.INFO, (first, second))


def missing_base_spans(prep: Prepared, item: Item) -> list[int]:
    """Indices (0 = days 1-7 before) of the 7-day spans with no strength session."""
    base = prep.base_days
    missing = []
    for span in range(BASE_SPANS):
        last = item.day - 1 - span * SPAN_DAYS
        if base.isdisjoint(range(last - SPAN_DAYS + 1, last + 1)):
            missing.append(span)
    return missing


def session_hits(prep: Prepared, item: Item) -> list[Hit]:
    """PLYO_BEFORE_BASE, PLYO_VOLUME and PLYO_NOT_FIRST for one strength session.

    PLYO_BEFORE_BASE reads the six spans before the session's own date, whatever the
    athlete did before yesterday: a plyometric session ahead has its own six weeks.
    """
    if not item.plyo:
        return []
    out: list[Hit] = []
    ctx = prep.context
    missing = missing_base_spans(prep, item)
    if missing:
        out.append(Hit(Rule.PLYO_BEFORE_BASE, Severity.WARNING, (item,),
                       number=len(missing), limit=missing[0]))
    cap = CONTACT_CAP[ctx.level]
    if item.contacts > cap:
        plyo = tuple(w for w in item.works if w.is_plyo)
        out.append(Hit(Rule.PLYO_VOLUME, Severity.WARNING, (item,), works=plyo,
                       number=item.contacts, limit=cap))
    main_orders = [w.order for w in item.works if w.is_main and not w.warmup]
    if main_orders:
        first_main = min(main_orders)
        late = tuple(w for w in item.works if w.is_plyo and w.order > first_main)
        if late:
            out.append(Hit(Rule.PLYO_NOT_FIRST, Severity.INFO, (item,), works=late))
    return out


def span_dates(item_date: dt.date, span: int) -> tuple[dt.date, dt.date]:
    """First and last date of a 7-day span before a session (0: days 1-7 before)."""
    last = item_date - dt.timedelta(days=1 + span * SPAN_DAYS)
    return last - dt.timedelta(days=SPAN_DAYS - 1), last
