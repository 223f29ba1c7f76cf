"""Running over the weeks (training.running): plain facts in, weekly figures out."""

from __future__ import annotations

import datetime as dt

from training.running import RunFact, run_weeks, types_run

MONDAY = dt.date(2026, 11, 2)


def run(day: int, run_type: str, metres: int | None, seconds: int | None, pk: int = 0
        ) -> RunFact:
    return RunFact(pk, MONDAY + dt.timedelta(days=day), run_type, metres, seconds)


def test_it_sums_distance_and_time_by_run_type_per_week() -> None:
    weeks = run_weeks([run(0, "easy", 8000, 2700), run(2, "easy", 6000, 2100),
                       run(3, "tempo", 10000, 2800), run(8, "easy", 5000, 1800)],
                      first_monday=MONDAY, weeks=2)
    assert weeks[0].distance_m == {"easy": 14000, "tempo": 10000}
    assert weeks[0].duration_s == {"easy": 4800, "tempo": 2800}
    assert weeks[0].total_distance_m == 24000
    assert weeks[1].total_duration_s == 1800


def test_a_week_without_runs_is_there_empty() -> None:
    weeks = run_weeks([run(14, "easy", 5000, 1800)], first_monday=MONDAY, weeks=3)
    assert [w.monday for w in weeks] == [MONDAY + dt.timedelta(weeks=i) for i in range(3)]
    assert weeks[0].total_distance_m == 0 and weeks[0].long_run is None


def test_runs_outside_the_weeks_are_left_out() -> None:
    weeks = run_weeks([run(-1, "easy", 5000, 1800), run(7, "easy", 5000, 1800)],
                      first_monday=MONDAY, weeks=1)
    assert weeks[0].total_distance_m == 0


def test_the_long_run_is_the_longest_of_type_long_or_of_90_minutes_or_more() -> None:
    weeks = run_weeks([run(1, "easy", 15000, 90 * 60, pk=1), run(6, "long", 21000, 7200, pk=2),
                       run(8, "easy", 14000, 89 * 60 + 45, pk=3)],
                      first_monday=MONDAY, weeks=2)
    assert weeks[0].long_run is not None and weeks[0].long_run.id == 2
    assert weeks[1].long_run is None  # 89 min 45 s is not long


def test_the_pace_is_time_over_distance_of_easy_and_of_tempo_interval_runs() -> None:
    weeks = run_weeks([run(0, "easy", 10000, 3000), run(1, "recovery", 5000, 1800),
                       run(2, "intervals", 8000, 2000), run(3, "tempo", 12000, 3000),
                       run(4, "easy", None, 1800), run(5, "long", 20000, 7000)],
                      first_monday=MONDAY, weeks=1)
    assert weeks[0].easy_pace_s_km == 4800 / 15  # 5:20 a km; a run without distance skipped
    assert weeks[0].quality_pace_s_km == 250.0  # 4:10 a km; the long run is neither


def test_no_easy_run_is_no_pace() -> None:
    weeks = run_weeks([run(0, "tempo", 10000, 2500)], first_monday=MONDAY, weeks=1)
    assert weeks[0].easy_pace_s_km is None


def test_types_run_come_in_the_usual_order() -> None:
    weeks = run_weeks([run(0, "tempo", 10000, 2500), run(1, "easy", 5000, None),
                       run(2, "long", None, 6000)], first_monday=MONDAY, weeks=1)
    assert types_run(weeks) == ["easy", "long", "tempo"]
