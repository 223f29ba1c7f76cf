"""The nightly pass: who is due, the claim, chunks, idempotency, failures, digests."""

import datetime as dt
import gc
import threading
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection
from django_celery_beat.models import PeriodicTask

from athletes.models import AthleteProfile
from athletes.services import athlete_create
from scheduling.models import CheckChunk, CheckRun, Digest, Finding
from scheduling.services import checks, notify
from scheduling.services.nightly import (
    CHUNK_LEASE,
    chunk_process,
    nightly_claim,
    nightly_redrive,
    run_finish_if_done,
    zones_at_night,
)
from scheduling.tasks import nightly_tick
from tests.scheduling.conftest import NIGHT, at, run_night


class TestWhoIsDue:
    @pytest.mark.parametrize("now,zone,due", [
        # Auckland in November is UTC+13 (NZDT): 02:00 local is 13:00 UTC the day before.
        (at(2026, 11, 24, 12, 0), "Pacific/Auckland", None),          # 01:00 local
        (at(2026, 11, 24, 13, 0), "Pacific/Auckland", dt.date(2026, 11, 25)),  # 02:00
        # Los Angeles in November is UTC-8 (PST): 02:00 local is 10:00 UTC.
        (at(2026, 11, 25, 9, 0), "America/Los_Angeles", None),
        (at(2026, 11, 25, 10, 0), "America/Los_Angeles", dt.date(2026, 11, 25)),
        (at(2026, 11, 25, 14, 0), "America/Los_Angeles", None),      # 06:00: past the night
        # 8 March 2026, LA springs forward: 01:59 PST is followed by 03:00 PDT, so no tick
        # ever sees 02:xx; the 10:00 UTC tick (03:00 PDT) catches the night up.
        (at(2026, 3, 8, 9, 0), "America/Los_Angeles", None),          # 01:00 PST
        (at(2026, 3, 8, 10, 0), "America/Los_Angeles", dt.date(2026, 3, 8)),  # 03:00 PDT
        # 1 November 2026, LA falls back: 01:00-02:00 happens twice (PDT, then PST).
        (at(2026, 11, 1, 8, 0), "America/Los_Angeles", None),         # 01:00 PDT
        (at(2026, 11, 1, 9, 0), "America/Los_Angeles", None),         # 01:00 PST
        (at(2026, 11, 1, 10, 0), "America/Los_Angeles", dt.date(2026, 11, 1)),  # 02:00 PST
        # Kathmandu is UTC+5:45: the 21:00 UTC tick is 02:45 local.
        (at(2026, 11, 24, 21, 0), "Asia/Kathmandu", dt.date(2026, 11, 25)),
    ])
    def test_a_zone_is_due_from_two_in_the_morning(self, now, zone, due):
        assert zones_at_night([zone], now).get(zone) == due


def athlete(email: str, zone: str) -> AthleteProfile:
    return athlete_create(email=email, name=email.split("@")[0].title(), password="x",
                          timezone=zone)


@pytest.mark.django_db
class TestClaim:
    def test_only_athletes_at_night_are_claimed_once_a_night(self):
        la = athlete("la@example.com", "America/Los_Angeles")
        athlete("berlin@example.com", "Europe/Berlin")
        claim = nightly_claim(now=at(2026, 11, 25, 10, 30))
        assert [c.athlete_ids for c in CheckChunk.objects.filter(run=claim.run)] == [[la.pk]]
        assert nightly_claim(now=at(2026, 11, 25, 11, 30)) is None  # same local night
        la.refresh_from_db()
        assert la.nightly_checked_on == dt.date(2026, 11, 25)
        assert nightly_claim(now=at(2026, 11, 26, 10, 30)) is not None  # the next night

    def test_athletes_are_split_into_chunks(self):
        for i in range(5):
            athlete(f"a{i}@example.com", "America/Los_Angeles")
        claim = nightly_claim(now=at(2026, 11, 25, 10, 30), chunk_size=2)
        sizes = [len(c.athlete_ids) for c in CheckChunk.objects.filter(run=claim.run)]
        assert sizes == [2, 2, 1] and claim.run.chunks_total == 3


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ticks_never_claim_the_same_athlete(postgres):
    ids = {athlete(f"a{i}@example.com", "America/Los_Angeles").pk for i in range(40)}
    now = at(2026, 11, 25, 10, 30)
    barrier = threading.Barrier(2)
    results: list[set[int]] = []

    def tick() -> None:
        barrier.wait()
        claim = nightly_claim(now=now, chunk_size=7)
        got = set()
        if claim is not None:
            for part in CheckChunk.objects.filter(run=claim.run).values_list("athlete_ids",
                                                                             flat=True):
                got |= set(part)
        results.append(got)
        connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    first, second = results
    assert not first & second
    assert first | second == ids


