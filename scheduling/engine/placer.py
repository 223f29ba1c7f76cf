"""The strength-session placer (RULES.md, "The placer").

Runs are fixed. For each strength session of the week it tries a few start times on each
remaining day inside availability, evaluates every candidate with the very rules ``check``
uses (``local_hits``) and scores it:

1. the evening of a key-run day, >= 6 h after the run ("hard days hard"): +100;
2. else a day >= 48 h before the next key run and not the day after a long run: +50;
3. a heavy session < 72 h from another heavy one: -40;
4. each warning it would raise: -30, each hint: -5; an error: never (the slot is dropped).

Several sessions are placed greedily, hardest first (heavy, then moderate, then light; the
plan's own sessions before new ones), each seeing the ones placed before it, so their
spacing holds. Same input, same output: ties go to the earlier date and time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from scheduling.engine.phases import WEEKLY_WANTED
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.rules.placement import local_hits
from scheduling.engine.slots import HARD_DAY_GAP_H, candidate_times
from scheduling.engine.text import hours, weekday, whose
from scheduling.engine.timeline import HOUR, monday_of
from scheduling.engine.types import (
    AthleteContext,
    Intensity,
    Kind,
    Phase,
    Proposal,
    Rule,
    Session,
    SessionRef,
    Severity,
    Slot,
    SourceType,
)
from scheduling.engine.variants import can_do, home_variant

HARD_DAY_BONUS = 100.0
FREE_DAY_BONUS = 50.0
FREE_DAY_GAP_H = 48.0
HEAVY_SPACING_H = 72.0
HEAVY_SPACING_PENALTY = 40.0
WARNING_PENALTY = 30.0
INFO_PENALTY = 5.0
STAY_BONUS = 2.0
NEW_SESSION_INTENSITY = {
    Phase.BASE: Intensity.HEAVY,
    Phase.OFFSEASON: Intensity.HEAVY,
    Phase.RACE_SPECIFIC: Intensity.HEAVY,  # maintenance: keep it heavy, cut sets
    Phase.TAPER: Intensity.LIGHT,
    Phase.RECOVERY: Intensity.LIGHT,
}
_RANK = {Intensity.HEAVY: 0, Intensity.MODERATE: 1, Intensity.LIGHT: 2}
_ERROR_WORDS = {
    Rule.HEAVY_BEFORE_KEY_RUN: "less than 24 h before a key run",
    Rule.HEAVY_SAME_DAY_BEFORE_RUN: "before a key run on the same day",
    Rule.TAPER_HEAVY: "7 days or fewer before the race",
}


@dataclasses.dataclass(slots=True)
class Scored:
    item: Item  # the session at the candidate date and time
    score: float
    reasons: tuple[str, ...]
    hits: list[Hit]


def _runs(prep: Prepared, extra: Sequence[Item], first: int, last: int) -> list[Item]:
    found = [o for o in prep.near(first, 0, last - first) if o.is_run]
    found.extend(o for o in extra if o.is_run and first <= o.day <= last)
    return found


def score_slot(prep: Prepared, moved: Item, extra: Sequence[Item] = (),
               allowed_errors: Collection[str] = (), home_day: int | None = None,
               ) -> Scored | None:
    """Score one candidate placement; None when it would raise a (new) error."""
    hits = local_hits(prep, moved, extra)
    if any(h.severity is Severity.ERROR and h.key not in allowed_errors for h in hits):
        return None
    score = 0.0
    reasons: list[str] = []
    runs = _runs(prep, extra, moved.day - 1, moved.day + 3)
    earlier_key = [r for r in runs if r.key and r.day == moved.day
                   and r.end <= moved.start - HARD_DAY_GAP_H * HOUR]
    if earlier_key:
        run = max(earlier_key, key=lambda r: r.end)
        score += HARD_DAY_BONUS
        reasons.append(f"the evening of {whose(run, prep)}, "
                       f"{hours((moved.start - run.end) / HOUR)} after it: hard days hard")
    else:
        after_long = [r for r in runs if r.long and r.day == moved.day - 1]
        upcoming = [r for r in runs if r.key and r.start >= moved.start]
        nxt = min(upcoming, key=lambda r: r.start) if upcoming else None
        gap = (nxt.start - moved.end) / HOUR if nxt is not None else None
        if not after_long and (gap is None or gap >= FREE_DAY_GAP_H):
            score += FREE_DAY_BONUS
            if nxt is not None and gap is not None:
                reasons.append(f"{hours(gap)} before {whose(nxt, prep)}, "
                               "not the day after a long run")
            else:
                reasons.append("no key run in the next 48 h, not the day after a long run")
    if moved.heavy:
        others = [o for o in prep.near(moved.day, 3, 3) if o.heavy and o.ref != moved.ref]
        others.extend(o for o in extra if o.heavy and o.ref != moved.ref)
        close = [o for o in others if abs(o.start - moved.start) < HEAVY_SPACING_H * HOUR]
        if close:
            score -= HEAVY_SPACING_PENALTY
            o = close[0]
            reasons.append(f"only {hours(abs(o.start - moved.start) / HOUR)} from "
                           f"{whose(o, prep)} (heavy sessions want 72 h apart)")
        elif others:
            reasons.append("72 h or more from the other heavy lower sessions")
    for hit in hits:
        if hit.severity is Severity.WARNING:
            score -= WARNING_PENALTY
            reasons.append(f"but it raises a warning: {hit.rule.value}")
        elif hit.severity is Severity.INFO:
            score -= INFO_PENALTY
            reasons.append(f"but it raises a hint: {hit.rule.value}")
    if home_day is not None and moved.day == home_day:
        score += STAY_BONUS
        reasons.append("keeps its day")
    return Scored(moved, score, tuple(reasons), hits)


def ranked_slots(prep: Prepared, item: Item, monday: dt.date, *,
                 extra: Sequence[Item] = (), allowed_errors: Collection[str] = (),
                 rejected: list[Hit] | None = None) -> list[Scored]:
    """Every candidate placement of a strength session in the ISO week of ``monday`` from
    today on, best first (score, then date and time); dropped ones go to ``rejected``."""
    out: list[Scored] = []
    first = max(monday.toordinal(), prep.today.toordinal())
    home = item.day if item.session.ref.id >= 0 else None
    for day in range(first, monday.toordinal() + 7):
        date = dt.date.fromordinal(day)
        for at in candidate_times(prep.context, date, _runs(prep, extra, day, day)):
            moved = item.moved(prep.zone, date, at)
            scored = score_slot(prep, moved, extra, allowed_errors, home)
            if scored is not None:
                out.append(scored)
            elif rejected is not None:
                rejected.extend(h for h in local_hits(prep, moved, extra)
                                if h.severity is Severity.ERROR)
    out.sort(key=lambda s: (-s.score, s.item.day, s.item.start))
    return out


def best_per_day(ranked: Iterable[Scored]) -> list[Scored]:
    seen: set[int] = set()
    out = []
    for s in ranked:
        if s.item.day not in seen:
            seen.add(s.item.day)
            out.append(s)
    return out


def unplaced_reason(prep: Prepared, monday: dt.date, rejected: list[Hit]) -> str:
    if not rejected:
        start = max(monday, prep.today)
        return (f"No available start time from {weekday(start)} to Sunday this week "
                "(check the availability).")
    causes = sorted({_ERROR_WORDS.get(h.rule, h.rule.value) for h in rejected})
    return ("Nowhere this week without an error: every available time is "
            + " or ".join(causes) + ". Make it a moderate session (1-2 heavy sets) "
            "or skip it this week.")


def _equipment_note(context: AthleteContext, item: Item) -> tuple[str, str]:
    """(reason note, blocking reason) about equipment the session needs."""
    notes: list[str] = []
    for w in item.works:
        if can_do(context, w.info):
            continue
        variant = home_variant(context, w.info)
        needs = ", ".join(sorted(w.info.equipment - context.equipment))
        if variant is None:
            return "", (f"{w.info.name} needs {needs}, and no variant in the library fits "
                        "the equipment you have.")
        note = f"at home: {w.info.name} becomes {variant.name} (no {needs})"
        if note not in notes:
            notes.append(note)
    return "; ".join(notes), ""


def _new_session(index: int, monday: dt.date, intensity: Intensity) -> Session:
    return Session(ref=SessionRef(SourceType.PLANNED, -1 - index), kind=Kind.STRENGTH,
                   date=monday, intensity=intensity, title="new strength session")


def propose(context: AthleteContext, sessions: Sequence[Session], *, week_monday: dt.date,
            today: dt.date) -> tuple[Proposal, ...]:
    """Where each strength session of the ISO week of ``week_monday`` could go, best first."""
    monday = monday_of(week_monday)
    prep = Prepared(context, sessions, today=today, first=monday,
                    last=monday + dt.timedelta(days=6))
    week = [i for i in prep.near(monday.toordinal(), 0, 6) if not i.is_run]
    todo: list[tuple[Item, bool]] = [(i, False) for i in week if i.movable]
    phase = prep.phase(monday)
    missing = max(0, WEEKLY_WANTED[phase] - len(week))
    for n in range(missing):
        new = prep.item_of(_new_session(n, monday, NEW_SESSION_INTENSITY[phase]))
        new.movable = True
        todo.append((new, True))
    prep.drop({i.ref for i, _ in todo})
    todo.sort(key=lambda t: (_RANK[t[0].intensity or Intensity.LIGHT], t[1], t[0].day,
                             t[0].ref))
    placed: list[Item] = []
    out: list[tuple[tuple[bool, SessionRef], Proposal]] = []
    for item, is_new in todo:
        intensity = item.intensity or Intensity.LIGHT
        ref = None if is_new else item.ref
        order_key = (is_new, item.ref)
        note, blocked = _equipment_note(context, item)
        if blocked:
            out.append((order_key, Proposal(ref, intensity, (), blocked)))
            continue
        rejected: list[Hit] = []
        ranked = ranked_slots(prep, item, monday, extra=placed, rejected=rejected)
        if not ranked:
            out.append((order_key, Proposal(ref, intensity, (),
                                            unplaced_reason(prep, monday, rejected))))
            continue
        placed.append(ranked[0].item)
        slots = tuple(
            Slot(s.item.date, s.item.session.start_time or dt.time(0), s.score,
                 s.reasons + ((note,) if note else ()))
            for s in best_per_day(ranked))
        out.append((order_key, Proposal(ref, intensity, slots)))
    return tuple(p for _, p in sorted(out, key=lambda x: x[0]))
