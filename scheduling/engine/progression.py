"""What the coach proposes next: double progression on main lifts (docs/rules.md, "Progression").

For each main lift logged in the last 8 weeks, its last exposure decides:

- every prescribed working set was logged and reached the top of the rep target at RIR >= 2
  (an unlogged RIR is taken as met): add 5 kg (squat, hinge) or 2.5 kg (single-leg, upper
  body), rounded to the athlete's smallest plate step and never less than one step;
- a set fell short of the top, or fewer working sets were logged than prescribed (one of
  three: a partial exposure): keep the load; short at the same load two exposures running:
  take 10 % off (rounded to the plate step);
- every set reached the top but some at RIR < 2: keep the load (not short, not ready).

The rep target is the prescription line of the planned session the exposure fulfils; with
no plan, 3-6 (docs/rules.md's main-lift range: a logged lift with no plan is judged against the
range the rules ask for). Home athletes without a barbell get rep, then tempo progressions
on the library's home variant of each lift (same pattern, their equipment): + 2 reps a step
up to 15, then a slower lowering; their default target is 8-12 (home loads are light).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from scheduling.engine.text import KG_PER_LB, cap, date_text, lift_name, load_text, plural
from scheduling.engine.timeline import default_start
from scheduling.engine.types import (
    AthleteContext,
    Category,
    ExerciseInfo,
    Kind,
    LoggedSet,
    Pattern,
    PrescriptionLine,
    Session,
    Target,
    Units,
)
from scheduling.engine.variants import can_do, has_barbell, home_variant

LOOKBACK_DAYS = 56  # "each main lift trained in the last 8 weeks"
DEFAULT_REPS = (3, 6)
HOME_DEFAULT_REPS = (8, 12)
HOME_MAX_REPS = 15
HOME_REP_STEP = 2
READY_RIR = 2
TARGET_RIR = 2
BIG_STEP_KG = 5.0
SMALL_STEP_KG = 2.5
DELOAD = 0.9
# Loads are stored in kg to 0.01, a pound load too (140 lb as 63.50 kg, 0.003 kg off): a
# change smaller than this is no change.
STORED_KG = 0.01
_BIG_PATTERNS = (Pattern.SQUAT, Pattern.HINGE)


@dataclass(frozen=True, slots=True)
class Exposure:
    session: Session
    sets: tuple[LoggedSet, ...]  # working sets of the lift
    reps_min: int
    reps_max: int
    rir: int
    planned_sets: int | None

    @property
    def top_load(self) -> float:
        return max(s.load_kg for s in self.sets)

    @property
    def partial(self) -> bool:
        """Fewer working sets logged than the plan it fulfils prescribed."""
        return self.planned_sets is not None and len(self.sets) < self.planned_sets

    @property
    def ready(self) -> bool:
        return not self.partial and all(
            s.reps >= self.reps_max and (s.rir is None or s.rir >= READY_RIR) for s in self.sets)

    @property
    def short(self) -> bool:
        return self.partial or any(s.reps < self.reps_max for s in self.sets)


def pound_step(step_kg: float) -> float:
    """An imperial athlete's plate step in pounds. It is entered in pounds and stored in kg to
    0.01 (5 lb as 2.27 kg), so it is read back to the nearest quarter pound."""
    return max(round(step_kg / KG_PER_LB * 4) / 4, 0.25)


def round_to_step(load_kg: float, step_kg: float, units: Units = Units.METRIC) -> float:
    """Nearest multiple of the plate step (halves round up). An imperial athlete's step is a
    whole number of pounds' quarters and the multiple is taken in pounds, so that 285 lb is
    proposed, never the 286.6 lb that 130 kg would be."""
    if step_kg <= 0:
        return round(load_kg, 2)
    if units == Units.IMPERIAL:  # ==: the plain string "imperial" too
        step_lb = pound_step(step_kg)
        # kg to 0.01 as stored: within 0.011 lb of the pound figure, shown to 0.1 lb
        return round(math.floor(load_kg / KG_PER_LB / step_lb + 0.5) * step_lb * KG_PER_LB, 2)
    return round(math.floor(load_kg / step_kg + 0.5) * step_kg, 2)


def increase(load_kg: float, info: ExerciseInfo, step_kg: float,
             units: Units = Units.METRIC) -> float:
    """The next load up: +5 kg for a squat or hinge, +2.5 kg otherwise, on the plate grid
    (for a pound lifter, +10 lb and +5 lb with the usual plates); at least one step."""
    jump = BIG_STEP_KG if info.pattern in _BIG_PATTERNS else SMALL_STEP_KG
    new = round_to_step(load_kg + jump, step_kg, units)
    if new - load_kg > STORED_KG:
        return new
    return round_to_step(load_kg + max(step_kg, jump), step_kg, units)


def decrease(load_kg: float, step_kg: float, units: Units = Units.METRIC) -> float:
    """10 % off, on the plate grid; at least one step."""
    new = round_to_step(load_kg * DELOAD, step_kg, units)
    if load_kg - new > STORED_KG:
        return new
    return max(round_to_step(load_kg - step_kg, step_kg, units), 0.0)


def _line(planned: Session | None, slug: str) -> PrescriptionLine | None:
    if planned is None:
        return None
    return next((p for p in planned.prescription if p.exercise == slug), None)


def exposures(context: AthleteContext, sessions: Sequence[Session], today: dt.date,
              *, home: bool) -> dict[str, list[Exposure]]:
    """Per main lift, its logged exposures of the last 8 weeks, oldest first."""
    since = today - dt.timedelta(days=LOOKBACK_DAYS - 1)
    planned = {s.ref: s for s in sessions if not s.is_logged}
    logged = sorted((s for s in sessions if s.is_logged and s.kind is Kind.STRENGTH
                     and since <= s.date <= today),
                    key=lambda s: (s.date, s.start_time or default_start(s), s.ref))
    out: dict[str, list[Exposure]] = {}
    default = HOME_DEFAULT_REPS if home else DEFAULT_REPS
    for s in logged:
        by_lift: dict[str, list[LoggedSet]] = {}
        for st in s.sets:
            info = context.exercises.get(st.exercise)
            if st.is_warmup or info is None or info.category is not Category.MAIN:
                continue
            by_lift.setdefault(st.exercise, []).append(st)
        plan = planned.get(s.fulfils) if s.fulfils is not None else None
        for slug, working in by_lift.items():
            line = _line(plan, slug)
            lo, hi = (line.reps_min, line.reps_max) if line else default
            rir = line.rir if line and line.rir is not None else TARGET_RIR
            out.setdefault(slug, []).append(Exposure(s, tuple(working), lo, hi, rir,
                                                     line.sets if line else None))
    return out


def _barbell_target(context: AthleteContext, info: ExerciseInfo,
                    history: list[Exposure]) -> Target:
    last = history[-1]
    units = context.units
    top = last.top_load
    when = date_text(last.session.date)
    name = lift_name(info.name)
    sets = last.planned_sets or len(last.sets)
    step = context.plate_step_kg
    if last.ready:
        load = increase(top, info, step, units)
        every = (f"every one of the {plural(sets, 'set')}" if last.planned_sets
                 else "every set")
        reason = (f"On {when} {every} of {name} reached {last.reps_max} reps at RIR 2 or "
                  f"more: go from {load_text(top, units)} to {load_text(load, units)}.")
    elif last.short and len(history) > 1 and history[-2].short \
            and abs(history[-2].top_load - top) < 0.01:
        load = decrease(top, step, units)
        reason = (f"{cap(name)} fell short of {_target_text(last)} at "
                  f"{load_text(top, units)} twice running: take 10 % off, "
                  f"{load_text(load, units)}, and build back.")
    elif last.partial:
        load = top
        reason = (f"On {when} {len(last.sets)} of the {plural(sets, 'set')} of {name} "
                  f"prescribed were logged: keep {load_text(top, units)} until every set "
                  f"reaches {last.reps_max} reps.")
    elif last.short:
        load = top
        reason = (f"On {when} a set of {name} fell short of {last.reps_max} reps: keep "
                  f"{load_text(top, units)} until every set gets there.")
    else:
        load = top
        reason = (f"On {when} {name} reached {last.reps_max} reps but with under 2 in "
                  f"reserve: keep {load_text(top, units)} until it moves with RIR 2.")
    return Target(info.slug, sets, last.reps_min, last.reps_max, load, last.rir, reason,
                  based_on=info.slug)


def _target_text(exposure: Exposure) -> str:
    """``3 x 6`` (the prescription when it set the sets), else ``6 reps``."""
    if exposure.planned_sets:
        return f"{exposure.planned_sets} x {exposure.reps_max}"
    return f"{exposure.reps_max} reps"


def _home_target(context: AthleteContext, info: ExerciseInfo, history: list[Exposure],
                 variant: ExerciseInfo) -> Target:
    last = history[-1]
    name = lift_name(variant.name)
    sets = last.planned_sets or len(last.sets)
    if variant.slug != info.slug:
        lo, hi = HOME_DEFAULT_REPS
        return Target(variant.slug, sets, lo, hi, None, TARGET_RIR,
                      f"No barbell: {name} stands in for {lift_name(info.name)}. Pick a load "
                      f"you can lift {hi} times with 2 in reserve, then add reps, then slow "
                      "the tempo.", based_on=info.slug)
    load = last.top_load or None
    lo, hi = last.reps_min, last.reps_max
    if not last.ready:
        return Target(variant.slug, sets, lo, hi, load, last.rir,
                      f"Keep {name} at {lo}-{hi} reps until every set reaches {hi} with 2 "
                      "in reserve.", based_on=info.slug)
    if hi + HOME_REP_STEP <= HOME_MAX_REPS:
        return Target(variant.slug, sets, lo + HOME_REP_STEP, hi + HOME_REP_STEP, load,
                      last.rir, f"Every set of {name} reached {hi} reps at RIR 2 or more: "
                      f"aim for {lo + HOME_REP_STEP}-{hi + HOME_REP_STEP}.",
                      based_on=info.slug)
    return Target(variant.slug, sets, lo, hi, load, last.rir,
                  f"{cap(name)} reached {hi} reps: keep the reps and lower in 3 s "
                  "(tempo 3-1-1).", based_on=info.slug, tempo="3-1-1")


def next_targets(context: AthleteContext, sessions: Sequence[Session], *,
                 today: dt.date) -> tuple[Target, ...]:
    """Next-session targets for every main lift logged in the last 8 weeks, by exercise."""
    home = not has_barbell(context)
    history = exposures(context, sessions, today, home=home)
    out: dict[str, Target] = {}
    for slug in sorted(history):
        info = context.exercises[slug]
        if not home:
            out[slug] = _barbell_target(context, info, history[slug])
            continue
        variant = info if can_do(context, info) else home_variant(context, info,
                                                                   avoid_barbell=True)
        if variant is None:
            continue
        if variant.slug != slug and variant.slug in history:
            continue  # the variant's own history decides
        target = _home_target(context, info, history[slug], variant)
        out.setdefault(target.exercise, target)
    return tuple(out[k] for k in sorted(out))

