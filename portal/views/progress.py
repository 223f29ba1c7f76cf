"""Progress: training load (daily load split run/lift with fitness, fatigue, form and the
7:28 ratio) and the check-ins' readiness over the same days, the running of the last weeks
(``progress_running``), the current bests of every main lift, then per main lift: e1RM over
time and heaviest sets (Chart.js), PR history, weekly volume load, and the progression's
next targets against the plan (with the button that applies one), all in the viewer's
units."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from athletes.selectors import athlete_get_for_user, units_for_viewer
from core.errors import DomainError
from core.units import estimate_to_display, load_to_display, load_unit
from portal.forms.check_ins import WORDS
from portal.support import portal_view
from portal.views.common import athlete_page, axis_labels
from portal.views.progress_running import running_context
from scheduling.engine.rules.readiness import LOW_READINESS_MAX, READINESS_DROP
from scheduling.selectors import athlete_today
from scheduling.selectors.readiness import ReadinessDay, readiness_for_athlete
from scheduling.selectors.targets import targets_against_plan
from scheduling.services import prescription_target_apply
from training.load import ACWR_HIGH, ACWR_LIMITS, LoadPoint
from training.metrics import LiftBests
from training.selectors import (
    bests_for_athlete,
    exercises_for_athlete,
    load_for_athlete,
    progress_for_athlete,
)

PREFERRED = ("back-squat", "front-squat", "deadlift", "trap-bar-deadlift", "goblet-squat")
LOAD_DAYS = 120  # the load chart: the 120 days that end today
REP_LOADS = 3  # the current bests: most reps at each of a lift's 3 heaviest loads


def _load_chart(athlete_id: int, today: dt.date) -> tuple[dict[str, object], list[LoadPoint]]:
    points = load_for_athlete(athlete_id=athlete_id, date_from=today - dt.timedelta(
        days=LOAD_DAYS - 1), date_to=today)
    return {
        "labels": axis_labels([p.date for p in points]),
        "run": [p.run_load for p in points],
        "strength": [p.strength_load for p in points],
        "ctl": [p.ctl for p in points],
        "atl": [p.atl for p in points],
        "form": [p.form for p in points],
        "acwr": [p.acwr for p in points],
        "estimated": [p.estimated for p in points],
        "high": ACWR_HIGH,
    }, points


def _readiness_chart(athlete_id: int, today: dt.date
                     ) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The check-ins' readiness over the load chart's days, and the table of the days that
    have one (newest first), each item in its words."""
    days = readiness_for_athlete(athlete_id=athlete_id, date_from=today - dt.timedelta(
        days=LOAD_DAYS - 1), date_to=today)
    chart = {
        "labels": axis_labels([d.date for d in days]),
        "readiness": [d.readiness for d in days],
        "baseline": [None if d.baseline is None else round(d.baseline, 2) for d in days],
        "low": LOW_READINESS_MAX,
    }
    return chart, [_readiness_row(d) for d in reversed(days) if d.check_in is not None]


def _readiness_row(day: ReadinessDay) -> dict[str, object]:
    check_in = day.check_in
    assert check_in is not None
    items = [(WORDS[item][1][getattr(check_in, item) - 1], getattr(check_in, item))
             for item in WORDS]
    return {"day": day, "items": items}


def bests_rows(bests: list[tuple[str, str, LiftBests]]) -> list[dict[str, object]]:
    """The current-bests table: per lift, its heaviest set, its best e1RM, and the most reps
    at each of its ``REP_LOADS`` heaviest loads, each with the date it was set."""
    rows: list[dict[str, object]] = []
    for slug, name, b in bests:
        records: list[dict[str, object]] = [
            {"kind": "load", "set": b.heaviest},
            {"kind": "e1rm", "set": b.best_e1rm, "value": b.e1rm},
        ]
        loads = sorted(b.rep_maxes, reverse=True)[:REP_LOADS]
        records += [{"kind": "reps", "set": b.rep_maxes[kg]} for kg in loads]
        rows.append({"slug": slug, "name": name, "records": records})
    return rows


