"""Set rules: how it is lifted (docs/rules.md, "Set rules")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.lifting import e1rm
from scheduling.engine.classify import Work
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.types import Category, Pattern, Phase, Rule, Session, Severity

MAIN_REPS = (3, 6)
ACCESSORY_REPS = (8, 12)
MAX_SETS_PER_LIFT = 4
STALL_EXPOSURES = 4
STALL_DAYS = 28  # "the last 4 weeks (counted back from today)", today included

_REPS_PHASES = (Phase.BASE, Phase.RACE_SPECIFIC)
_CORE = Pattern.CORE  # core work is outside ACCESSORY_REPS, reps or holds


def session_hits(item: Item, phase: Phase) -> list[Hit]:
    """MAIN_LIFT_REPS, ACCESSORY_REPS, TOO_MANY_SETS and TO_FAILURE for one session.

    ACCESSORY_REPS leaves out core work (planks, Pallof presses, dead bugs), holds (sets in
    seconds) and plyometrics (docs/rules.md)."""
    out: list[Hit] = []
    off_main: list[Work] = []
    off_accessory: list[Work] = []
    failed: list[Work] = []
    per_lift: dict[str, list[Work]] = defaultdict(list)
    lo_main, hi_main = MAIN_REPS
    lo_acc, hi_acc = ACCESSORY_REPS
    for w in item.works:
        if w.warmup:
            continue
        if w.is_main:
            per_lift[w.info.slug].append(w)
            if w.reps_lo < lo_main or w.reps_hi > hi_main:
                off_main.append(w)
            if w.logged and w.rir == 0:
                failed.append(w)
        elif (w.is_accessory and not w.hold and w.info.pattern is not _CORE
              and (w.reps_lo < lo_acc or w.reps_hi > hi_acc)):
            off_accessory.append(w)
    if off_main and phase in _REPS_PHASES:
        out.append(Hit(Rule.MAIN_LIFT_REPS, Severity.INFO, (item,), works=tuple(off_main)))
    if off_accessory:
        out.append(Hit(Rule.ACCESSORY_REPS, Severity.INFO, (item,),
                       works=tuple(off_accessory)))
    too_many = tuple(w for ws in per_lift.values()
                     if sum(x.count for x in ws) > MAX_SETS_PER_LIFT for w in ws)
    if too_many:
        most = max(sum(x.count for x in ws) for ws in per_lift.values())
        out.append(Hit(Rule.TOO_MANY_SETS, Severity.INFO, (item,), works=too_many,
                       number=most, limit=MAX_SETS_PER_LIFT))
    if failed:
        out.append(Hit(Rule.TO_FAILURE, Severity.WARNING, (item,), works=tuple(failed)))
    return out


def _session_best(session: Session, slug: str) -> float | None:
    best: float | None = None
    for s in session.sets:
        if s.exercise == slug:
            value = e1rm(s.load_kg, s.reps, is_warmup=s.is_warmup)
            if value is not None and (best is None or value > best):
                best = value
    return best


def stalled_hits(prep: Prepared) -> list[Hit]:
    """STALLED_PROGRESSION: in base phase (today's), a main lift trained >= 4 times in the
    last 4 weeks whose best e1RM there is no higher than its best of the 4 weeks before.

    A lift with no e1RM in either span (all sets past 10 reps, unloaded) is not judged.
    """
    if prep.phase(prep.today) is not Phase.BASE:
        return []
    today = prep.today.toordinal()
    recent_from = today - STALL_DAYS + 1
    before_from = recent_from - STALL_DAYS
    exposures: dict[str, list[Session]] = defaultdict(list)
    earlier: dict[str, list[Session]] = defaultdict(list)
    get = prep.context.exercises.get
    main = Category.MAIN
    is_main: dict[str, bool] = {}
    for s in prep.logged_strength:
        day = s.date.toordinal()
        if not before_from <= day <= today:
            continue
        target = exposures if day >= recent_from else earlier
        # Each main lift once per session, in the order first met (as a set would not be).
        for slug in {st.exercise: None for st in s.sets if not st.is_warmup}:
            known = is_main.get(slug)
            if known is None:
                info = get(slug)
                known = is_main[slug] = info is not None and info.category is main
            if known:
                target[slug].append(s)
    out: list[Hit] = []
    for slug in sorted(exposures):
        sessions = exposures[slug]
        if len(sessions) < STALL_EXPOSURES or not earlier.get(slug):
            continue
        recent = [v for v in (_session_best(s, slug) for s in sessions) if v is not None]
        prior = [v for v in (_session_best(s, slug) for s in earlier[slug]) if v is not None]
        if not recent or not prior or max(recent) > max(prior):
            continue
        items = tuple(prep.item_of(s) for s in sorted(sessions, key=lambda x: (x.date, x.ref)))
        out.append(Hit(Rule.STALLED_PROGRESSION, Severity.INFO, items, number=max(recent),
                       limit=max(prior), suffix=slug))
    return out


def stall_span(today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates STALLED_PROGRESSION looks at as 'the last 4 weeks'."""
    return today - dt.timedelta(days=STALL_DAYS - 1), today
