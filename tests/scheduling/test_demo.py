import pytest
from django.core.management import call_command

from athletes.models import AthleteProfile, User
from scheduling.demo import COACH_EMAIL, load_demo
from scheduling.models import Finding, PlannedSession
from training.models import Run, StrengthSession

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


@pytest.mark.parametrize("email,rule,severity", [
    ("maya@apexzone.test", "HEAVY_BEFORE_KEY_RUN", "error"),    # heavy squat before intervals
    ("jonas@apexzone.test", "HEAVY_AFTER_LONG_RUN", "warning"),  # pulls after the long run
    ("priya@apexzone.test", "TAPER_HEAVY", "error"),             # heavy in the taper
    ("sam@apexzone.test", "PLYO_VOLUME", "warning"),             # 120 contacts, a beginner
])
def test_the_demos_deliberate_conflicts_are_flagged(email, rule, severity):
    load_demo()
    assert Finding.objects.filter(athlete__user__email=email, rule=rule, severity=severity,
                                  status="open").exists()


def test_the_maya_error_has_a_one_click_move():
    load_demo()
    finding = Finding.objects.get(athlete__user__email="maya@apexzone.test",
                                  rule="HEAVY_BEFORE_KEY_RUN")
    assert finding.move["session"]["type"] == "planned"
