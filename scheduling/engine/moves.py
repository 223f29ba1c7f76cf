"""The one-click fix behind a finding: which session to move where (``SuggestedMove``).

A missed strength session (MISSED_SESSION) is made up at the placer's best slot in the rest of
its ISO week that raises no error, on a date with no other strength session; a missed key run
never moves. A sore athlete's heavy session (SORE_LEGS_BEFORE_HEAVY) goes to the placer's best
slot 48 h or more after its planned start, in its ISO week or the next, that raises no error.
For the other rules: prefer
moving the strength session (a planned one, today or later) within its ISO week to
the placer's best slot that makes the finding go away and raises no error it did not
already have; else a planned, not-yet-past run of the finding to another day of its week at
its own time. No such slot: no move, and the suggestion says what to cut instead.

Every move composes with the others of the same check (docs/rules.md, "Suggestions"): it
never lands on a date with another strength session or on a date (strength) or slot (a run)
an earlier move of the check takes, never crosses the goal race nor moves into its taper,
never starts at a time already gone, and never lands where the check cannot see the
neighbours (beyond the window's last week).
"""

from __future__ import annotations

import datetime as dt

from scheduling.engine.placer import SlotSearch
from scheduling.engine.prepare import MARGIN_DAYS, Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.rules.placement import local_hits, run_pair_hit
from scheduling.engine.rules.readiness import LATER_H
from scheduling.engine.scoring import Scored, score_slot
from scheduling.engine.timeline import HOUR, monday_of
from scheduling.engine.types import Phase, Rule, Severity

MOVABLE_RULES = frozenset({
    Rule.HEAVY_BEFORE_KEY_RUN,
    Rule.HEAVY_SAME_DAY_BEFORE_RUN,
    Rule.SAME_DAY_TOO_CLOSE,
    Rule.HEAVY_AFTER_LONG_RUN,
    Rule.HEAVY_SESSIONS_TOO_CLOSE,
    Rule.TAPER_HEAVY,
    Rule.RACE_WEEK_TOO_CLOSE,
    Rule.PLYO_TOO_CLOSE,
    Rule.SESSIONS_OVERLAP,
    Rule.SORE_LEGS_BEFORE_HEAVY,
    Rule.MISSED_SESSION,
})
_WEEK = dt.timedelta(days=7)


