"""One pass over a check's input: what each session is, when it happens, once.

``prepare`` resolves planned vs logged (a planned session fulfilled by a logged one is judged
by the logged one, never both; a past planned session nothing fulfils is missed and takes no
further part), classifies each session and computes its real start and end once, and indexes
them by local date so the rules can sweep neighbouring days instead of comparing all pairs.
Sessions far outside the window (history) are only recorded for the rules that look back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from scheduling.engine.classify import Work, judge_strength, run_flags
from scheduling.engine.metrics import set_e1rm
from scheduling.engine.phases import phase_on
from scheduling.engine.timeline import default_start, instant, same_day_first, session_span
from scheduling.engine.types import (
    AthleteContext,
    Category,
    Intensity,
    Kind,
    Phase,
    Session,
    SessionRef,
    SourceType,
)

E1RM_DAYS = 42  # current e1RM = best of the last 6 weeks
MARGIN_DAYS = 3  # a pair rule reaches at most this many days across the window's edge


class Item:
    """A session as the rules see it: judged, timed and classified.

    ``date``, ``start_time``, ``start`` and ``end`` are the item's own (a moved copy has new
    ones); ``session`` is the input session it stands for.
    """

    __slots__ = (
        "contacts",
        "date",
        "day",
        "end",
        "intensity",
        "key",
        "kind",
        "long",
        "movable",
        "order",
        "plyo",
        "ref",
        "session",
        "start",
        "start_time",
        "works",
    )

    def __init__(self, session: Session, start: float, end: float,
                 intensity: Intensity | None, key: bool, long: bool, works: tuple[Work, ...],
                 movable: bool) -> None:
        self.session = session
        self.ref = session.ref
        self.kind = session.kind
        self.date = session.date
        self.start_time = session.start_time
        self.order = session.order
        self.day = session.date.toordinal()
        self.start = start
        self.end = end
        self.intensity = intensity
        self.key = key
        self.long = long
        self.works = works
        self.contacts = sum(w.contacts for w in works)
        self.plyo = any(w.is_plyo for w in works)
        self.movable = movable

    @property
    def is_run(self) -> bool:
        return self.kind is Kind.RUN

    @property
    def heavy(self) -> bool:
        return self.intensity is Intensity.HEAVY

    def moved(self, zone_name: str, date: dt.date, start_time: dt.time | None) -> Item:
        """The same session, judged the same, at another date and time (no new Session is
        built: the placer tries many of these)."""
        new = Item.__new__(Item)
        for name in Item.__slots__:
            setattr(new, name, getattr(self, name))
        new.date = date
        new.start_time = start_time
        new.day = date.toordinal()
        new.start = instant(zone_name, date, start_time or default_start(self.session))
        new.end = new.start + (self.end - self.start)
        return new

    def before(self, other: Item) -> bool:
        """Whether this comes before ``other`` (same date: RULES.md same-day order)."""
        if self.day != other.day:
            return self.day < other.day
        return same_day_first(self.kind, self.start_time, self.order, self.start, self.ref,
                              other.kind, other.start_time, other.order, other.start, other.ref)

    def __repr__(self) -> str:
        return f"Item({self.ref.type}:{self.ref.id} {self.date} {self.kind})"


def _has_strength_content(session: Session, ctx: AthleteContext) -> bool:
    """A strength session that builds a strength base: anything but only plyometrics."""
    get = ctx.exercises.get
    slugs = [s.exercise for s in session.sets] or [p.exercise for p in session.prescription]
    if not slugs:
        return True
    for slug in slugs:
        info = get(slug)
        if info is None or info.category is not Category.PLYOMETRIC:
            return True
    return False


class Prepared:
    """Everything one ``check`` (or ``propose``) call needs, computed once."""

    def __init__(self, context: AthleteContext, sessions: Iterable[Session], *,
                 today: dt.date, first: dt.date, last: dt.date) -> None:
        self.context = context
        self.zone = context.timezone
        self.today = today
        self.first_day = first.toordinal() - MARGIN_DAYS
        self.last_day = last.toordinal() + MARGIN_DAYS
        race = context.goal_race
        # No strength is placed or moved onto the goal race's date: the race is that day.
        self.race_day = race.date.toordinal() if race is not None else None
        self._e1rm_cache: dict[str, float] | None = None
        self._phase_cache: dict[dt.date, Phase] = {}
        every = sessions if isinstance(sessions, (list, tuple)) else list(sessions)
        fulfilled: set[SessionRef] = set()
        self.planned: dict[SessionRef, Session] = {}
        planned_type = SourceType.PLANNED
        for s in every:
            if s.ref.type is planned_type:
                self.planned[s.ref] = s
            elif s.fulfils is not None:
                fulfilled.add(s.fulfils)
        self.items: list[Item] = []
        self.by_day: dict[int, list[Item]] = {}
        self.strength: list[Session] = []  # every strength session that takes part
        self._base_days: set[int] | None = None
        pending: list[Session] = []
        first_day, last_day = self.first_day, self.last_day
        strength = Kind.STRENGTH
        for s in every:
            if s.ref.type is planned_type and (s.ref in fulfilled or s.date < today):
                continue  # judged by its logged session, or missed
            if s.kind is strength:
                self.strength.append(s)
            if first_day <= s.date.toordinal() <= last_day:
                pending.append(s)
        self.logged_strength = [s for s in self.strength if s.is_logged]
        for s in pending:
            item = self.item_of(s)
            self.items.append(item)
            self.by_day.setdefault(item.day, []).append(item)
        self.items.sort(key=lambda i: (i.start, i.ref))
        for day_items in self.by_day.values():
            if len(day_items) > 1:
                day_items.sort(key=lambda i: (i.start, i.ref))
        self.text_cache: dict[tuple[SessionRef, int], str] = {}

    @property
    def base_days(self) -> set[int]:
        """Dates with a strength session that builds a base (RULES.md, PLYO_BEFORE_BASE)."""
        if self._base_days is None:
            self._base_days = {s.date.toordinal() for s in self.strength
                               if _has_strength_content(s, self.context)}
        return self._base_days

    def item_of(self, s: Session) -> Item:
        start, end = session_span(self.zone, s)
        movable = s.ref.type is SourceType.PLANNED and s.date >= self.today
        planned = self.planned.get(s.fulfils) if s.fulfils is not None else None
        if s.kind is Kind.RUN:
            rpe = s.rpe if not s.is_logged else (planned.rpe if planned else None)
            key, long = run_flags(s, rpe)
            return Item(s, start, end, None, key, long, (), movable)
        works, intensity = judge_strength(s, planned, self.context.exercises, self.e1rm)
        return Item(s, start, end, intensity, False, False, works, movable)

    def e1rm(self, slug: str) -> float | None:
        """Current e1RM: the context's figure, else the best of the input's last 6 weeks."""
        known = self.context.e1rm.get(slug)
        if known is not None:
            return known
        if self._e1rm_cache is None:
            self._e1rm_cache = best_e1rms(self.logged_strength, self.today, E1RM_DAYS)
        return self._e1rm_cache.get(slug)

    def phase(self, day: dt.date) -> Phase:
        phase = self._phase_cache.get(day)
        if phase is None:
            phase = self._phase_cache[day] = phase_on(self.context, day)
        return phase

    def drop(self, refs: Collection[SessionRef]) -> None:
        """Forget these sessions (the placer places them anew)."""
        self.items = [i for i in self.items if i.ref not in refs]
        for day, found in list(self.by_day.items()):
            self.by_day[day] = [i for i in found if i.ref not in refs]

    def near(self, day: int, before: int, after: int) -> Iterable[Item]:
        """Items on dates ``day - before`` through ``day + after``."""
        get = self.by_day.get
        for d in range(day - before, day + after + 1):
            found = get(d)
            if found:
                yield from found

    def day_items(self, day: int) -> Sequence[Item]:
        return self.by_day.get(day, ())


def best_e1rms(logged: Iterable[Session], today: dt.date, days: int) -> dict[str, float]:
    """Best e1RM per exercise over logged sessions on ``today - days + 1`` through today."""
    since = today - dt.timedelta(days=days - 1)
    best: dict[str, float] = {}
    for s in logged:
        if not since <= s.date <= today:
            continue
        for st in s.sets:
            value = set_e1rm(st)
            if value is not None and value > best.get(st.exercise, 0.0):
                best[st.exercise] = value
    return best
