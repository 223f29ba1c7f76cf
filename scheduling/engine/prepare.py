"""One pass over a check's input: what each session is, when it happens, once.

``prepare`` drops the drafts (a logged session that does not take part), resolves planned vs
logged (a planned session fulfilled by a logged one is judged
by the logged one, never both; a past planned session nothing fulfils is missed and takes no
further part), classifies each session and computes its real start and end once, and indexes
them by local date so the rules can sweep neighbouring days instead of comparing all pairs.
Sessions far outside the window (history) are only recorded for the rules that look back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from operator import attrgetter

from core.lifting import current_e1rms
from scheduling.engine.classify import Work, judge_strength, run_flags
from scheduling.engine.compliance import takes_part
from scheduling.engine.phases import phase_on
from scheduling.engine.timeline import default_start, instant, race_start, session_span
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

MARGIN_DAYS = 3  # a pair rule reaches at most this many days across the window's edge
_RUN = Kind.RUN
_HEAVY, _MODERATE = Intensity.HEAVY, Intensity.MODERATE
_PLANNED = SourceType.PLANNED


class Item:
    """A session as the rules see it: judged, timed and classified.

    ``date``, ``start_time``, ``start`` and ``end`` are the item's own (a moved copy has new
    ones); ``session`` is the input session it stands for. ``tag`` (``planned:12``) stands
    for the ref in keys and in identity tests, ``rkey`` orders refs (as ``SessionRef`` does)
    without the dataclass machinery; ``is_run``, ``heavy`` and ``loaded`` are plain flags
    because the rules read them in every inner loop.
    """

    __slots__ = (
        "contacts",
        "date",
        "day",
        "end",
        "heavy",
        "intensity",
        "is_run",
        "key",
        "kind",
        "loaded",
        "long",
        "movable",
        "order",
        "plyo",
        "ref",
        "rkey",
        "session",
        "start",
        "start_time",
        "tag",
        "works",
    )

    def __init__(self, session: Session, start: float, end: float,
                 intensity: Intensity | None, key: bool, long: bool, works: tuple[Work, ...],
                 movable: bool) -> None:
        ref = session.ref
        kind = session.kind
        date = session.date
        self.session = session
        self.ref = ref
        self.kind = kind
        self.is_run = kind is _RUN
        self.date = date
        self.start_time = session.start_time
        self.order = session.order
        self.day = date.toordinal()
        self.start = start
        self.end = end
        self.intensity = intensity
        self.heavy = intensity is _HEAVY
        self.loaded = intensity is _HEAVY or intensity is _MODERATE
        self.key = key
        self.long = long
        self.works = works
        contacts = 0
        plyo = False
        for w in works:
            contacts += w.contacts
            if w.is_plyo:
                plyo = True
        self.contacts = contacts
        self.plyo = plyo
        self.movable = movable
        value: str = ref.type._value_  # ``.value`` is a slow property
        ident = ref.id
        self.rkey = (value, ident)
        self.tag = f"{value}:{ident}"

    def moved(self, zone_name: str, date: dt.date, start_time: dt.time | None) -> Item:
        """The same session, judged the same, at another date and time (no new Session is
        built: the placer tries many of these)."""
        start = instant(zone_name, date, start_time or default_start(self.session))
        return self.moved_to(date, date.toordinal(), start_time, start)

    def moved_to(self, date: dt.date, day: int, start_time: dt.time | None,
                 start: float) -> Item:
        """``moved`` with the date's ordinal and the real start already known."""
        new = Item.__new__(Item)
        new.session = self.session
        new.ref = self.ref
        new.kind = self.kind
        new.is_run = self.is_run
        new.order = self.order
        new.intensity = self.intensity
        new.heavy = self.heavy
        new.loaded = self.loaded
        new.key = self.key
        new.long = self.long
        new.works = self.works
        new.contacts = self.contacts
        new.plyo = self.plyo
        new.movable = self.movable
        new.rkey = self.rkey
        new.tag = self.tag
        new.date = date
        new.start_time = start_time
        new.day = day
        new.start = start
        new.end = start + (self.end - self.start)
        return new

    def before(self, other: Item) -> bool:
        """Whether this comes before ``other`` (same date: docs/rules.md same-day order)."""
        if self.day != other.day:
            return self.day < other.day
        if self.start_time is None and other.start_time is None:
            if self.order != other.order:
                return self.order < other.order
            if self.is_run is not other.is_run:
                return self.is_run
        if self.start != other.start:
            return self.start < other.start
        if self.is_run is not other.is_run:
            return self.is_run
        return self.rkey < other.rkey

    def __repr__(self) -> str:
        return f"Item({self.ref.type}:{self.ref.id} {self.date} {self.kind})"


