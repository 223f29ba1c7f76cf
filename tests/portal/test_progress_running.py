"""The progress page's running: weekly distance and time by run type, the long run, paces
and recent runs, in the viewer's units, with the portal's dates on the axes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from athletes.models import User
from athletes.services import user_units_set
from portal.views.common import axis_labels
from scheduling.selectors import monday_of
from scheduling.services import run_create, strength_session_create
from tests.portal.conftest import World
from training.services import SetInput


def _page(client, world: World) -> tuple[str, dict]:
    response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    assert response.status_code == 200
    return response.content.decode(), response.context


def test_it_shows_the_weeks_of_running_by_type(client, world: World) -> None:
    run_create(actor=world.athlete.user, athlete=world.athlete, date=world.run.date,
               run_type="long", distance_m=21097, duration_s=7 * 900)
    client.force_login(world.athlete.user)
    html, context = _page(client, world)
    chart = context["run_chart"]
    assert [t["label"] for t in chart["types"]] == ["Easy", "Long"]
    assert chart["labels"][-1] == axis_labels([monday_of(world.today)])[0]
    assert chart["labels"] == axis_labels([monday_of(world.today) - dt.timedelta(weeks=11 - i)
                                           for i in range(12)])
    this_week = chart["labels"].index(axis_labels([monday_of(world.run.date)])[0])
    assert chart["long"][this_week] == 21.1
    assert chart["types"][0]["distance"][this_week] == 8.0
    assert chart["types"][1]["minutes"][this_week] == 105
    assert chart["easy_pace"][this_week] == 338  # 45 min for 8 km: 5:38 a km
    assert "Recent runs" in html
    assert "0:45:00" in html and "1:45:00" in html  # a run's time as h:mm:ss
    assert "5:38 min/km" in html


def test_a_coach_in_pounds_reads_the_running_in_miles(client, world: World,
                                                      coach: User) -> None:
    user_units_set(user=coach, units="imperial")
    client.force_login(coach)
    html, context = _page(client, world)
    assert context["run_chart"]["unit"] == "mi"
    assert "4.97 mi" in html and "9:03 min/mi" in html


def test_no_runs_says_so(client, world: World) -> None:
    world.run.delete()
    client.force_login(world.athlete.user)
    html, context = _page(client, world)
    assert context["run_chart"] is None
    assert "No runs logged in the last 12 weeks" in html


def test_personal_records_are_a_table_of_current_bests_with_the_history_apart(
        client, world: World) -> None:
    strength_session_create(actor=world.athlete.user, athlete=world.athlete,
                            date=world.run.date + dt.timedelta(days=1), title="Heavier",
                            sets=[SetInput("back-squat", 3, 100, rir=2),
                                  SetInput("back-squat", 8, 80, rir=2)])
    client.force_login(world.athlete.user)
    html, context = _page(client, world)
    [squat] = context["bests"]
    assert squat["name"] == "Back squat"
    kinds = [(r["kind"], r["set"].reps, r["set"].load_kg) for r in squat["records"]]
    assert kinds == [("load", 3, 100.0), ("e1rm", 3, 100.0), ("reps", 3, 100.0),
                     ("reps", 5, 90.0), ("reps", 8, 80.0)]
    assert "Most reps at 90 kg" in html and "110 kg" in html  # 3 x 100: e1RM 110
    assert "PR history" in html
