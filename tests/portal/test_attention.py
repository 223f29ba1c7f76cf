"""The roster as an attention list: athletes sorted by what needs the coach now, each with
its reasons in words, in a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from athletes.models import User
from athletes.services import athlete_create
from scheduling.models import Finding
from scheduling.selectors import athlete_today
from scheduling.services import run_create
from tests.portal.conftest import World, make_finding
from tests.portal.test_queries import DASHBOARD, _grow_roster
from training.models import DailyLoad


def _on(finding: Finding, day: dt.date, **fields: object) -> None:
    Finding.objects.filter(pk=finding.pk).update(first_date=day, last_date=day, **fields)


def test_the_roster_sorts_by_what_needs_the_coach_now(world: World, client, coach) -> None:
    roster = coach.rosters.get()
    ada = world.athlete  # an open error tomorrow
    today = athlete_today(athlete=ada)
    _on(world.finding, today + dt.timedelta(days=1))
    people = {name: athlete_create(email=f"{name.lower()}@example.com", name=name,
                                   roster=roster, timezone=ada.timezone)
              for name in ("Bea", "Cy", "Dee", "Eve")}
    # Bea: sore legs before today's heavy session (a warning the check-in rule raised).
    sore = make_finding(people["Bea"], world.planned, severity="warning", key="sore")
    _on(sore, today, rule="SORE_LEGS_BEFORE_HEAVY")
    # Cy: a week of four times the load of the three before it.
    DailyLoad.objects.bulk_create([
        DailyLoad(athlete=people["Cy"], date=today - dt.timedelta(days=n),
                  load=400.0 if n < 7 else 100.0, run_load=100.0, strength_load=0.0)
        for n in range(40)])
    run_create(actor=coach, athlete=people["Cy"], date=today, duration_s=1800, rpe=3)
    # Dee: nothing logged for ten days. Eve: ran today, all is well.
    run_create(actor=coach, athlete=people["Dee"], date=today - dt.timedelta(days=10),
               duration_s=1800)
    run_create(actor=coach, athlete=people["Eve"], date=today, duration_s=1800)
    client.force_login(coach)
    response = client.get(reverse("portal:dashboard"))
    rows = response.context["rows"]
    assert [r.user.name for r in rows] == ["Ada Athlete", "Bea", "Cy", "Dee", "Eve"]
    reasons = {r.user.name: [a.reason for a in r.attention] for r in rows}
    assert reasons["Ada Athlete"][0] == "1 open error"
    assert reasons["Bea"] == ["Sore legs before a heavy session", "No session logged yet"]
    assert reasons["Cy"] == [f"Load ratio {rows[2].load.acwr:.2f}, above 1.5 (7:28, a trend)"]
    assert reasons["Dee"] == ["No session logged in 10 days"]
    assert reasons["Eve"] == []
    html = response.content.decode()
    assert "Sore legs before a heavy session" in html and "nothing now" in html
    # Each reason opens where it is seen: errors on the findings, the ratio on progress.
    findings = reverse("portal:athlete_findings", args=[ada.pk])
    progress = reverse("portal:progress", args=[people["Cy"].pk])
    week = reverse("portal:athlete_week", args=[people["Bea"].pk])
    assert f'<a href="{findings}">1 open error</a>' in html
    assert f'<a href="{progress}">Load ratio' in html
    assert f'<a href="{week}">Sore legs before a heavy session</a>' in html
    # Another sort keeps the reasons.
    by_name = client.get(reverse("portal:dashboard"), {"sort": "-name"}).context["rows"]
    assert [r.user.name for r in by_name] == ["Eve", "Dee", "Cy", "Bea", "Ada Athlete"]
    assert by_name[1].attention[0].reason == "No session logged in 10 days"


@pytest.mark.parametrize("size", [5, 50])
def test_the_attention_list_costs_the_same_for_5_and_50_athletes(
        size: int, coach: User, client, django_assert_num_queries) -> None:
    _grow_roster(coach, size)
    client.force_login(coach)
    with django_assert_num_queries(DASHBOARD):
        response = client.get(reverse("portal:dashboard"))  # sorted by attention
    rows = response.context["rows"]
    assert len(rows) == size and response.context["sort"] == "attention"
    assert all(hasattr(r, "attention") for r in rows)
