"""The authorization matrix (DESIGN.md habit 10): every route of /api/v1/ x method x persona,
with the status each must get. Built from the URL conf: a route or a method without a row
fails the suite.

Objects belong to ``athlete`` (on ``coach``'s roster); the webhook belongs to ``coach``.
Personas: anonymous, the athlete (own), another roster's athlete, the athlete's coach,
another coach, a signed-in user with no role. An object outside the caller's scope is a 404,
never a 403; a foreign key to it in a body is a 400 on that field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from athletes.models import Roster
from scheduling.services.placement import placement_proposals
from tests.api.conftest import PERSONAS, World
from tests.training.imports_support import IMPORT_CSV

P = PERSONAS  # anonymous, athlete, other_athlete, coach, other_coach, stranger


def row(*statuses: int) -> dict[str, int]:
    """Expected statuses in persona order (see PERSONAS)."""
    assert len(statuses) == len(PERSONAS)
    return dict(zip(PERSONAS, statuses, strict=True))


ALL_OK = row(401, 200, 200, 200, 200, 200)  # a list: outsiders see it, empty of our objects
OWN_READ = row(401, 200, 404, 200, 404, 404)  # the athlete's object, or a route under them
OWN_DELETE = row(401, 204, 404, 204, 404, 404)
CREATE_FOR_ATHLETE = row(401, 201, 400, 201, 400, 400)  # body names athlete: foreign -> 400
CREATE_UNDER_ATHLETE = row(401, 201, 404, 201, 404, 404)  # the athlete is in the path
COACHES_ONLY = row(401, 403, 403, 201, 201, 403)
COACH_OWN_DELETE = row(401, 404, 404, 204, 404, 404)  # the coach's own webhook


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _placement_body(w: World) -> dict[str, Any]:
    """The placer's first slot this week, or next week (late on a Sunday, when every slot
    of this week has begun)."""
    this_monday = w.today - dt.timedelta(days=w.today.weekday())
    for monday in (this_monday, this_monday + dt.timedelta(days=7)):
        for proposal in placement_proposals(athlete=w.athlete, week_monday=monday):
            if proposal.slots:
                slot = proposal.slots[0]
                return {"week": _week(monday),
                        "session": proposal.session and proposal.session.id,
                        "date": slot.date.isoformat(),
                        "start_time": slot.start_time.strftime("%H:%M")}
    raise AssertionError("the placer offered no slot for the world's weeks")


def _placement_status(w: World) -> int:
    return 201 if _placement_body(w)["session"] is None else 200


def _drop_fix(w: World) -> dict[str, Any]:
    """Give the world's finding a fix that fits (drop its planned session), and name it."""
    ident = f"drop:planned:{w.planned.pk}"
    w.finding.move = [{"id": ident, "kind": "drop", "text": "Drop it.", "leaves": "",
                       "session": {"type": "planned", "id": w.planned.pk}}]
    w.finding.save(update_fields=["move"])
    return {"fix": ident}


PLANNED_BODY: Callable[[World], dict[str, Any]] = lambda w: {  # noqa: E731
    "athlete": w.athlete.pk, "date": (w.today + dt.timedelta(days=5)).isoformat(),
    "kind": "strength", "intensity": "light",
    "prescription": [{"exercise": "goblet-squat", "sets": 2, "reps_min": 8}],
}

# route name -> method -> (expected per persona, url kwargs, query string, body)
Case = tuple[dict[str, int], Callable[[World], dict[str, Any]], str, Callable[[World], Any]]
NONE: Callable[[World], Any] = lambda w: None  # noqa: E731
NO_KW: Callable[[World], dict[str, Any]] = lambda w: {}  # noqa: E731
ATH: Callable[[World], dict[str, Any]] = lambda w: {"pk": w.athlete.pk}  # noqa: E731
ATH_ID: Callable[[World], dict[str, Any]] = lambda w: {"athlete_id": w.athlete.pk}  # noqa: E731

