"""The daily check-in's write path (scheduling.services.check_ins over training.writers): one
per athlete and local date, a second save updates it, every save re-checks the athlete."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.db.models.query import QuerySet
from django.utils import timezone

from core.errors import DomainError
from scheduling.models import Finding
from scheduling.services import (
    PrescriptionInput,
    check_in_delete,
    check_in_save,
    planned_session_create,
)
from scheduling.services.windows import local_today
from training.models import CheckIn

pytestmark = pytest.mark.django_db

FINE = {"sleep": 4, "energy": 4, "soreness": 4, "stress": 4, "mood": 4}


@pytest.fixture
def today(athlete):
    return local_today(athlete.timezone, timezone.now())


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)
    return run


def save(athlete, date, **fields):
    return check_in_save(actor=athlete.user, athlete=athlete, date=date, **{**FINE, **fields})


def test_a_first_save_creates_the_days_check_in_and_a_second_updates_it(athlete, today):
    first, created = save(athlete, today, sleep=2, resting_hr=52)
    again, created_again = save(athlete, today, sleep=5)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and CheckIn.objects.count() == 1
    again.refresh_from_db()
    assert (again.sleep, again.resting_hr, again.readiness) == (5, 52, 4.2)


def test_a_left_out_figure_is_kept_and_none_clears_it(athlete, today):
    save(athlete, today, resting_hr=48, hrv_ms=75, body_weight_kg=Decimal("68.4"))
    row, _ = check_in_save(actor=athlete.user, athlete=athlete, date=today, hrv_ms=None)
    row.refresh_from_db()
    assert (row.resting_hr, row.hrv_ms, row.body_weight_kg) == (48, None, Decimal("68.40"))


def test_a_check_in_is_for_today_or_a_day_gone_by(athlete, today):
    save(athlete, today - dt.timedelta(days=3))
    with pytest.raises(DomainError) as caught:
        save(athlete, today + dt.timedelta(days=1))
    assert caught.value.field == "date"


@pytest.mark.parametrize(("field", "value"), [
    ("sleep", 0), ("mood", 6), ("soreness", None), ("resting_hr", 24), ("resting_hr", 151),
    ("hrv_ms", 0), ("hrv_ms", 301), ("body_weight_kg", Decimal("19.99")),
    ("body_weight_kg", 301),
])
def test_a_value_out_of_bounds_is_an_error_on_its_field(athlete, today, field, value):
    with pytest.raises(DomainError) as caught:
        save(athlete, today, **{field: value})
    assert caught.value.field == field
    assert not CheckIn.objects.exists()


def test_a_new_check_in_needs_all_five_items(athlete, today):
    with pytest.raises(DomainError) as caught:
        check_in_save(actor=athlete.user, athlete=athlete, date=today, sleep=3)
    assert caught.value.field == "energy"


def test_an_unknown_field_is_refused(athlete, today):
    with pytest.raises(DomainError) as caught:
        save(athlete, today, athlete_id=99)
    assert caught.value.field == "athlete_id"


@pytest.mark.parametrize("fields", [
    {"sleep": 0}, {"stress": 6}, {"resting_hr": 200}, {"hrv_ms": 0},
    {"body_weight_kg": Decimal("10")}, {"date": dt.date(1800, 1, 1)},
])
def test_the_database_holds_every_bound_too(athlete, today, fields):
    """Writes that skip validation (bulk inserts) still meet the constraints."""
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.bulk_create([CheckIn(athlete=athlete, **{"date": today, **FINE,
                                                                  **fields})])


def test_the_database_holds_one_check_in_per_athlete_and_day(athlete, today):
    save(athlete, today)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.bulk_create([CheckIn(athlete=athlete, date=today, **FINE)])


def test_a_save_that_loses_the_race_for_the_date_updates_the_winner(athlete, today):
    """The row was not there when this save looked (the other save had not committed): the
    insert hits the one-per-day constraint, and the save updates the winner's row instead."""
    winner, _ = save(athlete, today, sleep=2)
    real_first = QuerySet.first
    looks = []

    def first_misses_once(qs):
        looks.append(qs.model)
        return None if len(looks) == 1 else real_first(qs)

    with mock.patch.object(QuerySet, "first", first_misses_once):
        row, created = save(athlete, today, sleep=5)
    assert (row.pk, created) == (winner.pk, False)
    assert CheckIn.objects.get().sleep == 5


def heavy_tomorrow(athlete, today):
    return planned_session_create(
        actor=athlete.user, athlete=athlete, kind="strength",
        date=today + dt.timedelta(days=1), start_time=dt.time(18), duration_min=60,
        prescription=[PrescriptionInput("back-squat", 4, 4, 4, load_kg=120, rir=2)])


def sore_findings(athlete):
    return Finding.objects.filter(athlete=athlete, rule="SORE_LEGS_BEFORE_HEAVY")


def test_a_sore_check_in_rechecks_the_athlete_at_once(athlete, today, on_commit):
    on_commit(heavy_tomorrow, athlete=athlete, today=today)
    assert not sore_findings(athlete).exists()
    on_commit(save, athlete=athlete, date=today, soreness=2)
    finding = sore_findings(athlete).get()
    assert (finding.status, finding.severity) == ("open", "warning")
    assert "leg soreness 2 of 5" in finding.explanation
    on_commit(save, athlete=athlete, date=today, soreness=4)  # better by the afternoon
    assert sore_findings(athlete).get().status == "resolved"


def test_deleting_the_check_in_rechecks_the_athlete(athlete, today, on_commit):
    on_commit(heavy_tomorrow, athlete=athlete, today=today)
    row, _ = on_commit(save, athlete=athlete, date=today, soreness=1)
    assert sore_findings(athlete).get().status == "open"
    on_commit(check_in_delete, check_in=row)
    assert not CheckIn.objects.exists()
    assert sore_findings(athlete).get().status == "resolved"
