import datetime as dt
from decimal import Decimal

import pytest

from core.lifting import e1rm
from training.metrics import (
    SetFact,
    current_e1rm,
    e1rm_series,
    e1rm_sql,
    personal_records,
    weekly_volume,
)
from training.models import Exercise, StrengthSession, StrengthSet

D = dt.date(2026, 11, 2)  # a Monday


def test_current_e1rm_is_the_best_of_the_last_six_weeks_working_sets():
    sets = [
        SetFact(D - dt.timedelta(weeks=7), "back-squat", 3, 150),  # too old
        SetFact(D - dt.timedelta(weeks=5), "back-squat", 5, 100),
        SetFact(D, "back-squat", 3, 105),
        SetFact(D, "back-squat", 1, 140, is_warmup=True),  # warm-ups never count
    ]
    assert current_e1rm(sets, today=D) == {"back-squat": pytest.approx(100 * (1 + 5 / 30))}


def test_six_weeks_back_exactly_is_out_and_one_day_later_is_in():
    edge = [SetFact(D - dt.timedelta(weeks=6), "deadlift", 1, 200)]
    inside = [SetFact(D - dt.timedelta(weeks=6) + dt.timedelta(days=1), "deadlift", 1, 200)]
    assert current_e1rm(edge, today=D) == {}
    assert current_e1rm(inside, today=D) == {"deadlift": 200}


def test_weekly_volume_groups_working_sets_by_iso_week():
    sets = [SetFact(D, "x", 5, 100), SetFact(D + dt.timedelta(days=6), "x", 5, 100),
            SetFact(D + dt.timedelta(days=6), "x", 10, 40, is_warmup=True),  # never counted
            SetFact(D + dt.timedelta(days=7), "x", 1, 10)]
    assert weekly_volume(sets) == [(D, 1000), (D + dt.timedelta(days=7), 10)]


def test_prs_are_reported_when_beaten_not_when_first_set():
    sets = [
        SetFact(D, "back-squat", 5, 100),
        SetFact(D + dt.timedelta(days=7), "back-squat", 5, 100),   # equal: nothing
        SetFact(D + dt.timedelta(days=14), "back-squat", 6, 100),  # reps PR and e1RM PR
        SetFact(D + dt.timedelta(days=21), "back-squat", 3, 110),  # heavier: load PR
    ]
    kinds = [(r.kind, r.date) for r in personal_records(sets)]
    assert ("reps", D + dt.timedelta(days=14)) in kinds
    assert ("e1rm", D + dt.timedelta(days=14)) in kinds
    assert ("load", D + dt.timedelta(days=21)) in kinds
    assert all(date != D + dt.timedelta(days=7) for _, date in kinds)


def test_e1rm_series_is_the_best_per_day():
    sets = [SetFact(D, "back-squat", 5, 100), SetFact(D, "back-squat", 3, 110),
            SetFact(D, "deadlift", 5, 200)]
    assert e1rm_series(sets, exercise="back-squat") == [(D, pytest.approx(121.0))]


@pytest.mark.django_db
@pytest.mark.parametrize(("reps", "load", "is_warmup", "expected"), [
    pytest.param(1, "142.50", False, 142.5, id="a single is the load itself"),
    pytest.param(2, "130.00", False, 130 * (1 + 2 / 30), id="two reps: Epley begins"),
    pytest.param(10, "87.50", False, 87.5 * (1 + 10 / 30), id="ten reps: the top of the range"),
    pytest.param(11, "85.00", False, None, id="eleven reps: none"),
    pytest.param(1, "150.00", True, None, id="a warm-up single: none"),
    pytest.param(10, "60.00", True, None, id="a warm-up of ten: none"),
    pytest.param(5, "0.00", False, None, id="unloaded: none"),
])
def test_the_sql_e1rm_is_the_python_e1rm_on_the_database(athlete, reps, load, is_warmup,
                                                          expected):
    session = StrengthSession.objects.create(athlete=athlete, date=D)
    StrengthSet.objects.create(session=session, exercise=Exercise.objects.get(slug="back-squat"),
                               reps=reps, load_kg=Decimal(load), is_warmup=is_warmup)
    sql = StrengthSet.objects.annotate(sql=e1rm_sql()).values_list("sql", flat=True).get()
    python = e1rm(float(load), reps, is_warmup=is_warmup)
    if expected is None:
        assert (python, sql) == (None, None)
    else:
        assert (python, sql) == (pytest.approx(expected), pytest.approx(expected))
