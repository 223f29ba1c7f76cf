"""The training load on the portal: the progress page's chart and the roster's figures."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.html import escape

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
    i = chart["labels"].index(monday.isoformat())
    assert (chart["run"][i], chart["strength"][i], chart["estimated"][i]) == (135.0, 300.0,
                                                                              True)
    assert len(chart["labels"]) == 120 and chart["labels"][-1] == world.today.isoformat()
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