MATRIX: dict[str, dict[str, Case]] = {
    "api-auth-token": {
        # No session or token is read: the email and password are the credentials.
        "post": (row(200, 200, 200, 200, 200, 200), NO_KW, "",
                 lambda w: {"email": "athlete@example.com",
                            "password": "correct-horse-battery-9"}),
    },
    "api-auth-token-revoke": {"post": (row(401, 204, 204, 204, 204, 204), NO_KW, "", NONE)},
    "api-me": {"get": (ALL_OK, NO_KW, "", NONE)},
    "api-athlete-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        # Onto the coach's roster: another coach may not name it (a 400 on roster).
        "post": (row(401, 403, 403, 201, 400, 403), NO_KW, "",
                 lambda w: {"email": "new@example.com", "name": "New Runner",
                            "roster": Roster.objects.get(coach=w.coach).pk}),
    },
    "api-athlete-detail": {
        "get": (OWN_READ, ATH, "", NONE),
        "patch": (OWN_READ, ATH, "", lambda w: {"level": "advanced"}),
    },
    "api-athlete-availability": {
        "get": (OWN_READ, ATH, "", NONE),
        "put": (OWN_READ, ATH, "",
                lambda w: {"days": [{"weekday": 1, "earliest": "06:00", "latest": "20:00"}]}),
    },
    "api-athlete-check": {"post": (OWN_READ, ATH, "", NONE)},
    "api-athlete-progress": {"get": (OWN_READ, ATH, "exercise=back-squat", NONE)},
    "api-athlete-next-targets": {"get": (OWN_READ, ATH, "", NONE)},
    "api-athlete-load": {"get": (OWN_READ, ATH, "", NONE)},
    "api-athlete-compliance": {"get": (OWN_READ, ATH, "", NONE)},
    "api-race-list": {
        "get": (OWN_READ, ATH_ID, "", NONE),
        "post": (CREATE_UNDER_ATHLETE, ATH_ID, "",
                 lambda w: {"name": "Spring half", "date": "2027-04-11", "distance_m": 21097,
                            "priority": "B"}),
    },
    "api-race-detail": {
        "get": (OWN_READ, lambda w: {"athlete_id": w.athlete.pk, "pk": w.race.pk}, "", NONE),
        "patch": (OWN_READ, lambda w: {"athlete_id": w.athlete.pk, "pk": w.race.pk}, "",
                  lambda w: {"name": "City 10k (moved)"}),
        "delete": (OWN_DELETE, lambda w: {"athlete_id": w.athlete.pk, "pk": w.race.pk}, "",
                   NONE),
    },
    "api-phase-list": {"get": (OWN_READ, ATH_ID, "", NONE)},
    "api-placement": {"get": (OWN_READ, ATH_ID, "", NONE)},
    "api-placement-apply": {"post": (OWN_READ, ATH_ID, "", _placement_body)},
    "api-athlete-calendar-token": {
        "get": (OWN_READ, ATH_ID, "", NONE),
        "post": (OWN_READ, ATH_ID, "", NONE),
    },
    # The feed's secret is the credential (calendar apps send no login): anyone with it.
    "api-athlete-calendar": {"get": (row(200, 200, 200, 200, 200, 200), ATH_ID, "token", NONE)},
    "api-athlete-export": {"get": (OWN_READ, ATH_ID, "", NONE)},
    "api-exercise-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        "post": (COACHES_ONLY, NO_KW, "",
                 lambda w: {"name": "Nordic curl", "pattern": "hinge", "category": "accessory"}),
    },
    "api-planned-session-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        "post": (CREATE_FOR_ATHLETE, NO_KW, "", PLANNED_BODY),
    },
    "api-planned-session-bulk": {
        "post": (row(401, 200, 400, 200, 400, 400), NO_KW, "",
                 lambda w: {"athlete": w.athlete.pk, "sessions": [
                     {**PLANNED_BODY(w), "athlete": None, "external_id": "tp-1"}]}),
    },
    "api-planned-session-detail": {
        "get": (OWN_READ, lambda w: {"pk": w.planned.pk}, "", NONE),
        "put": (OWN_READ, lambda w: {"pk": w.planned.pk}, "",
                lambda w: {"date": w.planned.date.isoformat(), "kind": "strength",
                           "intensity": "moderate"}),
        "patch": (OWN_READ, lambda w: {"pk": w.planned.pk}, "", lambda w: {"title": "Renamed"}),
        "delete": (OWN_DELETE, lambda w: {"pk": w.planned.pk}, "", NONE),
    },
    "api-strength-session-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        "post": (CREATE_FOR_ATHLETE, NO_KW, "",
                 lambda w: {"athlete": w.athlete.pk, "date": w.today.isoformat(),
                            "sets": [{"exercise": "back-squat", "reps": 5, "load_kg": 90}]}),
    },
    "api-strength-session-detail": {
        "get": (OWN_READ, lambda w: {"pk": w.strength.pk}, "", NONE),
        "patch": (OWN_READ, lambda w: {"pk": w.strength.pk}, "", lambda w: {"rpe": 8}),
        "delete": (OWN_DELETE, lambda w: {"pk": w.strength.pk}, "", NONE),
    },
    "api-run-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        "post": (CREATE_FOR_ATHLETE, NO_KW, "",
                 lambda w: {"athlete": w.athlete.pk, "date": w.today.isoformat(),
                            "run_type": "tempo", "distance_m": 8000}),
    },
    "api-run-detail": {
        "get": (OWN_READ, lambda w: {"pk": w.run.pk}, "", NONE),
        "patch": (OWN_READ, lambda w: {"pk": w.run.pk}, "", lambda w: {"rpe": 4}),
        "delete": (OWN_DELETE, lambda w: {"pk": w.run.pk}, "", NONE),
    },
    "api-check-in-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        "post": (CREATE_FOR_ATHLETE, NO_KW, "",
                 lambda w: {"athlete": w.athlete.pk, "date": w.today.isoformat(), "sleep": 4,
                            "energy": 4, "soreness": 2, "stress": 3, "mood": 4}),
    },
    "api-check-in-detail": {
        "get": (OWN_READ, lambda w: {"pk": w.check_in.pk}, "", NONE),
        "patch": (OWN_READ, lambda w: {"pk": w.check_in.pk}, "", lambda w: {"mood": 5}),
        "delete": (OWN_DELETE, lambda w: {"pk": w.check_in.pk}, "", NONE),
    },
    "api-import-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        # Multipart (MULTIPART below): the files are read after the 202, in the background.
        "post": (row(401, 202, 400, 202, 400, 400), NO_KW, "",
                 lambda w: {"athlete": w.athlete.pk, "file": SimpleUploadedFile(
                     "hevy.csv", IMPORT_CSV)}),
    },
    "api-import-detail": {"get": (OWN_READ, lambda w: {"pk": w.upload.pk}, "", NONE)},
    "api-import-mapping": {
        "post": (OWN_READ, lambda w: {"pk": w.upload.pk}, "",
                 lambda w: {"name": "Squat (Barbell)", "exercise": "front-squat"}),
    },
    "api-import-units": {
        "post": (row(401, 202, 404, 202, 404, 404), lambda w: {"pk": w.upload.pk}, "",
                 lambda w: {"units": "imperial"}),
    },
    "api-import-confirm": {
        "post": (row(401, 202, 404, 202, 404, 404), lambda w: {"pk": w.upload.pk}, "", NONE),
    },
    "api-comment-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        # The session named is the scope: another roster's is a 400 on its field.
        "post": (CREATE_FOR_ATHLETE, NO_KW, "",
                 lambda w: {"run": w.run.pk, "body": "Calf tight at 5 km.",
                            "pain_area": "calf", "pain_score": 3}),
    },
    # The ids are the scope: another roster's comment is a 400 on ids.
    "api-comment-read": {
        "post": (row(401, 200, 400, 200, 400, 400), NO_KW, "",
                 lambda w: {"ids": [w.comment.pk]}),
    },
    "api-finding-list": {"get": (ALL_OK, NO_KW, "", NONE)},
    "api-finding-detail": {"get": (OWN_READ, lambda w: {"pk": w.finding.pk}, "", NONE)},
    "api-finding-acknowledge": {"post": (OWN_READ, lambda w: {"pk": w.finding.pk}, "", NONE)},
    "api-finding-apply": {"post": (OWN_READ, lambda w: {"pk": w.finding.pk}, "", _drop_fix)},
    "api-webhook-list": {
        "get": (ALL_OK, NO_KW, "", NONE),
        # Anyone signed in may subscribe; events only ever cover the athletes they may see.
        "post": (row(401, 201, 201, 201, 201, 201), NO_KW, "",
                 lambda w: {"url": "http://127.0.0.1:9/hook", "events": ["finding.created"]}),
    },
    "api-webhook-detail": {
        "delete": (COACH_OWN_DELETE, lambda w: {"pk": w.webhook.pk}, "", NONE),
    },
    # Any other path under /api/v1/ (a malformed id, a typo): a JSON 404 for everyone.
    "api-not-found": {
        method: (row(404, 404, 404, 404, 404, 404),
                 lambda w: {"rest": f"athletes/{w.athlete.pk}x/"}, "", NONE)
        for method in ("get", "post", "put", "patch", "delete")
    },
}

