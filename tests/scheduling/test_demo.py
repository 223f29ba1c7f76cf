import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from athletes.models import AthleteProfile, User
from scheduling.demo import COACH_EMAIL, load_demo
from scheduling.models import Comment, Finding, PlannedSession
from scheduling.selectors import roster_rows_for_coach
from scheduling.selectors.comments import thread_for_user
from scheduling.services.windows import local_today
from training.models import CheckIn, Run, StrengthSession

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), PlannedSession.objects.count(), Run.objects.count(),
            StrengthSession.objects.count(), Finding.objects.count())


def test_the_demo_is_loaded_once(capsys):
    call_command("loaddemo")
    first = counts()
    call_command("loaddemo")
    assert counts() == first
    out = capsys.readouterr().out
    assert "Demo already loaded." in out and COACH_EMAIL in out


def test_the_demo_roster_is_varied():
    load_demo()
    coach = User.objects.get(email=COACH_EMAIL)
    roster = AthleteProfile.objects.filter(memberships__roster__coach=coach)
    assert roster.count() >= 6
    assert set(roster.values_list("level", flat=True)) == {"beginner", "intermediate",
                                                           "advanced"}
    assert any("dumbbells" in a.home_items for a in roster.filter(equipment="home"))
    assert Run.objects.count() > 60 and StrengthSession.objects.count() > 25


def test_every_demo_athlete_has_a_month_of_check_ins_and_one_is_sore_today():
    """Most days of the last four weeks are checked in; today only Priya has (sore legs
    before tomorrow's heavy squats), so the others' week pages ask for today's."""
    load_demo()
    now = timezone.now()
    per_athlete = {a.user.email: list(CheckIn.objects.filter(athlete=a))
                   for a in AthleteProfile.objects.select_related("user").exclude(
                       user__email=COACH_EMAIL)}
    assert len(per_athlete) == 6
    todays = {}
    for email, rows in per_athlete.items():
        today = local_today(rows[0].athlete.timezone, now)
        month = [r for r in rows if today - dt.timedelta(days=28) <= r.date < today]
        assert 20 <= len(month) <= 28, email
        todays.update((email, r) for r in rows if r.date == today)
    assert list(todays) == ["priya@apexzone.test"]
    assert todays["priya@apexzone.test"].soreness <= 2


# (athlete, rule, severity, how many): a conflict built around the week (Maya's, Jonas's,
# Tomás's) is flagged exactly once; one that counts from today (Priya's taper, Sam's jumps)
# meets a different week each day and may bring other findings with it.
CONFLICTS = (
    ("maya@apexzone.test", "HEAVY_BEFORE_KEY_RUN", "error", 1),      # squats before intervals
    ("jonas@apexzone.test", "HEAVY_AFTER_LONG_RUN", "warning", 1),   # pulls after the long run
    ("tomas@apexzone.test", "HEAVY_SESSIONS_TOO_CLOSE", "warning", 1),  # Tue and Thu heavy
    ("priya@apexzone.test", "TAPER_HEAVY", "error", None),           # heavy in the taper
    ("priya@apexzone.test", "SORE_LEGS_BEFORE_HEAVY", "warning", None),  # sore, heavy tomorrow
    ("sam@apexzone.test", "PLYO_VOLUME", "warning", None),           # 120 contacts, a beginner
)


@pytest.mark.parametrize("days_on", range(7))
def test_the_demos_deliberate_conflicts_are_flagged_whatever_the_weekday(days_on: int) -> None:
    """The demo is built around the day it is loaded: on each of the seven weekdays every
    deliberate conflict is flagged, Maya's error has its one-click move, and nobody runs
    twice in a day."""
    load_demo(now=timezone.now() + dt.timedelta(days=days_on))
    for email, rule, severity, count in CONFLICTS:
        found = Finding.objects.filter(athlete__user__email=email, rule=rule,
                                       severity=severity, status="open").count()
        assert found == count if count else found >= 1, (email, found)
    maya = Finding.objects.get(athlete__user__email="maya@apexzone.test",
                               rule="HEAVY_BEFORE_KEY_RUN")
    assert [f for f in maya.fixes if f["kind"] == "move"
            and f["session"]["type"] == "planned"], maya.fixes
    doubled = (PlannedSession.objects.filter(kind="run").values("athlete", "date")
               .annotate(n=Count("id")).filter(n__gt=1))
    assert not doubled.exists()


def test_every_demo_athlete_carries_a_month_of_training_load():
    """The loader writes its logs straight to their tables, then builds the daily load from
    them: every demo athlete has load on most training days, runs and lifts apart."""
    from scheduling.services.load import load_rebuild
    from training.models import DailyLoad

    load_demo()
    per = dict(DailyLoad.objects.values_list("athlete").annotate(n=Count("id")))
    ids = set(AthleteProfile.objects.values_list("id", flat=True))
    assert set(per) == ids and all(n >= 8 for n in per.values())
    assert DailyLoad.objects.filter(strength_load__gt=0, run_load__gt=0).exists()
    before = sorted(DailyLoad.objects.values_list("athlete", "date", "load", "estimated"))
    load_rebuild()
    assert sorted(DailyLoad.objects.values_list("athlete", "date", "load", "estimated")) == before


def test_a_newcomer_sees_a_missed_session_and_the_weeks_compliance():
    """Maya's latest strength session of the last 7 days was never logged: the check flags it
    (MISSED_SESSION) and her compliance counts it missed."""
    from scheduling.engine import SourceType
    from scheduling.services.compliance import compliance_week

    load_demo()
    maya = AthleteProfile.objects.get(user__email="maya@apexzone.test")
    (finding,) = Finding.objects.filter(athlete=maya, rule="MISSED_SESSION", status="open")
    plan = PlannedSession.objects.get(pk=finding.sessions[0]["id"])
    today = local_today(maya.timezone, timezone.now())
    assert plan.kind == "strength" and 1 <= (today - plan.date).days <= 7
    assert plan.logged_strength_id is None
    monday = plan.date - dt.timedelta(days=plan.date.weekday())
    week, verdicts = compliance_week(athlete_id=maya.pk, monday=monday, today=today)
    missed = [v for v in verdicts.values() if v.status == "missed"
              and v.ref.type is SourceType.PLANNED]
    assert [v.ref.id for v in missed] == [plan.pk]
    assert week.done <= week.planned - 1


def test_the_demo_roster_talks_about_its_sessions_and_priya_reports_pain():
    """A newcomer sees threads at once: answered ones, and a pain flag the coach has not
    read, which the roster puts first among the pain reasons."""
    load_demo()
    coach = User.objects.get(email=COACH_EMAIL)
    assert Comment.objects.count() >= 5
    assert set(Comment.objects.exclude(pain_score=None).values_list(
        "athlete__user__email", flat=True)) == {"maya@apexzone.test", "priya@apexzone.test"}
    today = timezone.localdate()
    rows = {a.user.email: a for a in roster_rows_for_coach(
        user=coach, monday=today - dt.timedelta(days=today.weekday()), today=today)}
    assert (rows["priya@apexzone.test"].unread_comments, rows["priya@apexzone.test"].pain_flags,
            rows["priya@apexzone.test"].pain_area) == (2, 1, "hamstring")
    assert rows["maya@apexzone.test"].unread_comments == 0  # read and answered
    maya = AthleteProfile.objects.get(user__email="maya@apexzone.test")
    run = Comment.objects.filter(athlete=maya).first().run
    assert [c.body[:6] for c in thread_for_user(user=maya.user, run=run).unread] == ["Thanks"]
