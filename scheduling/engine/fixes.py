"""The one-click fixes of a check's findings (docs/rules.md, "Suggestions").

Every error and warning about a session that can still change (planned, not begun) carries
at least one fix: a move (``moves.Mover``: the placer's best slot that clears it), a lighter
version of the session (``lighten``), or dropping it; each says what it leaves. The fixes of
one check compose: its moves never share a slot (errors choose first, then warnings, then
notes), and no fix makes an error, puts two strength sessions on one date or crosses the goal
race or moves into its taper.

``suggest`` is a pure function of the plan and the findings, so a caller that keeps the
fixes of unchanged findings (and passes their targets as ``taken``) can compute fixes for
the new ones alone; ``check`` uses the same ``Fixer``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cmp_to_key

from scheduling.engine.explain import AFTER_MOVE, move_words
from scheduling.engine.lighten import (
    EASY,
    FEWER_JUMPS,
    NO_JUMPS,
    easier_run,
    fewer_jumps,
    lighter,
    week_words,
)
from scheduling.engine.moves import MOVABLE_RULES, Mover
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules import plyo
from scheduling.engine.rules.hit import SEVERITY_RANK, Hit
from scheduling.engine.rules.placement import easy_day_hits, local_hits
from scheduling.engine.scoring import Scored, hit_phrase
from scheduling.engine.text import clock, date_text, lifts_text, short
from scheduling.engine.timeline import monday_of
from scheduling.engine.types import (
    AthleteContext,
    Finding,
    Fix,
    FixKind,
    Intensity,
    Rule,
    Session,
    SessionRef,
    Severity,
    SuggestedMove,
)

# Which lighter version clears a finding of these rules (the heavy strength session's).
LIGHTEN_TO = {
    Rule.HEAVY_BEFORE_KEY_RUN: Intensity.MODERATE,
    Rule.HEAVY_SAME_DAY_BEFORE_RUN: Intensity.MODERATE,
    Rule.SAME_DAY_TOO_CLOSE: Intensity.MODERATE,
    Rule.HEAVY_SESSIONS_TOO_CLOSE: Intensity.MODERATE,
    Rule.TAPER_HEAVY: Intensity.MODERATE,
    Rule.HEAVY_AFTER_LONG_RUN: Intensity.LIGHT,
    Rule.SORE_LEGS_BEFORE_HEAVY: Intensity.LIGHT,
}
# A key run made easy clears these when its strength partner cannot change (logged).
EASIER_RUN = frozenset({Rule.HEAVY_BEFORE_KEY_RUN, Rule.HEAVY_SAME_DAY_BEFORE_RUN,
                        Rule.SAME_DAY_TOO_CLOSE})
_A_FINDING = {Severity.ERROR: "an error", Severity.WARNING: "a warning",
              Severity.INFO: "a note"}
_INTENSITY_RANK = {Intensity.LIGHT: 0, Intensity.MODERATE: 1, Intensity.HEAVY: 2}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A finding's move (if any), the suggestion's words when there is a move (None: the
    rule's own words stand), and its fixes."""

    move: SuggestedMove | None
    text: str | None
    fixes: tuple[Fix, ...]


def _when(day: dt.date, at: dt.time | None) -> str:
    return f"{date_text(day)} at {clock(at)}" if at else date_text(day)


