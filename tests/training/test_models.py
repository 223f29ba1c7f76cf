import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from training.models import Exercise, Run, StrengthSession, StrengthSet

pytestmark = pytest.mark.django_db

REQUIRED_SLUGS = [
    "back-squat", "front-squat", "goblet-squat", "deadlift", "trap-bar-deadlift",
    "romanian-deadlift", "bulgarian-split-squat", "split-squat", "step-up",
    "single-leg-calf-raise", "glute-bridge", "hip-thrust", "lateral-band-walk", "pallof-press",
    "plank", "dead-bug", "pogo-hops", "box-jumps", "bounding", "backpack-squat",
    "dumbbell-romanian-deadlift",
]


def test_the_library_holds_every_movement_the_coaching_names():
    slugs = set(Exercise.objects.filter(owner__isnull=True).values_list("slug", flat=True))
    assert set(REQUIRED_SLUGS) <= slugs


@pytest.mark.parametrize("slug,pattern,category,lower", [
    ("back-squat", "squat", "main", True),
    ("romanian-deadlift", "hinge", "main", True),
    ("step-up", "single_leg", "main", True),
    ("pallof-press", "core", "accessory", False),
    ("box-jumps", "plyo", "plyometric", True),
])
def test_library_movements_are_classified(slug, pattern, category, lower):
    ex = Exercise.objects.get(slug=slug)
    assert (ex.pattern, ex.category, ex.lower_body) == (pattern, category, lower)


def test_home_variants_need_home_equipment():
    assert Exercise.objects.get(slug="backpack-squat").equipment == ["backpack"]
    assert Exercise.objects.get(slug="back-squat").equipment == ["barbell"]


@pytest.fixture
def session(athlete):
    return StrengthSession.objects.create(athlete=athlete, date=dt.date(2026, 11, 2))


@pytest.mark.parametrize("field,value", [
    ("reps", 0), ("load_kg", Decimal("-0.5")), ("rir", 11),
])
def test_the_database_refuses_impossible_sets(session, field, value):
    data = {"reps": 5, "load_kg": Decimal(100), "rir": 2, field: value}
    with pytest.raises(IntegrityError), transaction.atomic():
        StrengthSet.objects.create(session=session, exercise=Exercise.objects.first(), **data)


@pytest.mark.parametrize("field,value", [("reps", 1), ("load_kg", 0), ("rir", 10), ("rir", 0)])
def test_the_database_accepts_sets_at_the_edges(session, field, value):
    data = {"reps": 5, "load_kg": Decimal(100), "rir": 2, field: value}
    StrengthSet.objects.create(session=session, exercise=Exercise.objects.first(), **data)


@pytest.mark.parametrize("rpe", [0, 11])
def test_the_database_refuses_an_rpe_outside_1_to_10(athlete, rpe):
    with pytest.raises(IntegrityError), transaction.atomic():
        Run.objects.create(athlete=athlete, date=dt.date(2026, 11, 2), rpe=rpe)


def test_the_database_refuses_a_negative_distance(athlete):
    with pytest.raises(IntegrityError), transaction.atomic():
        Run.objects.create(athlete=athlete, date=dt.date(2026, 11, 2), distance_m=-1)
