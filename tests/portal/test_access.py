"""The portal's authorization matrix as data (DESIGN.md habit 10): every route of
portal/urls.py, every method it answers, every persona, the expected status.
A route without rows fails ``test_every_portal_route_has_rows``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from athletes.models import Invitation
from portal import urls as portal_urls
from scheduling.models import Race
from scheduling.services import race_create
from tests.portal.conftest import World
from tests.training.imports_support import IMPORT_CSV

PERSONAS = ("anonymous", "athlete", "coach", "other_coach", "stranger")
OK = {200, 302}
NF = 404

# (route, method) -> expected outcome per persona. Anonymous is redirected to the login page
# unless the row names it (a public page).
# Where athlete and coach may act, OK is 200 (a page or a form with errors) or 302 (done).
SCOPED = {"athlete": OK, "coach": OK, "other_coach": NF, "stranger": NF}
PUBLIC = {persona: {200} for persona in PERSONAS}
MATRIX: dict[tuple[str, str], dict[str, set[int] | int]] = {
    ("home", "GET"): {"athlete": {302}, "coach": {302}, "other_coach": {302},
                      "stranger": {302}},
    ("my_week", "GET"): {"athlete": {302}, "coach": NF, "other_coach": NF, "stranger": NF},
    ("settings", "GET"): {"athlete": {200}, "coach": {200}, "other_coach": {200},
                          "stranger": {200}},
    ("settings", "POST"): {"athlete": OK, "coach": {302}, "other_coach": {302},
                           "stranger": OK},
    ("calendar_rotate", "POST"): {"athlete": {302}, "coach": NF, "other_coach": NF,
                                  "stranger": NF},
    # Done (the athlete): the settings; no profile (the stranger): the step; a coach: roster.
    ("first_run", "GET"): {"athlete": {302}, "coach": {302}, "other_coach": {302},
                           "stranger": {200}},
    ("first_run", "POST"): {"athlete": {302}, "coach": {302}, "other_coach": {302},
                            "stranger": OK},
    # Anonymous: to sign-up, with the invited address (no account has it).
    ("invitation", "GET"): {"anonymous": {302}, "athlete": {200}, "coach": {200},
                            "other_coach": {200}, "stranger": {200}},
    ("invitation", "POST"): {"anonymous": {302}, "athlete": OK, "coach": OK,
                             "other_coach": OK, "stranger": OK},
    ("rules", "GET"): PUBLIC,  # the rulebook: no personal data, public like the API docs
    ("dashboard", "GET"): {"athlete": NF, "coach": {200}, "other_coach": {200},
                           "stranger": NF},
    ("roster_invite", "POST"): {"athlete": NF, "coach": {302}, "other_coach": {302},
                                "stranger": NF},
    ("invitation_resend", "POST"): {"athlete": NF, "coach": {302}, "other_coach": NF,
                                    "stranger": NF},
    ("invitation_cancel", "POST"): {"athlete": NF, "coach": {302}, "other_coach": NF,
                                    "stranger": NF},
    ("athlete_remove", "POST"): {"athlete": NF, "coach": {302}, "other_coach": NF,
                                 "stranger": NF},
    ("roster_lock", "POST"): {"athlete": NF, "coach": {302}, "other_coach": NF,
                              "stranger": NF},
    ("athlete_week", "GET"): SCOPED,
    ("athlete_findings", "GET"): SCOPED,
    ("athlete_calendar", "GET"): SCOPED,
    ("calendar_copy", "POST"): SCOPED,
    ("progress", "GET"): SCOPED,
    ("target_apply", "POST"): SCOPED,
    ("planned_new", "GET"): SCOPED,
    ("planned_new", "POST"): SCOPED,
    ("proposals", "GET"): SCOPED,
    ("proposal_apply", "POST"): SCOPED,
    ("races", "GET"): SCOPED,
    ("races", "POST"): SCOPED,
    ("race_edit", "GET"): SCOPED,
    ("race_edit", "POST"): SCOPED,
    ("race_remove", "POST"): SCOPED,
    # The athlete's phases are the coach's: the service refuses the athlete (a message).
    ("phase_dates", "POST"): SCOPED,
    ("strength_new", "GET"): SCOPED,
    ("strength_new", "POST"): SCOPED,
    ("run_new", "GET"): SCOPED,
    ("run_new", "POST"): SCOPED,
    ("check_in", "GET"): SCOPED,
    ("check_in", "POST"): SCOPED,
    ("planned_edit", "GET"): SCOPED,
    ("planned_edit", "POST"): SCOPED,
    ("planned_move", "POST"): SCOPED,
    ("planned_delete", "POST"): SCOPED,
    # The athlete's post is refused by the service (only a coach locks): back to the week.
    ("planned_lock", "POST"): SCOPED,
    ("finding_apply", "POST"): SCOPED,
    ("finding_ack", "POST"): SCOPED,
    ("strength_log", "GET"): SCOPED,
    ("strength_log", "POST"): SCOPED,
    ("strength_delete", "POST"): SCOPED,
    ("set_add", "POST"): SCOPED,
    ("set_edit", "GET"): SCOPED,
    ("set_edit", "POST"): SCOPED,
    ("set_delete", "POST"): SCOPED,
    ("run_edit", "GET"): SCOPED,
    ("run_edit", "POST"): SCOPED,
    ("run_delete", "POST"): SCOPED,
    ("import_new", "GET"): SCOPED,
    ("athlete_export", "GET"): SCOPED,
    ("import_new", "POST"): SCOPED,
    ("import_detail", "GET"): SCOPED,
    ("import_progress", "GET"): SCOPED,
    ("import_mapping", "POST"): SCOPED,
    ("import_units", "POST"): SCOPED,
    ("import_confirm", "POST"): SCOPED,
    ("planned_thread", "GET"): SCOPED,
    ("planned_thread", "POST"): SCOPED,
    ("strength_thread", "GET"): SCOPED,
    ("strength_thread", "POST"): SCOPED,
    ("run_thread", "GET"): SCOPED,
    ("run_thread", "POST"): SCOPED,
}
# Methods a route refuses (405) are not rows: each view declares its methods with
# require_GET / require_POST / require_http_methods, tested once below.


def _race(w: World) -> Race:
    """The athlete's goal race, made on first use (the world's checks run without it)."""
    race = Race.objects.filter(athlete=w.athlete).first()
    return race or race_create(athlete=w.athlete, name="Spring half", distance_m=21097,
                               date=w.today + dt.timedelta(days=120))


def _args(name: str, w: World) -> list[object]:
    if name == "roster_lock":  # the coach's roster
        return [w.athlete.memberships.get().roster_id]
    if name in {"race_edit", "race_remove", "phase_dates"}:
        race = _race(w)
        return [race.phase_blocks.first().pk if name == "phase_dates" else race.pk]
    by_kind = {
        "athlete_id": w.athlete.pk, "token": w.token, "session_id": w.planned.pk,
        "finding_id": w.finding.pk, "set_id": w.set_row.pk, "run_id": w.run.pk,
        "import_id": w.upload.pk,
    }
    pattern = next(p for p in portal_urls.urlpatterns if p.name == name)
    keys = list(pattern.pattern.converters)
    if name in {"strength_log", "strength_delete", "set_add", "strength_thread"}:  # a log's id
        return [w.strength.pk]
    if name in {"invitation_resend", "invitation_cancel"}:  # the coach's pending invitation
        return [Invitation.objects.get(email="new@example.com").pk]
    return [by_kind[k] for k in keys]


def _data(name: str, w: World) -> dict[str, object]:
    day = w.planned.date.isoformat()
    return {
        "planned_move": {"date": day, "start_time": "18:00"},
        "calendar_copy": {"source": day, "target": (w.planned.date + dt.timedelta(weeks=1))
                          .isoformat()},
        "planned_lock": {"locked": "1"},
        "roster_lock": {"lock_sessions": "1"},
        **{name: {"name": "City 10k", "date": (w.today + dt.timedelta(days=30)).isoformat(),
                  "distance": "10", "priority": "B"} for name in ("races", "race_edit")},
        "phase_dates": {f"phase{_race(w).phase_blocks.first().pk}-{k}": v.isoformat()
                        for k, v in (("start", w.today + dt.timedelta(days=40)),
                                     ("end", w.today + dt.timedelta(days=60)))},
        "set_add": {"prefix": "new", "new-exercise": "back-squat", "new-reps": "5",
                    "new-load": "80"},
        "set_edit": {f"s{w.set_row.pk}-exercise": "back-squat", f"s{w.set_row.pk}-reps": "6",
                     f"s{w.set_row.pk}-load": "85"},
        "strength_new": {"title": "Squats", "date": day},
        "run_new": {"run_type": "easy", "date": day, "distance": "5", "duration": "30:00"},
        "run_edit": {"run_type": "easy", "date": day, "distance": "6", "duration": "33:00"},
        "roster_invite": {"email": "friend@example.com"},
        "import_new": {"file": SimpleUploadedFile("hevy.csv", IMPORT_CSV)},
        "import_mapping": {"name": "Squat (Barbell)", "exercise": "front-squat"},
        "import_units": {"units": "imperial"},
        "target_apply": {"exercise": "back-squat"},
        **{name: {"comment-body": "Felt strong.", "comment-pain_area": "knee",
                  "comment-pain_score": "2"}
           for name in ("planned_thread", "strength_thread", "run_thread")},
        "check_in": {"date": w.today.isoformat(), "sleep": "4", "energy": "3", "soreness": "2",
                     "stress": "4", "mood": "5"},
    }.get(name, {})


def _persona(name: str, request: pytest.FixtureRequest, client, w: World):
    if name == "anonymous":
        return client
    user = {"athlete": lambda: w.athlete.user}.get(name, lambda: request.getfixturevalue(name))()
    client.force_login(user)
    return client


ROWS = [(route, method, persona) for (route, method) in MATRIX for persona in PERSONAS]


def test_every_portal_route_has_rows() -> None:
    names = {p.name for p in portal_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == {route for route, _ in MATRIX}, "add the new route to MATRIX"


@pytest.mark.parametrize(("route", "method", "persona"), ROWS,
                         ids=[f"{m} {r} as {p}" for r, m, p in ROWS])
def test_access(route: str, method: str, persona: str, world: World, client,
                request: pytest.FixtureRequest, other_athlete) -> None:
    if persona == "coach":
        request.getfixturevalue("coach")
    client = _persona(persona, request, client, world)
    url = reverse(f"portal:{route}", args=_args(route, world))
    response = client.get(url) if method == "GET" else client.post(url, _data(route, world))
    if persona == "anonymous" and persona not in MATRIX[(route, method)]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        return
    expected = MATRIX[(route, method)][persona]
    allowed = expected if isinstance(expected, set) else {expected}
    assert response.status_code in allowed, (route, method, persona, response.status_code)


@pytest.mark.parametrize("route", ["athlete_week", "progress", "strength_log", "set_edit",
                                   "rules"])
def test_a_get_route_refuses_a_delete(route: str, world: World, client) -> None:
    client.force_login(world.athlete.user)
    assert client.delete(reverse(f"portal:{route}", args=_args(route, world))).status_code == 405


@pytest.mark.parametrize("route", ["finding_apply", "planned_delete", "set_add", "run_delete"])
def test_a_post_route_refuses_a_get(route: str, world: World, client) -> None:
    client.force_login(world.athlete.user)
    assert client.get(reverse(f"portal:{route}", args=_args(route, world))).status_code == 405


def test_a_smuggled_planned_id_of_another_roster_is_a_404(
        world: World, client, other_athlete, other_coach) -> None:
    """A foreign key in a body goes through the same scoped getter."""
    from scheduling.services import planned_session_create

    theirs = planned_session_create(actor=other_coach, athlete=other_athlete, kind="strength",
                                    date=world.today, intensity="heavy")
    client.force_login(world.athlete.user)
    url = reverse("portal:strength_new", args=[world.athlete.pk])
    assert client.post(url, {"planned": theirs.pk}).status_code == 404


def test_a_smuggled_session_of_another_roster_cannot_be_moved_from_the_calendar(
        world: World, client, other_athlete, other_coach) -> None:
    """The calendar's drag and drop posts to Move: a foreign id there is a 404, and the
    session stays where it was."""
    from scheduling.services import planned_session_create

    theirs = planned_session_create(actor=other_coach, athlete=other_athlete, kind="strength",
                                    date=world.today, intensity="heavy")
    client.force_login(world.athlete.user)
    url = reverse("portal:planned_move", args=[theirs.pk])
    data = {"from": "calendar", "date": world.planned.date.isoformat(), "weeks": "4"}
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 404
    theirs.refresh_from_db()
    assert theirs.date == world.today


def test_a_week_of_another_roster_cannot_be_copied(world: World, client, other_athlete,
                                                   other_coach) -> None:
    from scheduling.models import PlannedSession
    from scheduling.services import planned_session_create

    planned_session_create(actor=other_coach, athlete=other_athlete, kind="strength",
                           date=world.today, intensity="heavy")
    client.force_login(world.athlete.user)
    url = reverse("portal:calendar_copy", args=[other_athlete.pk])
    data = {"source": world.today.isoformat(),
            "target": (world.today + dt.timedelta(weeks=2)).isoformat()}
    assert client.post(url, data).status_code == 404
    assert PlannedSession.objects.filter(athlete=other_athlete).count() == 1
