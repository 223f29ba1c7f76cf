"""Holds in seconds (docs/rules.md, "Holds"): a prescription line is reps or a hold of
``hold_s`` seconds with no reps; a plank typed as reps is refused, and the data migration
moves the holds typed as reps before it to seconds."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as live_apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from athletes.models import AthleteProfile, User
from core.errors import DomainError
from scheduling.models import Kind, PlannedSession, Prescription
from scheduling.services import PrescriptionInput, planned_session_create
from scheduling.services.windows import load_windows
from training.library import is_hold
from training.models import Exercise, StrengthSession, StrengthSet
from training.services import exercise_create

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 15)


def plan(athlete: AthleteProfile, coach: User, *lines: PrescriptionInput) -> PlannedSession:
    return planned_session_create(actor=coach, athlete=athlete, date=DAY, kind=Kind.STRENGTH,
                                  prescription=list(lines))


@pytest.mark.parametrize(("slug", "name", "hold"), [
    ("plank", "Plank", True),
    ("side-plank", "Side plank", True),
    ("wall-sit", "Wall sit", True),
    ("dead-hang", "Dead hang", True),
    ("copenhagen-plank", "Copenhagen plank", True),
    ("hollow-hold", "Hollow hold", True),
    ("isometric-split-squat", "Isometric split squat", True),
    ("dead-bug", "Dead bug", False),
    ("pallof-press", "Pallof press", False),
    ("back-squat", "Back squat", False),
    ("holdsworth-row", "Holdsworth row", False),  # a word containing "hold" is not one
])
def test_which_exercises_are_holds(slug: str, name: str, hold: bool) -> None:
    assert is_hold(slug, name) is hold


def test_a_hold_line_keeps_seconds_and_no_reps(athlete: AthleteProfile, coach: User) -> None:
    session = plan(athlete, coach, PrescriptionInput("plank", sets=3, reps_min=None, hold_s=45))
    line = session.prescription.get()
    assert (line.sets, line.reps_min, line.reps_max, line.hold_s) == (3, None, None, 45)
    assert str(line) == "Plank 3 x 45 s"


@pytest.mark.parametrize(("line", "field"), [
    (PrescriptionInput("plank", sets=3, reps_min=45), "prescription[0].hold_s"),
    (PrescriptionInput("side-plank", sets=3, reps_min=30, reps_max=45),
     "prescription[0].hold_s"),
    (PrescriptionInput("plank", sets=3, reps_min=5, hold_s=45), "prescription[0].reps_min"),
    (PrescriptionInput("plank", sets=3, reps_min=None, reps_max=5, hold_s=45),
     "prescription[0].reps_max"),
    (PrescriptionInput("plank", sets=3, reps_min=None, hold_s=0), "prescription[0].hold_s"),
    (PrescriptionInput("plank", sets=3, reps_min=None, hold_s=3601), "prescription[0].hold_s"),
    (PrescriptionInput("back-squat", sets=3, reps_min=None), "prescription[0].reps_min"),
])
def test_a_line_is_reps_or_a_hold(
    athlete: AthleteProfile, coach: User, line: PrescriptionInput, field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        plan(athlete, coach, line)
    assert caught.value.field == field
    assert not PlannedSession.objects.exists()


def test_the_edges_of_a_hold_are_one_second_and_an_hour(
    athlete: AthleteProfile, coach: User
) -> None:
    session = plan(athlete, coach, PrescriptionInput("plank", reps_min=None, hold_s=1),
                   PrescriptionInput("plank", reps_min=None, hold_s=3600))
    assert [line.hold_s for line in session.prescription.all()] == [1, 3600]


def test_a_custom_hold_is_refused_as_reps(athlete: AthleteProfile, coach: User) -> None:
    exercise_create(coach=coach, name="Wall sit", pattern="squat", category="accessory")
    slug = Exercise.objects.get(name="Wall sit").slug
    with pytest.raises(DomainError) as caught:
        plan(athlete, coach, PrescriptionInput(slug, sets=3, reps_min=60))
    assert caught.value.field == "prescription[0].hold_s"
    assert plan(athlete, coach, PrescriptionInput(slug, reps_min=None, hold_s=60))


def test_the_database_refuses_a_line_with_both_or_neither(
    athlete: AthleteProfile, coach: User
) -> None:
    session = plan(athlete, coach)
    plank = Exercise.objects.get(slug="plank")
    for reps, hold in ((5, 45), (None, None)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Prescription.objects.create(session=session, exercise=plank, sets=3,
                                        reps_min=reps, reps_max=reps, hold_s=hold)


def test_the_engine_reads_the_hold(athlete: AthleteProfile, coach: User) -> None:
    today = timezone.localdate()
    planned_session_create(actor=coach, athlete=athlete, date=today, kind=Kind.STRENGTH,
                           prescription=[PrescriptionInput("back-squat", reps_min=5),
                                         PrescriptionInput("plank", reps_min=None, hold_s=45)])
    (window,) = load_windows([athlete.pk], now=timezone.now())
    (session,) = [s for s in window.sessions if s.prescription]
    squat, plank = session.prescription
    assert (squat.reps_min, squat.hold_s) == (5, None)
    # A hold counts one "rep" a set for the engine, which leaves holds out of the rep rules.
    assert (plank.exercise, plank.reps_min, plank.reps_max, plank.hold_s) == ("plank", 1, 1, 45)


def test_the_migration_moves_holds_typed_as_reps_to_seconds(
    athlete: AthleteProfile, coach: User
) -> None:
    migration = importlib.import_module("scheduling.migrations.0013_holds_to_seconds")
    exercise_create(coach=coach, name="Dead hang", pattern="upper", category="accessory")
    hang = Exercise.objects.get(name="Dead hang")
    plank, squat = Exercise.objects.get(slug="plank"), Exercise.objects.get(slug="back-squat")
    session = plan(athlete, coach)
    rows = [Prescription.objects.create(session=session, exercise=e, sets=3, reps_min=lo,
                                        reps_max=hi, order=i)
            for i, (e, lo, hi) in enumerate(((plank, 45, 45), (hang, 20, 30), (squat, 5, 5)))]
    held = Prescription.objects.create(session=session, exercise=plank, sets=2, hold_s=60,
                                       order=9)
    log = StrengthSession.objects.create(athlete=athlete, date=DAY)
    plank_set = StrengthSet.objects.create(session=log, exercise=plank, reps=45)
    squat_set = StrengthSet.objects.create(session=log, exercise=squat, reps=5,
                                           load_kg=Decimal("100"))

    migration.holds_to_seconds(live_apps, None)

    for row in (*rows, held, plank_set, squat_set):
        row.refresh_from_db()
    assert [(r.reps_min, r.reps_max, r.hold_s) for r in rows] == [
        (None, None, 45), (None, None, 30), (5, 5, None)]
    assert (held.hold_s, held.sets) == (60, 2)
    assert (plank_set.reps, plank_set.hold_s) == (1, 45)
    assert (squat_set.reps, squat_set.hold_s) == (5, None)

    migration.seconds_to_reps(live_apps, None)
    rows[0].refresh_from_db()
    assert (rows[0].reps_min, rows[0].reps_max, rows[0].hold_s) == (45, 45, None)
