"""The coach admin: a coach sees and edits only their rosters' athletes and their data."""

import datetime as dt

import pytest
from django.utils import timezone

from scheduling.models import Finding, PlannedSession
from training.models import Run

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 30)
PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def sessions(athlete, other_athlete):
    mine = PlannedSession.objects.create(athlete=athlete, date=DAY, kind="run", run_type="easy",
                                         title="Mine easy")
    theirs = PlannedSession.objects.create(athlete=other_athlete, date=DAY, kind="run",
                                           run_type="tempo", title="Theirs tempo")
    return mine, theirs


@pytest.fixture
def coach_client(client, coach):
    client.login(username=coach.email, password=PASSWORD)
    return client


@pytest.mark.parametrize("url", [
    "/admin/athletes/athleteprofile/", "/admin/scheduling/plannedsession/",
])
def test_a_coach_lists_only_their_roster(coach_client, sessions, athlete, url):
    body = coach_client.get(url).content.decode()
    assert "Otto Other" not in body and "Theirs tempo" not in body


def test_a_coach_sees_their_athletes_sessions(coach_client, sessions):
    assert "Mine easy" in coach_client.get("/admin/scheduling/plannedsession/").content.decode()


@pytest.mark.parametrize("model", ["plannedsession", "run", "finding", "athleteprofile"])
def test_another_coachs_object_is_a_404_by_url(coach_client, other_athlete, sessions, model):
    objs = {
        "plannedsession": sessions[1],
        "run": Run.objects.create(athlete=other_athlete, date=DAY),
        "finding": Finding.objects.create(
            athlete=other_athlete, rule="R", severity="info", fingerprint="f", first_date=DAY,
            last_date=DAY, title="t", explanation="e", first_seen=timezone.now(),
            last_seen=timezone.now()),
        "athleteprofile": other_athlete,
    }
    app = "athletes" if model == "athleteprofile" else (
        "training" if model == "run" else "scheduling")
    response = coach_client.get(f"/admin/{app}/{model}/{objs[model].pk}/change/")
    # Django's admin redirects a missing object to the index with a message: not shown.
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response.url == "/admin/"


def test_athlete_choices_are_limited_to_the_roster(coach_client, athlete, other_athlete):
    body = coach_client.get("/admin/scheduling/plannedsession/add/").content.decode()
    assert "Ada Athlete" in body and "Otto Other" not in body


def test_a_coach_cannot_post_a_session_for_another_rosters_athlete(coach_client, other_athlete):
    coach_client.post("/admin/scheduling/plannedsession/add/", {
        "athlete": other_athlete.pk, "date": "2026-11-30", "kind": "run", "run_type": "easy",
        "order": 0, "prescription-TOTAL_FORMS": 0, "prescription-INITIAL_FORMS": 0,
    })
    assert not PlannedSession.objects.filter(athlete=other_athlete).exists()


def test_a_superuser_sees_everything(client, sessions, django_user_model):
    django_user_model.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)
    body = client.get("/admin/scheduling/plannedsession/").content.decode()
    assert "Mine easy" in body and "Theirs tempo" in body


def test_an_athlete_has_no_admin(client, athlete):
    client.login(username=athlete.user.email, password=PASSWORD)
    assert client.get("/admin/").status_code == 302
