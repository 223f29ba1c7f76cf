"""Words and numbers in the athlete's units: the pieces every explanation is built from."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from operator import attrgetter

from scheduling.engine.classify import Work, work_is_heavy
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.types import Intensity, RunType, Units

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
KG_PER_LB = 0.45359237  # exact, by definition
M_PER_MILE = 1609.344
RUN_WORDS = {
    RunType.EASY: "easy run",
    RunType.RECOVERY: "recovery run",
    RunType.LONG: "long run",
    RunType.TEMPO: "tempo run",
    RunType.INTERVALS: "intervals",
    RunType.HILLS: "hill repeats",
    RunType.RACE: "race",
}


def _trim(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def weight(kg: float, units: Units) -> str:
    """120 kg / 62.5 kg (nearest 0.5 kg) or 265 lb (nearest pound)."""
    if units is Units.IMPERIAL:
        return f"{round(kg / KG_PER_LB)} lb"
    return f"{_trim(round(kg * 2) / 2)} kg"


def load_text(kg: float, units: Units) -> str:
    """A load as lifted or prescribed, exact on the plate grid: 101.25 kg, 287.5 lb (a
    pound load is stored as kg to 0.01, so it is shown to 0.1 lb)."""
    if units is Units.IMPERIAL:
        return f"{_trim(round(kg / KG_PER_LB, 1))} lb"
    value = round(kg, 2)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} kg"


def distance(metres: int, units: Units) -> str:
    """6 km / 10.5 km or 3.7 mi (one decimal at most)."""
    if units is Units.IMPERIAL:
        return f"{_trim(metres / M_PER_MILE)} mi"
    return f"{_trim(metres / 1000)} km"


def hours(value: float) -> str:
    """Hours floored to a tenth, so 23.96 h never reads as the 24 h it is short of."""
    floored = math.floor(value * 10 + 1e-6) / 10
    return f"{_trim(floored)} h"


def minutes_text(minutes: float) -> str:
    """75 min, or 89 min 45 s for a run timed to the second."""
    whole, seconds = divmod(round(minutes * 60), 60)
    return f"{whole} min {seconds} s" if seconds else f"{whole} min"


def clock(at: dt.time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def date_text(day: dt.date) -> str:
    """Tuesday 24 Nov."""
    return f"{weekday(day)} {day.day} {day.strftime('%b')}"


def lift_name(name: str) -> str:
    """Back squat -> back squat; RDL stays RDL."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def cap(text: str) -> str:
    """First letter upper, the rest untouched (``Romanian`` keeps its capital)."""
    return text[:1].upper() + text[1:]


def plural(count: float, word: str) -> str:
    number = _trim(count) if isinstance(count, float) else str(count)
    return f"{number} {word}" + ("" if count == 1 else "s")


def sets_text(works: Sequence[Work], units: Units) -> str:
    """``4 x 4 at 120 kg``, ``3 x 4-6 at 85 % e1RM``, ``4 sets of 3-5 at up to 120 kg``;
    holds in seconds: ``3 x 45 s``, ``3 sets of 30-45 s``."""
    count = sum(w.count for w in works)
    held = [w.hold_s for w in works if w.hold_s is not None]
    if held and len(held) == len(works):
        lo_s, hi_s = min(held), max(held)
        return (f"{count} x {lo_s} s" if lo_s == hi_s
                else f"{count} sets of {lo_s}-{hi_s} s")
    lo = min(w.reps_lo for w in works)
    hi = max(w.reps_hi for w in works)
    reps = str(lo) if lo == hi else f"{lo}-{hi}"
    same_reps = all(w.reps_lo == lo and w.reps_hi == hi for w in works)
    text = f"{count} x {reps}" if same_reps else f"{count} sets of {reps}"
    loads = {w.load_kg for w in works if w.load_kg}
    pcts = {w.pct for w in works if w.pct is not None}
    rirs = {w.rir for w in works if w.rir is not None}
    if loads:
        top = max(loads)
        text += f" at {'' if len(loads) == 1 else 'up to '}{load_text(top, units)}"
    elif pcts:
        text += f" at {_trim(max(pcts))} % e1RM"
    if rirs and not loads and not pcts:
        text += f" at RIR {min(rirs)}" if len(rirs) == 1 else f" at RIR {min(rirs)}-{max(rirs)}"
    return text


