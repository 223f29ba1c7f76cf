"""The lifting formulas every layer shares (RULES.md, "e1RM"): Epley for working sets of
1-10 reps, and the current e1RM, the best of the last six weeks. No database."""

from __future__ import annotations

import datetime as dt

import pytest

from core.lifting import current_e1rms, e1rm
from scheduling.engine.types import LoggedSet

D = dt.date(2026, 11, 4)  # a Wednesday


@pytest.mark.parametrize(("load", "reps", "expected"), [
    (100, 1, 100.0),  # one rep is the load itself
    (100, 5, 116.667),
    (120, 4, 136.0),
    (100, 10, 133.333),  # the top of the range
])
def test_epley_is_the_load_times_one_plus_a_thirtieth_of_the_reps(
        load: float, reps: int, expected: float) -> None:
    assert e1rm(load, reps) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(("load", "reps", "is_warmup"), [
    pytest.param(100, 11, False, id="beyond 10 reps Epley is not trusted"),
    pytest.param(100, 0, False, id="no reps"),
    pytest.param(0, 5, False, id="bodyweight"),
    pytest.param(100, 5, True, id="a warm-up"),
])
def test_there_is_no_e1rm_outside_working_sets_of_1_to_10_reps(
        load: float, reps: int, is_warmup: bool) -> None:
    assert e1rm(load, reps, is_warmup=is_warmup) is None


def test_the_current_e1rm_is_the_best_working_set_of_the_six_weeks_ending_today() -> None:
    squat, deadlift = "back-squat", "deadlift"
    days = [
        (D - dt.timedelta(days=42), [LoggedSet(squat, 1, 1, 200.0)]),  # a day too early
        (D - dt.timedelta(days=41), [LoggedSet(squat, 1, 5, 120.0),  # the first day
                                     LoggedSet(deadlift, 2, 3, 150.0)]),
        (D, [LoggedSet(squat, 1, 3, 110.0),
             LoggedSet(squat, 2, 1, 180.0, is_warmup=True),
             LoggedSet(squat, 3, 12, 130.0)]),  # past 10 reps
        (D + dt.timedelta(days=1), [LoggedSet(deadlift, 1, 1, 300.0)]),  # tomorrow
    ]
    assert current_e1rms(days, today=D) == {
        squat: pytest.approx(140.0),  # 120 kg x 5
        deadlift: pytest.approx(165.0),  # 150 kg x 3
    }
