"""The engine wired to the data: every change re-checks the athlete after commit."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from scheduling.models import Finding
from scheduling.services import (
    PrescriptionInput,
    athlete_profile_update,
    athletes_check,
    planned_session_create,
    planned_session_delete,
    planned_session_move,
    strength_session_create,
)
from scheduling.services.windows import local_today
from training.services import SetInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(athlete):
    return local_today(athlete.timezone, timezone.now())


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)
    return run


def squat(athlete, day, start=dt.time(19)):
    return dict(actor=athlete.user, athlete=athlete, kind="strength", date=day,
                start_time=start, duration_min=60,
                prescription=[PrescriptionInput("back-squat", 4, 4, 4, load_kg=120, rir=2)])


def intervals(athlete, day):
    return dict(actor=athlete.user, athlete=athlete, kind="run", run_type="intervals", date=day,
                start_time=dt.time(7), duration_min=60, distance_m=10000)


def open_rules(athlete):
    return set(Finding.objects.filter(athlete=athlete, status="open").values_list("rule",
                                                                                  flat=True))


def test_a_heavy_squat_the_evening_before_intervals_is_flagged_at_once(athlete, today,
                                                                       on_commit):
    on_commit(planned_session_create, **intervals(athlete, today + dt.timedelta(days=3)))
    on_commit(planned_session_create, **squat(athlete, today + dt.timedelta(days=2)))
    finding = Finding.objects.get(athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN")
    assert finding.severity == "error"
    assert "back squat, 4 x 4 at 120 kg" in finding.explanation
    assert "11 h" in finding.explanation or "11.0 h" in finding.explanation


def test_moving_the_session_away_resolves_the_finding(athlete, today, on_commit):
    on_commit(planned_session_create, **intervals(athlete, today + dt.timedelta(days=3)))
    session = on_commit(planned_session_create, **squat(athlete, today + dt.timedelta(days=2)))
    on_commit(planned_session_move, session=session, date=today + dt.timedelta(days=6),
              start_time=dt.time(18))
    finding = Finding.objects.get(athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN")
    assert finding.status == "resolved" and finding.resolved_at is not None


def test_deleting_the_session_resolves_it_and_bringing_it_back_reopens_nothing_old(
    athlete, today, on_commit
):
    on_commit(planned_session_create, **intervals(athlete, today + dt.timedelta(days=3)))
    session = on_commit(planned_session_create, **squat(athlete, today + dt.timedelta(days=2)))
    on_commit(planned_session_delete, session=session)
    assert "HEAVY_BEFORE_KEY_RUN" not in open_rules(athlete)
    on_commit(planned_session_create, **squat(athlete, today + dt.timedelta(days=2)))
    # a new session is a new fingerprint: the old finding stays resolved, a new one opens
    assert Finding.objects.filter(rule="HEAVY_BEFORE_KEY_RUN").count() == 2
    assert "HEAVY_BEFORE_KEY_RUN" in open_rules(athlete)


def test_a_logged_light_session_replaces_its_heavy_plan(athlete, today, on_commit):
    on_commit(planned_session_create, **intervals(athlete, today + dt.timedelta(days=1)))
    plan = on_commit(planned_session_create, **squat(athlete, today, start=dt.time(18)))
    assert "HEAVY_BEFORE_KEY_RUN" in open_rules(athlete)
    on_commit(strength_session_create, actor=athlete.user, athlete=athlete, date=today,
              start_time=dt.time(18), duration_min=45, planned_session=plan,
              sets=[SetInput("back-squat", 10, 60, rir=4)])
    assert "HEAVY_BEFORE_KEY_RUN" not in open_rules(athlete)


def test_a_time_zone_change_rechecks_the_athlete(athlete, today, on_commit):
    on_commit(planned_session_create, **intervals(athlete, today + dt.timedelta(days=3)))
    on_commit(planned_session_create, **squat(athlete, today + dt.timedelta(days=2)))
    Finding.objects.all().delete()
    on_commit(athlete_profile_update, athlete=athlete, timezone="Asia/Tokyo")
    assert "HEAVY_BEFORE_KEY_RUN" in open_rules(athlete)


def test_a_check_runs_in_the_same_number_of_queries_whatever_the_sessions(
    athlete, other_athlete, today, django_assert_num_queries
):
    def plan_weeks(who, weeks):
        for w in range(weeks):
            base = today - dt.timedelta(days=7 * w)
            planned_session_create(**intervals(who, base))
            planned_session_create(**squat(who, base + dt.timedelta(days=1)))
            strength_session_create(actor=who.user, athlete=who, date=base - dt.timedelta(days=1),
                                    sets=[SetInput("deadlift", 5, 140, rir=2)] * 3)

    plan_weeks(athlete, 1)
    plan_weeks(other_athlete, 6)
    athletes_check([athlete.pk])
    athletes_check([other_athlete.pk])
    # 1 profiles, 2 availability, 3 races, 4 phases, 5 exercises, 6 planned, 7 prescriptions,
    # 8 strength sessions, 9 sets, 10 the history's best sets, 11 runs, 12 check-ins,
    # 13 savepoint, 14 existing findings (for update), 15 update of kept findings
    # (last_seen), 16 release, 17 the horizon judged (one upsert)
    with django_assert_num_queries(17):
        athletes_check([athlete.pk])
    with django_assert_num_queries(17):
        athletes_check([other_athlete.pk])
    with django_assert_num_queries(17):
        athletes_check([athlete.pk, other_athlete.pk])


def test_check_athlete_prints_the_findings(athlete, today, on_commit):
    on_commit(planned_session_create, **intervals(athlete, today + dt.timedelta(days=3)))
    on_commit(planned_session_create, **squat(athlete, today + dt.timedelta(days=2)))
    out = StringIO()
    call_command("check_athlete", athlete.user.email, stdout=out)
    assert "[ERROR] HEAVY_BEFORE_KEY_RUN" in out.getvalue()
    out = StringIO()
    call_command("check_athlete", athlete.user.email.upper(), "--json", stdout=out)
    assert json.loads(out.getvalue())[0]["rule"] == "HEAVY_BEFORE_KEY_RUN"


def test_a_weekly_finding_of_the_week_straddling_the_window_goes_with_its_cause(athlete):
    """Checked on Wednesday 25 Nov 2026 (Berlin), the window starts Wednesday 11 Nov: the ISO
    week of Monday 9 Nov straddles it. One session there is too few; five, too many: the
    first finding is resolved though its date lies before the window."""
    now = dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC)
    monday = dt.date(2026, 11, 9)

    def log(day):
        strength_session_create(actor=athlete.user, athlete=athlete, date=day,
                                start_time=dt.time(18),
                                sets=[SetInput("back-squat", 5, 100, rir=2)])

    log(monday)
    athletes_check([athlete.pk], now=now)
    (low,) = Finding.objects.filter(athlete=athlete, rule="WEEKLY_FREQUENCY_LOW",
                                    first_date=monday)
    for n in (1, 2, 3, 4):
        log(monday + dt.timedelta(days=n))
    athletes_check([athlete.pk], now=now)
    low.refresh_from_db()
    assert low.status == "resolved"
    assert Finding.objects.get(athlete=athlete, rule="WEEKLY_FREQUENCY_HIGH").status == "open"


def test_a_stalled_lift_is_flagged_after_two_weeks_off_and_resolved_when_it_moves(athlete):
    """Checked on Wednesday 25 Nov 2026: squats 15 to 27 days before, none since, no better
    than the 4 weeks before: stalled (RULES.md), then a heavier single clears it."""
    now = dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC)
    today = dt.date(2026, 11, 25)
    for days in (15, 18, 22, 27, 31, 38):
        strength_session_create(actor=athlete.user, athlete=athlete,
                                date=today - dt.timedelta(days=days), start_time=dt.time(18),
                                sets=[SetInput("back-squat", 5, 100, rir=2)])
    athletes_check([athlete.pk], now=now)
    stalled = Finding.objects.get(athlete=athlete, rule="STALLED_PROGRESSION")
    assert stalled.last_date < today - dt.timedelta(days=14)
    strength_session_create(actor=athlete.user, athlete=athlete,
                            date=today - dt.timedelta(days=20), start_time=dt.time(18),
                            sets=[SetInput("back-squat", 1, 125, rir=1)])
    athletes_check([athlete.pk], now=now)
    stalled.refresh_from_db()
    assert stalled.status == "resolved"
    assert not Finding.objects.filter(athlete=athlete, rule="STALLED_PROGRESSION",
                                      status="open").exists()
