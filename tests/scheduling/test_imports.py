"""The import pipeline's services, without HTTP: importing a file twice is importing it
once (a property over generated Strong and Hevy files), and the parts the API tests do not
reach (a dead worker's claim, a failing parser)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from athletes.models import AthleteProfile, User
from athletes.services import athlete_create
from scheduling import services
from scheduling.services.import_steps import LEASE, import_parse, import_write
from scheduling.services.imports import unmapped_names
from tests.training.test_imports_properties import workouts
from training.imports.encoders.sheets import hevy_csv, strong_csv
from training.models import Import, ImportState, StrengthSession

COUNTER = itertools.count()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def run_import(athlete: AthleteProfile, name: str, data: bytes) -> Import:
    """Upload, read, ignore what is unknown, confirm, write: the steps a worker runs after
    each commit, run in place."""
    upload = services.import_create(actor=athlete.user, athlete=athlete,
                                    files=[SimpleUploadedFile(name, data)])
    import_parse(import_id=upload.pk)
    upload.refresh_from_db()
    for unknown in unmapped_names(upload=upload):
        services.import_mapping_set(actor=athlete.user, upload=upload, name=unknown,
                                    exercise=None)
    services.import_confirm(actor=athlete.user, upload=upload)
    import_write(import_id=upload.pk)
    upload.refresh_from_db()
    assert upload.state == ImportState.DONE
    return upload


def database(athlete: AthleteProfile) -> list[tuple[Any, ...]]:
    """Everything the athlete's logs hold, as a comparable value."""
    return sorted(
        (s.date, s.start_time, s.title, s.duration_min, s.notes, s.external_key,
         tuple((x.exercise.slug, x.order, x.reps, x.load_kg, x.is_warmup, x.rir, x.hold_s)
               for x in s.sets.all()))
        for s in StrengthSession.objects.filter(athlete=athlete).prefetch_related(
            "sets__exercise"))


# Half the names are the library's (mapped by the table), half are unknown (ignored).
KNOWN = st.sampled_from(["Squat (Barbell)", "Romanian Deadlift (Barbell)", "Pull Up", "Plank",
                         "Bench Press (Barbell)", "Hip Thrust (Barbell)"])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(written=workouts, hevy=st.booleans(), pounds=st.booleans(), known=st.lists(KNOWN))
@pytest.mark.django_db
def test_importing_a_file_twice_is_importing_it_once(
        coach: User, written: Any, hevy: bool, pounds: bool, known: list[str]) -> None:
    athlete = athlete_create(email=f"a{next(COUNTER)}@example.com", name="Gen",
                             password="correct-horse-battery-9", roster=coach.rosters.get(),
                             timezone="Europe/Berlin")
    renamed = [w.__class__(w.start, w.title, tuple(
        s.__class__(known[i % len(known)] if known and i % 2 else s.exercise,
                    *[getattr(s, f) for f in ("weight", "reps", "kind", "rpe", "seconds",
                                              "distance", "notes")])
        for i, s in enumerate(w.sets)), w.duration_s, w.notes) for w in written]
    unit = "lb" if pounds else "kg"
    data = (hevy_csv(renamed, weight_unit=unit) if hevy
            else strong_csv(renamed, variant="ios_units", weight_unit=unit))
    run_import(athlete, "history.csv", data)
    once = database(athlete)
    second = run_import(athlete, "history.csv", data)
    assert database(athlete) == once
    created = sum(f.result["created"]["strength_sessions"] for f in second.files.all())
    assert created == 0


def test_a_live_workers_claim_is_left_alone_and_a_dead_ones_is_taken_over(
        athlete: AthleteProfile) -> None:
    upload = services.import_create(actor=athlete.user, athlete=athlete, files=[
        SimpleUploadedFile("h.csv", hevy_csv([]))])
    Import.objects.filter(pk=upload.pk).update(claimed_at=timezone.now())
    assert import_parse(import_id=upload.pk) is False
    Import.objects.filter(pk=upload.pk).update(
        claimed_at=timezone.now() - LEASE - dt.timedelta(seconds=1))
    assert import_parse(import_id=upload.pk) is True
    upload.refresh_from_db()
    assert upload.state == ImportState.READY


def test_a_parser_that_breaks_fails_the_import_instead_of_leaving_it_parsing(
        athlete: AthleteProfile, monkeypatch: Any) -> None:
    upload = services.import_create(actor=athlete.user, athlete=athlete, files=[
        SimpleUploadedFile("h.csv", b"x")])

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("scheduling.services.import_steps.parse_upload", broken)
    import_parse(import_id=upload.pk)
    upload.refresh_from_db()
    assert upload.state == ImportState.FAILED
    assert "boom" in upload.error