def builds_base(session: Session, ctx: AthleteContext) -> bool:
    """Whether a strength session builds the strength base PLYO_BEFORE_BASE asks for: a
    working set of a main lift or an accessory once logged (plyometrics alone, or warm-ups,
    do not count), a line of one while planned. A plan with no prescription counts: it is a
    strength session whose content the coach has not written down."""
    get = ctx.exercises.get
    plyometric = Category.PLYOMETRIC
    if session.is_logged:
        for s in session.sets:
            if not s.is_warmup:
                info = get(s.exercise)
                if info is not None and info.category is not plyometric:
                    return True
        return False
    if not session.prescription:
        return True
    for line in session.prescription:
        info = get(line.exercise)
        if info is not None and info.category is not plyometric:
            return True
    return False


class Prepared:
    """Everything one ``check`` (or ``propose``) call needs, computed once.

    Besides the items it memoises, per call, what the rules and the placer ask again and
    again about a date: the items around it (``near``), the phase, and the placer's
    per-day facts (``day_facts``, ``day_times``).
    """

    def __init__(self, context: AthleteContext, sessions: Iterable[Session], *,
                 today: dt.date, first: dt.date, last: dt.date,
                 now: dt.datetime | None = None) -> None:
        self.context = context
        # No slot is offered that has already begun (None: the whole of today is open).
        self.not_before: float | None = now.timestamp() if now is not None else None
        self.zone = context.timezone
        self.today = today
        self.today_day = today.toordinal()
        self.first_day = first.toordinal() - MARGIN_DAYS
        self.last_day = last.toordinal() + MARGIN_DAYS
        race = context.goal_race
        # No strength is placed or moved onto the goal race's date: the race is that day.
        self.race_day = race.date.toordinal() if race is not None else None
        self.race_start: float | None = (race_start(self.zone, race) if race is not None
                                         else None)
        self._e1rm_cache: dict[str, float] | None = None
        self._phase_cache: dict[dt.date, Phase] = {}
        self._near: dict[tuple[int, int, int], list[Item]] = {}
        # Placer memo, per date: facts about its runs and its candidate start times.
        self.facts: dict[int, object] = {}
        self.times: dict[int, list[tuple[dt.time, float, bool, float | None]]] = {}
        # A draft (docs/rules.md, "Logged") takes part in nothing: it is dropped here, so no
        # rule, look back or fulfilment sees it.
        every = [s for s in sessions if not s.is_logged or takes_part(s)]
        self._every = every
        planned_type = SourceType.PLANNED
        # Only the planned sessions some session names in ``fulfils`` are ever looked up.
        # Planned refs are kept by id: a ``SessionRef`` hashes in Python (dataclass, enum).
        wanted: set[int] = set()
        fulfilled: set[int] = set()  # planned sessions a logged one fulfils
        for s in every:
            f = s.fulfils
            if f is not None and f.type is planned_type:
                wanted.add(f.id)
                if s.ref.type is not planned_type:
                    fulfilled.add(f.id)
        self._fulfilled = fulfilled
        self._planned: dict[int, Session] = {}
        planned = self._planned
        # History (before the evaluated dates) is not judged here: what the look-back rules
        # need of it (``strength``, ``logged_strength``, ``base_days``, the e1RM) is
        # computed from ``_every`` on first use.
        self._strength: list[Session] | None = None
        self._logged_strength: list[Session] | None = None
        self._base_days: set[int] | None = None
        pending: list[Session] = []
        first_day, last_day = self.first_day, self.last_day
        for s in every:
            ref = s.ref
            if ref.type is planned_type:
                if wanted and ref.id in wanted:
                    planned[ref.id] = s
                if s.date < today or (fulfilled and ref.id in fulfilled):
                    continue  # judged by its logged session, or missed
            if first_day <= s.date.toordinal() <= last_day:
                pending.append(s)
        items = [self.item_of(s) for s in pending]
        items.sort(key=_order)
        self.items: list[Item] = items
        # Built from the sorted items, each date's list is already in (start, ref) order.
        by_day: dict[int, list[Item]] = {}
        for item in items:
            found = by_day.get(item.day)
            if found is None:
                by_day[item.day] = [item]
            else:
                found.append(item)
        self.by_day = by_day
        self.text_cache: dict[object, str] = {}

    @property
    def strength(self) -> list[Session]:
        """Every strength session that takes part (not a missed or fulfilled plan), in
        input order, history included."""
        if self._strength is None:
            planned_type = SourceType.PLANNED
            strength = Kind.STRENGTH
            today = self.today
            fulfilled = self._fulfilled
            self._strength = [
                s for s in self._every if s.kind is strength
                and not (s.ref.type is planned_type
                         and (s.date < today or (fulfilled and s.ref.id in fulfilled)))]
        return self._strength

    @property
    def every(self) -> Sequence[Session]:
        """Every input session but the drafts, as given (missed and fulfilled plans included)."""
        return self._every

    @property
    def logged_strength(self) -> list[Session]:
        """The logged strength sessions, in input order, history included."""
        if self._logged_strength is None:
            planned_type = SourceType.PLANNED
            strength = Kind.STRENGTH
            self._logged_strength = [s for s in self._every
                                     if s.kind is strength and s.ref.type is not planned_type]
        return self._logged_strength

    @property
    def planned(self) -> dict[SessionRef, Session]:
        """The planned sessions some session fulfils, by ref."""
        return {SessionRef(_PLANNED, i): s for i, s in self._planned.items()}

    @property
    def base_days(self) -> set[int]:
        """Dates with a strength session that builds a base (docs/rules.md, PLYO_BEFORE_BASE)."""
        if self._base_days is None:
            self._base_days = {s.date.toordinal() for s in self.strength
                               if builds_base(s, self.context)}
        return self._base_days

    def item_of(self, s: Session) -> Item:
        start, end = session_span(self.zone, s)
        # A planned session that has begun is being done (or was skipped): not moved.
        movable = s.ref.type is _PLANNED and s.date >= self.today and not self.past(start)
        fulfils = s.fulfils
        planned = (self._planned.get(fulfils.id)
                   if fulfils is not None and fulfils.type is _PLANNED else None)
        if s.kind is _RUN:
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
            self._e1rm_cache = current_e1rms(((s.date, s.sets) for s in self.logged_strength),
                                             today=self.today)
        return self._e1rm_cache.get(slug)

    @property
    def e1rm_cache(self) -> dict[str, float] | None:
        """The e1RMs worked out from the input so far (None: no rule needed one)."""
        return self._e1rm_cache

    def past(self, start: float) -> bool:
        """Whether an instant is already gone (a slot there cannot be offered)."""
        return self.not_before is not None and start < self.not_before

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
        self._near.clear()
        self.facts.clear()
        self.times.clear()

    def near(self, day: int, before: int, after: int) -> list[Item]:
        """Items on dates ``day - before`` through ``day + after`` (date, then time order;
        memoised: do not mutate the list)."""
        key = (day, before, after)
        found = self._near.get(key)
        if found is None:
            get = self.by_day.get
            found = []
            for d in range(day - before, day + after + 1):
                on = get(d)
                if on:
                    found.extend(on)
            self._near[key] = found
        return found

    def day_items(self, day: int) -> Sequence[Item]:
        return self.by_day.get(day, ())


_order = attrgetter("start", "rkey")  # (start, ref order)

