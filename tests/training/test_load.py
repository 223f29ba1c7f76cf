"""The load arithmetic (RULES.md, "Training load"), pure."""

from __future__ import annotations

import datetime as dt

import pytest

from training import load as m

D = dt.date(2026, 1, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def test_session_rpe_prefers_logged_then_planned_then_default():
    assert m.session_rpe(rpe=6, planned_rpe=8, default_rpe=3) == (6, False)
    assert m.session_rpe(rpe=None, planned_rpe=8, default_rpe=3) == (8, True)
    assert m.session_rpe(rpe=None, planned_rpe=None, default_rpe=3) == (3, True)


def test_defaults_by_type():
    assert [m.run_default_rpe(t) for t in ("recovery", "easy", "long", "hills", "tempo",
                                           "intervals", "race")] == [2, 3, 5, 7, 7, 8, 9]
    assert [m.strength_default_rpe(i) for i in ("heavy", "moderate", "light")] == [7, 5, 3]


def test_session_load_is_rpe_times_minutes_and_60_minutes_when_unknown():
    assert m.session_load(rpe=7, minutes=45) == (315.0, False)
    assert m.session_load(rpe=5, minutes=1234 / 60) == (102.8, False)
    assert m.session_load(rpe=4, minutes=None) == (240.0, True)


def test_daily_loads_split_runs_and_lifts_and_carry_estimated():
    days = m.daily_loads([
        m.SessionLoad(day(0), "run", 200.0, False),
        m.SessionLoad(day(0), "strength", 150.5, True),
        m.SessionLoad(day(0), "run", 100.0, False),
        m.SessionLoad(day(2), "run", 90.0, False),
    ])
    assert days == {day(0): m.DayLoad(day(0), 450.5, 300.0, 150.5, True),
                    day(2): m.DayLoad(day(2), 90.0, 90.0, 0.0, False)}


def test_ctl_atl_form_from_the_first_logged_day():
    days = {day(0): m.DayLoad(day(0), 420.0, 420.0, 0.0, False),
            day(1): m.DayLoad(day(1), 70.0, 70.0, 0.0, False)}
    out = m.load_series(days, date_from=day(-2), date_to=day(2))
    assert [p.load for p in out] == [0.0, 0.0, 420.0, 70.0, 0.0]
    assert out[0].ctl == out[1].ctl == 0.0
    # CTL_d = CTL_(d-1) + (load_d - CTL_(d-1)) / 42; ATL the same with 7.
    assert out[2].ctl == 10.0 and out[2].atl == 60.0
    ctl1, atl1 = 10 + (70 - 10) / 42, 60 + (70 - 60) / 7
    assert out[3].ctl == round(ctl1, 1) and out[3].atl == round(atl1, 1)
    # form_d = CTL_(d-1) - ATL_(d-1)
    assert out[2].form == 0.0
    assert out[3].form == -50.0
    assert out[4].form == round(ctl1 - atl1, 1)


def test_series_window_after_history_seeds_from_the_history():
    days = {day(i): m.DayLoad(day(i), 100.0, 100.0, 0.0, False) for i in range(100)}
    whole = m.load_series(days, date_from=day(0), date_to=day(120))
    part = m.load_series(days, date_from=day(90), date_to=day(120))
    assert part == whole[90:]


def test_acwr_shown_from_28_days_of_history_as_7_over_28_day_means():
    days = {day(i): m.DayLoad(day(i), 100.0, 100.0, 0.0, False) for i in range(28)}
    days |= {day(i): m.DayLoad(day(i), 200.0, 200.0, 0.0, False) for i in range(28, 35)}
    out = m.load_series(days, date_from=day(0), date_to=day(34))
    assert all(p.acwr is None for p in out[:27])
    assert out[27].acwr == 1.0
    # Day 34: last 7 days 200 each; last 28: 21 x 100 + 7 x 200.
    assert out[34].acwr == round(200 / ((21 * 100 + 7 * 200) / 28), 2)


def test_acwr_none_when_the_chronic_load_is_zero():
    assert m.acwr_of([0.0] * 7, [0.0] * 28) is None


def test_no_sessions_is_a_flat_series():
    out = m.load_series({}, date_from=day(0), date_to=day(3))
    assert [(p.load, p.ctl, p.atl, p.form, p.acwr) for p in out] == [(0.0, 0.0, 0.0, 0.0,
                                                                      None)] * 4


def test_week_load_monotony_and_strain():
    week = m.week_load([300, 0, 400, 0, 300, 600, 0])
    mean = 1600 / 7
    sd = (sum((x - mean) ** 2 for x in [300, 0, 400, 0, 300, 600, 0]) / 7) ** 0.5
    assert week.load == 1600.0
    assert week.monotony == round(mean / sd, 2)
    assert week.strain == round(1600 * mean / sd, 1)
    assert m.week_load([100] * 7) == m.WeekLoad(700.0, None, None)
    with pytest.raises(ValueError):
        m.week_load([1, 2])


def plan(i, kind="run", run_type="easy", start=None, rpe=None, linked=None):
    return m.PlanSlot(i, kind, run_type, start, rpe, linked)


def log(i, kind="run", run_type="easy", start=None):
    return m.LogSlot(i, kind, run_type, start)


def test_fulfils_a_named_plan_first_then_same_kind_same_day():
    named = plan(1, linked=10)
    free_run = plan(2, run_type="tempo", start=18 * 60)
    free_run_easy = plan(3, run_type="easy", start=6 * 60)
    free_lift = plan(4, kind="strength")
    out = m.fulfilments(
        [named],
        {day(0): [log(10), log(11, run_type="tempo", start=7 * 60), log(12, "strength")]},
        {day(0): [named, free_run, free_run_easy, free_lift]})
    assert out[("run", 10)] == named
    assert out[("run", 11)] == free_run  # same run type wins over the nearer start
    assert out[("strength", 12)] == free_lift


def test_fulfils_nearest_start_and_one_to_one():
    a, b = plan(1, start=6 * 60), plan(2, start=19 * 60)
    out = m.fulfilments([], {day(0): [log(10, start=18 * 60), log(11, start=6 * 60),
                                          log(12, start=12 * 60)]},
                        {day(0): [a, b]})
    # In start order: 06:00 takes the 06:00 plan, 12:00 the nearest left; 18:00 none.
    assert out[("run", 11)] == a and out[("run", 12)] == b
    assert ("run", 10) not in out