# For list routes: the id of the world's object that outsiders must not see in the results.
LEAKS: dict[str, Callable[[World], int]] = {
    "api-athlete-list": lambda w: w.athlete.pk,
    "api-planned-session-list": lambda w: w.planned.pk,
    "api-strength-session-list": lambda w: w.strength.pk,
    "api-run-list": lambda w: w.run.pk,
    "api-check-in-list": lambda w: w.check_in.pk,
    "api-finding-list": lambda w: w.finding.pk,
    "api-import-list": lambda w: w.upload.pk,
    "api-comment-list": lambda w: w.comment.pk,
    "api-exercise-list": lambda w: w.exercise.pk,
    "api-webhook-list": lambda w: w.webhook.pk,
}
MULTIPART = {("api-import-list", "post")}
INSIDERS = {"api-webhook-list": {"coach"}, "api-exercise-list": {"coach", "athlete"}}


def api_routes() -> dict[str, tuple[str, set[str]]]:
    """Every named route under /api/v1/ in the URL conf, with the methods its view answers."""
    found: dict[str, tuple[str, set[str]]] = {}

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = (prefix + str(p.pattern)).lstrip("^")
                if not route.startswith("api/v1/"):
                    continue
                assert p.name, f"route {route} has no name"
                actions = getattr(p.callback, "actions", None)
                if actions is not None:
                    methods = set(actions) - {"head", "options"}
                else:
                    view = p.callback.view_class
                    methods = {m for m in view.http_method_names
                               if m not in {"options", "head"} and hasattr(view, m)}
                found[p.name] = (route, methods)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_route_and_method_has_a_row() -> None:
    routes = api_routes()
    assert routes, "no /api/v1/ routes found"
    missing = {name: methods - set(MATRIX.get(name, {})) for name, (_, methods) in routes.items()}
    missing = {name: sorted(m) for name, m in missing.items() if m}
    assert not missing, f"routes without a row in the matrix: {missing}"
    stale = {name: sorted(set(MATRIX[name]) - routes.get(name, ("", set()))[1])
             for name in MATRIX}
    stale = {name: m for name, m in stale.items() if m}
    assert not stale, f"rows for routes or methods that do not exist: {stale}"


