"""The diff of findings (``scheduling.services.finding_diff``) on plain tuples, no database:
each row of the table is one rule of the upsert; the properties hold for any stored findings
and any check. What the database does with the plan is tests/scheduling/test_checks.py."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.engine import Scope
from scheduling.models import FindingStatus
from scheduling.services.finding_diff import OPEN, RESOLVED, Key, Plan, Rewrite, Stored, diff

# Athlete 1's check: today Wednesday 25 Nov 2026, its window Wednesday 11 Nov to Tuesday
# 8 Dec; the ISO weeks it judges run from Monday 9 Nov to Sunday 13 Dec, and
# STALLED_PROGRESSION looks back to Thursday 29 Oct.
START, END = dt.date(2026, 11, 11), dt.date(2026, 12, 8)
WINDOWS = {1: Scope(dt.date(2026, 11, 25), START, END),
           2: Scope(dt.date(2026, 11, 25), START, END)}
INSIDE, BEFORE, AFTER = "2026-11-25", "2026-10-30", "2026-12-09"
A, B = (1, "fp-a"), (1, "fp-b")
PAIR, LOW, STALLED = "HEAVY_BEFORE_KEY_RUN", "WEEKLY_FREQUENCY_LOW", "STALLED_PROGRESSION"


def stored(pk: int, key: Key = A, status: str = "open", dates: tuple[str, ...] = (INSIDE,),
           words: str = "h1", rule: str = PAIR) -> Stored:
    return Stored(pk, key[0], key[1], status, dates, words, rule)


TABLE = [
    pytest.param([], {A: "h1"}, Plan(create=[A]),
                 id="a finding found for the first time is created"),
    pytest.param([stored(7)], {A: "h1"}, Plan(keep=[7]),
                 id="a finding found again saying the same is only kept"),
    pytest.param([stored(7)], {A: "h2"}, Plan(update=[Rewrite(7, A, "open")]),
                 id="a finding found again in other words is rewritten and stays open"),
    pytest.param([stored(7, status="acknowledged")], {A: "h1"}, Plan(keep=[7]),
                 id="an acknowledged finding whose cause stays is kept acknowledged"),
    pytest.param([stored(7, status="acknowledged")], {A: "h2"},
                 Plan(update=[Rewrite(7, A, "acknowledged")]),
                 id="an acknowledged finding in other words is rewritten and stays acknowledged"),
    pytest.param([stored(7, status="resolved")], {A: "h2"}, Plan(reopen=[Rewrite(7, A, "open")]),
                 id="a resolved finding whose cause returns is reopened"),
    pytest.param([stored(7, status="resolved")], {A: "h1"}, Plan(reopen=[Rewrite(7, A, "open")]),
                 id="a resolved finding whose cause returns in the same words is reopened too"),
    pytest.param([stored(7)], {}, Plan(resolve=[7]),
                 id="an open finding whose cause is gone is resolved not deleted"),
    pytest.param([stored(7, status="acknowledged")], {}, Plan(resolve=[7]),
                 id="an acknowledged finding whose cause is gone is resolved"),
    pytest.param([stored(7, status="resolved")], {}, Plan(leave=[7]),
                 id="a resolved finding not found again stays resolved"),
    pytest.param([stored(7, dates=(BEFORE,)), stored(8, B, dates=(AFTER,))], {},
                 Plan(leave=[7, 8]),
                 id="a finding about dates outside the window is left as it is"),
    pytest.param([stored(7, dates=(BEFORE, INSIDE))], {}, Plan(resolve=[7]),
                 id="a finding with one date inside the window is resolved"),
    pytest.param([stored(7, dates=(START.isoformat(),)), stored(8, B, dates=(END.isoformat(),))],
                 {}, Plan(resolve=[7, 8]),
                 id="the first and the last day belong to the window"),
    pytest.param([stored(7, (2, "fp-a"))], {A: "h1"}, Plan(create=[A], resolve=[7]),
                 id="another athletes finding with the same fingerprint is not a match"),
    pytest.param([stored(7, dates=("2026-11-09",), rule=LOW)], {}, Plan(resolve=[7]),
                 id="a weekly finding of the week straddling the start is resolved"),
    pytest.param([stored(7, dates=("2026-11-09", "2026-11-10"), rule=LOW)], {},
                 Plan(resolve=[7]),
                 id="so is one naming sessions of that week before the window"),
    pytest.param([stored(7, dates=("2026-11-08",), rule=LOW)], {}, Plan(leave=[7]),
                 id="a weekly finding of the week before is left"),
    pytest.param([stored(7, dates=("2026-12-12",), rule=LOW)], {}, Plan(resolve=[7]),
                 id="a weekly finding of the week straddling the end is resolved"),
    pytest.param([stored(7, dates=("2026-11-09", "2026-11-10"))], {}, Plan(leave=[7]),
                 id="a pair finding of that week before the window is left"),
    pytest.param([stored(7, dates=("2026-10-29", "2026-11-05"), rule=STALLED)], {},
                 Plan(resolve=[7]),
                 id="a stalled lift of sessions before the window is resolved"),
    pytest.param([stored(7, B, status="resolved"), stored(8, A)],
                 {(1, "fp-c"): "h1", A: "h1", (1, "fp-d"): "h1", B: "h1"},
                 Plan(create=[(1, "fp-c"), (1, "fp-d")], reopen=[Rewrite(7, B, "open")],
                      keep=[8]),
                 id="the new are created in the order the check found them"),
]


@pytest.mark.parametrize(("rows", "found", "plan"), TABLE)
def test_each_finding_lands_where_the_upsert_rules_say(
    rows: list[Stored], found: dict[Key, str], plan: Plan
) -> None:
    assert diff(rows, found, WINDOWS) == plan


def test_the_diff_writes_the_statuses_the_model_knows() -> None:
    assert (OPEN, RESOLVED) == (FindingStatus.OPEN, FindingStatus.RESOLVED)


# --- Properties ---------------------------------------------------------------------------

EXAMPLES = settings(deadline=None, max_examples=200)
FINGERPRINTS = ["fp-a", "fp-b", "fp-c", "fp-d", "fp-e"]
DAYS = [(START + dt.timedelta(days=n)).isoformat() for n in range(-20, 50, 3)]


@st.composite
def checks(draw: st.DrawFn) -> tuple[list[Stored], dict[Key, str], dict[int, Scope]]:
    """Stored findings of one to three athletes (one per fingerprint and athlete), each
    athlete's window, and what a check found: some stored keys, some new, in any words."""
    athletes = draw(st.lists(st.sampled_from([1, 2, 3]), min_size=1, max_size=3, unique=True))
    windows = {}
    for aid in athletes:
        start = START + dt.timedelta(days=draw(st.integers(-7, 7)))
        windows[aid] = Scope(start + dt.timedelta(days=14), start, start + dt.timedelta(days=27))
    keys = st.tuples(st.sampled_from(athletes), st.sampled_from(FINGERPRINTS))
    words = st.sampled_from(["h1", "h2"])
    rows = [
        Stored(pk, aid, fp, draw(st.sampled_from(["open", "acknowledged", "resolved"])),
               sorted(draw(st.sets(st.sampled_from(DAYS), min_size=1, max_size=3))), draw(words),
               draw(st.sampled_from([PAIR, LOW, STALLED])))
        for pk, (aid, fp) in enumerate(draw(st.lists(keys, unique=True)), start=1)
    ]
    found = draw(st.dictionaries(keys, words))
    return rows, found, windows


