"""The training load on the portal: the progress page's chart and the roster's figures."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.html import escape

from portal.views.common import axis_labels
from tests.portal.conftest import World
from training.load import ACWR_LIMITS
from training.models import DailyLoad


def test_progress_draws_the_load_with_its_limits(world: World, client) -> None:
    """The world's Monday: an easy run of 45 min (default RPE 3) and a lift of one heavy set
    (moderate: 5) with no duration (60 min), both estimated."""
    client.force_login(world.athlete.user)
    response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    html = response.content.decode()
    chart = response.context["load_chart"]
    monday = world.today - dt.timedelta(days=world.today.weekday())
    days = [world.today - dt.timedelta(days=119 - k) for k in range(120)]
    assert chart["labels"] == axis_labels(days)  # the portal's dates, not ISO
    i = days.index(monday)
    assert (chart["run"][i], chart["strength"][i], chart["estimated"][i]) == (135.0, 300.0,
                                                                              True)
    assert 'id="load-data"' in html and 'id="load-chart"' in html
    assert "Training load: fitness, fatigue and form" in html
    assert escape(ACWR_LIMITS) in html  # the ratio's limits stand beside it
    assert "estimated" in html


def test_the_roster_shows_each_athletes_form_and_ratio(world: World, client, coach) -> None:
    athlete = world.athlete
    DailyLoad.objects.filter(athlete=athlete).delete()
    DailyLoad.objects.bulk_create([
        DailyLoad(athlete=athlete, date=world.today - dt.timedelta(days=n),
                  load=400.0 if n < 7 else 100.0, run_load=100.0, strength_load=0.0)
        for n in range(40)])
    client.force_login(coach)
    response = client.get(reverse("portal:dashboard"))
    row = next(a for a in response.context["rows"] if a.pk == athlete.pk)
    # Last 7 days 400 a day; last 28: 7 x 400 + 21 x 100.
    assert row.load.acwr == round(400 / ((7 * 400 + 21 * 100) / 28), 2)
    assert row.acwr_high
    html = response.content.decode()
    assert f"ratio {row.load.acwr:.2f}, above 1.5" in html
    assert f"form {row.load.form:.0f}" in html
    assert escape(ACWR_LIMITS) in html


def test_the_week_shows_its_training_load(world: World, client) -> None:
    """The world's Monday carries 435 (an easy run of 45 min, 135; a moderate lift of 60 min,
    300), both estimated; the other six days are rest: monotony = mean / sd of the 7 days."""
    client.force_login(world.athlete.user)
    response = client.get(reverse("portal:athlete_week", args=[world.athlete.pk]))
    load = response.context["week_load"]
    mean = 435 / 7
    sd = ((435 - mean) ** 2 / 7 + 6 * mean ** 2 / 7) ** 0.5
    assert load == {"load": 435.0, "monotony": round(mean / sd, 2),
                    "strain": round(435 * mean / sd, 1), "run_load": 135.0,
                    "strength_load": 300.0, "estimated": True}
    html = response.content.decode()
    assert "Training load this week: <strong>435</strong> (runs 135 · lifts 300)" in html
    assert "estimated in part" in html
