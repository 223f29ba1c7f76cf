"""Each finding in plain words: a title, an explanation quoting the athlete's own numbers in
their units, and a concrete suggestion (docs/rules.md: "Tuesday 8 Dec's back squat, 4 x 4 at
120 kg, ends 13 h before Wednesday 9 Dec's 6 km intervals"). Every date is written in full
and no rule code appears in the words: the code is the finding's, for the API and the link
to the rules' page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from scheduling.engine.explain_readiness import (
    low_words,
    missed_after_move,
    missed_words,
    sore_after_move,
    sore_words,
)
from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.rules.plyo import span_dates
from scheduling.engine.scoring import Scored, hit_phrase
from scheduling.engine.text import (
    RUN_WORDS,
    cap,
    clock,
    date_text,
    hours,
    lift_name,
    lifts_text,
    minutes_text,
    plural,
    run_text,
    session_text,
    short,
    strength_text,
    weight,
    whose,
)
from scheduling.engine.timeline import HOUR, local, race_start
from scheduling.engine.types import Intensity, Rule, Severity

Words = tuple[str, str, str]  # title, explanation, suggestion when there is no move


def _lift(item: Item, prep: Prepared) -> str:
    return strength_text(item, prep).split(",")[0]


def _run_word(item: Item, prep: Prepared) -> str:
    if item.session.run_type is not None:
        return RUN_WORDS[item.session.run_type]
    return "long run" if item.long else "run"


def _race(prep: Prepared) -> str:
    race = prep.context.goal_race
    if race is None:
        return "the race"
    name = race.name or "the race"
    start = race.start_time or dt.time(8, 0)
    return f"{name} ({date_text(race.date)}, {clock(start)})"


def _week(monday: dt.date) -> str:
    return f"the week of {date_text(monday)}"


def _heavy_before_key(hit: Hit, prep: Prepared) -> Words:
    s, r = hit.items
    gap = hours(hit.gap_h or 0.0)
    title = f"Heavy {_lift(s, prep)} {gap} before {_run_word(r, prep)}"
    limit = "24 h" if (hit.gap_h or 0.0) < 24 else "36 h"
    text = (f"{whose(s, prep)}, ends {gap} before {whose(r, prep)}. A heavy lower "
            f"session wants {limit} or more before a key run, or the legs are still tired "
            "for it (24-48 h after lifting).")
    if not s.session.is_logged:
        fix = (f"Cut {short(s, prep)} to 1-2 heavy sets (a moderate session), or run "
               f"{short(r, prep)} 36 h or more after it.")
    else:
        fix = f"It is done: run {short(r, prep)} easy, or 36 h or more after the lifting."
    return title, text, fix


def _same_day_before(hit: Hit, prep: Prepared) -> Words:
    s, r = hit.items
    title = f"Heavy {_lift(s, prep)} before {_run_word(r, prep)} on {date_text(s.date)}"
    if s.start_time is None and r.start_time is None:
        when = "earlier the same day"
    else:
        when = f"ending {hours(max(hit.gap_h or 0.0, 0.0))} before it starts"
    text = (f"{whose(s, prep)}, comes before {whose(r, prep)}, {when}. Lifting heavy "
            "first leaves the key run on tired legs; run first, lift later.")
    fix = ("Run first and lift 6 h or more after the run, or keep the lifting light "
           "that day.")
    return title, text, fix


def _same_day_close(hit: Hit, prep: Prepared) -> Words:
    r, s = hit.items
    gap = hours(hit.gap_h or 0.0)
    title = f"Heavy {_lift(s, prep)} {gap} after {_run_word(r, prep)}"
    text = (f"{whose(s, prep)}, starts {gap} after {whose(r, prep)} ends. Keep 6 h or more "
            "between a key run and heavy lifting on the same day (under 3 h costs the most).")
    after = local(prep.zone, r.end + 6 * HOUR)
    fix = f"Start the lifting at {clock(after.time())} or later, 6 h after the run."
    return title, text, fix


def _after_long(hit: Hit, prep: Prepared) -> Words:
    r, s = hit.items
    kind = cap((s.intensity or Intensity.MODERATE).value)
    title = f"{kind} {_lift(s, prep)} the day after the long run"
    text = (f"{whose(s, prep)}, is the day after {whose(r, prep)}. The legs are still "
            "recovering from the long run; lifting now costs the next key session.")
    fix = "Keep the lifting light the day after a long run, or do it a day later."
    return title, text, fix


def _easy_day(hit: Hit, prep: Prepared) -> Words:
    (s,) = hit.items
    runs = [o for o in prep.day_items(s.day) if o.is_run]
    title = f"Heavy {_lift(s, prep)} on an easy day"
    easy = " and ".join(run_text(r, prep.context.units) for r in runs)
    text = (f"{whose(s, prep)}, is on a day with only an easy run ({easy}), while a key-run "
            "day of the same week could host it 6 h or more after its run. Keep hard days "
            "hard and easy days easy.")
    fix = "Next time, lift on the evening of a key-run day, 6 h or more after the run."
    return title, text, fix


def _heavy_close(hit: Hit, prep: Prepared) -> Words:
    a, b = hit.items
    days = int(hit.number)
    title = f"Two heavy lower sessions {plural(days, 'day')} apart"
    text = (f"{whose(a, prep)}, and {whose(b, prep)}, are {plural(days, 'day')} apart. Heavy "
            "lower sessions want 3 days or more between them (a Monday and the Thursday after "
            "it).")
    fix = f"Make {short(b, prep)} light or moderate (1-2 heavy sets), or move one of them."
    return title, text, fix


def _clock_span(item: Item, prep: Prepared) -> str:
    """``07:00-08:00``: the wall-clock times its real span starts and ends at."""
    zone = prep.zone
    return f"{clock(local(zone, item.start).time())}-{clock(local(zone, item.end).time())}"


def _name(item: Item, prep: Prepared) -> str:
    """``intervals``, ``back squat``: what to call the session in a suggestion."""
    return _run_word(item, prep) if item.is_run else _lift(item, prep)


def _overlap(hit: Hit, prep: Prepared) -> Words:
    a, b = hit.items
    day = date_text(a.date)
    title = f"Two sessions overlap on {day}"
    text = (f"{day}: the {session_text(a, prep)} ({_clock_span(a, prep)}) and the "
            f"{session_text(b, prep)} ({_clock_span(b, prep)}) overlap by "
            f"{minutes_text(hit.number)}; nobody can do both at once.")
    free = clock(local(prep.zone, a.end).time())
    if not b.session.is_logged:
        fix = (f"Start the {_name(b, prep)} at {free} or later, after the {_name(a, prep)}, or "
               "move one of them to another day.")
    elif not a.session.is_logged:
        fix = (f"Move the {_name(a, prep)} to another time or day: the {_name(b, prep)} is "
               "logged at that time.")
    else:
        fix = "Both are logged: check the start times and durations entered."
    return title, text, fix


def _no_e1rm(hit: Hit, prep: Prepared) -> Words:
    (s,) = hit.items
    names = " and ".join(dict.fromkeys(lift_name(w.info.name) for w in hit.works))
    title = f"No e1RM for {names}"
    text = (f"{date_text(s.date)}: {lifts_text(hit.works, prep.context.units)}. No working "
            f"set of {names} of 1-10 reps was logged in the last 6 weeks, so there is no "
            "e1RM to take the percentage of: the athlete cannot know the load.")
    fix = (f"Give the load in kg for now (one that leaves 2-3 reps in reserve), or log a set "
           f"of 1-10 reps of {names} first; the percentage works from then on.")
    return title, text, fix


def _weekly(hit: Hit, prep: Prepared) -> Words:
    monday = hit.week or prep.today
    count = int(hit.number)
    limit = int(hit.limit)
    phase = prep.phase(monday).value.replace("_", "-")
    sessions = "; ".join(whose(i, prep) for i in hit.items) or "none"
    title = f"{plural(count, 'strength session')} in the week of {date_text(monday)}"
    if hit.rule is Rule.WEEKLY_FREQUENCY_LOW:
        text = (f"{cap(_week(monday))}, {phase} phase, has "
                f"{plural(count, 'strength session')} ({sessions}); the {phase} phase wants "
                f"{limit} (2 heavy sessions a week build strength, 1 keeps it).")
        days = sorted({r.date for r in prep.near(monday.toordinal(), 0, 6)
                       if r.is_run and r.key})
        hosts = ", ".join(date_text(d) for d in days if d >= prep.today)
        fix = (f"Add {plural(limit - count, 'session')}: first choice the evening of a key-run "
               f"day ({hosts}), 6 h or more after the run; else a day 48 h or more before "
               "the next key run." if hosts else
               f"Add {plural(limit - count, 'session')} on a day 48 h or more before the next "
               "key run and not the day after a long run.")
        return title, text, fix
    text = (f"{cap(_week(monday))}, {phase} phase, has "
            f"{plural(count, 'strength session')} ({sessions}); the {phase} phase allows "
            f"{limit}.")
    rank = {Intensity.LIGHT: 0, Intensity.MODERATE: 1, Intensity.HEAVY: 2}
    droppable = sorted(hit.items, key=lambda i: (rank[i.intensity or Intensity.LIGHT],
                                                 -i.day, i.ref))
    names = ", ".join(short(i, prep) for i in droppable[:count - limit])
    fix = f"Drop {plural(count - limit, 'session')} this week: {names}."
    return title, text, fix


def _taper(hit: Hit, prep: Prepared) -> Words:
    (s,) = hit.items
    days = int(hit.number)
    title = f"Heavy {_lift(s, prep)} {plural(days, 'day')} before the race"
    text = (f"{whose(s, prep)}, is {plural(days, 'day')} before {_race(prep)}. In the taper "
            "heavy lower lifting 7 days or fewer out costs the race legs; 8-10 days out it "
            "still may.")
    fix = ("Keep the lifts and the load but cut to 1-2 sets (a moderate session), or drop "
           "it; heavy work belongs 11 days or more before the race.")
    return title, text, fix


def _race_week(hit: Hit, prep: Prepared) -> Words:
    (s,) = hit.items
    gap = hours(hit.gap_h or 0.0)
    title = f"Strength {gap} before the race"
    text = (f"{whose(s, prep)}, ends {gap} before {_race(prep)} starts. Leave 96 h or more "
            "between the last strength session and the race.")
    race = prep.context.goal_race
    fix = "Drop it this week."
    if race is not None:
        latest = local(prep.zone, race_start(prep.zone, race) - 96 * HOUR)
        fix = (f"Drop it, or finish it by {date_text(latest.date())} {clock(latest.time())} "
               "(96 h before the start).")
    return title, text, fix


def _sets(hit: Hit, prep: Prepared) -> Words:
    (s,) = hit.items
    lifts = lifts_text(hit.works, prep.context.units)
    day = date_text(s.date)
    name = lift_name(hit.works[0].info.name) if hit.works else "lift"
    rule = hit.rule
    if rule is Rule.MAIN_LIFT_REPS:
        return (f"Main lift reps outside 3-6 on {day}",
                f"{day}: {lifts}. Main lifts build a runner's strength at 3-6 reps per set.",
                "Use 3-6 reps: add load to bring high reps down, take a little off for "
                "singles and doubles.")
    if rule is Rule.ACCESSORY_REPS:
        return (f"Accessory reps outside 8-12 on {day}",
                f"{day}: {lifts}. Accessory work is done at 8-12 reps per set.",
                "Use 8-12 reps per set, adjusting the load to match.")
    if rule is Rule.TOO_MANY_SETS:
        return (f"{int(hit.number)} sets of {name} on {day}",
                f"{day}: {lifts}. More than 4 working sets of one main lift adds fatigue, "
                "not strength.", "Cap it at 4 working sets per main lift.")
    if rule is Rule.TO_FAILURE:
        return (f"{cap(name)} to failure on {day}",
                f"{day}: {lifts}, logged at RIR 0 (no reps left).",
                "Stop each main-lift set with 1-2 reps in reserve (RIR 1-2).")
    if rule is Rule.MAINTENANCE_TOO_MUCH:
        return (f"{int(hit.number)} sets of {name} in the race-specific phase",
                f"{day}: {lifts}. In the race-specific phase 3 working sets of a main lift "
                "keep the strength you built.",
                "Cut to 3 working sets per main lift and keep the load.")
    return (f"Maintenance sets too light on {day}",
            f"{day}: {lifts}. In the race-specific phase keep main lifts heavy: 6 reps or "
            "fewer, RIR 3 or less.",
            "Keep it heavy (3-6 reps at RIR 1-3) and cut sets instead of load.")


def _stalled(hit: Hit, prep: Prepared) -> Words:
    info = prep.context.exercises.get(hit.suffix)
    name = lift_name(info.name) if info else hit.suffix
    units = prep.context.units
    title = f"{cap(name)} has stalled"
    text = (f"{cap(name)}: {plural(len(hit.items), 'session')} in the last 4 weeks "
            f"({', '.join(date_text(i.date) for i in hit.items)}), best e1RM "
            f"{weight(hit.number, units)}, against {weight(hit.limit, units)} in the 4 "
            "weeks before.")
    fix = ("Take the load down 10 % for a week and build back, or change the rep target "
           "within 3-6.")
    return title, text, fix


def _plyo(hit: Hit, prep: Prepared) -> Words:
    (s,) = hit.items
    day = date_text(s.date)
    contacts = plural(s.contacts, "ground contact")
    if hit.rule is Rule.PLYO_BEFORE_BASE:
        first, last = span_dates(s.date, int(hit.limit))
        return ("Plyometrics before a strength base",
                f"{day}'s session has {contacts}, but {int(hit.number)} of the 6 weeks "
                f"before it had no strength session (the latest gap: {date_text(first)} to "
                f"{date_text(last)}).",
                "Drop the jumps for now; start them once every week of the last six had a "
                "strength session, at low contacts.")
    if hit.rule is Rule.PLYO_VOLUME:
        limit = int(hit.limit)
        return (f"{cap(contacts)} on {day}",
                f"{day}: {lifts_text(hit.works, prep.context.units)}, {contacts} in all; the "
                f"cap for a {prep.context.level.value} is {limit}.",
                f"Cut {s.contacts - limit} contacts: drop a set or shorten the sets.")
    return (f"Plyometrics after the main lifts on {day}",
            f"{day}: {lifts_text(hit.works, prep.context.units)}, after the main lifts. "
            "Jumps want fresh legs.",
            "Do the plyometrics first, after the warm-up and before the main lifts.")


def _plyo_close(hit: Hit, prep: Prepared) -> Words:
    a, b = hit.items
    return ("Plyometrics on consecutive days",
            f"{date_text(a.date)} ({plural(a.contacts, 'ground contact')}) and "
            f"{date_text(b.date)} ({plural(b.contacts, 'ground contact')}) both have "
            "plyometrics; tendons want a day between them.",
            f"Leave a day between them: drop the jumps from {short(b, prep)}.")


WRITERS: dict[Rule, Callable[[Hit, Prepared], Words]] = {
    Rule.HEAVY_BEFORE_KEY_RUN: _heavy_before_key,
    Rule.HEAVY_SAME_DAY_BEFORE_RUN: _same_day_before,
    Rule.SAME_DAY_TOO_CLOSE: _same_day_close,
    Rule.HEAVY_AFTER_LONG_RUN: _after_long,
    Rule.STRENGTH_ON_EASY_DAY: _easy_day,
    Rule.HEAVY_SESSIONS_TOO_CLOSE: _heavy_close,
    Rule.WEEKLY_FREQUENCY_LOW: _weekly,
    Rule.WEEKLY_FREQUENCY_HIGH: _weekly,
    Rule.TAPER_HEAVY: _taper,
    Rule.RACE_WEEK_TOO_CLOSE: _race_week,
    Rule.MAINTENANCE_TOO_MUCH: _sets,
    Rule.MAINTENANCE_TOO_LIGHT: _sets,
    Rule.MAIN_LIFT_REPS: _sets,
    Rule.ACCESSORY_REPS: _sets,
    Rule.TOO_MANY_SETS: _sets,
    Rule.TO_FAILURE: _sets,
    Rule.STALLED_PROGRESSION: _stalled,
    Rule.PLYO_BEFORE_BASE: _plyo,
    Rule.PLYO_VOLUME: _plyo,
    Rule.PLYO_NOT_FIRST: _plyo,
    Rule.PLYO_TOO_CLOSE: _plyo_close,
    Rule.SESSIONS_OVERLAP: _overlap,
    Rule.NO_E1RM_FOR_PERCENT: _no_e1rm,
    Rule.SORE_LEGS_BEFORE_HEAVY: sore_words,
    Rule.LOW_READINESS: low_words,
    Rule.MISSED_SESSION: missed_words,
}


def words(hit: Hit, prep: Prepared) -> Words:
    return WRITERS[hit.rule](hit, prep)


_A_FINDING = {Severity.ERROR: "an error", Severity.WARNING: "a warning",
              Severity.INFO: "a note"}


# What a rule's suggestion says after the move's words (none: nothing).
AFTER_MOVE: dict[Rule, Callable[[Hit, Scored, Prepared], str]] = {
    Rule.SORE_LEGS_BEFORE_HEAVY: sore_after_move,
    Rule.MISSED_SESSION: missed_after_move,
}


def move_words(original: Item, scored: Scored, prep: Prepared) -> str:
    """``Move Tuesday 8 Dec's back squat to Wednesday 9 Dec at 14:00: the evening of ...``."""
    target = scored.item
    at = target.start_time
    when = f"{date_text(target.date)} at {clock(at)}" if at else date_text(target.date)
    merits = scored.merits(prep)
    why = f": {merits[0]}" if merits else ""
    # A move may trade an error for a warning: say what it leaves, so nobody is surprised.
    leaves = "".join(f"; it leaves {_A_FINDING[hit.severity]}: {hit_phrase(hit, target, prep)}"
                     for hit in scored.hits)
    return f"Move {short(original, prep)} to {when}{why}{leaves}."