def by_lift(works: Iterable[Work]) -> list[list[Work]]:
    """Works grouped by exercise, in session order."""
    groups: dict[str, list[Work]] = {}
    for w in sorted(works, key=_by_order):
        slug = w.info.slug
        found = groups.get(slug)
        if found is None:
            groups[slug] = [w]
        else:
            found.append(w)
    return list(groups.values())


_by_order = attrgetter("order")


def lift_text(works: Sequence[Work], units: Units) -> str:
    """``back squat, 4 x 4 at 120 kg``."""
    return f"{lift_name(works[0].info.name)}, {sets_text(works, units)}"


def lifts_text(works: Iterable[Work], units: Units) -> str:
    return "; ".join(lift_text(g, units) for g in by_lift(works))


def strength_text(item: Item, prep: Prepared) -> str:
    """The lift that makes a session what it is: its lower main lift with the most heavy sets
    (``back squat, 4 x 4 at 120 kg``); else its title or its class (``heavy lower session``)."""
    key = item.tag
    found = prep.text_cache.get(key)
    if found is None:
        found = prep.text_cache[key] = _strength_text(item, prep)
    return found


def _strength_text(item: Item, prep: Prepared) -> str:
    working = [w for w in item.works if not w.warmup]
    lower = [w for w in working if w.is_lower_main]
    groups = by_lift(lower) or by_lift(w for w in working if w.is_main) or by_lift(working)
    if groups:
        # The first group with the most heavy sets, then the most sets (``max`` by
        # (heavy, total)); a lone group needs no weighing.
        best = groups[0]
        if len(groups) > 1:
            e1rm = prep.e1rm
            top: tuple[int, int] | None = None
            for g in groups:
                heavy = total = 0
                for w in g:
                    total += w.count
                    if work_is_heavy(w, e1rm):
                        heavy += w.count
                if top is None or (heavy, total) > top:
                    top = (heavy, total)
                    best = g
        return lift_text(best, prep.context.units)
    if item.session.title:
        return item.session.title
    intensity = item.intensity or Intensity.LIGHT
    return f"{intensity.value} lower session"


def run_text(item: Item, units: Units) -> str:
    """``6 km intervals``, ``75 min long run``, ``run at RPE 8``."""
    s = item.session
    word = RUN_WORDS[s.run_type] if s.run_type is not None else "run"
    if s.run_type is None and item.long:
        word = "long run"
    if s.distance_m:
        return f"{distance(s.distance_m, units)} {word}"
    if s.duration_min:
        return f"{minutes_text(s.duration_min)} {word}"
    if s.run_type is None and s.rpe is not None:
        return f"{word} at RPE {s.rpe}"
    return word


def session_text(item: Item, prep: Prepared) -> str:
    if item.is_run:
        return run_text(item, prep.context.units)
    return strength_text(item, prep)


def whose(item: Item, prep: Prepared) -> str:
    """``Tuesday 8 Dec's back squat, 4 x 4 at 120 kg``: the date in full, never the weekday
    alone (docs/rules.md, "Suggestions")."""
    key = ("whose", item.tag, item.day)
    found = prep.text_cache.get(key)
    if found is None:
        found = prep.text_cache[key] = f"{date_text(item.date)}'s {session_text(item, prep)}"
    return found


def short(item: Item, prep: Prepared) -> str:
    """``Tuesday 8 Dec's back squat`` / ``Wednesday 9 Dec's intervals`` (for suggestions)."""
    key = ("short", item.tag, item.day)
    found = prep.text_cache.get(key)
    if found is None:
        if item.is_run:
            s = item.session
            word = RUN_WORDS[s.run_type] if s.run_type is not None else "run"
        else:
            word = strength_text(item, prep).split(",")[0]
        found = prep.text_cache[key] = f"{date_text(item.date)}'s {word}"
    return found
