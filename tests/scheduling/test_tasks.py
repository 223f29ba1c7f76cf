"""The tasks' retry policy when the database fails (scheduling/tasks.py): an outage of
minutes is waited out, with the retries of a run's chunks spread apart."""

from unittest import mock

import pytest
from celery.exceptions import Retry
from django.db import InterfaceError, OperationalError

from scheduling.tasks import (
    COUNTDOWN_MAX,
    DB_RETRIES,
    athlete_check_task,
    db_retry_countdown,
    nightly_chunk_task,
)


@pytest.mark.parametrize("draw,total_min", [("low", 15), ("high", 30)])
def test_a_task_the_database_fails_keeps_trying_for_a_quarter_to_half_an_hour(draw, total_min):
    pick = {"low": lambda low, high: low, "high": lambda low, high: high}[draw]
    with mock.patch("scheduling.tasks.random.uniform", side_effect=pick):
        countdowns = [db_retry_countdown(n) for n in range(DB_RETRIES)]
    assert max(countdowns) <= COUNTDOWN_MAX
    assert total_min * 60 <= sum(countdowns) < (total_min + 1) * 60


def test_the_countdowns_are_spread_so_a_runs_chunks_do_not_all_come_back_at_once():
    assert len({round(db_retry_countdown(6), 3) for _ in range(20)}) > 10


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"),
                                   InterfaceError("connection already closed")])
def test_a_lost_connection_is_retried_until_the_last_retry(error):
    with mock.patch("scheduling.tasks.athlete_check", side_effect=error):
        with pytest.raises(Retry):
            athlete_check_task.apply(args=[1])
        with pytest.raises(type(error)):
            athlete_check_task.apply(args=[1], retries=DB_RETRIES)


def test_a_chunk_retries_a_lost_connection_too():
    with mock.patch("scheduling.tasks.chunk_process",
                    side_effect=OperationalError("connection refused")), \
            pytest.raises(Retry):
        nightly_chunk_task.apply(args=[1])
