"""Dose rules: how much strength, by phase (docs/rules.md, "Dose rules").

Weekly counts: logged strength sessions plus planned ones not missed; a planned session
fulfilled by a logged one counts once (``Prepared`` already dropped it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from scheduling.engine.classify import Work
from scheduling.engine.phases import WEEKLY_MAX, WEEKLY_WANTED
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.timeline import HOUR
from scheduling.engine.types import Phase, Rule, Severity

TAPER_ERROR_DAYS = 7
TAPER_WARNING_DAYS = 10
RACE_WEEK_HOURS = 96.0
MAINTENANCE_MAX_SETS = 3
MAINTENANCE_MAX_REPS = 6
MAINTENANCE_MAX_RIR = 3


def weekly_hits(prep: Prepared, monday: dt.date) -> list[Hit]:
    """WEEKLY_FREQUENCY_LOW / _HIGH for the ISO week starting ``monday`` (its Monday's phase)."""
    day = monday.toordinal()
    week = tuple(i for i in prep.near(day, 0, 6) if not i.is_run)
    phase = prep.phase(monday)
    count = len(week)
    wanted = WEEKLY_WANTED[phase]
    most = WEEKLY_MAX[phase]
    if count < wanted:
        return [Hit(Rule.WEEKLY_FREQUENCY_LOW, Severity.INFO, week, week=monday,
                    number=count, limit=wanted)]
    if count > most:
        return [Hit(Rule.WEEKLY_FREQUENCY_HIGH, Severity.WARNING, week, week=monday,
                    number=count, limit=most)]
    return []


def race_hits(prep: Prepared, item: Item) -> list[Hit]:
    """TAPER_HEAVY and RACE_WEEK_TOO_CLOSE for one strength session (the race is no session).

    Days before the race count calendar dates; a session on race day counts (0 days) when it
    starts before the race does.
    """
    race = prep.context.goal_race
    starts = prep.race_start
    if race is None or starts is None or item.is_run or item.start >= starts:
        return []
    out: list[Hit] = []
    days = race.date.toordinal() - item.day
    if item.heavy and days <= TAPER_WARNING_DAYS:
        severity = Severity.ERROR if days <= TAPER_ERROR_DAYS else Severity.WARNING
        limit = TAPER_ERROR_DAYS if days <= TAPER_ERROR_DAYS else TAPER_WARNING_DAYS
        out.append(Hit(Rule.TAPER_HEAVY, severity, (item,), number=days, limit=limit))
    gap = (starts - item.end) / HOUR
    if gap < RACE_WEEK_HOURS:
        out.append(Hit(Rule.RACE_WEEK_TOO_CLOSE, Severity.WARNING, (item,), gap_h=gap,
                       limit=RACE_WEEK_HOURS))
    return out


def e1rm_hits(prep: Prepared, item: Item) -> list[Hit]:
    """NO_E1RM_FOR_PERCENT: a planned session's lines at a % of e1RM, with no load of their
    own, for an exercise with no current e1RM (the best of the last 6 weeks): the athlete
    cannot know the load."""
    if item.session.is_logged:
        return []
    e1rm = prep.e1rm
    missing = tuple(w for w in item.works
                    if w.pct is not None and w.load_kg is None and not e1rm(w.info.slug))
    if not missing:
        return []
    return [Hit(Rule.NO_E1RM_FOR_PERCENT, Severity.INFO, (item,), works=missing)]


def maintenance_hits(item: Item, phase: Phase) -> list[Hit]:
    """MAINTENANCE_TOO_MUCH / _TOO_LIGHT: in race-specific weeks keep it heavy, cut sets."""
    if phase is not Phase.RACE_SPECIFIC:
        return []
    out: list[Hit] = []
    per_lift: dict[str, list[Work]] = defaultdict(list)
    light: list[Work] = []
    for w in item.works:
        if w.warmup or not w.is_main:
            continue
        per_lift[w.info.slug].append(w)
        if w.reps_hi > MAINTENANCE_MAX_REPS or (w.rir is not None and w.rir > MAINTENANCE_MAX_RIR):
            light.append(w)
    too_much = tuple(w for works in per_lift.values()
                     if sum(x.count for x in works) > MAINTENANCE_MAX_SETS for w in works)
    if too_much:
        most = max(sum(x.count for x in ws) for ws in per_lift.values())
        out.append(Hit(Rule.MAINTENANCE_TOO_MUCH, Severity.INFO, (item,), works=too_much,
                       number=most, limit=MAINTENANCE_MAX_SETS))
    if light:
        out.append(Hit(Rule.MAINTENANCE_TOO_LIGHT, Severity.INFO, (item,), works=tuple(light)))
    return out