class Fixer:
    """The fixes of one check's findings, in the order they are asked for (ask for errors
    first: an earlier finding's move takes its slot)."""

    def __init__(self, prep: Prepared, taken: Iterable[SuggestedMove] = ()) -> None:
        self.prep = prep
        self.mover = Mover(prep)
        by_ref = {i.ref: i for i in prep.items}
        for move in taken:
            item = by_ref.get(move.session)
            if item is not None:
                self.mover.take(item, item.moved(prep.zone, move.date, move.start_time))

    def suggest(self, hit: Hit, host: Item | None) -> Suggestion:
        prep = self.prep
        scored: Scored | None = None
        items = hit.items
        if host is not None:
            original = next(i for i in items if i.tag == host.tag)
            scored = self.mover.host(original, host)
        elif items and hit.rule in MOVABLE_RULES:
            scored = self.mover.find(hit)
        fixes: list[Fix] = []
        move = None
        text = None
        if scored is not None:
            target = scored.item
            original = next(i for i in items if i.tag == target.tag)
            move = SuggestedMove(target.ref, target.date, target.start_time)
            text = move_words(original, scored, prep)
            after = AFTER_MOVE.get(hit.rule)
            if after is not None:
                text += after(hit, scored, prep)
            fixes.append(self._move_fix(original, scored))
        lighten = self._lighten(hit)
        if lighten is not None:
            fixes.append(lighten)
        if hit.severity is not Severity.INFO:
            drop = self._drop(hit)
            if drop is not None:
                fixes.append(drop)
        return Suggestion(move, text, tuple(fixes))

    # -- the three kinds ------------------------------------------------------------------

    def _move_fix(self, original: Item, scored: Scored) -> Fix:
        prep = self.prep
        target = scored.item
        at = target.start_time
        ident = f"move:{original.tag}@{target.date.isoformat()}" + (
            f"T{clock(at)}" if at else "")
        merits = scored.merits(prep)
        why = f": {merits[0]}" if merits else ""
        text = f"Move {short(original, prep)} to {_when(target.date, at)}{why}."
        monday, home = monday_of(target.date), monday_of(original.date)
        runs = original.is_run
        leaves = week_words(prep, monday, gone=original, new=target, runs=runs)
        if home != monday:
            leaves = week_words(prep, home, gone=original, runs=runs) + " and " + leaves
        flags = "; ".join(f"{_A_FINDING[h.severity]}: {hit_phrase(h, target, prep)}"
                          for h in scored.hits)
        leaves = f"Leaves {leaves}" + (f"; and {flags}." if flags else
                                       ", nothing flagged at the new time.")
        return Fix(ident, FixKind.MOVE, original.ref, text, leaves, target.date, at)

    def _lighten(self, hit: Hit) -> Fix | None:
        prep = self.prep
        rule = hit.rule
        movable = [i for i in hit.items if i.movable]
        to = LIGHTEN_TO.get(rule)
        if to is not None:
            for item in sorted((i for i in movable if not i.is_run and i.loaded),
                               key=lambda i: (-i.day, i.rkey)):
                if _INTENSITY_RANK[item.intensity or Intensity.LIGHT] <= _INTENSITY_RANK[to]:
                    continue
                fix = self._lighter_fix(hit, item, lighter(prep, item, to), to.value)
                if fix is not None:
                    return fix
        if rule in EASIER_RUN and not any(i.movable for i in hit.items if not i.is_run):
            for run in (i for i in movable if i.is_run):
                fix = self._lighter_fix(hit, run, easier_run(run), EASY)
                if fix is not None:
                    return fix
        if rule in (Rule.PLYO_VOLUME, Rule.PLYO_BEFORE_BASE):
            (item,) = hit.items
            if item.movable and not item.is_run:
                what = NO_JUMPS if rule is Rule.PLYO_BEFORE_BASE else FEWER_JUMPS
                session = fewer_jumps(prep, item, none=what == NO_JUMPS)
                if session is not None:
                    return self._lighter_fix(hit, item, session, what)
        return None

    def _lighter_fix(self, hit: Hit, item: Item, session: Session, what: str) -> Fix | None:
        """The fix that makes ``item`` the lighter ``session``, when that clears ``hit`` and
        makes no error the session did not have."""
        prep = self.prep
        new = prep.item_of(session)
        if item.is_run and (new.key or new.long):
            return None
        before = {h.key for h in local_hits(prep, item) if h.severity is Severity.ERROR}
        after = local_hits(prep, new)
        if any(h.severity is Severity.ERROR and h.key not in before for h in after):
            return None
        if hit.rule in (Rule.PLYO_VOLUME, Rule.PLYO_BEFORE_BASE):
            after = plyo.session_hits(prep, new)
        if hit.rule is Rule.SORE_LEGS_BEFORE_HEAVY:
            if new.heavy:
                return None
        elif any(h.key == hit.key for h in after):
            return None
        name = short(item, prep)
        units = prep.context.units
        if item.is_run:
            text = f"Make {name} an easy run (RPE {session.rpe or 4} or less), same time."
        elif what in (FEWER_JUMPS, NO_JUMPS):
            content = lifts_text(new.works, units) if new.works else "no jumps"
            text = f"Cut the jumps of {name}: {content}."
        else:
            content = f": {lifts_text(new.works, units)}" if new.works else ""
            text = f"Make {name} {what}{content}, same day and time."
        monday = monday_of(item.date)
        leaves = "Leaves " + week_words(prep, monday, gone=item, new=new, runs=item.is_run) + "."
        intensity = new.intensity if not item.is_run else None
        return Fix(f"lighten:{item.tag}:{what}", FixKind.LIGHTEN, item.ref, text, leaves,
                   intensity=intensity, prescription=session.prescription,
                   run_type=session.run_type if item.is_run else None)

    def _drop(self, hit: Hit) -> Fix | None:
        prep = self.prep
        movable = [i for i in hit.items if i.movable]
        if not movable:
            return None
        strength = [i for i in movable if not i.is_run]
        if strength:
            # The lightest, then the latest: what the week misses least.
            item = min(strength, key=lambda i: (_INTENSITY_RANK[i.intensity or Intensity.LIGHT],
                                                -i.day, i.rkey))
        else:
            item = max(movable, key=lambda i: (i.day, i.rkey))
        monday = monday_of(item.date)
        text = f"Drop {short(item, prep)}."
        leaves = "Leaves " + week_words(prep, monday, gone=item, runs=item.is_run) + "."
        return Fix(f"drop:{item.tag}", FixKind.DROP, item.ref, text, leaves)


