"""The engine's shortcuts agree with the plain definitions they stand in for."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from scheduling.engine import AthleteContext, Kind, Session, SessionRef, Severity, SourceType
from scheduling.engine.placer import SlotSearch
from scheduling.engine.prepare import Prepared
from scheduling.engine.rules.placement import local_hits
from scheduling.engine.scoring import ERROR_PENALTY, penalties
from scheduling.engine.timeline import instant, monday_of, zone
from tests.engine.strategies import DAYS, plans

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
