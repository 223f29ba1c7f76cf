"""The nightly pass's world: a roster of three athletes in Los Angeles, each with an error in
the week ahead, and a night to run (tests/scheduling/test_nightly.py, test_notify.py)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from athletes.models import AthleteProfile
from athletes.services import athlete_create
from scheduling.models import CheckRun
from scheduling.services import PrescriptionInput, planned_session_create
from scheduling.services.nightly import chunk_process, nightly_claim, run_finish_if_done

UTC = dt.UTC


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)



def heavy_before_intervals(who: AthleteProfile, today: dt.date) -> None:
    planned_session_create(actor=who.user, athlete=who, kind="run", run_type="intervals",
                           date=today + dt.timedelta(days=2), start_time=dt.time(7),
                           distance_m=10000)
    planned_session_create(actor=who.user, athlete=who, kind="strength",
                           date=today + dt.timedelta(days=1), start_time=dt.time(19),
                           prescription=[PrescriptionInput("back-squat", 4, 4, 4, load_kg=120)])


@pytest.fixture
def roster(coach):
    """Three athletes of one coach in Los Angeles, each with an error in the week ahead."""
    people = []
    for i in range(3):
        who = athlete_create(email=f"r{i}@example.com", name=f"Runner {i}", password="x",
                             timezone="America/Los_Angeles", roster=coach.rosters.get())
        people.append(who)
    with mock.patch("scheduling.services.recheck.send_on_commit"):  # no on-change checks
        for who in people:
            heavy_before_intervals(who, dt.date(2026, 11, 25))
    return people


NIGHT = at(2026, 11, 25, 10, 30)  # 02:30 in Los Angeles


def unchecked(people):
    """As if tonight's check had not run for these athletes yet."""
    AthleteProfile.objects.filter(pk__in=[a.pk for a in people]).update(nightly_checked_on=None)


def run_night(now=NIGHT, chunk_size=2):
    claim = nightly_claim(now=now, chunk_size=chunk_size)
    for chunk_id in claim.chunk_ids:
        chunk_process(chunk_id=chunk_id, now=now)
    run_finish_if_done(run_id=claim.run.pk)
    return CheckRun.objects.get(pk=claim.run.pk)