def _in_time(a: Item, b: Item) -> int:
    return -1 if a.before(b) else 1


def by_severity(hits: Sequence[tuple[Hit, Item | None]]) -> list[tuple[Hit, Item | None]]:
    """Errors first, then warnings, then notes, each by key: who picks a slot first (the
    same order whoever asks, ``check`` or ``suggest``)."""
    return sorted(hits, key=lambda h: (SEVERITY_RANK[h[0].severity], h[0].key))


def suggest(context: AthleteContext, sessions: Sequence[Session],
            findings: Sequence[Finding], *, today: dt.date, window_start: dt.date,
            window_end: dt.date, now: dt.datetime | None = None,
            taken: Iterable[SuggestedMove] = ()) -> dict[str, Suggestion]:
    """The move, words and fixes of each finding (by key), as ``check`` over the same window
    makes them, from the plan and the findings alone. ``taken``: moves other findings
    already hold (kept from an earlier check), which these never suggest again."""
    wanted = {r for f in findings for r in f.sessions}
    prep = Prepared(context, sessions, today=today, first=monday_of(window_start),
                    last=monday_of(window_end) + dt.timedelta(days=6), now=now)
    by_ref: dict[SessionRef, Item] = {i.ref: i for i in prep.items}
    for s in sessions:  # a missed plan is no item of the check, but its finding names it
        if s.ref not in by_ref and s.ref in wanted:
            by_ref[s.ref] = prep.item_of(s)
    hosts = {h.key: host for h, host in easy_day_hits(prep)}
    hits: list[tuple[Hit, Item | None]] = []
    for f in findings:
        items = tuple(sorted((by_ref[r] for r in f.sessions if r in by_ref),
                             key=cmp_to_key(_in_time)))  # a hit's items are in time order
        if len(items) != len(f.sessions):
            items = ()  # a session it names takes no part any more (missed, fulfilled)
        hit = Hit.again(Rule(f.rule), f.severity, items, f.key)
        hits.append((hit, hosts.get(f.key)))
    fixer = Fixer(prep, taken)
    return {hit.key: fixer.suggest(hit, host) for hit, host in by_severity(hits)}
