"""The strength-session placer (docs/rules.md, "The placer").

Runs are fixed. For each strength session of the week it tries a few start times on each
remaining day inside availability, evaluates every candidate with the very rules ``check``
uses (``local_hits``) and scores it (``scoring``: hard days hard, free days, heavy spacing,
less for each finding it would raise, never a new error).

No slot goes on the goal race's date.

Several sessions are placed greedily, hardest first (heavy, then moderate, then light; the
plan's own sessions before new ones), each seeing the ones placed before it, so their
spacing holds. Same input, same output: ties go to the earlier date and time.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Collection, Iterable, Iterator, Sequence

from scheduling.engine.phases import WEEKLY_WANTED
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules import placement
from scheduling.engine.rules.dose import (
    RACE_WEEK_HOURS,
    TAPER_ERROR_DAYS,
    TAPER_WARNING_DAYS,
)
from scheduling.engine.rules.hit import Hit, finding_key
from scheduling.engine.scoring import (
    ERROR_PENALTY,
    FREE_DAY_BONUS,
    FREE_DAY_GAP_H,
    HARD_DAY_BONUS,
    HEAVY_SPACING_H,
    HEAVY_SPACING_PENALTY,
    INFO_PENALTY,
    OTHER_PHRASES,
    STAY_BONUS,
    WARNING_PENALTY,
    DayFacts,
    Scored,
    bound_at,
    day_times,
    facts_for,
    pair_key,
    penalties,
)
from scheduling.engine.text import date_text
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




class SlotSearch:
    """Candidate placements of one session in one ISO week, yielded best first, lazily.

    Each candidate's score before findings is an upper bound of its final score, so the
    candidates are evaluated (``local_hits``) in order of that bound and one is yielded as
    soon as no unevaluated candidate could beat it: the order is exactly that of scoring
    everything, at the cost of a few evaluations. Evaluations are memoised, so iterating
    again is cheap.
    """

    def __init__(self, prep: Prepared, item: Item, monday: dt.date, *,
                 extra: Sequence[Item] = (), allowed_errors: Collection[str] = (),
                 collect: bool = True) -> None:
        self.prep = prep
        self.item = item
        self.collect = collect  # keep the errors of rejected candidates in ``rejected``
        self.extra = extra
        self.allowed = allowed_errors
        self.rejected: list[Hit] = []
        home = item.day if item.ref.id >= 0 else None
        self.home = home
        first = max(monday.toordinal(), prep.today_day)
        cands: list[tuple[float, int, float, dt.time]] = []
        append = cands.append
        duration = self.duration = item.end - item.start
        heavy = item.heavy
        self._info: dict[int, DayFacts] = {}
        self._partners: dict[int, list[Item]] = {}
        free_gap = FREE_DAY_GAP_H * HOUR
        spacing = HEAVY_SPACING_H * HOUR
        for day in range(first, monday.toordinal() + 7):
            if day == prep.race_day:
                continue
            times = day_times(prep, day)
            if not times:
                continue
            info = self._info[day] = facts_for(prep, extra, day, item)
            after_long = info.after_long
            near_heavy = info.heavy if heavy else None
            stay = home is not None and day == home
            # ``bound_at``'s score, inlined (the same operations in the same order).
            for at, start, hard, nxt in times:
                score = 0.0
                if hard:
                    score += HARD_DAY_BONUS
                elif (nxt is None or nxt - (start + duration) >= free_gap) and not after_long:
                    score += FREE_DAY_BONUS
                if near_heavy and any(abs(o.start - start) < spacing for o in near_heavy):
                    score -= HEAVY_SPACING_PENALTY
                if stay:
                    score += STAY_BONUS
                append((-score, day, start, at))
        cands.sort(key=lambda c: (c[0], c[1], c[2]))
        self._cands = cands
        self._done: list[Scored] = []  # evaluated and kept, in yield order
        self._heap: list[tuple[float, int, float, int]] = []
        self._next = 0

    def _penalty(self, day: int, start: float) -> float | None:
        """The findings' penalty of a candidate, or None when it raises an error not in
        ``allowed``: ``strength_hits`` reduced to arithmetic (no ``Hit`` is built; the
        test suite holds the two to the same verdicts)."""
        partners = self._partners.get(day)
        item = self.item
        if partners is None:
            partners = self._partners[day] = placement.partners(self.prep, item, day,
                                                                self.extra)
        end = start + self.duration
        total = 0.0
        allowed = self.allowed
        heavy = item.heavy
        for o in partners:
            if o.day == day and o.start_time is not None and start < o.end and o.start < end:
                total += WARNING_PENALTY  # SESSIONS_OVERLAP, and no other code for the pair
                continue
            if o.is_run:
                days = o.day - day
                if days == 0:
                    if not (heavy and o.key):
                        continue  # a partner for its time only
                    if start < o.start:  # before a same-day key run (candidates have a time)
                        if not allowed or pair_key(Rule.HEAVY_SAME_DAY_BEFORE_RUN, item,
                                                    o) not in allowed:
                            return None
                        total += ERROR_PENALTY
                        continue
                    gap = (start - o.end) / HOUR
                    if gap < placement.SAME_DAY_WARNING_H:
                        total += WARNING_PENALTY
                    elif gap < placement.SAME_DAY_INFO_H:
                        total += INFO_PENALTY
                elif days > 0:
                    gap = (o.start - end) / HOUR
                    if gap < placement.BEFORE_KEY_ERROR_H:
                        if not allowed or pair_key(Rule.HEAVY_BEFORE_KEY_RUN, item,
                                                    o) not in allowed:
                            return None
                        total += ERROR_PENALTY
                    elif gap < placement.BEFORE_KEY_WARNING_H:
                        total += WARNING_PENALTY
                else:
                    total += WARNING_PENALTY  # the day after a long run
                continue
            apart = o.day - day
            if heavy and o.heavy and -placement.HEAVY_MIN_DAYS_APART < apart < (
                    placement.HEAVY_MIN_DAYS_APART):
                total += WARNING_PENALTY
            if item.plyo and o.plyo and (apart == 1 or apart == -1):
                total += INFO_PENALTY
        race_at = self.prep.race_start
        if race_at is not None and start < race_at:
            days = (self.prep.race_day or 0) - day
            if item.heavy and days <= TAPER_WARNING_DAYS:
                if days <= TAPER_ERROR_DAYS:
                    if not allowed or finding_key(Rule.TAPER_HEAVY, (item.ref,)) not in allowed:
                        return None
                    total += ERROR_PENALTY
                else:
                    total += WARNING_PENALTY
            if (race_at - end) / HOUR < RACE_WEEK_HOURS:
                total += WARNING_PENALTY
        return total

    def _evaluate(self, index: int) -> None:
        neg_bound, day, start, at = self._cands[index]
        penalty = self._penalty(day, start)
        if penalty is None:
            if self.collect:
                self.rejected.extend(h for h in self._hits(day, start, at)[1]
                                     if h.severity is Severity.ERROR)
            return
        heapq.heappush(self._heap, (neg_bound + penalty, day, start, index))

    def _hits(self, day: int, start: float, at: dt.time) -> tuple[Item, list[Hit]]:
        moved = self.item.moved_to(dt.date.fromordinal(day), day, at, start)
        partners = self._partners[day]
        return moved, placement.strength_hits(self.prep, moved, partners)

    def _scored(self, index: int) -> Scored:
        """The candidate put together in full: the moved item, its findings, its reasons."""
        _, day, start, at = self._cands[index]
        moved, hits = self._hits(day, start, at)
        item = self.item
        bound, why = bound_at(day, start, start + self.duration, item.heavy, self._info[day],
                               self.home)
        return Scored(moved, bound - penalties(hits), hits, *why)

    def __iter__(self) -> Iterator[Scored]:
        yield from self._done
        cands = self._cands
        while self._next < len(cands) or self._heap:
            while self._next < len(cands) and (
                    not self._heap or cands[self._next][:3] < self._heap[0][:3]):
                self._next += 1
                self._evaluate(self._next - 1)
            if self._heap:
                best = self._scored(heapq.heappop(self._heap)[3])
                self._done.append(best)
                yield best


def ranked_slots(prep: Prepared, item: Item, monday: dt.date, *,
                 extra: Sequence[Item] = (), allowed_errors: Collection[str] = (),
                 rejected: list[Hit] | None = None) -> list[Scored]:
    """Every placement of a strength session in the ISO week of ``monday`` from today on that
    raises no new error, best first (score, then date and time); the errors of the dropped
    ones go to ``rejected``."""
    search = SlotSearch(prep, item, monday, extra=extra, allowed_errors=allowed_errors)
    out = list(search)
    if rejected is not None:
        rejected.extend(search.rejected)
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
        sunday = monday + dt.timedelta(days=6)
        return (f"No available start time from {date_text(start)} to {date_text(sunday)} "
                "(check the availability).")
    causes = sorted({_ERROR_WORDS.get(h.rule, OTHER_PHRASES[h.rule]) for h in rejected})
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
            today: dt.date, now: dt.datetime | None = None) -> tuple[Proposal, ...]:
    """Where each strength session of the ISO week of ``week_monday`` could go, best first
    (from ``now`` on when given: no slot that has begun)."""
    monday = monday_of(week_monday)
    prep = Prepared(context, sessions, today=today, first=monday,
                    last=monday + dt.timedelta(days=6), now=now)
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
    # One strength session a date (RULES.md, "Suggestions"): the dates of the sessions that
    # stay (logged, begun) and of each proposal's best slot are nobody else's.
    taken = {i.day for i in prep.items if not i.is_run}
    chosen: list[tuple[tuple[bool, SessionRef], Intensity, SessionRef | None, str,
                       list[Scored]]] = []
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
        days = [s for s in best_per_day(ranked) if s.item.day not in taken]
        if not days:
            reason = (unplaced_reason(prep, monday, rejected) if not ranked else
                      "Every date this week that takes it without an error already has a "
                      "strength session: drop one, or place it next week.")
            out.append((order_key, Proposal(ref, intensity, (), reason)))
            continue
        placed.append(days[0].item)
        taken.add(days[0].item.day)
        chosen.append((order_key, intensity, ref, note, days))
    for order_key, intensity, ref, note, slots in _share_out(chosen, taken):
        out.append((order_key, Proposal(ref, intensity, tuple(
            Slot(s.item.date, s.item.start_time or dt.time(0), s.score,
                 s.reasons(prep) + ((note,) if note else ()),
                 tuple(dict.fromkeys(h.rule for h in s.hits)))
            for s in slots))))
    return tuple(p for _, p in sorted(out, key=lambda x: x[0]))


Chosen = tuple[tuple[bool, SessionRef], Intensity, "SessionRef | None", str, list[Scored]]


def _share_out(chosen: list[Chosen], taken: set[int]) -> list[Chosen]:
    """Each proposal keeps its best slot and takes its alternatives in turns, hardest session
    first, from the dates nobody holds: a week's proposal is one consistent set, no date (so
    no slot) offered to two sessions."""
    held = set(taken)
    mine: list[list[Scored]] = [[days[0]] for *_, days in chosen]
    rest = [days[1:] for *_, days in chosen]
    moving = True
    while moving:
        moving = False
        for n, options in enumerate(rest):
            while options and options[0].item.day in held:
                options.pop(0)
            if options:
                pick = options.pop(0)
                held.add(pick.item.day)
                mine[n].append(pick)
                moving = True
    return [(key, intensity, ref, note, mine[n])
            for n, (key, intensity, ref, note, _) in enumerate(chosen)]
