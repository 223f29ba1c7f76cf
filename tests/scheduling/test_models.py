import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from scheduling.models import Finding, PhaseBlock, PlannedSession, Prescription, Race
from training.models import Exercise

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 30)



@pytest.mark.parametrize("fields", [
    {"kind": "run", "run_type": ""},                               # a run needs its type
    {"kind": "run", "run_type": "easy", "intensity": "heavy"},     # intensity is for lifting
    {"kind": "strength", "run_type": "tempo"},                     # lifting has no run type
    {"kind": "strength", "planned_rpe": 11},
    {"kind": "strength", "planned_rpe": 0},
])
def test_the_database_refuses_inconsistent_planned_sessions(athlete, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlannedSession.objects.create(athlete=athlete, date=DAY, **fields)


def test_an_external_id_is_unique_per_athlete_only(athlete, other_athlete):
    PlannedSession.objects.create(athlete=athlete, date=DAY, kind="strength", external_id="x")
    PlannedSession.objects.create(athlete=other_athlete, date=DAY, kind="strength",
                                  external_id="x")
    PlannedSession.objects.create(athlete=athlete, date=DAY, kind="strength")
    PlannedSession.objects.create(athlete=athlete, date=DAY, kind="strength")  # nulls repeat
    with pytest.raises(IntegrityError), transaction.atomic():
        PlannedSession.objects.create(athlete=athlete, date=DAY, kind="strength",
                                      external_id="x")


@pytest.mark.parametrize("fields", [
    {"sets": 0}, {"reps_min": 0, "reps_max": 0}, {"reps_min": 6, "reps_max": 5},
    {"load_kg": Decimal("-1")}, {"pct_e1rm": Decimal("0")}, {"pct_e1rm": Decimal("111")},
    {"rir": 11},
])
def test_the_database_refuses_impossible_prescriptions(athlete, fields):
    session = PlannedSession.objects.create(athlete=athlete, date=DAY, kind="strength")
    data = {"sets": 3, "reps_min": 4, "reps_max": 6, **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        Prescription.objects.create(session=session, exercise=Exercise.objects.first(), **data)


def test_one_finding_per_fingerprint_per_athlete(athlete):
    now = timezone.now()
    data = dict(athlete=athlete, rule="R", severity="info", fingerprint="f", first_date=DAY,
                last_date=DAY, title="t", explanation="e", first_seen=now, last_seen=now)
    Finding.objects.create(**data)
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(**data)


def test_a_resolved_finding_has_its_time(athlete):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(athlete=athlete, rule="R", severity="info", fingerprint="f",
                               first_date=DAY, last_date=DAY, title="t", explanation="e",
                               first_seen=now, last_seen=now, status="resolved")


def test_a_phase_block_ends_after_it_starts(athlete):
    with pytest.raises(IntegrityError), transaction.atomic():
        PhaseBlock.objects.create(athlete=athlete, phase="base", start=DAY,
                                  end=DAY - dt.timedelta(days=1))


def test_a_race_has_a_real_distance(athlete):
    with pytest.raises(IntegrityError), transaction.atomic():
        Race.objects.create(athlete=athlete, name="x", date=DAY, distance_m=0)


@pytest.mark.parametrize("day", [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2200, 1, 1),
                                 dt.date(1899, 12, 31)])
def test_the_database_keeps_dates_in_the_products_range(athlete, day):
    """Bulk writes skip the validators: the constraint holds the range (1900-2199) anyway."""
    from training.models import Run, StrengthSession

    for model, fields in ((PlannedSession, {"kind": "strength"}), (StrengthSession, {}),
                          (Run, {"run_type": "easy"}),
                          (Race, {"name": "R", "distance_m": 5000})):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.bulk_create([model(athlete=athlete, date=day, **fields)])
    with pytest.raises(IntegrityError), transaction.atomic():
        PhaseBlock.objects.bulk_create([PhaseBlock(athlete=athlete, phase="base", start=day,
                                                   end=max(day, DAY))])


def test_the_range_ends_are_inside(athlete):
    PlannedSession.objects.create(athlete=athlete, date=dt.date(1900, 1, 1), kind="strength")
    PlannedSession.objects.create(athlete=athlete, date=dt.date(2199, 12, 31), kind="strength")
