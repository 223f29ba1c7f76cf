"""Upsert semantics of the check service, with findings made by hand so only the upsert is
under test (the rules have their own tests in tests/engine)."""

import datetime as dt
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scheduling import engine
from scheduling.models import Finding, FindingStatus
from scheduling.services.checks import UPDATE_BATCH, UPDATED_FIELDS, _upsert, fingerprint
from scheduling.services.windows import Window

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def window(athlete) -> Window:
    context = engine.AthleteContext(athlete_id=athlete.pk, timezone="Europe/Berlin")
    return Window(athlete.pk, TODAY, TODAY - dt.timedelta(days=14),
                  TODAY + dt.timedelta(days=13), context,
                  dt.datetime.combine(TODAY, dt.time(3), dt.UTC))


def found(key: str, day: dt.date = TODAY, severity=engine.Severity.ERROR) -> engine.Finding:
    ref = engine.SessionRef(engine.SourceType.PLANNED, int(key[-1]))
    return engine.Finding(
        rule="HEAVY_BEFORE_KEY_RUN", severity=severity, sessions=(ref,), dates=(day,),
        title=f"t{key}", explanation="e", suggestion="s", key=key,
    )


def upsert(athlete, *findings, now=None):
    return _upsert([window(athlete)], {athlete.pk: tuple(findings)}, now or timezone.now())


def test_a_new_finding_is_created_open(athlete):
    counts = upsert(athlete, found("k1"))
    row = Finding.objects.get()
    assert (counts.new, row.status, row.fingerprint) == (1, "open", fingerprint(athlete.pk, "k1"))
    assert row.sessions == [{"type": "planned", "id": 1}]
    assert row.dates == [TODAY.isoformat()]


def test_a_finding_still_present_is_kept_and_last_seen_moves(athlete):
    first = timezone.now()
    upsert(athlete, found("k1"), now=first)
    later = first + dt.timedelta(hours=1)
    counts = upsert(athlete, found("k1"), now=later)
    row = Finding.objects.get()
    assert (counts.new, counts.kept) == (0, 1)
    assert (row.first_seen, row.last_seen) == (first, later)


def test_a_finding_whose_words_changed_is_rewritten_and_kept(athlete):
    upsert(athlete, found("k1"))
    changed = found("k1")
    changed = engine.Finding(**{**{f: getattr(changed, f) for f in changed.__dataclass_fields__},
                                "explanation": "new words", "suggestion": "new fix"})
    counts = upsert(athlete, changed)
    row = Finding.objects.get()
    assert (counts.new, counts.kept, row.status) == (0, 1, "open")
    assert (row.explanation, row.suggestion) == ("new words", "new fix")


def test_an_unchanged_finding_is_not_rewritten_only_last_seen_moves(
    athlete, django_assert_num_queries
):
    first = timezone.now()
    upsert(athlete, found("k1"), found("k2"), now=first)
    # A mark only a rewrite would erase: the same content hash, other words in the row.
    Finding.objects.update(explanation="marked")
    later = first + dt.timedelta(hours=1)
    # savepoint, locked read, one update of last_seen, release
    with django_assert_num_queries(4):
        upsert(athlete, found("k1"), found("k2"), now=later)
    assert set(Finding.objects.values_list("explanation", "last_seen")) == {("marked", later)}


def test_many_changed_findings_are_rewritten_in_batches(athlete):
    findings = [found(f"{n}k{m}") for n in range(30) for m in range(1, 10)]
    upsert(athlete, *findings)
    assert Finding.objects.count() == 270
    Finding.objects.update(content_hash="stale")
    with CaptureQueriesContext(connection) as queries:
        counts = upsert(athlete, *findings)
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    # batches of 100 (fewer where the database caps the parameters: SQLite)
    batch = min(UPDATE_BATCH, connection.ops.bulk_batch_size(["pk", "pk", *UPDATED_FIELDS],
                                                             findings))
    assert len(updates) == math.ceil(270 / batch) >= 3
    assert counts.kept == 270
    assert Finding.objects.exclude(content_hash="stale").count() == 270


def test_an_acknowledged_finding_stays_acknowledged_while_its_cause_stays(athlete):
    upsert(athlete, found("k1"))
    Finding.objects.update(status=FindingStatus.ACKNOWLEDGED)
    upsert(athlete, found("k1"))
    assert Finding.objects.get().status == "acknowledged"


def test_a_vanished_finding_is_resolved_with_the_time(athlete):
    upsert(athlete, found("k1"))
    now = timezone.now()
    counts = upsert(athlete, now=now)
    row = Finding.objects.get()
    assert (counts.resolved, row.status, row.resolved_at) == (1, "resolved", now)


def test_a_resolved_finding_is_reopened_when_its_cause_returns(athlete):
    upsert(athlete, found("k1"))
    upsert(athlete)
    counts = upsert(athlete, found("k1"))
    row = Finding.objects.get()
    assert (counts.new, row.status, row.resolved_at) == (1, "open", None)


def test_a_finding_about_dates_outside_the_window_is_left_as_it_is(athlete):
    old = TODAY - dt.timedelta(days=20)
    upsert(athlete, found("k1", day=old))
    upsert(athlete)
    assert Finding.objects.get().status == "open"


def test_a_rerun_creates_no_duplicates(athlete):
    for _ in range(3):
        upsert(athlete, found("k1"), found("k2"))
    assert Finding.objects.count() == 2


def test_two_athletes_never_share_a_finding(athlete, other_athlete):
    upsert(athlete, found("k1"))
    _upsert([window(other_athlete)], {other_athlete.pk: (found("k1"),)}, timezone.now())
    assert Finding.objects.count() == 2
    upsert(athlete)
    assert Finding.objects.get(athlete=other_athlete).status == "open"


def stalled(key: str, *days: dt.date) -> engine.Finding:
    refs = tuple(engine.SessionRef(engine.SourceType.STRENGTH, n) for n in range(len(days)))
    return engine.Finding(
        rule="STALLED_PROGRESSION", severity=engine.Severity.INFO, sessions=refs, dates=days,
        title="Back squat has stalled", explanation="e", suggestion="s", key=key)


@pytest.mark.parametrize("days_back", [20, 45])
def test_a_stalled_lift_no_longer_found_is_resolved_whatever_its_dates(athlete, days_back):
    """STALLED_PROGRESSION is judged on today's look back: a stored one the check no longer
    makes has lost its cause, even about sessions before the window (20 days back) or
    before the look back itself (45 days: a check that had not run for weeks)."""
    old = [TODAY - dt.timedelta(days=days_back + n) for n in (6, 4, 2, 0)]
    upsert(athlete, stalled("k1", *old))
    counts = upsert(athlete)
    assert (counts.resolved, Finding.objects.get().status) == (1, "resolved")


def test_a_weekly_finding_of_the_week_straddling_the_window_is_resolved(athlete):
    """The window starts Wednesday 11 Nov; the week of Monday 9 Nov is judged whole."""
    monday = dt.date(2026, 11, 9)
    weekly = engine.Finding(
        rule="WEEKLY_FREQUENCY_LOW", severity=engine.Severity.INFO, sessions=(), dates=(monday,),
        title="t", explanation="e", suggestion="s", key="WEEKLY_FREQUENCY_LOW@2026-W46")
    upsert(athlete, weekly)
    upsert(athlete)
    assert Finding.objects.get().status == "resolved"
