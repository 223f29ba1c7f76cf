"""The coach admin: a coach sees and edits only their rosters' athletes and their data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from scheduling.models import Finding, PlannedSession, Race
from training.models import Exercise, Run

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


def _change_form(client, url: str, **changes) -> dict:
    """The admin change form's data as the page shows it (inline management forms too), with
    ``changes`` applied: what a coach's browser posts."""
    context = client.get(url).context
    form = context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update({form.add_initial_prefix(name): data[name] for name, field in form.fields.items()
                 if field.show_hidden_initial})  # a callable default's hidden initial
    for inline in context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management[name].html_name: management[name].value()
                     for name in management.fields})
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_admin_profile_change_rechecks_the_athlete(coach_client, athlete,
                                                      django_capture_on_commit_callbacks):
    from scheduling.services import planned_session_create
    from tests.scheduling.test_wiring import intervals, open_rules, squat

    today = timezone.localdate(timezone=dt.UTC)
    planned_session_create(**intervals(athlete, today + dt.timedelta(days=3)))
    planned_session_create(**squat(athlete, today + dt.timedelta(days=2)))
    assert "HEAVY_BEFORE_KEY_RUN" not in open_rules(athlete)  # no check ran yet
    url = f"/admin/athletes/athleteprofile/{athlete.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = coach_client.post(url, _change_form(coach_client, url, level="advanced"))
    assert response.status_code == 302
    athlete.refresh_from_db()
    assert athlete.level == "advanced"
    assert "HEAVY_BEFORE_KEY_RUN" in open_rules(athlete)


def test_an_admin_change_of_units_carries_the_plate_step(coach_client, athlete):
    url = f"/admin/athletes/athleteprofile/{athlete.pk}/change/"
    coach_client.post(url, _change_form(coach_client, url, units="imperial"))
    athlete.refresh_from_db()
    assert (athlete.units, athlete.plate_step_kg) == ("imperial", Decimal("2.27"))  # 5 lb
    coach_client.post(url, _change_form(coach_client, url, units="metric"))
    athlete.refresh_from_db()
    assert (athlete.units, athlete.plate_step_kg) == ("metric", Decimal("2.50"))


def test_the_athletes_own_email_choice_is_not_the_coachs_to_change(coach_client, athlete):
    url = f"/admin/athletes/athleteprofile/{athlete.pk}/change/"
    response = coach_client.post(url, _change_form(coach_client, url, digest_opt_out="on"))
    assert response.status_code == 302
    athlete.refresh_from_db()
    assert athlete.digest_opt_out is False


@pytest.mark.parametrize("level", ["intermediate", "advanced"])  # the same level, a new one
def test_an_admin_change_of_availability_rechecks_the_athlete_once(coach_client, athlete,
                                                                   level) -> None:
    from unittest import mock

    url = f"/admin/athletes/athleteprofile/{athlete.pk}/change/"
    data = _change_form(coach_client, url, level=level, **{
        "availability-TOTAL_FORMS": 1, "availability-0-weekday": 2,
        "availability-0-earliest": "17:00", "availability-0-latest": "20:00",
        "availability-0-athlete": athlete.pk})
    with mock.patch("scheduling.services.recheck.send_on_commit") as send:
        assert coach_client.post(url, data).status_code == 302
    assert athlete.availability.get().weekday == 2
    send.assert_called_once_with("scheduling.tasks.athlete_check_task", athlete.pk)


def test_an_unchanged_profile_is_not_rechecked(coach_client, athlete) -> None:
    from unittest import mock

    url = f"/admin/athletes/athleteprofile/{athlete.pk}/change/"
    with mock.patch("scheduling.services.recheck.send_on_commit") as send:
        assert coach_client.post(url, _change_form(coach_client, url)).status_code == 302
    send.assert_not_called()


def test_nobody_adds_a_profile_in_the_admin(client, django_user_model) -> None:
    """A profile needs its user, which athletes get by invitation or through the API."""
    django_user_model.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)
    assert client.get("/admin/athletes/athleteprofile/add/").status_code == 403


@pytest.mark.parametrize("cookie", ["Pacific/Auckland", "America/New_York", "", "Mars/Base"])
def test_the_admin_works_in_the_viewers_zone(coach_client, cookie) -> None:
    """Its times and its Today and Now buttons (which fill in the server's date and time, from
    the offset on the page) are the coach's, from the browser's zone; no zone: the site's."""
    import re
    import zoneinfo

    if cookie:
        coach_client.cookies["tz"] = cookie
    html = coach_client.get("/admin/scheduling/plannedsession/add/").content.decode()
    offset = int(re.search(r'data-admin-utc-offset="(-?\d+)"', html).group(1))
    zone = cookie if cookie in ("Pacific/Auckland", "America/New_York") else "UTC"
    now = dt.datetime.now(zoneinfo.ZoneInfo(zone))
    assert offset == now.utcoffset().total_seconds()
    assert "portal/zone.js" in html  # the admin sets the cookie itself



