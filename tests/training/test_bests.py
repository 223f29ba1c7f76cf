"""Current bests per lift (training.metrics.current_bests): heaviest, best e1RM, most reps at
each load, each the set that first reached it."""

from __future__ import annotations

import datetime as dt

from training.metrics import SetFact, current_bests

D = dt.date(2026, 10, 1)


def s(day: int, reps: int, kg: float, *, warm: bool = False, lift: str = "back-squat"
      ) -> SetFact:
    return SetFact(D + dt.timedelta(days=day), lift, reps, kg, warm)


def test_it_keeps_the_heaviest_the_best_e1rm_and_the_rep_maxes() -> None:
    bests = current_bests([s(0, 5, 100), s(3, 2, 120), s(7, 8, 100), s(9, 5, 110),
                           s(9, 1, 200, warm=True)])["back-squat"]
    assert bests.heaviest == s(3, 2, 120)
    assert bests.best_e1rm == s(9, 5, 110)  # 128.3 beats 120 x 2 (128) and 100 x 8 (126.7)
    assert round(bests.e1rm, 1) == 128.3
    assert bests.rep_maxes == {100.0: s(7, 8, 100), 120.0: s(3, 2, 120), 110.0: s(9, 5, 110)}


def test_a_tie_keeps_the_first_to_reach_it() -> None:
    bests = current_bests([s(0, 5, 100), s(4, 5, 100)])["back-squat"]
    assert bests.heaviest.date == D and bests.best_e1rm.date == D
    assert bests.rep_maxes[100.0].date == D


def test_each_lift_has_its_own_and_warm_ups_count_for_none() -> None:
    bests = current_bests([s(0, 5, 100), s(1, 3, 140, lift="deadlift"),
                           s(2, 5, 60, warm=True, lift="front-squat")])
    assert set(bests) == {"back-squat", "deadlift"}
