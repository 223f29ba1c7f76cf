"""The rulebook's entries: one per rule code, keyed by ``Rule``.

Thresholds are written from the constants the rules themselves use, so a changed threshold
changes these words too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from core.lifting import CURRENT_E1RM_DAYS, E1RM_MAX_REPS, E1RM_MIN_REPS
from scheduling.engine.moves import MOVABLE_RULES
from scheduling.engine.phases import WEEKLY_MAX, WEEKLY_WANTED
from scheduling.engine.rulebook.words import (
    DOMA,
    EFFORT,
    HEAVY_LOW_REPS,
    MAINTENANCE,
    SAME_DAY,
    SORENESS,
    TAPER,
    WELLNESS,
    listing,
)
from scheduling.engine.rules.dose import (
    MAINTENANCE_MAX_REPS,
    MAINTENANCE_MAX_RIR,
    MAINTENANCE_MAX_SETS,
    RACE_WEEK_HOURS,
    TAPER_ERROR_DAYS,
    TAPER_WARNING_DAYS,
)
from scheduling.engine.rules.missed import MISSED_DAYS
from scheduling.engine.rules.placement import (
    BEFORE_KEY_ERROR_H,
    BEFORE_KEY_WARNING_H,
    HEAVY_MIN_DAYS_APART,
    SAME_DAY_INFO_H,
    SAME_DAY_WARNING_H,
)
from scheduling.engine.rules.plyo import BASE_SPANS, CONTACT_CAP, SPAN_DAYS
from scheduling.engine.rules.readiness import (
    BASELINE_DAYS,
    BASELINE_MIN,
    LATER_H,
    LIGHT_RIR,
    LIGHT_SETS,
    LOW_READINESS_MAX,
    READINESS_DROP,
    SORE_MAX,
)
from scheduling.engine.rules.sets import (
    ACCESSORY_REPS,
    MAIN_REPS,
    MAX_SETS_PER_LIFT,
    STALL_DAYS,
    STALL_EXPOSURES,
)
from scheduling.engine.slots import HARD_DAY_GAP_H
from scheduling.engine.timeline import DEFAULT_DURATION_MIN
from scheduling.engine.types import Phase, Rule, Severity


class Group(StrEnum):
    """The families of rules, in the order the rulebook lists them."""

    PLACEMENT = "placement"
    DOSE = "dose"
    SETS = "sets"
    PLYOMETRIC = "plyometric"
    READINESS = "readiness"


GROUP_TITLES: Mapping[Group, tuple[str, str]] = MappingProxyType({
    Group.PLACEMENT: ("Placement: hard runs and heavy lifting",
                      "Where a strength session sits against the runs around it."),
    Group.DOSE: ("Dose: how much strength, by phase",
                 "How many sessions a week, and how hard, as the goal race comes closer."),
    Group.SETS: ("Sets: how the lifting is done",
                 "Reps, sets and effort of the lifts themselves."),
    Group.PLYOMETRIC: ("Plyometrics",
                       "Jumps, hops and bounds, counted in ground contacts: they add spring to "
                       "the stride once the legs are strong enough to land them."),
    Group.READINESS: ("Readiness and missed sessions: the plan adapts",
                      "A daily check-in of five items, each 1 to 5 where 5 is best: sleep, "
                      "energy, leg soreness (5 is fresh, 1 very sore), stress and mood. "
                      "Readiness is their mean. Only today's check-in drives a rule. A "
                      "planned session dated before today that nothing logged fulfils is "
                      "missed."),
})

SEVERITY_MEANING: Mapping[Severity, str] = MappingProxyType({
    Severity.ERROR: "breaks a rule the training research agrees on; fix it.",
    Severity.WARNING: "will likely cost a key session or the recovery after it.",
    Severity.INFO: "a coaching hint: worth a look, nothing is at risk yet.",
})


@dataclass(frozen=True, slots=True)
class Verdict:
    """One severity of a rule and the threshold that gives it, in words."""

    severity: Severity
    when: str


@dataclass(frozen=True, slots=True)
class Entry:
    rule: Rule
    group: Group
    name: str  # what a coach reads instead of the code
    verdicts: tuple[Verdict, ...]  # most severe first
    why: str
    sources: tuple[str, ...]  # empty: a convention of the house, no study sets the number

    @property
    def movable(self) -> bool:
        """Whether a finding of this rule may come with a one-click move."""
        return self.rule in MOVABLE_RULES

    @property
    def sources_text(self) -> str:
        return "; ".join(self.sources) if self.sources else "none; a convention of the house"


def _h(hours: float) -> str:
    return f"{hours:g} h"


_PHASE_WORDS = {Phase.BASE: "base", Phase.RACE_SPECIFIC: "race-specific", Phase.TAPER: "taper",
                Phase.RECOVERY: "recovery", Phase.OFFSEASON: "off-season"}


def _per_phase(counts: Mapping[Phase, int]) -> str:
    """``base 2, race-specific 1, off-season 2; taper and recovery none`` (enum order)."""
    text = ", ".join(f"{_PHASE_WORDS[p]} {counts[p]}" for p in Phase if counts.get(p))
    zero = [_PHASE_WORDS[p] for p in Phase if not counts.get(p)]
    return f"{text}; {listing(zero, 'and')} none" if zero else text


_lo_main, _hi_main = MAIN_REPS
_lo_acc, _hi_acc = ACCESSORY_REPS
_caps = ", ".join(f"{level.value} {cap}" for level, cap in CONTACT_CAP.items())

_ENTRIES = (
    # Placement
    Entry(Rule.HEAVY_BEFORE_KEY_RUN, Group.PLACEMENT, "Heavy lifting too soon before a key run", (
        Verdict(Severity.ERROR, f"A heavy lower session ends less than {_h(BEFORE_KEY_ERROR_H)} "
                "before a key run on a later date."),
        Verdict(Severity.WARNING, f"It ends {_h(BEFORE_KEY_ERROR_H)} to less than "
                f"{_h(BEFORE_KEY_WARNING_H)} before it."),
    ), "Heavy squats and deadlifts leave the legs weaker and running less economical for one "
       "to two days. A key run done in that window is slower, feels harder and trains less "
       "than the same run on recovered legs.", DOMA),
    Entry(Rule.HEAVY_SAME_DAY_BEFORE_RUN, Group.PLACEMENT, "Lifting before the key run of the day",
          (Verdict(Severity.ERROR, "A heavy lower session comes before a key run on the same "
                   "date."),),
          "When both fall on one day the order matters: lifting first sends the athlete into "
          "the run with tired legs, while running first and lifting some hours later "
          "spares the run and costs the lifting little.", SAME_DAY),
    Entry(Rule.SAME_DAY_TOO_CLOSE, Group.PLACEMENT, "Lifting too soon after the key run", (
        Verdict(Severity.WARNING, f"A heavy lower session starts less than "
                f"{_h(SAME_DAY_WARNING_H)} after a key run of the same date ends."),
        Verdict(Severity.INFO, f"It starts {_h(SAME_DAY_WARNING_H)} to less than "
                f"{_h(SAME_DAY_INFO_H)} after the run."),
    ), "Running first is right, but the two sessions still interfere when they follow each "
       "other closely: a few hours in between let the legs refuel and recover before the "
       "bar, and the lifting keeps its quality.", SAME_DAY),
    Entry(Rule.HEAVY_AFTER_LONG_RUN, Group.PLACEMENT, "Loading the legs the day after a long run",
          (Verdict(Severity.WARNING, "A moderate or heavy lower session falls on the date "
                   "after a long run."),),
          "A long run leaves muscle damage and empty fuel stores that take about a day to "
          "clear. Loading the legs on top of it slows that recovery and pushes the fatigue into "
          "the next key session.", DOMA),
    Entry(Rule.STRENGTH_ON_EASY_DAY, Group.PLACEMENT, "Heavy lifting on an easy day",
          (Verdict(Severity.INFO, "A heavy lower session sits on a date whose runs are all "
                   "easy, while a key-run day of the same ISO week could host it, "
                   f"{_h(HARD_DAY_GAP_H)} or more after its run, without breaking another "
                   "rule."),),
          "Hard days hard, easy days easy: stacking the heavy lifting on the day of the hard "
          "run keeps the easy days truly easy, so the athlete recovers between the hard "
          "days instead of never quite recovering.", SAME_DAY),
    Entry(Rule.HEAVY_SESSIONS_TOO_CLOSE, Group.PLACEMENT, "Two heavy lifting days too close",
          (Verdict(Severity.WARNING, "Two heavy lower sessions fewer than "
                   f"{HEAVY_MIN_DAYS_APART} calendar days apart (Monday and Wednesday are too "
                   "close; Monday and Thursday are fine)."),),
          "Runners get their strength from two heavy sessions a week spread out, not "
          "bunched: two heavy days close together add fatigue to the running legs and "
          "nothing to the strength.", HEAVY_LOW_REPS),
    Entry(Rule.SESSIONS_OVERLAP, Group.PLACEMENT, "Two sessions at the same time",
          (Verdict(Severity.WARNING, "Two sessions on the same date, runs or strength, both "
                   "with a start time, whose times overlap: each runs from its start for its "
                   f"duration ({DEFAULT_DURATION_MIN} min when it has none), in real time (a "
                   "night the clocks change counts its true length). Such a pair gets this "
                   "finding alone, no other placement finding."),),
          "A plan that asks for two things at once cannot be followed as written: one of "
          "them will be cut short, skipped or moved on the day, usually the one that mattered "
          "more. Giving each its own time keeps the plan honest.", ()),
    # Dose
    Entry(Rule.WEEKLY_FREQUENCY_LOW, Group.DOSE, "Too few strength sessions this week",
          (Verdict(Severity.INFO, "An ISO week holds fewer strength sessions than its phase "
                   f"wants ({_per_phase(WEEKLY_WANTED)}); a week takes the phase of its "
                   "Monday."),),
          "About two heavy sessions a week make runners stronger and more economical; in "
          "race-specific weeks one is enough to keep what was built. Fewer, and the "
          "strength fades.", (*HEAVY_LOW_REPS, *MAINTENANCE)),
    Entry(Rule.WEEKLY_FREQUENCY_HIGH, Group.DOSE, "Too many strength sessions this week",
          (Verdict(Severity.WARNING, "An ISO week holds more strength sessions than its phase "
                   f"allows ({_per_phase(WEEKLY_MAX)})."),),
          "Beyond what the phase needs, more lifting adds fatigue that the running pays for, "
          "without adding strength that makes a faster runner.", HEAVY_LOW_REPS),
    Entry(Rule.TAPER_HEAVY, Group.DOSE, "Heavy lifting in the taper", (
        Verdict(Severity.ERROR, f"A heavy lower session {TAPER_ERROR_DAYS} days or fewer before "
                "the goal race (calendar dates)."),
        Verdict(Severity.WARNING, f"{TAPER_ERROR_DAYS + 1} to {TAPER_WARNING_DAYS} days "
                "before it."),
    ), "A taper cuts training so that fatigue clears while fitness stays. Heavy lifting in "
       "its last days brings back fatigue that the race cannot afford; the finding names the "
       "strength session (the race itself is not a session).", TAPER),
    Entry(Rule.RACE_WEEK_TOO_CLOSE, Group.DOSE, "Strength too close to the race",
          (Verdict(Severity.WARNING, "Any strength session ends less than "
                   f"{_h(RACE_WEEK_HOURS)} before the goal race starts."),),
          "Even a light session can leave some soreness for a few days. The last days before "
          "a race belong to rest and a little sharpening, not to the bar.", TAPER),
    Entry(Rule.MAINTENANCE_TOO_MUCH, Group.DOSE, "Too many sets while maintaining",
          (Verdict(Severity.INFO, "In the race-specific phase, more than "
                   f"{MAINTENANCE_MAX_SETS} working sets of one main lift in a session."),),
          "In race-specific weeks the aim is to keep the strength built in base, not to add "
          "to it. Fewer sets at the same heavy load keep it, with less fatigue for the key "
          "runs.", MAINTENANCE),
    Entry(Rule.MAINTENANCE_TOO_LIGHT, Group.DOSE, "Maintenance sets too light",
          (Verdict(Severity.INFO, "In the race-specific phase, a main-lift working set of "
                   f"more than {MAINTENANCE_MAX_REPS} reps or more than {MAINTENANCE_MAX_RIR} "
                   "reps in reserve."),),
          "What keeps strength is the load, not the volume: cut sets, keep the weight. "
          "Lighter, longer sets lose the stimulus and still tire the legs.", MAINTENANCE),
    Entry(Rule.NO_E1RM_FOR_PERCENT, Group.DOSE, "A percentage of an e1RM nobody knows",
          (Verdict(Severity.INFO, "A planned line prescribed as a percentage of the e1RM, "
                   "with no load of its own, for an exercise with no current e1RM: no working "
                   f"set of {E1RM_MIN_REPS}-{E1RM_MAX_REPS} reps of it in the last "
                   f"{CURRENT_E1RM_DAYS // 7} weeks."),),
          "A percentage is only a load once there is a number to take it of. Without a "
          "recent e1RM the athlete has to guess, and a guess at a heavy percentage is as "
          "likely to be a grind to failure as a wasted session.", ()),
    # Sets
    Entry(Rule.MAIN_LIFT_REPS, Group.SETS, "Main-lift reps off target",
          (Verdict(Severity.INFO, f"A main-lift working set outside {_lo_main}-{_hi_main} "
                   "reps in the base or race-specific phase (a prescribed range is off when "
                   "either end is)."),),
          "Heavy sets of few reps make a runner stronger mostly through the nervous system, "
          "with little added muscle to carry; that is what improves running economy.",
          HEAVY_LOW_REPS),
    Entry(Rule.ACCESSORY_REPS, Group.SETS, "Accessory reps off target",
          (Verdict(Severity.INFO, f"An accessory working set outside {_lo_acc}-{_hi_acc} reps, "
                   "either end of a prescribed range (core work such as planks, Pallof presses "
                   "and dead bugs, holds, which are timed in seconds, and plyometrics are left "
                   "out)."),),
          "Calf, hip and upper-body work is there for robustness and tendon health; moderate "
          "reps at a controlled load serve that better than maximal or endless sets.", ()),
    Entry(Rule.TOO_MANY_SETS, Group.SETS, "Too many sets of one lift",
          (Verdict(Severity.INFO, f"More than {MAX_SETS_PER_LIFT} working sets of one main "
                   "lift in a session."),),
          "Past a few hard sets of a lift the extra strength is small and the fatigue large; "
          "a runner gets what they need from a handful of heavy sets.", HEAVY_LOW_REPS),
    Entry(Rule.TO_FAILURE, Group.SETS, "Lifting to failure",
          (Verdict(Severity.WARNING, "A main-lift working set logged with no reps in reserve "
                   "(RIR 0); aim to stop one or two reps short."),),
          "Going to failure builds hardly more strength than stopping a rep or two short, "
          "and it costs much more recovery: recovery the next run needs.", EFFORT),
    Entry(Rule.STALLED_PROGRESSION, Group.SETS, "A lift has stopped progressing",
          (Verdict(Severity.INFO, f"In the base phase, a main lift trained {STALL_EXPOSURES} "
                   f"or more times in the last {STALL_DAYS // 7} weeks (counted back from "
                   "today) whose best estimated one-rep max (e1RM) there is no higher than "
                   f"its best of the {STALL_DAYS // 7} weeks before."),),
          "Base is where strength is built. A lift trained regularly for a month without "
          "any gain asks for a change of load, reps or recovery before the race-specific "
          "weeks.", ()),
    # Plyometrics
    Entry(Rule.PLYO_BEFORE_BASE, Group.PLYOMETRIC, "Jumping before a strength base",
          (Verdict(Severity.WARNING, "Plyometrics in a session when any of the "
                   f"{BASE_SPANS} spans of {SPAN_DAYS} days before its date (days 1-"
                   f"{SPAN_DAYS}, {SPAN_DAYS + 1}-{2 * SPAN_DAYS}, ... up to "
                   f"{BASE_SPANS * SPAN_DAYS}) holds no strength session, logged or planned, "
                   "with a working set of a main lift or an accessory (jumps alone or warm-ups "
                   "do not count). A session planned ahead has its own six spans, before its "
                   "own date."),),
          "Each landing loads tendons and muscles with several times body weight. Some six "
          "weeks of regular lifting prepare them for it; jumping first raises the risk of "
          "injury for little gain.", ()),
    Entry(Rule.PLYO_VOLUME, Group.PLYOMETRIC, "Too many ground contacts",
          (Verdict(Severity.WARNING, "A session's ground contacts exceed the cap of the "
                   f"athlete's level ({_caps})."),),
          "Jumps help through the quality of each contact, not their number. Volume should "
          "grow with experience, and extra contacts add load on the tendons faster than "
          "they add spring.", ()),
    Entry(Rule.PLYO_NOT_FIRST, Group.PLYOMETRIC, "Jumps after the main lifts",
          (Verdict(Severity.INFO, "Plyometrics come after a main lift in the same "
                   "session."),),
          "Jumps train speed and stiffness, which need fresh legs; after heavy lifting they "
          "are slower and land worse. Do them after the warm-up, before the lifts.", ()),
    Entry(Rule.PLYO_TOO_CLOSE, Group.PLYOMETRIC, "Jumping on consecutive days",
          (Verdict(Severity.INFO, "Two sessions with plyometrics on consecutive dates."),),
          "Tendons adapt in the days between loads, more slowly than muscle; a day without "
          "jumps between two jumping sessions lets them.", ()),
    # Readiness
    Entry(Rule.SORE_LEGS_BEFORE_HEAVY, Group.READINESS, "Sore legs before heavy lifting",
          (Verdict(Severity.WARNING, f"Today's check-in has leg soreness {SORE_MAX} or less "
                   "and a heavy lower session not yet logged is planned today or tomorrow."),),
          "Soreness after hard or unaccustomed work comes with a loss of strength that lasts "
          "a few days. Heavy lifting on it moves less, recovers more slowly and passes the "
          f"fatigue on to the runs: the session moves {_h(LATER_H)} or more later, or "
          f"becomes light (the main lifts cut to {LIGHT_SETS} sets at RIR {LIGHT_RIR} or "
          "more).", SORENESS),
    Entry(Rule.LOW_READINESS, Group.READINESS, "A low day with a hard session planned",
          (Verdict(Severity.INFO, f"Today's readiness is {LOW_READINESS_MAX:g} or lower, or "
                   f"{READINESS_DROP:.1f} or more below the mean of the athlete's check-ins of "
                   f"the {BASELINE_DAYS} days before today (when there are {BASELINE_MIN} or "
                   "more of them), and a key run or a heavy lower session is planned "
                   "today."),),
          "A low check-in, or a clear drop below the athlete's own usual, is an early sign "
          "that the training is not being absorbed. Easing that one day costs little: the "
          f"key run becomes easy, the main lifts are cut to {LIGHT_SETS} sets.", WELLNESS),
    Entry(Rule.MISSED_SESSION, Group.READINESS, "A missed session",
          (Verdict(Severity.INFO, "A key run or a strength session planned 1 to "
                   f"{MISSED_DAYS} days before today that nothing logged fulfils."),),
          "One missed session costs little; what matters is what the rest of the week does "
          "with it. A missed strength session is made up where the placer finds a slot in "
          "the rest of its week without an error, else let go. A missed key run is let go: "
          "stacked onto the days before the next key run, it would cost that one too.", ()),
)

RULEBOOK: Mapping[Rule, Entry] = MappingProxyType({e.rule: e for e in _ENTRIES})

MOVE_TEXT = ("the finding may come with a one-click move of a planned session to a slot that "
             "clears it.")


def entries(group: Group) -> tuple[Entry, ...]:
    """The group's entries, in the order of the rulebook."""
    return tuple(e for e in _ENTRIES if e.group is group)


def entry_for(code: str) -> Entry | None:
    """The entry of a stored finding's code (None for a code the engine no longer knows)."""
    try:
        return RULEBOOK[Rule(code)]
    except ValueError:
        return None