def _num(value: float | None, units: str) -> float | None:
    shown = load_to_display(value, units)
    return None if shown is None else float(shown)


def _estimate(value: float | None, units: str) -> float | None:
    shown = estimate_to_display(value, units)
    return None if shown is None else float(shown)


@portal_view
@require_GET
def progress_page(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    units = units_for_viewer(user=request.user, athlete=athlete)
    bests = bests_for_athlete(athlete=athlete)
    lifts = [(slug, name) for slug, name, _ in bests]
    slugs = [slug for slug, _ in lifts]
    chosen = request.GET.get("exercise", "")
    if chosen not in slugs:
        chosen = next((s for s in PREFERRED if s in slugs), slugs[0] if slugs else "")
    data = progress_for_athlete(athlete=athlete, exercise=chosen) if chosen else None
    chart = None
    table: list[dict[str, object]] = []
    if data is not None:
        heaviest = {row["date"]: row for row in data["heaviest"]}
        dates = sorted({row["date"] for row in data["e1rm"]} | set(heaviest))
        e1rm = {row["date"]: row["e1rm"] for row in data["e1rm"]}
        chart = {
            "unit": load_unit(units),
            "labels": axis_labels(dates),
            "e1rm": [_estimate(e1rm.get(d), units) for d in dates],
            "heaviest": [_num(heaviest[d]["load_kg"], units) if d in heaviest else None
                         for d in dates],
            "heaviest_reps": [heaviest[d]["reps"] if d in heaviest else None for d in dates],
            "volume_labels": axis_labels([row["week"] for row in data["weekly_volume"]]),
            "volume": [_estimate(row["volume_kg"], units) for row in data["weekly_volume"]],
        }
        table = [{"date": d, "e1rm": e1rm.get(d), "heaviest": heaviest.get(d)}
                 for d in reversed(dates)]
    today = athlete_today(athlete=athlete)
    load_chart, load_points = _load_chart(athlete.pk, today)
    readiness_chart, readiness_table = _readiness_chart(athlete.pk, today)
    names = dict(exercises_for_athlete(athlete=athlete).values_list("slug", "name"))
    targets = [{"target": p.target, "line": p.line, "differs": p.differs,
                "name": names.get(p.target.exercise, p.target.exercise),
                "based_on": names.get(p.target.based_on, p.target.based_on)}
               for p in targets_against_plan(athlete=athlete)]
    return render(request, "portal/progress.html", athlete_page(
        request, athlete, "progress", lifts=lifts, chosen=chosen, data=data, chart=chart,
        targets=targets, page_title="Progress", table=table, bests=bests_rows(bests),
        chosen_name=dict(lifts).get(chosen, chosen), load_chart=load_chart,
        load_now=load_points[-1], load_table=[p for p in reversed(load_points) if p.load],
        acwr_limits=ACWR_LIMITS, acwr_high=ACWR_HIGH, readiness_chart=readiness_chart,
        readiness_table=readiness_table, readiness_low=LOW_READINESS_MAX,
        readiness_drop=READINESS_DROP, check_in_items=[label for label, _ in WORDS.values()],
        **running_context(athlete=athlete, units=units, today=today)))


@portal_view
@require_POST
def target_apply(request: HttpRequest, athlete_id: int) -> HttpResponse:
    """Apply the progression's proposal for one lift to its next planned session (both read
    again by the service), then back to the targets."""
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    back = reverse("portal:progress", args=[athlete.pk]) + "#targets-title"
    line = request.POST.get("line", "")
    try:
        session = prescription_target_apply(
            athlete=athlete, exercise=request.POST.get("exercise", ""),
            line_id=int(line) if line.isdigit() else None)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, f"The proposal is now the plan of \u201c{session}\u201d on "
                              f"{session.date:%a %-d %b}.")
    return redirect(back)
