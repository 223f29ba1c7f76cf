"""Token and session auth, the throttled token route, ``/me/``, and the iCal feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import icalendar
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    planned_session_update,
)
from tests.api.conftest import World
from tests.conftest import PASSWORD

TOKEN = "/api/v1/auth/token/"


def test_a_token_from_email_and_password_signs_requests_until_revoked(
    athlete: AthleteProfile,
) -> None:
    client = APIClient()
    response = client.post(TOKEN, {"email": "ATHLETE@example.com", "password": PASSWORD},
                           format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/me/").json()
    assert me == {"id": athlete.user.pk, "email": "athlete@example.com", "name": "Ada Athlete",
                  "is_coach": False, "athlete_id": athlete.pk}
    assert client.post("/api/v1/auth/token/revoke/").status_code == 204
    assert client.get("/api/v1/me/").status_code == 401


def test_a_wrong_password_is_a_400_and_guessing_is_throttled(coach: User) -> None:
    client = APIClient()
    codes = [client.post(TOKEN, {"email": coach.email, "password": f"guess-{i}"},
                         format="json").status_code for i in range(12)]
    assert codes[0] == 400
    assert codes[-1] == 429
    # Even the right password waits out the throttle.
    response = client.post(TOKEN, {"email": coach.email, "password": PASSWORD}, format="json")
    assert response.status_code == 429


def test_me_for_a_coach(coach: User) -> None:
    client = APIClient()
    client.force_authenticate(coach)
    assert client.get("/api/v1/me/").json()["athlete_id"] is None
    assert client.get("/api/v1/me/").json()["is_coach"] is True


def test_session_auth_needs_csrf_for_writes(world: World) -> None:
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="coach@example.com", password=PASSWORD)
    assert client.get("/api/v1/planned-sessions/").status_code == 200
    body = {"athlete": world.athlete.pk, "date": world.today.isoformat(), "run_type": "easy"}
    refused = client.post("/api/v1/runs/", body, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    # The portal's way: the csrftoken cookie, echoed in the X-CSRFToken header.
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    accepted = client.post("/api/v1/runs/", body, format="json",
                           HTTP_X_CSRFTOKEN=_mask_cipher_secret(secret))
    assert accepted.status_code == 201


# --- the calendar feed --------------------------------------------------------------------


def feed(world: World, token: str | None = None) -> icalendar.Calendar:
    token = token or world.athlete.calendar_token
    response = APIClient().get(
        f"/api/v1/athletes/{world.athlete.pk}/calendar.ics?token={token}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_the_feed_has_every_planned_session_at_its_local_time(world: World) -> None:
    cal = feed(world)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"planned-{world.planned.pk}@apexzone",
                           f"planned-{world.planned_run.pk}@apexzone",
                           # what was done without a plan (tests/api/test_calendar_done.py)
                           f"strength-{world.strength.pk}@apexzone",
                           f"run-{world.run.pk}@apexzone"}
    lift = events[f"planned-{world.planned.pk}@apexzone"]
    start = lift.decoded("dtstart")
    assert (start.date(), start.time()) == (world.planned.date, dt.time(18, 0))
    assert str(start.tzinfo) == "Europe/Berlin"
    assert lift["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_a_session_across_the_clock_change_keeps_its_wall_clock_time(
    world: World, coach: User
) -> None:
    # Europe/Berlin goes from CET to CEST at 02:00 on Sunday 29 March 2026: a 07:00 run that
    # day starts at 05:00 UTC, the 07:00 run the day before at 06:00 UTC.
    for day in (28, 29):
        planned_session_create(actor=coach, athlete=world.athlete, date=dt.date(2026, 3, day),
                               kind="run", run_type="easy", start_time=dt.time(7, 0))
    starts = {e.decoded("dtstart").date(): e.decoded("dtstart") for e in feed(world).walk(
        "VEVENT") if isinstance(e.decoded("dtstart"), dt.datetime)}
    assert starts[dt.date(2026, 3, 28)].astimezone(dt.UTC).hour == 6
    assert starts[dt.date(2026, 3, 29)].astimezone(dt.UTC).hour == 5


def test_open_findings_are_in_the_description_of_their_sessions(world: World) -> None:
    events = {str(e["uid"]): e for e in feed(world).walk("VEVENT")}
    lift = str(events[f"planned-{world.planned.pk}@apexzone"]["description"])
    assert "Heavy squat before intervals" in lift and "Move it to Saturday." in lift
    run = str(events[f"planned-{world.planned_run.pk}@apexzone"]["description"])
    assert "Heavy squat" not in run


def test_a_lifts_description_lists_its_lines_in_the_athletes_units(world: World) -> None:
    events = {str(e["uid"]): e for e in feed(world).walk("VEVENT")}
    lift = str(events[f"planned-{world.planned.pk}@apexzone"]["description"])
    assert "Intensity: Heavy" in lift
    assert "Back squat 4 x 4-5 @ 100 kg" in lift
    run = str(events[f"planned-{world.planned_run.pk}@apexzone"]["description"])
    assert "Distance: 10 km" in run
    world.athlete.units = "imperial"
    world.athlete.save(update_fields=["units"])
    events = {str(e["uid"]): e for e in feed(world).walk("VEVENT")}
    assert "Back squat 4 x 4-5 @ 220.5 lb" in str(
        events[f"planned-{world.planned.pk}@apexzone"]["description"])
    assert "Distance: 6.21 mi" in str(
        events[f"planned-{world.planned_run.pk}@apexzone"]["description"])


def test_the_feed_reads_the_same_queries_for_2_and_for_40_sessions(
    world: World, coach: User, django_assert_num_queries
) -> None:
    with CaptureQueriesContext(connection) as few:
        feed(world)
    for n in range(38):
        planned_session_create(
            actor=coach, athlete=world.athlete, date=world.today + dt.timedelta(days=n % 14),
            kind="strength", start_time=dt.time(18, 0),
            prescription=[PrescriptionInput("back-squat", sets=3, reps_min=5, load_kg=80)])
    with django_assert_num_queries(len(few.captured_queries)):
        feed(world)


def test_a_session_without_a_time_is_an_all_day_event(world: World, coach: User) -> None:
    planned = planned_session_create(actor=coach, athlete=world.athlete, date=world.today,
                                     kind="run", run_type="easy")
    events = {str(e["uid"]): e for e in feed(world).walk("VEVENT")}
    assert events[f"planned-{planned.pk}@apexzone"].decoded("dtstart") == world.today


def test_a_wrong_or_rotated_token_is_a_404(world: World, client_for: Callable[[str], APIClient]
                                           ) -> None:
    url = f"/api/v1/athletes/{world.athlete.pk}/calendar.ics"
    assert APIClient().get(url).status_code == 404
    assert APIClient().get(url + "?token=nope").status_code == 404
    old = world.athlete.calendar_token
    rotated = client_for("athlete").post(
        f"/api/v1/athletes/{world.athlete.pk}/calendar-token/").json()
    assert rotated["token"] != old
    assert rotated["url"].endswith(f"calendar.ics?token={rotated['token']}")
    assert APIClient().get(f"{url}?token={old}").status_code == 404
    feed(world, rotated["token"])


def test_another_athletes_token_does_not_open_this_feed(
    world: World, other_athlete: AthleteProfile
) -> None:
    url = (f"/api/v1/athletes/{world.athlete.pk}/calendar.ics"
           f"?token={other_athlete.calendar_token}")
    assert APIClient().get(url).status_code == 404


def test_a_hold_reads_in_seconds_in_the_feed(world: World) -> None:
    planned_session_update(session=world.planned, prescription=[
        PrescriptionInput("plank", sets=3, reps_min=None, hold_s=45, rir=2)])
    events = {str(e["uid"]): e for e in feed(world).walk("VEVENT")}
    lift = str(events[f"planned-{world.planned.pk}@apexzone"]["description"])
    assert "Plank 3 x 45 s, RIR 2" in lift
    assert "x 1" not in lift and "reps" not in lift


def test_a_percent_line_has_its_kilograms_in_the_feed(world: World) -> None:
    # Yesterday's 5 x 95 kg squat: an e1RM of 110.8 kg; 80 % is 88.7, 87.5 on 2.5 kg plates.
    planned_session_update(session=world.planned, prescription=[
        PrescriptionInput("back-squat", sets=4, reps_min=5, pct_e1rm=80),
        PrescriptionInput("front-squat", sets=3, reps_min=5, pct_e1rm=75)])
    events = {str(e["uid"]): e for e in feed(world).walk("VEVENT")}
    lift = str(events[f"planned-{world.planned.pk}@apexzone"]["description"])
    assert "Back squat 4 x 5 @ 80 % e1RM, 87.5 kg" in lift
    assert "Front squat 3 x 5 @ 75 % e1RM (no e1RM yet)" in lift


def test_the_feed_reads_the_e1rm_once_however_many_percent_lines(
    world: World, coach: User, django_assert_num_queries
) -> None:
    planned_session_update(session=world.planned, prescription=[
        PrescriptionInput("back-squat", sets=4, reps_min=5, pct_e1rm=80)])
    with CaptureQueriesContext(connection) as few:
        feed(world)
    for n in range(38):
        planned_session_create(
            actor=coach, athlete=world.athlete, date=world.today + dt.timedelta(days=n % 14),
            kind="strength", start_time=dt.time(18, 0),
            prescription=[PrescriptionInput("deadlift", sets=3, reps_min=5, pct_e1rm=75)])
    with django_assert_num_queries(len(few.captured_queries)):
        feed(world)
