"""The imports API: upload (202), progress and preview, mapping, confirm, dedup, limits,
scope. Tasks run eagerly at commit (captured here), as without Redis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from unittest import mock

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from athletes.models import AthleteProfile
from scheduling import services
from scheduling.models import PlannedSession
from tests.api.imports.support import LIST, detail, fixture
from tests.training.imports_support import FILES
from training.models import (
    DailyLoad,
    ExerciseMapping,
    Import,
    Run,
    StrengthSession,
    StrengthSet,
)
from training.services import SetInput, exercise_create


def test_an_upload_is_accepted_and_read_into_a_preview(post_files: Any, athlete: AthleteProfile,
                                                       client_for: Any) -> None:
    response = post_files(fixture("run.fit"), fixture("strong_ios_units.csv"))
    assert response.status_code == 202, response.content
    assert response.json()["state"] == "parsing"  # read after the request, in the background
    body = client_for("athlete").get(detail(response.json()["id"])).json()
    assert body["state"] == "ready"
    assert body["progress"] == {"done": 2, "total": 2}
    by_name = {f["name"]: f for f in body["files"]}
    assert by_name["run.fit"]["outcome"] == "ready"
    assert by_name["run.fit"]["runs"] == 1
    assert by_name["strong_ios_units.csv"]["strength_sessions"] >= 1
    assert body["created"] is None
    assert body["unmapped"] == ["Sled Push"]
    assert Run.objects.filter(athlete=athlete).count() == 0, "nothing written before confirm"


def test_a_coach_uploads_for_their_athlete_and_not_for_another(
        post_files: Any, athlete: AthleteProfile, other_athlete: AthleteProfile) -> None:
    assert post_files(fixture("run.fit"), persona="coach", athlete=athlete.pk
                      ).status_code == 202
    response = post_files(fixture("run.fit"), persona="coach", athlete=other_athlete.pk)
    assert response.status_code == 400
    assert response.json()["codes"] == {"athlete": ["does_not_exist"]}
    assert post_files(fixture("run.fit"), persona="coach").json()["codes"] == {
        "athlete": ["required"]}


def test_an_upload_without_a_file_is_a_400(client_for: Any, athlete: AthleteProfile) -> None:
    response = client_for("athlete").post(LIST, {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["codes"] == {"file": ["required"]}


def test_confirm_writes_the_preview_and_reimporting_adds_nothing(
        upload: Any, confirm: Any, client_for: Any, athlete: AthleteProfile) -> None:
    first = upload(fixture("run.fit"), fixture("hevy_kg.csv"))
    done = confirm(first)
    assert done.status_code == 202, done.content
    body = client_for("athlete").get(detail(first["id"])).json()
    assert body["state"] == "done"
    assert body["created"]["runs"] == 1
    assert body["created"]["strength_sessions"] >= 1
    runs, lifts, sets = (Run.objects.count(), StrengthSession.objects.count(),
                         StrengthSet.objects.count())
    again = upload(fixture("run.fit"), fixture("hevy_kg.csv"))
    assert again["already_there"] == {"runs": 1, "strength_sessions": lifts}
    confirm(again)
    body = client_for("athlete").get(detail(again["id"])).json()
    assert body["created"] == {"runs": 0, "strength_sessions": 0, "sets": 0}
    assert (Run.objects.count(), StrengthSession.objects.count(),
            StrengthSet.objects.count()) == (runs, lifts, sets)


def test_the_same_workout_from_strong_and_hevy_is_written_once(
        upload: Any, act: Any, confirm: Any, client_for: Any) -> None:
    """Both fixtures hold the same workouts started within a minute: one source adds
    them, the other finds them there."""
    first = upload(fixture("strong_ios_units.csv"))
    confirm(first)
    made = StrengthSession.objects.count()
    second = upload(fixture("hevy_kg.csv"))
    assert second["already_there"]["strength_sessions"] == made
    confirm(second)
    assert StrengthSession.objects.count() == made


def test_a_session_typed_by_hand_within_ten_minutes_is_already_there(
        upload: Any, act: Any, confirm: Any, client_for: Any, athlete: AthleteProfile) -> None:
    """hevy_kg.csv's first workout starts 5 Mar 2024 18:04 on the athlete's wall clock."""
    services.strength_session_create(
        actor=athlete.user, athlete=athlete, date=dt.date(2024, 3, 5),
        start_time=dt.time(18, 12), sets=[SetInput("back-squat", 5, 100)])
    body = upload(fixture("hevy_kg.csv"))
    assert body["already_there"]["strength_sessions"] == 1
    confirm(body)
    assert StrengthSession.objects.filter(date=dt.date(2024, 3, 5)).count() == 1


def test_a_hand_typed_session_eleven_minutes_off_is_another_session(
        upload: Any, act: Any, confirm: Any, athlete: AthleteProfile) -> None:
    services.strength_session_create(
        actor=athlete.user, athlete=athlete, date=dt.date(2024, 3, 5),
        start_time=dt.time(18, 15), sets=[SetInput("back-squat", 5, 100)])
    body = upload(fixture("hevy_kg.csv"))
    assert body["already_there"]["strength_sessions"] == 0


def test_fit_times_become_the_athletes_local_date(upload: Any, confirm: Any,
                                                  athlete: AthleteProfile) -> None:
    body = upload(fixture("run.fit"))
    confirm(body)
    run = Run.objects.get(athlete=athlete)
    assert run.external_key.startswith("fit:")
    # The fixture's run starts at 2024-03-05 06:30 UTC: 07:30 in Berlin (the athlete's zone).
    assert (run.date, run.start_time) == (dt.date(2024, 3, 5), dt.time(7, 30))


def test_pounds_become_kilograms_exactly(upload: Any, act: Any, confirm: Any) -> None:
    body = upload(fixture("hevy_lbs.csv"))
    confirm(body)
    loads = set(StrengthSet.objects.values_list("load_kg", flat=True))
    assert Decimal("46.49") in loads  # 102.5 lb = 46.4932... kg


def test_an_unknown_name_is_asked_then_mapped_and_remembered(
        upload: Any, act: Any, confirm: Any, client_for: Any, athlete: AthleteProfile) -> None:
    csv = (FILES / "hevy_kg.csv").read_text().replace("Squat (Barbell)", "Zercher Squat")
    body = upload(SimpleUploadedFile("h.csv", csv.encode()))
    assert body["unmapped"] == ["Zercher Squat", "Sled Push"]
    refused = act(detail(body["id"], "confirm"))
    assert refused.status_code == 400
    assert refused.json()["codes"] == {"unmapped": ["unmapped"]}
    answer = act(detail(body["id"], "mapping"), {"name": "Zercher Squat",
                                                 "exercise": "front-squat"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["unmapped"] == ["Sled Push"]
    assert ExerciseMapping.objects.filter(athlete=athlete, exercise__slug="front-squat").exists()
    confirm(body)
    assert StrengthSet.objects.filter(exercise__slug="front-squat").exists()
    again = upload(SimpleUploadedFile("h2.csv", csv.encode()))
    assert again["unmapped"] == [], "the answer is remembered"


def test_an_ignored_name_writes_none_of_its_sets(upload: Any, act: Any, confirm: Any) -> None:
    csv = (FILES / "hevy_kg.csv").read_text().replace("Squat (Barbell)", "Zercher Squat")
    body = upload(SimpleUploadedFile("h.csv", csv.encode()))
    act(detail(body["id"], "mapping"), {"name": "Zercher Squat", "exercise": None})
    confirm(body)
    assert StrengthSet.objects.exists()
    assert not StrengthSet.objects.filter(exercise__slug__in=["front-squat", "back-squat"]
                                          ).exists()


def test_a_coachs_answer_is_remembered_for_their_other_athletes(
        upload: Any, act: Any, confirm: Any, coach: Any, athlete: AthleteProfile) -> None:
    csv = (FILES / "hevy_kg.csv").read_text().replace("Squat (Barbell)", "Zercher Squat")
    body = upload(SimpleUploadedFile("h.csv", csv.encode()), persona="coach",
                  athlete=athlete.pk)
    act(detail(body["id"], "mapping"), {"name": "zercher squat", "exercise": "front-squat"},
        persona="coach")
    assert ExerciseMapping.objects.filter(coach=coach, name="zercher squat").exists()


def test_mapping_a_name_the_import_lacks_or_a_foreign_exercise_is_a_400(
        upload: Any, act: Any, confirm: Any, other_coach: Any) -> None:
    body = upload(fixture("hevy_kg.csv"))
    wrong = act(detail(body["id"], "mapping"), {"name": "Curl", "exercise": "back-squat"})
    assert wrong.json()["codes"] == {"name": ["invalid_choice"]}
    theirs = exercise_create(coach=other_coach, name="Sled drag", pattern="hinge",
                             category="main")
    smuggled = act(detail(body["id"], "mapping"), {"name": "Squat (Barbell)",
                                                   "exercise": theirs.slug})
    assert smuggled.status_code == 400
    assert smuggled.json()["codes"] == {"exercise": ["does_not_exist"]}


def test_a_broken_file_fails_alone_with_its_line(upload: Any, act: Any, confirm: Any) -> None:
    body = upload(fixture("broken/bad_number_line57.csv"), fixture("run.fit"))
    by_name = {f["name"]: f for f in body["files"]}
    bad = by_name["bad_number_line57.csv"]
    assert (bad["outcome"], bad["line"]) == ("failed", 57)
    assert bad["strength_sessions"] == 0
    confirm(body)
    assert StrengthSession.objects.count() == 0
    assert Run.objects.count() == 1


def test_an_imported_run_fulfils_the_planned_one_of_its_date(
        upload: Any, act: Any, confirm: Any, coach: Any, athlete: AthleteProfile) -> None:
    planned = services.planned_session_create(
        actor=coach, athlete=athlete, date=dt.date(2024, 3, 5), kind="run", run_type="easy",
        start_time=dt.time(7, 0), duration_min=45)
    body = upload(fixture("run.fit"))
    confirm(body)
    planned.refresh_from_db()
    assert planned.logged_run == Run.objects.get(athlete=athlete)


def test_the_athlete_is_rechecked_once_after_the_import(upload: Any, confirm: Any) -> None:
    body = upload(fixture("hevy_kg.csv"), fixture("run.fit"))
    with mock.patch("scheduling.services.recheck.send_on_commit") as queued:
        confirm(body)
    assert queued.call_count == 1


def test_confirming_twice_is_refused(upload: Any, act: Any, confirm: Any) -> None:
    body = upload(fixture("run.fit"))
    assert act(detail(body["id"], "confirm")).status_code == 202
    again = confirm(body)
    assert again.status_code == 400
    assert again.json()["codes"] == {"non_field_errors": ["invalid_state"]}


def test_another_rosters_import_is_a_404(upload: Any, client_for: Any, act: Any) -> None:
    body = upload(fixture("run.fit"))
    for persona in ("other_athlete", "other_coach", "stranger"):
        client = client_for(persona)
        assert client.get(detail(body["id"])).status_code == 404
        assert act(detail(body["id"], "confirm"), persona=persona).status_code == 404
        assert act(detail(body["id"], "mapping"), {"name": "x", "exercise": None},
                   persona=persona).status_code == 404
        listed = client.get(LIST).json()["results"]
        assert body["id"] not in [item["id"] for item in listed]


def test_a_strong_export_without_units_asks_and_can_be_read_in_pounds(
        upload: Any, act: Any, confirm: Any, client_for: Any) -> None:
    body = upload(fixture("strong_ios.csv"))
    [only] = body["files"]
    assert only["assumed_units"] == "metric"
    act(detail(body["id"], "units"), {"units": "imperial"})
    again = client_for("athlete").get(detail(body["id"])).json()
    assert again["state"] == "ready"
    assert again["units"] == "imperial"
    assert again["files"][0]["assumed_units"] == "imperial"
    confirm(body)
    assert StrengthSet.objects.filter(load_kg=Decimal("27.22")).exists()  # 60 lb exactly


def test_the_list_takes_a_constant_number_of_queries(
        upload: Any, client_for: Any, django_assert_num_queries: Any) -> None:
    client = client_for("athlete")
    upload(fixture("run.fit"))
    with django_assert_num_queries(3):
        # the count, the imports (the athlete scope is a subquery), their files
        client.get(LIST)
    upload(fixture("run.fit"))
    upload(fixture("hevy_kg.csv"))
    with django_assert_num_queries(3):
        client.get(LIST)


def test_originals_are_deleted_after_their_keep(upload: Any) -> None:
    body = upload(fixture("run.fit"))
    row = Import.objects.get(pk=body["id"])
    path = row.uploads[0]["path"]
    assert default_storage.exists(path)
    assert services.imports_purge(now=timezone.now()) == 0
    assert services.imports_purge(now=row.expires_at + dt.timedelta(seconds=1)) == 1
    assert not default_storage.exists(path)
    assert PlannedSession.objects.count() == 0


READY = ["run.fit", "strength.fit", "run_1_0.gpx", "run_1_1.gpx", "run.tcx",
         "strava_export.zip", "strong_android.csv", "strong_ios_bare.csv", "hevy_lbs.csv"]
SKIPPED = ["ride.fit", "ride.tcx", "settings.fit", "monitoring.fit", "workout.fit",
           "route.gpx", "waypoints.gpx", "no_times.gpx", "course.tcx"]


def test_every_format_in_one_upload(upload: Any, confirm: Any, client_for: Any) -> None:
    """One file of each format and variant: each is read or skipped with its reason; the
    same workouts in several files are written once."""
    body = upload(*[fixture(name) for name in READY + SKIPPED])
    verdicts: dict[str, set[str]] = {}
    for row in body["files"]:
        verdicts.setdefault(row["outcome"], set()).add(row["name"])
        if row["outcome"] != "ready":
            assert row["reason"], row
    assert not verdicts.get("failed"), body["files"]
    assert set(SKIPPED) <= verdicts["skipped"]
    assert {n for n in READY if not n.endswith(".zip")} <= verdicts["ready"]
    assert any(name.startswith("activities/") for name in verdicts["ready"]), "Strava's runs"
    confirm(body)
    done = client_for("athlete").get(detail(body["id"])).json()
    assert done["state"] == "done"
    assert done["created"]["runs"] >= 1 and done["created"]["strength_sessions"] >= 1
    assert done["already_there"]["strength_sessions"] >= 1, "Strong and Hevy: the same lifts"
    assert Run.objects.count() == done["created"]["runs"]


def test_the_daily_load_counts_the_imported_sessions(upload: Any, confirm: Any,
                                                     athlete: AthleteProfile) -> None:
    confirm(upload(fixture("run.fit"), fixture("hevy_kg.csv")))
    days = set(DailyLoad.objects.filter(athlete=athlete).values_list("date", flat=True))
    assert {dt.date(2024, 3, 5), dt.date(2024, 3, 7)} <= days