CASES = [
    pytest.param(name, method, persona, id=f"{method.upper()} {name} as {persona}")
    for name, methods in MATRIX.items()
    for method in methods
    for persona in PERSONAS
]


@pytest.mark.parametrize(("name", "method", "persona"), CASES)
def test_matrix(name: str, method: str, persona: str, world: World,
                client_for: Callable[[str], Any]) -> None:
    expected, kwargs, query, body = MATRIX[name][method]
    want = expected[persona]
    if name == "api-placement-apply" and want == 200:
        want = _placement_status(world)
    url = reverse(name, kwargs=kwargs(world))
    if query == "token":
        url += f"?token={world.athlete.calendar_token}"
    elif query:
        url += f"?{query}"
    data = body(world)
    client = client_for(persona)
    wire = "multipart" if (name, method) in MULTIPART else "json"
    response = getattr(client, method)(url, data=data, format=wire)
    if want == 404:
        assert response["Content-Type"] == "application/json", "a 404 of the API is JSON"
    assert response.status_code == want, (
        f"{method.upper()} {url} as {persona}: {response.status_code} "
        f"{getattr(response, 'data', response.content)!r}"
    )
    if name in LEAKS and method == "get" and want == 200 and persona not in INSIDERS.get(
            name, {"coach", "athlete"}):
        ids = [item["id"] for item in response.json()["results"]]
        assert LEAKS[name](world) not in ids, f"{persona} sees the athlete's object"
