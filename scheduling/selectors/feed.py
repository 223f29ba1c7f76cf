"""The calendar feed's reads of what was done (the feed authenticates by the athlete's secret,
not a user): every logged session that takes part, each with the plan it fulfils.

*Fulfils* is RULES.md's, through the one definition the load and the engine use
(``training.load.fulfilments``): the plan a log names, else the free plan of its kind on its
date (runs by type first, then the nearest start time). Drafts take part in nothing
(``training.drafts``), so they are neither shown nor fulfil a plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from athletes.models import AthleteProfile
from scheduling.models import PlannedSession
from training import load as maths
from training.drafts import run_takes_part, strength_takes_part
from training.models import Run, StrengthSession, StrengthSet


@dataclass(frozen=True)
class Done:
    """A logged session (``strength`` or ``run``) and the plan it fulfils, if any."""

    strength: StrengthSession | None
    run: Run | None
    plan: PlannedSession | None

    @property
    def log(self) -> StrengthSession | Run:
        return self.strength if self.strength is not None else self.run  # type: ignore[return-value]

    @property
    def kind(self) -> str:
        return "strength" if self.strength is not None else "run"


def _minute(t: dt.time | None) -> int | None:
    return None if t is None else t.hour * 60 + t.minute


def done_for_calendar(*, athlete: AthleteProfile, plans: Sequence[PlannedSession]
                      ) -> list[Done]:
    """Every logged session of the athlete that takes part, by date, each with the plan of
    ``plans`` (the athlete's, all of them) it fulfils. Three queries whatever their number:
    the lifts, their working sets, the runs."""
    working = StrengthSet.objects.filter(is_warmup=False).select_related("exercise")
    lifts = list(StrengthSession.objects.filter(athlete=athlete).filter(strength_takes_part())
                 .prefetch_related(Prefetch("sets", queryset=working)))
    runs = list(Run.objects.filter(athlete=athlete).filter(run_takes_part()))
    lift_ids, run_ids = {s.pk for s in lifts}, {r.pk for r in runs}
    slots: list[maths.PlanSlot] = []
    plans_on_day: dict[dt.date, list[maths.PlanSlot]] = defaultdict(list)
    for plan in plans:
        linked = (plan.logged_strength_id if plan.logged_strength_id in lift_ids
                  else plan.logged_run_id if plan.logged_run_id in run_ids else None)
        slot = maths.PlanSlot(plan.pk, plan.kind, plan.run_type or "", _minute(plan.start_time),
                              plan.planned_rpe, linked)
        slots.append(slot)
        plans_on_day[plan.date].append(slot)
    logs_on_day: dict[dt.date, list[maths.LogSlot]] = defaultdict(list)
    for s in lifts:
        logs_on_day[s.date].append(maths.LogSlot(s.pk, "strength", "", _minute(s.start_time)))
    for r in runs:
        logs_on_day[r.date].append(maths.LogSlot(r.pk, "run", r.run_type, _minute(r.start_time)))
    found = maths.fulfilments(slots, logs_on_day, plans_on_day)
    by_id = {plan.pk: plan for plan in plans}

    def plan_of(kind: str, pk: int) -> PlannedSession | None:
        slot = found.get((kind, pk))
        return by_id[slot.id] if slot is not None else None

    done = [Done(s, None, plan_of("strength", s.pk)) for s in lifts]
    done += [Done(None, r, plan_of("run", r.pk)) for r in runs]
    done.sort(key=lambda d: (d.log.date, d.log.start_time or dt.time.min, d.kind, d.log.pk))
    return done