class Mover:
    """Finds moves for one check; each session's ranked slots are computed once."""

    def __init__(self, prep: Prepared) -> None:
        self.prep = prep
        self._strength: dict[str, SlotSearch] = {}
        self._runs: dict[str, list[Scored]] = {}
        # What the moves of this check take, and for which session (the same session may be
        # offered the same slot by two of its findings, another session never).
        self.taken_days: dict[int, str] = {}  # a strength move's date
        self.taken_slots: dict[tuple[int, float], str] = {}  # any move's (date, start)
        self.targets: list[Item] = []  # where this check's moves put their sessions

    def fits(self, original: Item, target: Item) -> bool:
        """Whether a move of ``original`` to ``target`` composes with the plan and the other
        moves of this check (see the module's docstring)."""
        prep = self.prep
        day = target.day
        if day < prep.today_day or prep.past(target.start):
            return False
        if day - MARGIN_DAYS < prep.first_day or day + MARGIN_DAYS > prep.last_day:
            return False  # beyond what the check sees: its neighbours are unknown
        race = prep.race_day
        if race is not None:
            if (original.day < race) != (day < race) or day == race:
                return False
            from_taper = prep.phase(original.date) is Phase.TAPER
            if not from_taper and prep.phase(target.date) is Phase.TAPER:
                return False
            if from_taper and original.day < race and day > original.day:
                return False  # in the taper only further from the race, never nearer
        tag = original.tag
        if self.taken_slots.get((day, target.start), tag) != tag:
            return False
        if any(_clash(target, other) for other in self.targets if other.tag != tag):
            return False  # applied together, two moves never make an error
        if original.is_run:
            return True
        if self.taken_days.get(day, tag) != tag:
            return False
        return not any(not o.is_run and o.tag != original.tag for o in prep.day_items(day))

    def take(self, original: Item, target: Item) -> None:
        """Reserve ``target`` for this check's move of ``original``."""
        self.taken_slots[(target.day, target.start)] = original.tag
        self.targets.append(target)
        if not original.is_run:
            self.taken_days[target.day] = original.tag

    def _errors(self, item: Item) -> frozenset[str]:
        return frozenset(h.key for h in local_hits(self.prep, item)
                         if h.severity is Severity.ERROR)

    def _strength_slots(self, item: Item) -> SlotSearch:
        found = self._strength.get(item.tag)
        if found is None:
            found = SlotSearch(self.prep, item, monday_of(item.date),
                               allowed_errors=self._errors(item), collect=False)
            self._strength[item.tag] = found
        return found

    def _run_slots(self, run: Item) -> list[Scored]:
        found = self._runs.get(run.tag)
        if found is None:
            prep = self.prep
            allowed = self._errors(run)
            monday = monday_of(run.date).toordinal()
            found = []
            for day in range(max(monday, prep.today_day), monday + 7):
                if day in (run.day, prep.race_day):
                    continue
                moved = run.moved(prep.zone, dt.date.fromordinal(day), run.start_time)
                if prep.past(moved.start):
                    continue
                scored = score_slot(prep, moved, (), allowed)
                if scored is not None:
                    scored.score = -sum(30 if h.severity is Severity.WARNING else 5
                                        for h in scored.hits) - abs(day - run.day)
                    found.append(scored)
            found.sort(key=lambda s: (-s.score, s.item.day))
            self._runs[run.tag] = found
        return found

    def later(self, item: Item) -> Scored | None:
        """The placer's best slot for ``item`` starting ``LATER_H`` or more after it was
        planned to, in its ISO week, else in the next, with no error at all there (a heavy
        session in the taper is not pushed nearer the race); None when neither has one."""
        if not item.movable:
            return None
        earliest = item.start + LATER_H * HOUR
        monday = monday_of(item.date)
        for week in (monday, monday + _WEEK):
            search = SlotSearch(self.prep, item, week, collect=False)
            for scored in search:
                if scored.item.start >= earliest and self.fits(item, scored.item):
                    self.take(item, scored.item)
                    return scored
        return None

    def make_up(self, item: Item) -> Scored | None:
        """A missed strength session's make-up: the placer's best slot in the rest of its ISO
        week (from today on) with no error at all, on a date without another strength
        session, nor one an earlier make-up of this check takes (two missed sessions are
        never offered the same date). A missed key run has none: it is let go, never
        stacked onto the days before the next key run."""
        if item.is_run:
            return None
        prep = self.prep
        for scored in SlotSearch(prep, item, monday_of(item.date), collect=False):
            if self.fits(item, scored.item):
                self.take(item, scored.item)
                return scored
        return None

    def find(self, hit: Hit) -> Scored | None:
        """The best move that clears ``hit``, or None."""
        rule = hit.rule
        if rule not in MOVABLE_RULES:
            return None
        if rule is Rule.SORE_LEGS_BEFORE_HEAVY:
            return self.later(hit.items[0])
        if rule is Rule.MISSED_SESSION:
            return self.make_up(hit.items[0])
        key = hit.key
        best: Scored | None = None
        movable = [i for i in hit.items if i.movable]
        if not movable:
            return None
        owner: Item | None = None
        for item in sorted((i for i in movable if not i.is_run), key=_rkey, reverse=True):
            for scored in self._strength_slots(item):
                if scored.item.start == item.start or any(
                        h.rule is rule and h.key == key for h in scored.hits
                ) or not self.fits(item, scored.item):
                    continue
                if best is None or scored.score > best.score:
                    best, owner = scored, item
                break
        if best is not None and owner is not None:
            self.take(owner, best.item)
            return best
        for run in (i for i in movable if i.is_run):
            for scored in self._run_slots(run):
                if not any(h.rule is rule and h.key == key for h in scored.hits
                           ) and self.fits(run, scored.item):
                    self.take(run, scored.item)
                    return scored
        return None

    def host(self, item: Item, host: Item) -> Scored | None:
        """STRENGTH_ON_EASY_DAY's move to the key-run day that could host ``item``."""
        if not self.fits(item, host):
            return None
        scored = score_slot(self.prep, host)
        if scored is not None:
            self.take(item, host)
        return scored


def _rkey(item: Item) -> tuple[str, int]:
    return item.rkey


def _clash(a: Item, b: Item) -> bool:
    """Whether two moved sessions would make an error together (a heavy session too close
    before a key run: the only pair errors)."""
    if a.is_run == b.is_run or abs(a.day - b.day) > 1:
        return False
    strength, run = (b, a) if a.is_run else (a, b)
    hit = run_pair_hit(strength, run)
    return hit is not None and hit.severity is Severity.ERROR