# --- the admin writes through the public services ------------------------------------------

RACE_DAY = dt.date(2027, 4, 11)


@pytest.fixture
def rechecks():
    """The athlete ids re-checked after commit (one call per re-check queued)."""
    from unittest import mock

    with mock.patch("scheduling.services.recheck.send_on_commit") as send:
        yield send


def _phases(race) -> list[tuple[str, dt.date, dt.date, bool]]:
    return list(race.phase_blocks.order_by("start").values_list("phase", "start", "end", "auto"))


def test_a_race_added_in_the_admin_has_the_phases_of_one_added_through_the_api(
    coach_client, coach, athlete, rechecks
):
    from rest_framework.test import APIClient

    from scheduling.models import Race

    url = "/admin/scheduling/race/add/"
    fields = {"name": "Spring marathon", "date": RACE_DAY.isoformat(), "distance_m": 42195,
              "priority": "A"}
    response = coach_client.post(url, _change_form(coach_client, url, athlete=athlete.pk,
                                                   **fields))
    assert response.status_code == 302
    in_admin = Race.objects.get(athlete=athlete)
    rechecks.assert_called_once_with("scheduling.tasks.athlete_check_task", athlete.pk)
    api = APIClient()
    api.force_authenticate(coach)
    created = api.post(f"/api/v1/athletes/{athlete.pk}/races/", fields, format="json")
    assert created.status_code == 201, created.content
    through_api = Race.objects.get(pk=created.json()["id"])
    assert _phases(in_admin) == _phases(through_api)
    assert [phase for phase, *_ in _phases(in_admin)] == ["race_specific", "taper", "recovery"]


def test_a_race_moved_in_the_admin_moves_its_phases_and_rechecks(coach_client, athlete,
                                                                  other_athlete, rechecks):
    from scheduling.services import race_create

    race = race_create(athlete=athlete, name="Marathon", date=RACE_DAY, distance_m=42195)
    moved = RACE_DAY + dt.timedelta(days=7)
    rechecks.reset_mock()
    url = f"/admin/scheduling/race/{race.pk}/change/"
    response = coach_client.post(url, _change_form(coach_client, url, date=moved.isoformat()))
    assert response.status_code == 302
    rechecks.assert_called_once_with("scheduling.tasks.athlete_check_task", athlete.pk)
    there_already = race_create(athlete=other_athlete, name="Marathon", date=moved,
                                distance_m=42195)
    assert _phases(race) == _phases(there_already)


def test_a_race_deleted_in_the_admin_takes_its_phases_and_rechecks(coach_client, athlete,
                                                                    rechecks):
    from scheduling.services import race_create

    races = [race_create(athlete=athlete, name=f"Race {i}", date=RACE_DAY, distance_m=10000)
             for i in range(2)]
    rechecks.reset_mock()
    response = coach_client.post(f"/admin/scheduling/race/{races[0].pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    response = coach_client.post("/admin/scheduling/race/", {  # the list's bulk delete
        "action": "delete_selected", "_selected_action": [races[1].pk], "post": "yes"})
    assert response.status_code == 302
    assert not athlete.phases.exists() and not athlete.races.exists()
    assert rechecks.call_count == 2


