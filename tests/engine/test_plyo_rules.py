"""Plyometric rules (docs/rules.md, "Plyometric rules")."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine import Level, LoggedSet, PrescriptionLine, Rule
from tests.engine.builders import MON, TUE, WED, ctx, findings, lift, line, only, sets


def pogo(contacts: int, order: int = 1) -> object:
    return line("pogo-hops", sets=1, reps=contacts, contacts=contacts, order=order)


VOLUME = [
    pytest.param(Level.BEGINNER, 100, False, id="beginner: 100 contacts is the cap"),
    pytest.param(Level.BEGINNER, 101, True, id="beginner: 101 is over"),
    pytest.param(Level.INTERMEDIATE, 120, False, id="intermediate: 120"),
    pytest.param(Level.INTERMEDIATE, 121, True, id="intermediate: 121"),
    pytest.param(Level.ADVANCED, 140, False, id="advanced: 140"),
    pytest.param(Level.ADVANCED, 141, True, id="advanced: 141"),
]


@pytest.mark.parametrize(("level", "contacts", "flagged"), VOLUME)
def test_plyo_volume_cap_by_level(level: Level, contacts: int, flagged: bool) -> None:
    found = findings(ctx(level=level),
                     [lift(WED, lines=[pogo(contacts)])])  # type: ignore[list-item]
    hits = only(found, Rule.PLYO_VOLUME)
    assert bool(hits) is flagged
    if flagged:
        assert hits[0].severity.value == "warning"
        assert f"{contacts} ground contacts" in hits[0].explanation


def test_a_prescription_line_counts_sets_times_contacts_per_set() -> None:
    four_by_25 = line("pogo-hops", sets=4, reps=25, contacts=25)
    found = findings(ctx(level=Level.BEGINNER),
                     [lift(WED, lines=[four_by_25])])
    assert not only(found, Rule.PLYO_VOLUME)  # 4 x 25 = 100
    five_by_25 = line("pogo-hops", sets=5, reps=25, contacts=25)
    found = findings(ctx(level=Level.BEGINNER),
                     [lift(WED, lines=[five_by_25])])
    assert only(found, Rule.PLYO_VOLUME)  # 125


NO_CONTACTS = [  # intermediate: cap 120
    pytest.param([line("pogo-hops", 4, 30)], False, id="4 x 30 reps, no contacts: 120"),
    pytest.param([line("pogo-hops", 4, 31)], True, id="4 x 31 reps: 124 contacts"),
    pytest.param([line("pogo-hops", 4, (25, 31))], True, id="4 x 25-31 reps: its top, 124"),
    pytest.param([line("pogo-hops", 4, 31, contacts=30)], False,
                 id="4 x 31 reps of 30 contacts: the contacts count"),
    pytest.param([line("pogo-hops", 2, 30), line("box-jump", 2, 31, order=2)], True,
                 id="two lines, 60 + 62 contacts"),
]


@pytest.mark.parametrize(("lines", "flagged"), NO_CONTACTS)
def test_a_plyometric_line_without_contacts_counts_a_contact_a_rep(
        lines: list[PrescriptionLine], flagged: bool) -> None:
    found = findings(ctx(), [lift(WED, lines=lines)])
    assert bool(only(found, Rule.PLYO_VOLUME)) is flagged


@pytest.mark.parametrize(("logged", "flagged"), [
    (sets("pogo-hops", 4, 30, 0), False), (sets("pogo-hops", 4, 30, 0)
                                            + sets("box-jump", 1, 1, 0, order=2), True)])
def test_a_logged_plyometric_set_without_contacts_counts_a_contact_a_rep(
        logged: list[LoggedSet], flagged: bool) -> None:
    found = findings(ctx(), [lift(WED, logged=logged)])
    assert bool(only(found, Rule.PLYO_VOLUME)) is flagged


def test_logged_contacts_sum_over_the_sessions_plyometric_sets() -> None:
    logged = sets("pogo-hops", 3, 20, 0, contacts=40) + sets("box-jump", 1, 5, 0, order=2)
    found = findings(ctx(), [lift(WED, logged=logged)])
    assert only(found, Rule.PLYO_VOLUME)  # 120 + 5 (reps stand in for contacts) = 125


NOT_FIRST = [
    pytest.param([pogo(40, order=1), line(order=2)], False, id="jumps first: fine"),
    pytest.param([line(order=1), pogo(40, order=2)], True, id="jumps after the squat"),
    pytest.param([line("calf-raise", 3, 10, order=1), pogo(40, order=2)], False,
                 id="after an accessory only: fine"),
]


@pytest.mark.parametrize(("lines", "flagged"), NOT_FIRST)
def test_plyo_not_first(lines: list[object], flagged: bool) -> None:
    found = findings(ctx(), [lift(WED, lines=lines)])  # type: ignore[arg-type]
    assert bool(only(found, Rule.PLYO_NOT_FIRST)) is flagged


@pytest.mark.parametrize(("second", "flagged"), [(TUE, True), (WED, False)])
def test_plyo_too_close(second: dt.date, flagged: bool) -> None:
    sessions = [lift(MON, lines=[pogo(40)]), lift(second, lines=[pogo(40)])]
    hits = only(findings(ctx(), sessions), Rule.PLYO_TOO_CLOSE)  # type: ignore[list-item]
    assert bool(hits) is flagged
    if flagged:
        assert hits[0].severity.value == "info" and len(hits[0].sessions) == 2


def base_history(plyo_day: dt.date, days_before: list[int]) -> list[object]:
    return [lift(plyo_day - dt.timedelta(days=d), logged=sets(n=3, reps=5))
            for d in days_before]


BEFORE_BASE = [
    pytest.param([1, 8, 15, 22, 29, 36], False, id="a session in each of the six spans"),
    pytest.param([7, 14, 21, 28, 35, 42], False, id="the last day of each span counts"),
    pytest.param([1, 8, 15, 22, 29], True, id="days 36-42 empty"),
    pytest.param([1, 8, 15, 22, 29, 43], True, id="43 days before is outside the six"),
    pytest.param([1, 2, 3, 8, 15, 22, 29], True, id="many sessions, one span empty"),
    pytest.param([0, 8, 15, 22, 29, 36], True, id="the same day does not count for days 1-7"),
]


@pytest.mark.parametrize(("days_before", "flagged"), BEFORE_BASE)
def test_plyo_before_base(days_before: list[int], flagged: bool) -> None:
    day = WED + dt.timedelta(days=42)
    sessions = [*base_history(day, days_before), lift(day, lines=[pogo(40)])]
    hits = only(findings(ctx(), sessions, today=day, start=day, end=day),  # type: ignore[arg-type]
                Rule.PLYO_BEFORE_BASE)
    assert bool(hits) is flagged


def test_a_planned_session_ahead_counts_for_the_base() -> None:
    day = WED + dt.timedelta(days=42)
    history = base_history(day, [8, 15, 22, 29, 36])
    planned = lift(day - dt.timedelta(days=2), lines=[line(sets=3)])
    sessions = [*history, planned, lift(day, lines=[pogo(40)])]
    today = day - dt.timedelta(days=3)
    hits = only(findings(ctx(), sessions, today=today, start=day, end=day),  # type: ignore[arg-type]
                Rule.PLYO_BEFORE_BASE)
    assert not hits


BASE_CONTENT = [
    pytest.param(sets(n=3, reps=5), None, False, id="logged main-lift working sets"),
    pytest.param(sets("calf-raise", 3, 10, 20), None, False,
                 id="logged accessory working sets"),
    pytest.param(sets("pogo-hops", 2, 10, 0), None, True, id="logged jumps alone"),
    pytest.param(sets(n=2, reps=5, load=60, warmup=True) + sets("pogo-hops", 2, 10, 0, order=2),
                 None, True, id="logged warm-up squats and jumps: no working set of a lift"),
    pytest.param([], None, True, id="logged with no set at all: a draft"),
    pytest.param(None, [line(sets=3)], False, id="planned main-lift line"),
    pytest.param(None, [line("pogo-hops", 2, 10)], True, id="planned jumps alone"),
    pytest.param(None, [], False, id="planned without a prescription"),
]


@pytest.mark.parametrize(("logged", "lines", "flagged"), BASE_CONTENT)
def test_what_builds_the_strength_base(logged: list[LoggedSet] | None,
                                       lines: list[PrescriptionLine] | None,
                                       flagged: bool) -> None:
    """Days 1-7 before the jumps hold one session, of this content; the other spans hold
    squats (docs/rules.md: a working set of a main lift or accessory; plyometrics alone do not
    count)."""
    day = WED + dt.timedelta(days=42)
    history = base_history(day, [8, 15, 22, 29, 36])
    before = day - dt.timedelta(days=3)
    probe = (lift(before, logged=logged) if logged is not None
             else lift(before, lines=lines or []))
    today = before if logged is None else day
    hits = only(findings(ctx(), [*history, probe, lift(day, lines=[pogo(40)])],  # type: ignore[list-item]
                         today=today, start=day, end=day), Rule.PLYO_BEFORE_BASE)
    assert bool(hits) is flagged


# Today Wednesday 6 Jan 2027; a lift logged in each of the six spans back from yesterday
# (1, 8, ..., 36 days ago). A plyometric session's own spans end the day before its date.
TODAY_BASE = WED + dt.timedelta(days=42)
LOGGED_WEEKS = [lift(TODAY_BASE - dt.timedelta(days=d), logged=sets(n=3, reps=5))
                for d in (1, 8, 15, 22, 29, 36)]
SPANS_OF_ITS_OWN = [
    pytest.param(0, [], False, id="today: its spans are the six weeks back from yesterday"),
    pytest.param(7, [], True, id="a week ahead: days 1-7 before it hold no lift"),
    pytest.param(7, [3], False, id="a week ahead, a lift planned in days 1-7 before it"),
    pytest.param(14, [3], True, id="two weeks ahead, days 8-14 before it empty"),
    pytest.param(-10, [], True, id="logged 10 days ago: days 29-42 before it empty"),
]


@pytest.mark.parametrize(("offset", "planned_ahead", "flagged"), SPANS_OF_ITS_OWN)
def test_each_plyometric_session_reads_the_six_spans_before_its_own_date(
        offset: int, planned_ahead: list[int], flagged: bool) -> None:
    day = TODAY_BASE + dt.timedelta(days=offset)
    plyo = (lift(day, logged=sets("pogo-hops", 2, 20, 0)) if offset < 0
            else lift(day, lines=[pogo(40)]))
    ahead = [lift(TODAY_BASE + dt.timedelta(days=d), lines=[line(sets=3)])
             for d in planned_ahead]
    hits = only(findings(ctx(), [*LOGGED_WEEKS, *ahead, plyo], today=TODAY_BASE,  # type: ignore[list-item]
                         start=day, end=day), Rule.PLYO_BEFORE_BASE)
    assert bool(hits) is flagged
