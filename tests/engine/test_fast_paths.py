"""The engine's shortcuts agree with the plain definitions they stand in for."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from scheduling.engine import (
    AthleteContext,
    Category,
    Kind,
    Rule,
    Session,
    SessionRef,
    Severity,
    SourceType,
    check,
)
from scheduling.engine.compliance import takes_part
from scheduling.engine.placer import SlotSearch
from scheduling.engine.prepare import Prepared
from scheduling.engine.rules.placement import local_hits
from scheduling.engine.scoring import ERROR_PENALTY, penalties
from scheduling.engine.timeline import instant, monday_of, zone
from tests.engine.strategies import DAYS, plans, plans_with_history

FAST = settings(deadline=None, max_examples=int(os.environ.get("ENGINE_EXAMPLES", "60")),
                suppress_health_check=[HealthCheck.too_slow])
Plan = tuple[AthleteContext, list[Session], dt.date]


@pytest.mark.parametrize("name", ["Europe/Berlin", "America/New_York", "Australia/Sydney",
                                  "Australia/Lord_Howe", "America/St_Johns", "UTC"])
def test_instant_is_datetime_timestamp_on_every_day_of_a_year(name: str) -> None:
    times = [dt.time(h, m) for h in range(24) for m in (0, 30)] + [dt.time(2, 15, 7, 250)]
    day = dt.date(2026, 1, 1)
    for n in range(366):
        date = day + dt.timedelta(days=n)
        for at in times:
            expected = dt.datetime.combine(date, at, tzinfo=zone(name)).timestamp()
            assert instant(name, date, at) == expected, (date, at)


@FAST
@given(plans())
def test_the_placers_arithmetic_verdict_is_local_hits(plan: Plan) -> None:
    """``SlotSearch`` scores candidates without building findings; every candidate's verdict
    (rejected, or its penalty) must be what ``local_hits`` of the moved session says."""
    context, sessions, today = plan
    prep = Prepared(context, sessions, today=today, first=DAYS[0], last=DAYS[-1])
    for item in [i for i in prep.items if not i.is_run and i.movable]:
        allowed = frozenset(h.key for h in local_hits(prep, item)
                            if h.severity is Severity.ERROR)
        search = SlotSearch(prep, item, monday_of(item.date), allowed_errors=allowed)
        for _, day, start, at in search._cands:
            moved = item.moved(prep.zone, dt.date.fromordinal(day), at)
            assert moved.start == start
            hits = local_hits(prep, moved)
            new_error = any(h.severity is Severity.ERROR and h.key not in allowed for h in hits)
            verdict = search._penalty(day, start)
            assert (verdict is None) == new_error, (moved, hits)
            if verdict is not None:
                assert verdict == penalties(hits)
                assert verdict >= ERROR_PENALTY * sum(h.severity is Severity.ERROR
                                                      for h in hits)


@FAST
@given(plans())
def test_prepared_history_views_are_the_plain_filters(plan: Plan) -> None:
    """``Prepared`` works out ``strength``, ``logged_strength`` and the fulfilled plans on
    first use (by planned id); they must be what the plain definitions say, and each date's
    items must be in (start, ref) order, as ``items`` is."""
    context, sessions, today = plan
    sessions = list(sessions)
    if sessions:  # a logged session fulfilling the first planned one
        first = next((s for s in sessions if s.ref.type is SourceType.PLANNED), None)
        if first is not None:
            logged = SourceType.RUN if first.kind is Kind.RUN else SourceType.STRENGTH
            sessions.append(replace(first, ref=SessionRef(logged, 999), fulfils=first.ref))
    prep = Prepared(context, sessions, today=today, first=DAYS[0], last=DAYS[-1])
    sessions = [s for s in sessions if takes_part(s)]  # a draft takes part in nothing
    fulfilled = {s.fulfils for s in sessions
                 if s.fulfils is not None and s.ref.type is not SourceType.PLANNED}
    taking_part = [s for s in sessions if not (s.ref.type is SourceType.PLANNED and (
        s.date < today or s.ref in fulfilled))]
    assert prep.strength == [s for s in taking_part if s.kind is Kind.STRENGTH]
    assert prep.logged_strength == [s for s in sessions if s.kind is Kind.STRENGTH
                                    and s.ref.type is not SourceType.PLANNED]
    assert set(prep.planned) == {s.ref for s in sessions if s.ref in fulfilled}
    assert sorted(i.tag for i in prep.items) == sorted(
        f"{s.ref.type.value}:{s.ref.id}" for s in taking_part)
    assert prep.items == sorted(prep.items, key=lambda i: (i.start, i.rkey))
    for day, found in prep.by_day.items():
        assert found == [i for i in prep.items if i.day == day]


def _base(session: Session, context: AthleteContext) -> bool:
    """docs/rules.md: a working set of a main lift or accessory (a planned line of one; a plan
    with no prescription is strength whose content is not written down)."""
    def lifting(slug: str) -> bool:
        return context.exercises[slug].category is not Category.PLYOMETRIC
    if session.ref.type is not SourceType.PLANNED:
        return any(not s.is_warmup and lifting(s.exercise) for s in session.sets)
    return not session.prescription or any(lifting(p.exercise) for p in session.prescription)


@settings(FAST, max_examples=max(FAST.max_examples, 300))
@given(plans_with_history())
def test_plyo_before_base_is_the_plain_reading_of_its_six_spans(plan: Plan) -> None:
    """No shortcut: each plyometric session is flagged exactly when one of the six 7-day spans
    ending the day before its own date holds no strength session that builds a base."""
    context, sessions, today = plan
    found = check(context, sessions, today=today, window_start=DAYS[0], window_end=DAYS[-1])
    flagged = {f.sessions[0] for f in found if f.rule == Rule.PLYO_BEFORE_BASE}
    fulfilled = {s.fulfils for s in sessions if s.fulfils is not None}
    taking_part = [s for s in sessions if s.kind is Kind.STRENGTH and not (
        s.ref.type is SourceType.PLANNED and (s.date < today or s.ref in fulfilled))]
    base = {s.date for s in taking_part if _base(s, context)}
    expected = set()
    for s in taking_part:
        works = [x.exercise for x in s.sets] or [p.exercise for p in s.prescription]
        if not DAYS[0] <= s.date <= DAYS[-1] or not any(
                context.exercises[w].category is Category.PLYOMETRIC for w in works):
            continue
        spans = [{s.date - dt.timedelta(days=7 * k + d) for d in range(1, 8)}
                 for k in range(6)]
        if any(not span & base for span in spans):
            expected.add(s.ref)
    assert flagged == expected