def written(rows: list[Stored], plan: Plan, found: dict[Key, str]) -> list[Stored]:
    """The stored findings once ``checks._write`` has carried the plan out (the columns the
    diff reads): a model of the database, to diff again."""
    by_pk = {row.pk: row for row in rows}
    for rewrite in (*plan.reopen, *plan.update):
        by_pk[rewrite.pk] = by_pk[rewrite.pk]._replace(status=rewrite.status,
                                                       content_hash=found[rewrite.key])
    for pk in plan.resolve:
        by_pk[pk] = by_pk[pk]._replace(status=RESOLVED)
    next_pk = max(by_pk, default=0) + 1
    for n, (aid, fp) in enumerate(plan.create):  # any dates: found again, they are not read
        by_pk[next_pk + n] = Stored(next_pk + n, aid, fp, OPEN, [DAYS[0]], found[(aid, fp)],
                                    PAIR)
    return list(by_pk.values())


@EXAMPLES
@given(checks())
def test_diffing_again_after_the_plan_is_written_changes_nothing(check) -> None:
    rows, found, windows = check
    after = written(rows, diff(rows, found, windows), found)
    again = diff(after, found, windows)
    assert (again.create, again.reopen, again.update, again.resolve) == ([], [], [], [])
    assert written(after, again, found) == after


@EXAMPLES
@given(checks())
def test_every_stored_and_every_found_finding_is_in_the_plan_exactly_once(check) -> None:
    rows, found, windows = check
    plan = diff(rows, found, windows)
    rewrites = [*plan.reopen, *plan.update]
    placed = [*(r.pk for r in rewrites), *plan.keep, *plan.resolve, *plan.leave]
    assert sorted(placed) == sorted(row.pk for row in rows)
    key_of = {row.pk: (row.athlete_id, row.fingerprint) for row in rows}
    answered = [*plan.create, *(r.key for r in rewrites), *(key_of[pk] for pk in plan.keep)]
    assert sorted(answered) == sorted(found)


@EXAMPLES
@given(checks())
def test_a_finding_found_again_keeps_its_status_unless_it_was_resolved(check) -> None:
    rows, found, windows = check
    status = {row.pk: row.status for row in rows}
    plan = diff(rows, found, windows)
    assert all(status[r.pk] == RESOLVED and r.status == OPEN for r in plan.reopen)
    assert all(status[r.pk] == r.status != RESOLVED for r in plan.update)
    assert all(status[pk] != RESOLVED for pk in plan.keep)
