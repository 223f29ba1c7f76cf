"""The readiness trend beside the load chart: each day's check-in as RULES.md's readiness (the
mean of the five items), the mean of the 28 days before it that LOW_READINESS compares with,
the low and dropped days said in words, over the load chart's 120 days."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from portal.views.common import axis_labels
from scheduling.selectors.readiness import readiness_for_athlete
from scheduling.services.readiness import read_readiness
from tests.portal.conftest import World
from training.models import CheckIn


def _check_in(world: World, days_ago: int, *items: int, **extra: int) -> CheckIn:
    sleep, energy, soreness, stress, mood = items
    return CheckIn(athlete=world.athlete, date=world.today - dt.timedelta(days=days_ago),
                   sleep=sleep, energy=energy, soreness=soreness, stress=stress, mood=mood,
                   **extra)


def _fill(world: World) -> None:
    """Ten days of all-4s before today (mean 4.0), today 3s but for fresh legs (3.4, no drop),
    yesterday (3.0: 1.0 below the 4.0 of the nine before it, a drop), 30 days ago 2s and a 3
    (2.2, low) and one 130 days ago, outside the chart but inside the first days' 28."""
    CheckIn.objects.bulk_create([
        *(_check_in(world, n, 4, 4, 4, 4, 4) for n in range(2, 12)),
        _check_in(world, 1, 3, 3, 3, 3, 3, resting_hr=58, hrv_ms=41),
        _check_in(world, 0, 3, 3, 5, 3, 3),
        _check_in(world, 30, 2, 2, 3, 2, 2),
        _check_in(world, 130, 1, 1, 1, 1, 1),
    ])


def test_the_progress_page_draws_readiness_over_the_load_charts_days(world: World,
                                                                     client) -> None:
    _fill(world)
    client.force_login(world.athlete.user)
    response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    chart = response.context["readiness_chart"]
    days = [world.today - dt.timedelta(days=119 - k) for k in range(120)]
    assert chart["labels"] == response.context["load_chart"]["labels"] == axis_labels(days)
    readiness = dict(zip(days, chart["readiness"], strict=True))
    ago = {n: world.today - dt.timedelta(days=n) for n in (0, 1, 2, 30, 31, 119)}
    assert readiness[ago[0]] == 3.4 and readiness[ago[1]] == 3.0
    assert readiness[ago[2]] == 4.0 and readiness[ago[30]] == 2.2
    assert readiness[ago[31]] is None  # no check-in: a gap, not a zero
    assert sum(r is not None for r in chart["readiness"]) == 13  # not the one 130 days ago
    baseline = dict(zip(days, chart["baseline"], strict=True))
    assert baseline[ago[1]] == 4.0  # the ten days of 4s before it
    assert baseline[ago[0]] == round((10 * 20 + 15) / (5 * 11), 2)
    assert baseline[ago[30]] is None  # none in its 28 days: fewer than 7
    assert chart["low"] == 2.5

    table = response.context["readiness_table"]
    assert [row["day"].date for row in table][:3] == [ago[0], ago[1], ago[2]]
    assert len(table) == 13
    html = response.content.decode()
    assert 'id="readiness-data"' in html and 'id="readiness-chart"' in html
    assert "<script>" not in html.replace('<script id="', "")  # CSP: data only, no code
    row = {r["day"].date: r for r in table}
    assert not row[ago[0]]["day"].low and not row[ago[0]]["day"].dropped
    assert row[ago[1]]["day"].dropped and not row[ago[1]]["day"].low
    assert row[ago[30]]["day"].low
    assert row[ago[0]]["items"] == [("okay", 3), ("okay", 3), ("fresh", 5), ("some", 3),
                                    ("okay", 3)]
    assert "<td>3.0 of 5 <span class=\"sev-badge sev-info\">a drop</span>" in html
    assert "below its 28-day mean of 4.00" in html
    assert "<td>2.2 of 5 <span class=\"sev-badge sev-info\">low</span>" in html
    assert "<td>fresh (5)</td>" in html and "58 bpm" in html and "41 ms" in html


def test_today_has_the_readiness_and_mean_that_low_readiness_is_checked_with(
        world: World) -> None:
    """One readiness, not two: the trend's today is the check window's today."""
    _fill(world)
    trend = readiness_for_athlete(athlete_id=world.athlete.pk, date_from=world.today,
                                  date_to=world.today)
    window = read_readiness([world.athlete.pk], {world.athlete.pk: world.today})
    feeling = window[world.athlete.pk]
    assert trend[0].check_in == feeling.check_in
    assert trend[0].readiness == feeling.check_in.readiness == 3.4
    assert trend[0].baseline == feeling.readiness_mean
    assert trend[0].baseline_count == feeling.readiness_count == 11


def test_no_check_ins_leave_the_trend_empty_with_a_way_in(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    assert response.context["readiness_chart"]["readiness"] == [None] * 120
    assert response.context["readiness_table"] == []
    html = response.content.decode()
    assert "No check-ins in the last 120 days" in html
    assert reverse("portal:check_in", args=[world.athlete.pk]) in html
