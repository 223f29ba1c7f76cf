"""Data out: the athlete's archive, and the round trip (export, then import the archive into
a fresh athlete: the same sessions)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from athletes.services import athlete_create
from scheduling import services
from scheduling.export import athlete_export
from tests.scheduling.test_imports import run_import
from training.models import Run, StrengthSession
from training.services import SetInput


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def history(athlete: AthleteProfile, coach: User) -> None:
    services.strength_session_create(
        actor=athlete.user, athlete=athlete, date=dt.date(2025, 3, 4), start_time=dt.time(18),
        duration_min=65, title="Legs, heavy", notes="knees fine", sets=[
            SetInput("back-squat", 5, 60, is_warmup=True),
            SetInput("back-squat", 5, Decimal("102.5"), rir=2),
            SetInput("back-squat", 4, Decimal("102.5"), rir=0),
            SetInput("romanian-deadlift", 8, 80, rir=3),
            SetInput("plank", 1, 0, hold_s=60),
            SetInput("pull-up", 8, 0)])
    services.strength_session_create(
        actor=athlete.user, athlete=athlete, date=dt.date(2025, 3, 6), start_time=dt.time(7, 15),
        title="Upper", sets=[SetInput("bench-press", 5, Decimal("72.25"), rir=1)])
    services.run_create(actor=athlete.user, athlete=athlete, date=dt.date(2025, 3, 5),
                        start_time=dt.time(6, 30), distance_m=10_000, duration_s=2820, rpe=6,
                        notes="Morning run")
    services.run_create(actor=athlete.user, athlete=athlete, date=dt.date(2025, 3, 30),
                        start_time=dt.time(0, 30), distance_m=5_000, duration_s=1500)
    services.planned_session_create(actor=coach, athlete=athlete, date=dt.date(2025, 3, 11),
                                    kind="run", run_type="tempo", duration_min=50)


def sessions(athlete: AthleteProfile) -> tuple[list[Any], list[Any]]:
    lifts = sorted(
        (s.date, s.start_time, s.title, s.duration_min, s.notes,
         [(x.exercise.slug, x.reps, x.load_kg, x.is_warmup, x.rir, x.hold_s)
          for x in s.sets.order_by("order", "id")])
        for s in StrengthSession.objects.filter(athlete=athlete))
    runs = sorted((r.date, r.start_time, r.distance_m, r.duration_s, r.rpe, r.notes)
                  for r in Run.objects.filter(athlete=athlete))
    return lifts, runs


def test_the_archive_holds_sets_runs_plans_and_findings(athlete: AthleteProfile,
                                                       coach: User) -> None:
    history(athlete, coach)
    with zipfile.ZipFile(athlete_export(athlete=athlete)) as archive:
        assert sorted(archive.namelist()) == ["findings.json", "plans.json", "runs.csv",
                                              "strength.csv"]
        rows = list(csv.DictReader(io.StringIO(archive.read("strength.csv").decode())))
        plans = json.loads(archive.read("plans.json"))
    assert rows[0]["Exercise Name"] == "Back squat"
    assert [r["Set Order"] for r in rows[:3]] == ["W", "1", "F"]
    assert rows[1]["Weight"] == "102.5" and rows[1]["Weight Unit"] == "kg"
    assert rows[1]["RPE"] == "8"
    assert plans["planned_sessions"][0]["run_type"] == "tempo"


def test_export_then_import_into_a_fresh_athlete_gives_the_same_sessions(
        athlete: AthleteProfile, coach: User) -> None:
    """The second run starts at 00:30 in Berlin: runs.csv says 23:30 UTC the day before,
    which the import brings back to the athlete's date and time."""
    history(athlete, coach)
    archive = athlete_export(athlete=athlete).read()
    fresh = athlete_create(email="fresh@example.com", name="Fresh", password="x" * 12,
                           roster=coach.rosters.get(), timezone=athlete.timezone)
    upload = run_import(fresh, "apexzone.zip", archive)
    outcomes = {f.name: f.outcome for f in upload.files.all()}
    assert outcomes == {"strength.csv": "ready", "runs.csv": "ready",
                        "plans.json": "skipped", "findings.json": "skipped"}
    assert sessions(fresh) == sessions(athlete)
    assert sessions(fresh)[0]  # not two empty lists


def test_the_api_and_the_portal_hand_out_the_archive(athlete: AthleteProfile, coach: User,
                                                    client: Any) -> None:
    history(athlete, coach)
    api = APIClient()
    api.force_authenticate(coach)
    response = api.get(reverse("api-athlete-export", kwargs={"athlete_id": athlete.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert "strength.csv" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    client.force_login(athlete.user)
    page = client.get(reverse("portal:athlete_export", args=[athlete.pk]))
    assert page.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(b"".join(page.streaming_content))).namelist()
