"""Bad input is a 400 with a message per field, never a 500; smuggled foreign keys are a
400 on their field, as if they did not exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from scheduling.models import PlannedSession
from scheduling.services import planned_session_create
from tests.api.conftest import World
from training.models import StrengthSession
from training.services import exercise_create

PLANNED = "/api/v1/planned-sessions/"
STRENGTH = "/api/v1/strength-sessions/"
RUNS = "/api/v1/runs/"


def strength_body(w: World, **extra: Any) -> dict[str, Any]:
    return {"athlete": w.athlete.pk, "date": w.today.isoformat(), "kind": "strength",
            "prescription": [{"exercise": "back-squat", "sets": 3, "reps_min": 5}], **extra}


def rx(**line: Any) -> list[dict[str, Any]]:
    return [{"exercise": "back-squat", "sets": 3, "reps_min": 5, **line}]


BAD_PLANNED: list[tuple[str, dict[str, Any], str]] = [
    ("a date that does not exist", {"date": "2026-02-30"}, "date"),
    ("a date in another format", {"date": "25/11/2026"}, "date"),
    ("a date outside the years we plan", {"date": "0001-01-01"}, "date"),
    ("a start time past midnight", {"start_time": "24:30"}, "start_time"),
    ("an unknown kind", {"kind": "swim"}, "kind"),
    ("a string for a number", {"duration_min": "long"}, "duration_min"),
    ("a boolean for a number", {"planned_rpe": True}, "planned_rpe"),
    ("an RPE above 10", {"planned_rpe": 11}, "planned_rpe"),
    ("a huge number", {"distance_m": 10**30}, "distance_m"),
    ("a negative load", {"prescription": rx(load_kg=-5)}, "prescription[0].load_kg"),
    ("an RIR above 10", {"prescription": rx(rir=11)}, "prescription[0].rir"),
    ("an unknown slug", {"prescription": rx(exercise="moon-squat")},
     "prescription[0].exercise"),
    ("a load with three decimals", {"prescription": rx(load_kg="100.125")},
     "prescription[0].load_kg"),
    ("a percentage above 110", {"prescription": rx(pct_e1rm=150)}, "prescription[0].pct_e1rm"),
    ("reps_max below reps_min", {"prescription": rx(reps_min=8, reps_max=5)},
     "prescription[0].reps_max"),
    ("a hold with reps", {"prescription": rx(exercise="plank", reps_min=3, hold_s=45)},
     "prescription[0].reps_min"),
    ("a hold of 0 s", {"prescription": rx(exercise="plank", reps_min=None, hold_s=0)},
     "prescription[0].hold_s"),
    ("a plank typed as reps", {"prescription": rx(exercise="plank", reps_min=45)},
     "prescription[0].hold_s"),
    ("a rep line without reps", {"prescription": rx(reps_min=None)},
     "prescription[0].reps_min"),
    ("a strength prescription on a run", {"kind": "run", "run_type": "easy"}, "prescription"),
    ("a run without a run type", {"kind": "run", "prescription": []}, "run_type"),
    ("a NUL character in text", {"title": "heavy\x00"}, "title"),
    ("a title too long", {"title": "x" * 121}, "title"),
]


@pytest.mark.parametrize(("change", "field"), [pytest.param(c, f, id=i) for i, c, f in BAD_PLANNED])
def test_a_bad_planned_session_is_a_400_on_its_field(
    world: World, client_for: Callable[[str], APIClient], change: dict[str, Any], field: str,
) -> None:
    before = PlannedSession.objects.count()
    response = client_for("coach").post(PLANNED, strength_body(world, **change), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert all(isinstance(m, str) for m in response.json()[field])
    assert PlannedSession.objects.count() == before


BAD_LOGS: list[tuple[str, str, dict[str, Any], str]] = [
    ("a negative set load", STRENGTH,
     {"sets": [{"exercise": "back-squat", "reps": 5, "load_kg": -1}]}, "sets[0].load_kg"),
    ("zero reps", STRENGTH, {"sets": [{"exercise": "back-squat", "reps": 0}]}, "sets[0].reps"),
    ("an RIR above 10", STRENGTH,
     {"sets": [{"exercise": "back-squat", "reps": 5, "rir": 11}]}, "sets[0].rir"),
    ("an unknown exercise", STRENGTH, {"sets": [{"exercise": "nope", "reps": 5}]},
     "sets[0].exercise"),
    ("an unknown run type", RUNS, {"run_type": "jog"}, "run_type"),
    ("a string duration", RUNS, {"duration_s": "an hour"}, "duration_s"),
    ("a run with an RPE of 0", RUNS, {"rpe": 0}, "rpe"),
]


@pytest.mark.parametrize(("url", "change", "field"),
                         [pytest.param(u, c, f, id=i) for i, u, c, f in BAD_LOGS])
def test_a_bad_log_is_a_400_on_its_field(
    world: World, client_for: Callable[[str], APIClient], url: str, change: dict[str, Any],
    field: str,
) -> None:
    body = {"athlete": world.athlete.pk, "date": world.today.isoformat(), **change}
    response = client_for("athlete").post(url, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()


def test_a_body_that_is_not_an_object_is_a_400(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    assert client.post(PLANNED, [1, 2], format="json").status_code == 400
    response = client.generic("POST", PLANNED, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_huge_body_is_refused(world: World, client_for: Callable[[str], APIClient]) -> None:
    body = strength_body(world, notes="x" * (2 * 1024 * 1024))
    response = client_for("coach").post(PLANNED, body, format="json")
    assert response.status_code == 400
    assert "too large" in response.json()["detail"]


def test_bad_query_parameters_are_a_400(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    assert client.get(PLANNED + "?date_from=yesterday").status_code == 400
    assert client.get(PLANNED + "?athlete=abc").json() == {
        "athlete": ["A valid integer is required."], "codes": {"athlete": ["invalid"]}}
    assert client.get("/api/v1/findings/?rule=NOT_A_RULE").status_code == 400
    url = f"/api/v1/athletes/{world.athlete.pk}/placement/?week=2026-W60"
    assert client.get(url).json() == {"week": ["Enter an ISO week such as 2026-W09."],
                                      "codes": {"week": ["invalid"]}}
    url = f"/api/v1/athletes/{world.athlete.pk}/progress/?exercise=moon-squat"
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(("query", "field", "code"), [
    ("page_size=0", "page_size", "min_value"),
    ("page_size=201", "page_size", "max_value"),
    ("page_size=ten", "page_size", "invalid"),
    ("page=0", "page", "min_value"),
    ("page=last", "page", "invalid"),
])
def test_a_page_or_page_size_out_of_its_documented_range_is_a_400_on_it(
    world: World, client_for: Callable[[str], APIClient], query: str, field: str, code: str
) -> None:
    response = client_for("coach").get(f"{RUNS}?{query}")
    assert response.status_code == 400
    assert response.json()["codes"] == {field: [code]}


def test_pages_hold_up_to_page_size_results_and_a_page_past_the_last_is_a_404(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    client = client_for("coach")
    page = client.get(f"{PLANNED}?page_size=1&page=2").json()
    assert (page["count"], len(page["results"])) == (2, 1)
    assert page["results"][0]["id"] == world.planned_run.pk
    assert client.get(f"{PLANNED}?page_size=200&page=2").status_code == 404


# --- smuggled foreign keys ------------------------------------------------------------------


def test_another_rosters_athlete_in_a_body_is_a_400_on_athlete(
    world: World, other_athlete: AthleteProfile, client_for: Callable[[str], APIClient]
) -> None:
    for url, body in [
        (PLANNED, strength_body(world, athlete=other_athlete.pk)),
        (RUNS, {"athlete": other_athlete.pk, "date": world.today.isoformat()}),
        (STRENGTH, {"athlete": other_athlete.pk, "date": world.today.isoformat()}),
    ]:
        response = client_for("coach").post(url, body, format="json")
        assert response.status_code == 400
        assert response.json() == {"athlete": ["Athlete not found."],
                                   "codes": {"athlete": ["does_not_exist"]}}


def test_an_athlete_cannot_create_for_another_athlete(
    world: World, other_athlete: AthleteProfile, client_for: Callable[[str], APIClient]
) -> None:
    body = strength_body(world, athlete=other_athlete.pk)
    assert client_for("athlete").post(PLANNED, body, format="json").json() == {
        "athlete": ["Athlete not found."], "codes": {"athlete": ["does_not_exist"]}}
    # Leaving it out: the athlete themself.
    body.pop("athlete")
    response = client_for("athlete").post(PLANNED, body, format="json")
    assert response.status_code == 201
    assert response.json()["athlete"] == world.athlete.pk


def test_a_coach_must_name_the_athlete(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    body = strength_body(world)
    body.pop("athlete")
    response = client_for("coach").post(PLANNED, body, format="json")
    assert response.json() == {"athlete": ["This field is required."],
                               "codes": {"athlete": ["required"]}}


def test_another_rosters_planned_session_in_a_body_is_a_400_on_it(
    world: World, other_athlete: AthleteProfile, other_coach: User,
    client_for: Callable[[str], APIClient],
) -> None:
    foreign = planned_session_create(actor=other_coach, athlete=other_athlete,
                                     date=world.today, kind="strength", intensity="heavy")
    body = {"athlete": world.athlete.pk, "date": world.today.isoformat(),
            "planned_session": foreign.pk}
    response = client_for("coach").post(STRENGTH, body, format="json")
    assert response.json() == {"planned_session": ["Planned session not found."],
                               "codes": {"planned_session": ["does_not_exist"]}}
    assert not StrengthSession.objects.filter(athlete=world.athlete,
                                              date=world.today).exists()
    url = f"{STRENGTH}{world.strength.pk}/"
    response = client_for("coach").patch(url, {"planned_session": foreign.pk}, format="json")
    assert response.json() == {"planned_session": ["Planned session not found."],
                               "codes": {"planned_session": ["does_not_exist"]}}


def test_another_coachs_custom_exercise_is_an_unknown_slug(
    world: World, other_coach: User, client_for: Callable[[str], APIClient]
) -> None:
    theirs = exercise_create(coach=other_coach, name="Secret lunge", pattern="single_leg",
                             category="main")
    body = strength_body(world, prescription=rx(exercise=theirs.slug))
    response = client_for("coach").post(PLANNED, body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["prescription[0].exercise", "codes"]
    # ... while the coach's own custom exercise is fine.
    body = strength_body(world, prescription=rx(exercise=world.exercise.slug))
    assert client_for("coach").post(PLANNED, body, format="json").status_code == 201


def test_a_session_cannot_change_athlete(
    world: World, other_athlete: AthleteProfile, client_for: Callable[[str], APIClient]
) -> None:
    url = f"{PLANNED}{world.planned.pk}/"
    response = client_for("coach").patch(url, {"athlete": other_athlete.pk}, format="json")
    assert response.status_code == 400
    assert "athlete" in response.json()


def test_placement_apply_refuses_another_rosters_session(
    world: World, other_athlete: AthleteProfile, other_coach: User,
    client_for: Callable[[str], APIClient],
) -> None:
    foreign = planned_session_create(actor=other_coach, athlete=other_athlete,
                                     date=world.today, kind="strength", intensity="heavy")
    year, week, _ = world.today.isocalendar()
    body = {"week": f"{year}-W{week:02d}", "session": foreign.pk,
            "date": (world.today + dt.timedelta(days=1)).isoformat(), "start_time": "18:00"}
    url = f"/api/v1/athletes/{world.athlete.pk}/placement/apply/"
    response = client_for("coach").post(url, body, format="json")
    assert response.json() == {"session": ["Planned session not found."],
                               "codes": {"session": ["does_not_exist"]}}


def test_only_the_athlete_changes_their_own_email_preference(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    url = f"/api/v1/athletes/{world.athlete.pk}/"
    level = world.athlete.level
    assert level != "advanced"
    coach = client_for("coach")
    refused = coach.patch(url, {"digest_opt_out": True, "level": "advanced"}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["digest_opt_out", "codes"]
    world.athlete.refresh_from_db()
    assert (world.athlete.digest_opt_out, world.athlete.level) == (False, level)  # nothing
    assert coach.patch(url, {"level": "advanced"}, format="json").status_code == 200
    own = client_for("athlete").patch(url, {"digest_opt_out": True}, format="json")
    assert own.status_code == 200, own.json()
    world.athlete.refresh_from_db()
    assert world.athlete.digest_opt_out


@pytest.mark.parametrize("route,body,errors", [
    ("planned", {"prescription": [{"reps_min": 5}]},
     {"prescription[0].exercise": ["This field is required."]}),
    ("planned", {"prescription": [{"exercise": "back-squat", "reps_min": 5}, {"sets": 4}]},
     {"prescription[1].exercise": ["This field is required."]}),
    ("strength", {"sets": [{"reps": 5}]}, {"sets[0].exercise": ["This field is required."]}),
    ("strength", {"sets": [{"exercise": "back-squat"}]},
     {"sets[0].reps": ["This field is required."]}),
])
def test_a_patch_with_partial_nested_items_is_a_400_naming_what_each_lacks(
    world: World, client_for: Callable[[str], APIClient], route: str, body: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    url = {"planned": f"{PLANNED}{world.planned.pk}/",
           "strength": f"{STRENGTH}{world.strength.pk}/"}[route]
    before = client_for("coach").get(url).json()
    response = client_for("coach").patch(url, body, format="json")
    assert response.status_code == 400
    assert response.json() == {**errors, "codes": {k: ["required"] for k in errors}}
    assert client_for("coach").get(url).json() == before


def test_a_patch_gives_whole_nested_items_their_defaults(
    world: World, client_for: Callable[[str], APIClient]
) -> None:
    response = client_for("coach").patch(
        f"{STRENGTH}{world.strength.pk}/", {"sets": [{"exercise": "back-squat", "reps": 5}]},
        format="json")
    assert response.status_code == 200
    [row] = response.json()["sets"]
    assert (row["reps"], row["load_kg"], row["is_warmup"]) == (5, 0, False)
    response = client_for("coach").patch(
        f"{PLANNED}{world.planned.pk}/", {"prescription": [{"exercise": "back-squat",
                                                            "reps_min": 5}]}, format="json")
    assert response.status_code == 200
    assert response.json()["prescription"][0]["sets"] == 3