@pytest.mark.django_db
class TestPass:
    def test_a_pass_checks_everyone_and_records_the_run(self, roster):
        run = run_night()
        assert (run.athletes_checked, run.chunks_done) == (3, 2)
        assert run.findings_new == Finding.objects.count() > 3
        assert run.finished_at is not None
        assert Finding.objects.filter(rule="HEAVY_BEFORE_KEY_RUN", status="open").count() == 3

    def test_a_rerun_the_same_night_changes_nothing(self, roster):
        run_night()
        before = list(Finding.objects.order_by("id").values_list("id", "status", "fingerprint"))
        for athlete_profile in roster:
            AthleteProfile.objects.filter(pk=athlete_profile.pk).update(nightly_checked_on=None)
        second = run_night()
        after = list(Finding.objects.order_by("id").values_list("id", "status", "fingerprint"))
        assert before == after
        assert (second.findings_new, second.findings_kept) == (0, len(after))

    def test_a_redone_chunk_counts_once(self, roster):
        claim = nightly_claim(now=NIGHT, chunk_size=5)
        first = chunk_process(chunk_id=claim.chunk_ids[0], now=NIGHT)
        again = chunk_process(chunk_id=claim.chunk_ids[0], now=NIGHT)
        assert first.counts.athletes == 3 and again.counts is None
        assert CheckRun.objects.get(pk=claim.run.pk).athletes_checked == 3

    def test_a_chunk_that_fails_half_way_leaves_nothing_and_is_redone_the_same(self, roster):
        claim = nightly_claim(now=NIGHT, chunk_size=5)
        with mock.patch("scheduling.services.checks._upsert",
                        side_effect=OperationalError("connection lost")), \
                pytest.raises(OperationalError):
            chunk_process(chunk_id=claim.chunk_ids[0], now=NIGHT)
        assert not Finding.objects.exists()
        assert CheckChunk.objects.get(pk=claim.chunk_ids[0]).done_at is None
        chunk_process(chunk_id=claim.chunk_ids[0], now=NIGHT)  # the retry
        assert Finding.objects.filter(status="open", rule="HEAVY_BEFORE_KEY_RUN").count() == 3

    def test_the_garbage_collector_is_off_during_a_chunk_and_back_after_even_a_failure(
        self, roster
    ):
        claim = nightly_claim(now=NIGHT, chunk_size=2)
        seen = []
        real = checks.run_engine

        def spy(window, known=None):
            seen.append(gc.isenabled())
            return real(window, known)

        with mock.patch("scheduling.services.checks.run_engine", side_effect=spy):
            chunk_process(chunk_id=claim.chunk_ids[0], now=NIGHT)
        assert seen and not any(seen)
        assert gc.isenabled()
        with mock.patch("scheduling.services.checks._upsert",
                        side_effect=OperationalError("connection lost")), \
                pytest.raises(OperationalError):
            chunk_process(chunk_id=claim.chunk_ids[1], now=NIGHT)
        assert gc.isenabled()

    def test_one_athletes_bad_data_does_not_stop_the_others(self, roster):
        real = checks.run_engine

        def flaky(window, known=None):
            if window.athlete_id == roster[1].pk:
                raise ValueError("corrupt session")
            return real(window, known)

        with mock.patch("scheduling.services.checks.run_engine", side_effect=flaky):
            run = run_night()
        assert (run.athletes_checked, run.errors) == (2, 1)
        assert f"athlete {roster[1].pk}: ValueError: corrupt session" in run.error_detail

    def test_the_tick_task_fans_out_and_finishes_the_run(self, roster,
                                                         django_capture_on_commit_callbacks):
        with mock.patch("scheduling.services.nightly.timezone.now", return_value=NIGHT), \
                django_capture_on_commit_callbacks(execute=True):
            chunks = nightly_tick.delay().get()
        assert chunks == 1
        run = CheckRun.objects.get(trigger="nightly")
        assert run.finished_at is not None and run.athletes_checked == 3


