"""/api/v1/athletes/{id}/load/: the daily load series, its window and its query count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from scheduling.selectors import athlete_today
from training.load import ACWR_LIMITS
from training.models import DailyLoad

URL = "/api/v1/athletes/{}/load/"


def history(athlete: AthleteProfile, days: int, today: dt.date) -> None:
    DailyLoad.objects.bulk_create([
        DailyLoad(athlete=athlete, date=today - dt.timedelta(days=n), load=100.0,
                  run_load=60.0, strength_load=40.0, estimated=n % 2 == 0)
        for n in range(days)])


def get(client: APIClient, athlete: AthleteProfile, query: str = "") -> Any:
    return client.get(URL.format(athlete.pk) + query)


def test_the_series_carries_every_figure(athlete: AthleteProfile,
                                         client_for: Callable[[str], APIClient]) -> None:
    from scheduling import services
    today = athlete_today(athlete=athlete)
    services.run_create(actor=athlete.user, athlete=athlete, date=today, run_type="tempo",
                        duration_s=40 * 60)
    body = get(client_for("athlete"), athlete).json()
    assert body["date_to"] == today.isoformat()
    assert body["date_from"] == (today - dt.timedelta(days=89)).isoformat()
    assert body["acwr_limits"] == ACWR_LIMITS
    assert len(body["results"]) == 90
    last = body["results"][-1]
    assert last == {"date": today.isoformat(), "load": 280.0, "run_load": 280.0,
                    "strength_load": 0.0, "ctl": round(280 / 42, 1), "atl": 40.0,
                    "form": 0.0, "acwr": None, "estimated": True}
    assert body["results"][0]["load"] == 0.0


def test_history_before_the_window_seeds_fitness(athlete: AthleteProfile,
                                                 client_for: Callable[[str], APIClient]) -> None:
    today = athlete_today(athlete=athlete)
    history(athlete, 200, today)
    client = client_for("coach")
    whole = get(client, athlete, f"?date_from={today - dt.timedelta(days=199)}"
                                 f"&date_to={today}").json()["results"]
    part = get(client, athlete, f"?date_from={today - dt.timedelta(days=9)}"
                                f"&date_to={today}").json()["results"]
    assert part == whole[-10:]
    assert part[-1]["acwr"] == 1.0 and part[-1]["ctl"] > 90


def test_at_most_three_years_per_call(athlete: AthleteProfile,
                                      client_for: Callable[[str], APIClient]) -> None:
    client = client_for("athlete")
    ok = get(client, athlete, "?date_from=2023-01-01&date_to=2026-01-01")  # 1097 days
    assert ok.status_code == 400 and "date_to" in ok.json()["codes"]
    ok = get(client, athlete, "?date_from=2023-01-02&date_to=2026-01-01")  # 1096 days
    assert ok.status_code == 200 and len(ok.json()["results"]) == 1096
    today = athlete_today(athlete=athlete)
    far = get(client, athlete, f"?date_from={today - dt.timedelta(days=1096)}")
    assert far.status_code == 400 and "date_from" in far.json()["codes"]
    back = get(client, athlete, "?date_from=2026-01-02&date_to=2026-01-01")
    assert back.status_code == 400 and "date_to" in back.json()["codes"]
    bad = get(client, athlete, "?date_from=yesterday")
    assert bad.status_code == 400 and "date_from" in bad.json()["codes"]
    only_to = get(client, athlete, "?date_to=2025-03-31").json()
    assert (only_to["date_from"], len(only_to["results"])) == ("2025-01-01", 90)


@pytest.mark.parametrize("days", [3, 1500])
def test_constant_queries_whatever_the_history(
    days: int, athlete: AthleteProfile, coach: User, django_assert_num_queries: Any,
) -> None:
    today = athlete_today(athlete=athlete)
    history(athlete, days, today)
    client = APIClient()
    client.force_authenticate(coach)
    # the athlete, in the caller's scope; the daily table up to date_to
    with django_assert_num_queries(2):
        response = get(client, athlete, f"?date_from={today - dt.timedelta(days=1000)}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1001
