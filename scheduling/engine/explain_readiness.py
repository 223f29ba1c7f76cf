"""The readiness and missed-session findings in plain words (``explain`` hands them here):
the check-in's own figures and dates, what to do with the session today or tomorrow holds,
and what a missed session leaves (a make-up slot, or letting it go)."""

from __future__ import annotations

import datetime as dt

from scheduling.engine.prepare import Item, Prepared
from scheduling.engine.rules.hit import Hit
from scheduling.engine.rules.readiness import (
    BASELINE_DAYS,
    LATER_H,
    LIGHT_RIR,
    LIGHT_SETS,
    LOW_READINESS_MAX,
    READINESS_DROP,
    SORE_MAX,
    dropped,
    is_low,
    todays_check_in,
)
from scheduling.engine.scoring import Scored
from scheduling.engine.text import clock, date_text, hours, plural, short, strength_text, whose
from scheduling.engine.timeline import HOUR, monday_of
from scheduling.engine.types import CheckIn

Words = tuple[str, str, str]  # title, explanation, suggestion when there is no move

LIGHT = (f"the main lifts cut to {LIGHT_SETS} sets at RIR {LIGHT_RIR} or more")


def figure(value: float) -> str:
    """A readiness figure to 0.01, one decimal at least: 3.57, 3.6, 4.0."""
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text


def _readiness(check_in: CheckIn) -> str:
    return f"{check_in.readiness:.1f}"


def _when(item: Item, prep: Prepared) -> str:
    """``tomorrow, Tuesday 24 Nov at 17:30``."""
    word = "today" if item.day == prep.today_day else "tomorrow"
    at = f" at {clock(item.start_time)}" if item.start_time else ""
    return f"{word}, {date_text(item.date)}{at}"


def sore_words(hit: Hit, prep: Prepared) -> Words:
    (item,) = hit.items
    check_in = todays_check_in(prep)
    soreness = int(hit.number)
    today = date_text(check_in.date) if check_in else date_text(prep.today)
    lift = strength_text(item, prep).split(",")[0]
    word = "today" if item.day == prep.today_day else "tomorrow"
    title = f"Sore legs before heavy {lift} {word}"
    text = (f"Today's check-in ({today}) gives leg soreness {soreness} of 5 (1 is very sore, "
            f"5 fresh; {SORE_MAX} or less is sore), and {whose(item, prep)}, a heavy lower "
            f"session, is planned {_when(item, prep)}. Sore legs lift less, recover more "
            "slowly and carry the fatigue into the runs that follow.")
    # With a move the suggestion is the move's (``sore_after_move`` adds the other way out);
    # a movable session without one had no slot 48 h later free of errors.
    fix = f"Make {short(item, prep)} light: {LIGHT}."
    if item.movable:
        fix += (f" No slot {hours(LATER_H)} or more later, this week or next, is free of "
                "errors.")
    return title, text, fix


def sore_after_move(hit: Hit, scored: Scored, prep: Prepared) -> str:
    """What follows the move's words: how much later it is, and the other way out."""
    (item,) = hit.items
    gap = hours((scored.item.start - item.start) / HOUR)
    return (f" That is {gap} later than planned ({hours(LATER_H)} or more), time for the legs "
            f"to recover. Or keep the day and make it light: {LIGHT}.")


def low_words(hit: Hit, prep: Prepared) -> Words:
    check_in = todays_check_in(prep)
    context = prep.context
    readiness = _readiness(check_in) if check_in else figure(hit.number)
    title = f"Low readiness today ({readiness} of 5)"
    reasons = []
    if check_in is not None and is_low(check_in):
        reasons.append(f"{figure(LOW_READINESS_MAX)} or lower")
    mean = context.readiness_mean
    if check_in is not None and mean is not None and dropped(check_in, mean,
                                                             context.readiness_count):
        first = prep.today - dt.timedelta(days=BASELINE_DAYS)
        last = prep.today - dt.timedelta(days=1)
        reasons.append(
            f"{figure(mean - check_in.readiness)} below the mean of {figure(mean)} over the "
            f"{plural(context.readiness_count, 'check-in')} from {date_text(first)} to "
            f"{date_text(last)} ({figure(READINESS_DROP)} or more below is a drop)")
    items = ""
    if check_in is not None:
        items = (f": sleep {check_in.sleep}, energy {check_in.energy}, leg soreness "
                 f"{check_in.soreness}, stress {check_in.stress}, mood {check_in.mood}")
    today = date_text(prep.today)
    planned = "; ".join(whose(i, prep) for i in hit.items)
    text = (f"Today's check-in ({today}){items}, gives a readiness of {readiness} of 5: "
            f"{' and '.join(reasons)}. Planned today: {planned}. A hard session on a low day "
            "costs more and gives less.")
    eased = [f"run {short(i, prep)} as an easy run" if i.is_run
             else f"cut {short(i, prep)} to {LIGHT_SETS} sets of its main lifts"
             for i in hit.items]
    fix = f"Ease today: {' and '.join(eased)}."
    return title, text, fix


def _rest_of_week(prep: Prepared, item: Item) -> tuple[dt.date, dt.date] | None:
    """The days of the missed session's ISO week from today on (None: the week is over)."""
    sunday = monday_of(item.date) + dt.timedelta(days=6)
    return (prep.today, sunday) if prep.today <= sunday else None


def missed_words(hit: Hit, prep: Prepared) -> Words:
    """What was missed, when, and the way out when there is no make-up move: let it go."""
    (item,) = hit.items
    days = int(hit.number)
    ago = "yesterday" if days == 1 else f"{days} days ago"
    what = "key run" if item.is_run else "strength session"
    title = f"Missed {what}: {short(item, prep)}"
    text = f"Nothing logged fulfils {whose(item, prep)}, planned {ago}."
    if item.is_run:
        text += (" A missed key run is not made up: stacked onto the days before the next "
                 "key run, it would cost that one as well.")
        return title, text, "Let it go, and keep the next key run as planned."
    text += (" A strength session missed now and then costs little; made up in the same "
             "week, it keeps the week's dose.")
    rest = _rest_of_week(prep, item)
    if rest is None:
        return title, text, "Let it go: its week is over, and next week's plan stands."
    first, last = rest
    return title, text, (f"Let it go: no time from {date_text(first)} to {date_text(last)} "
                         "takes it without an error or a second strength session that day.")


def missed_after_move(hit: Hit, scored: Scored, prep: Prepared) -> str:
    return " Or let it go."
