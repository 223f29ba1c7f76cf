"""The calendar feed shows what was done at its real date and time and what is planned
ahead (RULES.md, *Fulfils*, *Missed*, *Logged*): a plan a log fulfils is one event, at the
log's date and time, under the plan's uid; a draft is not shown and fulfils nothing."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from scheduling.services import (
    PrescriptionInput,
    planned_session_create,
    run_create,
    strength_session_create,
)
from tests.api.conftest import World
from training.services import SetInput

MON, TUE = dt.date(2026, 11, 2), dt.date(2026, 11, 3)  # gone by, whatever day the suite runs
SQUAT = SetInput("back-squat", 5, 95, rir=2)


def events(world: World) -> dict[str, icalendar.Event]:
    response = APIClient().get(f"/api/v1/athletes/{world.athlete.pk}/calendar.ics"
                               f"?token={world.athlete.calendar_token}")
    assert response.status_code == 200
    return {str(e["uid"]).removesuffix("@apexzone"): e
            for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def lift_plan(world: World, day: dt.date = TUE) -> object:
    return planned_session_create(
        actor=world.coach, athlete=world.athlete, date=day, kind="strength",
        start_time=dt.time(18, 0), title="Heavy lower",
        prescription=[PrescriptionInput("back-squat", sets=4, reps_min=5, load_kg=100)])


def test_a_tuesday_plan_logged_on_monday_shows_on_monday_as_done(world: World) -> None:
    plan = lift_plan(world)
    strength_session_create(actor=world.athlete.user, athlete=world.athlete, date=MON,
                            start_time=dt.time(7, 15), duration_min=50, planned_session=plan,
                            sets=[SQUAT, SQUAT])
    found = events(world)
    event = found[f"planned-{plan.pk}"]  # type: ignore[attr-defined]
    start = event.decoded("dtstart")
    assert (start.date(), start.time(), str(start.tzinfo)) == (MON, dt.time(7, 15),
                                                               "Europe/Berlin")
    assert event.decoded("duration") == dt.timedelta(minutes=50)
    assert str(event["summary"]) == "Done: Heavy lower"
    description = str(event["description"])
    assert description.startswith("Done: Back squat 5 @ 95 kg, 5 @ 95 kg\n")
    assert "Planned for Tuesday 3 November 2026:\nBack squat 4 x 5 @ 100 kg" in description
    assert [uid for uid, e in found.items() if _day(e) == TUE] == []  # not on Tuesday


def _day(event: icalendar.Event) -> dt.date:
    start = event.decoded("dtstart")
    return start.date() if isinstance(start, dt.datetime) else start


def test_a_log_without_a_link_fulfils_the_days_plan_of_its_run_type(world: World) -> None:
    intervals = planned_session_create(actor=world.coach, athlete=world.athlete, date=MON,
                                       kind="run", run_type="intervals",
                                       start_time=dt.time(7, 0))
    easy = planned_session_create(actor=world.coach, athlete=world.athlete, date=MON,
                                  kind="run", run_type="easy", start_time=dt.time(18, 0))
    run_create(actor=world.athlete.user, athlete=world.athlete, date=MON, run_type="easy",
               start_time=dt.time(7, 30), distance_m=8000, duration_s=45 * 60 + 5)
    found = events(world)
    done = found[f"planned-{easy.pk}"]
    assert str(done["summary"]) == "Done: Easy run"
    assert done.decoded("dtstart").time() == dt.time(7, 30)
    assert done.decoded("duration") == dt.timedelta(minutes=45, seconds=5)
    assert str(done["description"]).startswith("Done: 8 km in 45:05\n")
    assert str(found[f"planned-{intervals.pk}"]["summary"]) == "Missed: Intervals run"


@pytest.mark.parametrize(("sets", "shown"), [
    pytest.param([], False, id="left without a set: a draft, not shown, the plan missed"),
    pytest.param([SetInput("back-squat", 5, 40, is_warmup=True)], False,
                 id="warm-ups only: a draft"),
    pytest.param([SQUAT], True, id="a working set: done"),
])
def test_a_draft_is_not_shown_and_fulfils_nothing(world: World, sets: list[SetInput],
                                                   shown: bool) -> None:
    plan = lift_plan(world)
    log = strength_session_create(actor=world.athlete.user, athlete=world.athlete, date=TUE,
                                  planned_session=plan, sets=sets)
    found = events(world)
    summary = str(found[f"planned-{plan.pk}"]["summary"])  # type: ignore[attr-defined]
    assert summary == ("Done: Heavy lower" if shown else "Missed: Heavy lower")
    assert f"strength-{log.pk}" not in found


def test_what_is_planned_ahead_stays_planned(world: World) -> None:
    ahead = lift_plan(world, world.today + dt.timedelta(days=30))
    assert str(events(world)[f"planned-{ahead.pk}"]["summary"]) == "Heavy lower"  # type: ignore[attr-defined]


def test_the_feed_reads_the_same_queries_for_2_and_for_40_logs(
        world: World, django_assert_num_queries) -> None:
    with CaptureQueriesContext(connection) as few:
        events(world)
    for n in range(19):
        day = MON - dt.timedelta(days=n)
        strength_session_create(actor=world.athlete.user, athlete=world.athlete, date=day,
                                sets=[SQUAT], planned_session=lift_plan(world, day))
        run_create(actor=world.athlete.user, athlete=world.athlete, date=day,
                   distance_m=5000)
    with django_assert_num_queries(len(few.captured_queries)):
        events(world)
