"""How the placer scores one placement of a strength session (docs/rules.md, "The placer").

1. the evening of a key-run day, >= 6 h after the run ("hard days hard"): +100;
2. else a day >= 48 h before the next key run and not the day after a long run: +50;
3. a heavy session < 72 h from another heavy one: -40;
4. each warning it would raise: -30, each hint: -5; a new error: never (the slot is dropped;
   a move that keeps an error the session already had: -60);
5. a session that keeps its day: +2 (of equal slots, the least change).

The score before findings (``bound_at``) is an upper bound of the final one, which the
placer's search (``placer.SlotSearch``) uses to evaluate the fewest candidates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit, finding_key
from scheduling.engine.rules.placement import local_hits
from scheduling.engine.slots import HARD_DAY_GAP_H, candidate_times
from scheduling.engine.text import hours, plural, whose
from scheduling.engine.timeline import HOUR, instant
from scheduling.engine.types import Rule, Severity

HARD_DAY_BONUS = 100.0
FREE_DAY_BONUS = 50.0
FREE_DAY_GAP_H = 48.0
HEAVY_SPACING_H = 72.0
HEAVY_SPACING_PENALTY = 40.0
ERROR_PENALTY = 60.0
WARNING_PENALTY = 30.0
INFO_PENALTY = 5.0
STAY_BONUS = 2.0


def hit_phrase(hit: Hit, moved: Item, prep: Prepared) -> str:
    """What a finding of the moved session says, in a few plain words."""
    other = next((i for i in hit.items if i.ref != moved.ref), None)
    gap = hours(abs(hit.gap_h or 0.0))
    name = whose(other, prep) if other is not None else ""
    phrases = {
        Rule.HEAVY_BEFORE_KEY_RUN: f"it ends {gap} before {name}",
        Rule.HEAVY_SAME_DAY_BEFORE_RUN: f"it comes before {name} the same day",
        Rule.SAME_DAY_TOO_CLOSE: f"it starts {gap} after {name}",
        Rule.HEAVY_AFTER_LONG_RUN: f"it is the day after {name}",
        Rule.HEAVY_SESSIONS_TOO_CLOSE: (f"it is {plural(int(hit.number), 'day')} from {name}"
                                        if hit.number else f"it is the same day as {name}"),
        Rule.TAPER_HEAVY: f"it is {plural(int(hit.number), 'day')} before the race",
        Rule.RACE_WEEK_TOO_CLOSE: f"it ends {gap} before the race",
        Rule.PLYO_TOO_CLOSE: f"its jumps sit the day next to {name}",
        Rule.SESSIONS_OVERLAP: f"its time overlaps {name}",
    }
    found = phrases.get(hit.rule)
    return found if found is not None else OTHER_PHRASES[hit.rule]


# What a finding of a moved session says when it names no other session, for every rule
# (a rule code is never shown as words: it is the finding's, for the API and the rules' page).
OTHER_PHRASES: dict[Rule, str] = {
    Rule.HEAVY_BEFORE_KEY_RUN: "it ends too close before a key run",
    Rule.HEAVY_SAME_DAY_BEFORE_RUN: "it comes before a key run the same day",
    Rule.SAME_DAY_TOO_CLOSE: "it starts too soon after a key run",
    Rule.HEAVY_AFTER_LONG_RUN: "it is the day after a long run",
    Rule.STRENGTH_ON_EASY_DAY: "it sits on an easy-run day while a key-run day could host it",
    Rule.HEAVY_SESSIONS_TOO_CLOSE: "it is under 3 days from another heavy lower session",
    Rule.WEEKLY_FREQUENCY_LOW: "its week has fewer strength sessions than the phase wants",
    Rule.WEEKLY_FREQUENCY_HIGH: "its week has more strength sessions than the phase allows",
    Rule.TAPER_HEAVY: "it is heavy in the taper",
    Rule.RACE_WEEK_TOO_CLOSE: "it ends under 96 h before the race",
    Rule.MAINTENANCE_TOO_MUCH: "it has too many sets for the race-specific phase",
    Rule.MAINTENANCE_TOO_LIGHT: "it is too light for the race-specific phase",
    Rule.MAIN_LIFT_REPS: "its main lifts are outside 3-6 reps",
    Rule.ACCESSORY_REPS: "its accessories are outside 8-12 reps",
    Rule.TOO_MANY_SETS: "it has more than 4 sets of a main lift",
    Rule.TO_FAILURE: "a main-lift set goes to failure",
    Rule.STALLED_PROGRESSION: "its main lift has stalled",
    Rule.PLYO_BEFORE_BASE: "its jumps come before a strength base",
    Rule.PLYO_VOLUME: "its jumps are over the contact cap",
    Rule.PLYO_NOT_FIRST: "its jumps come after the main lifts",
    Rule.PLYO_TOO_CLOSE: "its jumps are the day next to other jumps",
    Rule.SESSIONS_OVERLAP: "its time overlaps another session",
    Rule.NO_E1RM_FOR_PERCENT: "a % of e1RM has no e1RM to take it from",
    Rule.SORE_LEGS_BEFORE_HEAVY: "it is heavy on sore legs",
    Rule.LOW_READINESS: "it is hard on a low-readiness day",
    Rule.MISSED_SESSION: "it leaves a missed session behind",
}

_A_SEVERITY = {Severity.ERROR: "an error", Severity.WARNING: "a warning",
               Severity.INFO: "a note"}


class Scored:
    """One evaluated placement: the session there, its score, the findings it would raise
    and what earned the score (put into words only when shown, see ``reasons``)."""

    __slots__ = (
        "close",
        "free",
        "hard_run",
        "hits",
        "home",
        "item",
        "next_run",
        "score",
        "spaced",
    )

    def __init__(self, item: Item, score: float, hits: list[Hit], hard_run: Item | None,
                 next_run: Item | None, free: bool, close: Item | None, spaced: bool,
                 home: bool) -> None:
        self.item = item
        self.score = score
        self.hits = hits
        self.hard_run = hard_run
        self.next_run = next_run
        self.free = free
        self.close = close
        self.spaced = spaced
        self.home = home

    def reasons(self, prep: Prepared) -> tuple[str, ...]:
        """What earned the score, then what it would raise, then whether it keeps its day."""
        out = self.merits(prep)
        for hit in self.hits:
            out.append(f"but {hit_phrase(hit, self.item, prep)} "
                       f"({_A_SEVERITY[hit.severity]})")
        if self.home:
            out.append("keeps its day")
        return tuple(out)

    def merits(self, prep: Prepared) -> list[str]:
        """What earned the score, in words."""
        moved = self.item
        out: list[str] = []
        if self.hard_run is not None:
            gap = hours((moved.start - self.hard_run.end) / HOUR)
            when = ("the evening of" if moved.start_time is None or moved.start_time.hour >= 17
                    else "later the same day as")
            out.append(f"{when} {whose(self.hard_run, prep)}, {gap} after it: hard days hard")
        elif self.free and self.next_run is not None:
            gap = hours((self.next_run.start - moved.end) / HOUR)
            out.append(f"{gap} before {whose(self.next_run, prep)}, not the day after a "
                       "long run")
        elif self.free:
            out.append("no key run in the next 48 h, not the day after a long run")
        if self.close is not None:
            o = self.close
            apart = "the same day as" if o.day == moved.day else (
                f"only {hours(abs(o.start - moved.start) / HOUR)} from")
            out.append(f"{apart} {whose(o, prep)} (heavy sessions want 72 h apart)")
        elif self.spaced:
            out.append("72 h or more from the other heavy lower sessions")
        return out


class DayFacts:
    """What a candidate day offers: its runs and the runs around it, found once.

    ``day_facts`` memoises one per date in ``Prepared`` (excluding nobody); a search for a
    strength session only filters its own ref out of ``heavy`` (a strength session is never
    among the runs). A run being moved gets a fresh one without itself.
    """

    __slots__ = ("after_long", "ahead", "heavy", "key_runs", "runs")

    def __init__(self, prep: Prepared, extra: Sequence[Item], day: int, tag: str) -> None:
        around = [o for o in prep.near(day, 3, 3) if o.tag != tag]
        around.extend(o for o in extra if o.tag != tag and abs(o.day - day) <= 3)
        self.runs = [o for o in around if o.is_run and o.day == day]
        self.key_runs = [o for o in self.runs if o.key]
        self.ahead = sorted((o for o in around if o.is_run and o.key and o.day >= day),
                            key=_start)
        self.after_long = any(o.is_run and o.long and o.day == day - 1 for o in around)
        self.heavy = [o for o in around if o.heavy]

    def without(self, extra: Sequence[Item], day: int, tag: str) -> DayFacts:
        """These facts for a strength session ``tag`` with ``extra`` placed sessions."""
        heavy = [o for o in self.heavy if o.tag != tag]
        if extra:
            heavy.extend(o for o in extra if o.heavy and o.tag != tag and abs(o.day - day) <= 3)
        if len(heavy) == len(self.heavy):
            return self
        new = DayFacts.__new__(DayFacts)
        new.runs = self.runs
        new.key_runs = self.key_runs
        new.ahead = self.ahead
        new.after_long = self.after_long
        new.heavy = heavy
        return new


def _start(item: Item) -> float:
    return item.start


def day_facts(prep: Prepared, day: int) -> DayFacts:
    found = prep.facts.get(day)
    if found is None:
        found = prep.facts[day] = DayFacts(prep, (), day, "")
    return found  # type: ignore[return-value]


def facts_for(prep: Prepared, extra: Sequence[Item], day: int, item: Item) -> DayFacts:
    if item.is_run:
        return DayFacts(prep, extra, day, item.tag)
    return day_facts(prep, day).without(extra, day, item.tag)


def day_times(prep: Prepared, day: int) -> list[tuple[dt.time, float, bool, float | None]]:
    """Candidate start times on a date (memoised per call), each with its real instant,
    whether it is the evening of a key-run day (>= 6 h after a key run of that date) and
    the start of the next key run from then (within 3 days; None: none), as ``bound_at``
    finds them for a strength session."""
    found = prep.times.get(day)
    if found is None:
        date = dt.date.fromordinal(day)
        zone = prep.zone
        facts = day_facts(prep, day)
        hard_gap = HARD_DAY_GAP_H * HOUR
        found = prep.times[day] = []
        for at in candidate_times(prep.context, date, facts.runs):
            start = instant(zone, date, at)
            if prep.past(start):
                continue
            limit = start - hard_gap
            hard = any(run.end <= limit for run in facts.key_runs)
            nxt = next((r.start for r in facts.ahead if r.start >= start), None)
            found.append((at, start, hard, nxt))
    return found


Why = tuple[Item | None, Item | None, bool, Item | None, bool, bool]


def _bound(moved: Item, info: DayFacts, home_day: int | None) -> tuple[float, Why]:
    return bound_at(moved.day, moved.start, moved.end, moved.heavy, info, home_day)


def bound_at(day: int, start: float, end: float, heavy: bool, info: DayFacts,
              home_day: int | None) -> tuple[float, Why]:
    """The score before findings (an upper bound of the final score) and what earned it."""
    score = 0.0
    hard = None
    limit = start - HARD_DAY_GAP_H * HOUR
    for run in info.key_runs:
        if run.end <= limit and (hard is None or run.end > hard.end):
            hard = run
    nxt = None
    free = False
    if hard is not None:
        score += HARD_DAY_BONUS
    else:
        nxt = next((r for r in info.ahead if r.start >= start), None)
        gap_ok = nxt is None or (nxt.start - end) / HOUR >= FREE_DAY_GAP_H
        if gap_ok and not info.after_long:
            free = True
            score += FREE_DAY_BONUS
    close = None
    spaced = False
    if heavy and info.heavy:
        near = [o for o in info.heavy if abs(o.start - start) < HEAVY_SPACING_H * HOUR]
        if near:
            close = near[0]
            score -= HEAVY_SPACING_PENALTY
        else:
            spaced = True
    home = home_day is not None and day == home_day
    if home:
        score += STAY_BONUS
    return score, (hard, nxt, free, close, spaced, home)


def pair_key(rule: Rule, a: Item, b: Item) -> str:
    return finding_key(rule, (a.ref, b.ref) if a.rkey < b.rkey else (b.ref, a.ref))


def penalties(hits: list[Hit]) -> float:
    total = 0.0
    for hit in hits:
        if hit.severity is Severity.ERROR:  # one it already had (a move that keeps it)
            total += ERROR_PENALTY
        elif hit.severity is Severity.WARNING:
            total += WARNING_PENALTY
        else:
            total += INFO_PENALTY
    return total


def score_slot(prep: Prepared, moved: Item, extra: Sequence[Item] = (),
               allowed_errors: Collection[str] = (), home_day: int | None = None,
               ) -> Scored | None:
    """Score one placement; None when it would raise an error not in ``allowed_errors``."""
    hits = local_hits(prep, moved, extra)
    if any(h.severity is Severity.ERROR and h.key not in allowed_errors for h in hits):
        return None
    bound, why = _bound(moved, facts_for(prep, extra, moved.day, moved), home_day)
    return Scored(moved, bound - penalties(hits), hits, *why)