@pytest.mark.django_db
def test_the_beat_schedule_holds_the_hourly_tick():
    task = PeriodicTask.objects.get(task="scheduling.tasks.nightly_tick")
    assert task.enabled and task.crontab.minute == "0" and task.crontab.hour == "*"


@pytest.mark.django_db(transaction=True)  # the chunks are queued at the claim's commit
def test_recheck_by_hand(roster, capsys):
    call_command("recheck", "--all")
    assert f"3 athletes checked, {Finding.objects.count()} new" in capsys.readouterr().out
    call_command("recheck", "--athlete", roster[0].user.email)
    kept = Finding.objects.filter(athlete=roster[0]).count()
    assert f"1 athletes checked, 0 new, {kept} kept" in capsys.readouterr().out


@pytest.mark.django_db
class TestRedrive:
    """A chunk whose task stopped (a worker killed, its retries spent in an outage) is sent
    again by the next tick; its athletes were claimed and no tick claims them again."""

    def stopped_run(self, roster):
        """A run of two chunks whose second chunk's task never ran."""
        claim = nightly_claim(now=NIGHT, chunk_size=2)
        chunk_process(chunk_id=claim.chunk_ids[0], now=NIGHT)
        return claim

    def test_the_next_tick_re_sends_a_stopped_chunk_and_the_run_finishes(
            self, roster, coach, django_capture_on_commit_callbacks):
        claim = self.stopped_run(roster)
        with mock.patch("scheduling.services.nightly.timezone.now",
                        return_value=NIGHT + dt.timedelta(hours=1)), \
                django_capture_on_commit_callbacks(execute=True):
            assert nightly_tick.delay().get() == 1
        run = CheckRun.objects.get(pk=claim.run.pk)
        assert (run.chunks_done, run.athletes_checked) == (2, 3)
        assert run.digests_sent_at is not None
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [coach.email] + [a.user.email for a in roster])

    def test_a_chunk_within_its_lease_is_left_to_its_worker_and_re_sent_once(self, roster):
        claim = self.stopped_run(roster)
        assert nightly_redrive(now=NIGHT + CHUNK_LEASE - dt.timedelta(seconds=1)) == []
        later = NIGHT + CHUNK_LEASE + dt.timedelta(seconds=1)
        assert nightly_redrive(now=later) == [claim.chunk_ids[1]]
        assert nightly_redrive(now=later) == []  # sent: its lease starts again

    def test_a_run_of_another_day_is_left_as_it_is(self, roster):
        self.stopped_run(roster)
        assert nightly_redrive(now=NIGHT + dt.timedelta(days=1, minutes=1)) == []

    def test_a_run_whose_digests_stopped_half_way_sends_the_rest_once(
            self, roster, coach, django_capture_on_commit_callbacks):
        """The worker sending the digests dies after the coach's: the run is finished, its
        digests are not all sent, and the next tick re-sends its last chunk."""
        claim = nightly_claim(now=NIGHT, chunk_size=2)
        for chunk_id in claim.chunk_ids:
            chunk_process(chunk_id=chunk_id, now=NIGHT)
        real_send = notify.EmailMessage.send

        def killed_after_the_first(message, *args, **kwargs):
            if mail.outbox:
                raise SystemExit("killed")
            return real_send(message, *args, **kwargs)

        with mock.patch.object(notify.EmailMessage, "send", killed_after_the_first), \
                pytest.raises(SystemExit):
            run_finish_if_done(run_id=claim.run.pk)
        assert [m.to for m in mail.outbox] == [[coach.email]]
        with mock.patch("scheduling.services.nightly.timezone.now",
                        return_value=NIGHT + dt.timedelta(hours=1)), \
                django_capture_on_commit_callbacks(execute=True):
            assert nightly_tick.delay().get() == 1
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [coach.email] + [a.user.email for a in roster])
        assert Digest.objects.count() == 4
        assert not Finding.objects.filter(severity="error", notified_at__isnull=True).exists()