def test_a_profile_change_in_the_admin_rechecks_once(coach_client, athlete, rechecks):
    url = f"/admin/athletes/athleteprofile/{athlete.pk}/change/"
    response = coach_client.post(url, _change_form(coach_client, url, level="advanced",
                                                   equipment="home", home_items=["dumbbells"]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    rechecks.assert_called_once_with("scheduling.tasks.athlete_check_task", athlete.pk)


def test_a_session_logged_with_its_sets_in_the_admin_is_one_write(coach_client, athlete,
                                                                   rechecks):
    """One service call: the sets in their order, one re-check (the admin used to queue one
    for the session and one for its sets) and the webhooks told of the log."""
    from unittest import mock

    from training.models import Exercise, StrengthSession

    squat = Exercise.objects.get(slug="back-squat").pk
    url = "/admin/training/strengthsession/add/"
    sets = {"sets-TOTAL_FORMS": 2, "sets-INITIAL_FORMS": 0}
    for i, (order, reps) in enumerate([(1, 5), (0, 8)]):
        sets |= {f"sets-{i}-exercise": squat, f"sets-{i}-order": order, f"sets-{i}-reps": reps,
                 f"sets-{i}-load_kg": "100"}
    with mock.patch("scheduling.services.logs.emit_session_logged") as told:
        response = coach_client.post(url, _change_form(
            coach_client, url, athlete=athlete.pk, date=DAY.isoformat(), **sets))
    assert response.status_code == 302
    session = StrengthSession.objects.get(athlete=athlete)
    assert [(s.order, s.reps) for s in session.sets.all()] == [(0, 8), (1, 5)]
    assert session.created_by.email == "coach@example.com"
    rechecks.assert_called_once_with("scheduling.tasks.athlete_check_task", athlete.pk)
    told.assert_called_once()


def test_what_the_service_refuses_is_shown_on_the_form_and_nothing_is_written(
    coach_client, athlete, rechecks
):
    from training.models import Exercise

    url = "/admin/scheduling/plannedsession/add/"
    response = coach_client.post(url, _change_form(
        coach_client, url, athlete=athlete.pk, date=DAY.isoformat(), kind="run",
        run_type="easy", **{
            "prescription-TOTAL_FORMS": 1, "prescription-INITIAL_FORMS": 0,
            "prescription-0-exercise": Exercise.objects.get(slug="back-squat").pk,
            "prescription-0-order": 0, "prescription-0-sets": 3, "prescription-0-reps_min": 5,
            "prescription-0-reps_max": 5}))
    assert response.status_code == 200
    assert "A run has no strength prescription." in response.content.decode()
    assert not PlannedSession.objects.filter(athlete=athlete).exists()
    rechecks.assert_not_called()


def test_the_athlete_of_a_session_is_not_changed_in_the_admin(coach_client, sessions):
    mine = sessions[0]
    form = coach_client.get(f"/admin/scheduling/plannedsession/{mine.pk}/change/").context[
        "adminform"].form
    assert "athlete" not in form.fields


def test_the_race_form_and_lists_say_their_units(coach_client, athlete):
    """"Distance (m)", not "Distance m": the unit in parentheses, on forms and columns."""
    form = coach_client.get("/admin/scheduling/race/add/").context["adminform"].form
    assert form.fields["distance_m"].label == "Distance (m)"
    Race.objects.create(athlete=athlete, name="Seville Half", date=DAY, distance_m=21097)
    body = coach_client.get("/admin/scheduling/race/").content.decode()
    assert "Distance (m)" in body and "Distance m<" not in body and "21097" in body
    Run.objects.create(athlete=athlete, date=DAY, distance_m=5000, duration_s=1500)
    runs = coach_client.get("/admin/training/run/").content.decode()
    assert "Duration (s)" in runs and "Distance (m)" in runs
    rows = coach_client.get("/admin/scheduling/plannedsession/add/").context[
        "inline_admin_formsets"][0].formset.form.base_fields
    assert rows["load_kg"].label == "Load (kg)"
    assert "?o=4" in body  # the column still sorts (by the field)


def test_the_home_equipment_is_ticked_in_words_not_typed_as_json(coach_client, athlete):
    athlete.equipment, athlete.home_items = "home", ["dumbbells", "band"]
    athlete.save()
    url = f"/admin/athletes/athleteprofile/{athlete.pk}/change/"
    body = coach_client.get(url).content.decode()
    assert "[&quot;dumbbells&quot;" not in body and '["dumbbells"' not in body
    assert 'type="checkbox" name="home_items" value="band"' in body
    assert "Resistance band" in body and "Home equipment" in body
    response = coach_client.post(url, _change_form(coach_client, url,
                                                   home_items=["kettlebell", "box"]))
    assert response.status_code == 302
    athlete.refresh_from_db()
    assert sorted(athlete.home_items) == ["box", "kettlebell"]


def test_a_findings_sessions_dates_and_move_read_as_words(coach_client, athlete):
    now = timezone.now()
    finding = Finding.objects.create(
        athlete=athlete, rule="R", severity="error", fingerprint="f", first_date=DAY,
        last_date=DAY, title="t", explanation="e", first_seen=now, last_seen=now,
        sessions=[{"type": "planned", "id": 12}, {"type": "run", "id": 7}],
        dates=[DAY.isoformat()],
        move=[{"id": "drop:planned:12", "kind": "drop", "text": "Drop Monday 30 Nov's squat.",
               "leaves": "Leaves 1 strength session in the week of Monday 30 Nov.",
               "session": {"type": "planned", "id": 12}}])
    body = coach_client.get(f"/admin/scheduling/finding/{finding.pk}/change/").content.decode()
    assert "planned session #12; logged run #7" in body
    assert "Mon 30 Nov 2026" in body
    assert ("Drop Monday 30 Nov&#x27;s squat. Leaves 1 strength session in the week of "
            "Monday 30 Nov.") in body
    assert "&quot;type&quot;" not in body and '{"type"' not in body


def test_an_exercises_equipment_is_ticked_in_words(coach_client, coach):
    add = coach_client.get("/admin/training/exercise/add/").content.decode()
    assert 'type="checkbox" name="equipment" value="trap_bar"' in add and "Trap bar" in add
    response = coach_client.post("/admin/training/exercise/add/", {
        "name": "Sandbag carry", "pattern": "core",
        "category": "accessory", "lower_body": "on", "equipment": ["backpack", "band"]})
    assert response.status_code == 302, response.context["adminform"].form.errors
    exercise = Exercise.objects.get(name="Sandbag carry", owner=coach)
    assert (exercise.equipment, exercise.owner) == (["backpack", "band"], coach)
    change = coach_client.get(f"/admin/training/exercise/{exercise.pk}/change/")
    assert "[&quot;backpack&quot;" not in change.content.decode()
