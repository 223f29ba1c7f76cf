"""MISSED_SESSION (docs/rules.md, "Readiness and missed sessions"): a key run or a strength
session missed in the last 7 days.

*Missed* is compliance's verdict (``scheduling.engine.compliance``): a planned session dated
before today that no logged session taking part fulfils (``Prepared.every`` holds no draft).
``Prepared`` drops such plans from the items the other rules judge, so this rule reads the
input itself. Days are calendar
dates: a night when the clocks change counts as one day like any other.
"""

from __future__ import annotations

from scheduling.engine.prepare import Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.types import Rule, Severity, SourceType

MISSED_DAYS = 7  # a session missed this many days ago or fewer (yesterday is 1)


def missed_hits(prep: Prepared) -> list[Hit]:
    """One finding per missed key run or strength session dated 1 to 7 days before today."""
    today = prep.today_day
    planned = SourceType.PLANNED
    fulfilled = {s.fulfils.id for s in prep.every
                 if s.is_logged and s.fulfils is not None and s.fulfils.type is planned}
    out = []
    for s in prep.every:
        if s.ref.type is not planned or s.ref.id in fulfilled:
            continue
        days = today - s.date.toordinal()
        if not 1 <= days <= MISSED_DAYS:
            continue
        item = prep.item_of(s)
        if item.is_run and not item.key:
            continue
        out.append(Hit(Rule.MISSED_SESSION, Severity.INFO, (item,), number=days,
                       limit=MISSED_DAYS))
    out.sort(key=lambda h: (h.items[0].day, h.items[0].rkey))
    return out
