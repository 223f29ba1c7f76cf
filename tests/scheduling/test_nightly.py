"""The nightly pass: who is due, the claim, chunks, idempotency, failures, digests."""

import datetime as dt
import gc
import importlib
import threading
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection
from django_celery_beat.models import PeriodicTask

from athletes.models import AthleteProfile, Membership, User
from athletes.services import athlete_create, athlete_profile_ensure, coach_digest_set
from scheduling.models import CheckChunk, CheckRun, Digest, Finding
from scheduling.services import PrescriptionInput, checks, planned_session_create
from scheduling.services.nightly import (
    chunk_process,
    nightly_claim,
    run_finish_if_done,
    zones_at_night,
)
from scheduling.tasks import nightly_tick

UTC = dt.UTC


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


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

        def spy(window):
            seen.append(gc.isenabled())
            return real(window)

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

        def flaky(window):
            if window.athlete_id == roster[1].pk:
                raise ValueError("corrupt session")
            return real(window)

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
class TestDigests:
    def test_one_email_per_person_with_all_their_findings(self, roster, coach):
        run_night()
        by_person = {m.to[0]: m for m in mail.outbox}
        assert sorted(by_person) == sorted([coach.email] + [a.user.email for a in roster])
        coach_mail = by_person[coach.email].body
        assert all(f"== Runner {i} ==" in coach_mail for i in range(3))
        assert coach_mail.count("[ERROR]") == 3
        first = Finding.objects.filter(athlete=roster[0], severity="error").get()
        day = first.first_date
        assert f"[ERROR] {day:%a} {day.day} {day:%b}: {first.title}" in coach_mail
        assert "/athletes/" in coach_mail and "/week/?week=2026-W48" in coach_mail
        assert by_person[roster[0].user.email].body.count("[ERROR]") == 1
        assert "1 error" in by_person[roster[0].user.email].subject

    def test_nothing_new_nothing_sent(self, roster):
        run_night()
        sent = len(mail.outbox)
        unchecked(roster)
        run_night()
        assert len(mail.outbox) == sent

    def test_one_digest_a_night_even_with_two_runs_and_what_waits_goes_the_next_night(
            self, roster, coach):
        run_night()
        Finding.objects.update(notified_at=None)  # as if new findings came in a later run
        Digest.items.through.objects.all().delete()
        unchecked(roster)
        sent = len(mail.outbox)
        run_night(now=NIGHT + dt.timedelta(hours=1))
        assert len(mail.outbox) == sent
        assert Digest.objects.filter(user=coach).count() == 1
        assert not Finding.objects.filter(notified_at__isnull=False).exists()  # they wait
        unchecked(roster)
        run_night(now=NIGHT + dt.timedelta(days=1))
        by_person = {m.to[0]: m.body for m in mail.outbox[sent:]}
        assert sorted(by_person) == sorted([coach.email] + [a.user.email for a in roster])
        assert by_person[coach.email].count("[ERROR]") == 3
        assert all(by_person[a.user.email].count("[ERROR]") == 1 for a in roster)

    def test_a_coach_whose_roster_spans_zones_hears_of_every_finding_once(self, coach):
        """Berlin's 02:30 is 01:30 UTC and New York's is 07:30 UTC: two runs of one UTC night.
        The coach's digest goes with Berlin's run; New York's findings wait for the next."""
        berlin, new_york = (
            athlete_create(email=f"{city}@example.com", name=city, password="x",
                           timezone=zone, roster=coach.rosters.get())
            for city, zone in [("Berlin", "Europe/Berlin"), ("NewYork", "America/New_York")])
        with mock.patch("scheduling.services.recheck.send_on_commit"):
            for who in (berlin, new_york):
                heavy_before_intervals(who, dt.date(2026, 11, 25))

        def coach_errors() -> list[str]:
            bodies = [m.body for m in mail.outbox if m.to == [coach.email]]
            return [line for body in bodies for line in body.splitlines() if "==" in line]

        run_night(now=at(2026, 11, 25, 1, 30))
        assert coach_errors() == ["== Berlin =="]
        run_night(now=at(2026, 11, 25, 7, 30))
        assert coach_errors() == ["== Berlin =="]  # one digest a night
        assert [m.to for m in mail.outbox].count([new_york.user.email]) == 1
        run_night(now=at(2026, 11, 26, 1, 30))  # nothing new in Berlin
        assert coach_errors() == ["== Berlin ==", "== NewYork =="]
        run_night(now=at(2026, 11, 26, 7, 30))
        run_night(now=at(2026, 11, 27, 1, 30))
        assert coach_errors() == ["== Berlin ==", "== NewYork =="]  # never twice

    def test_each_coach_of_an_athlete_hears_of_their_finding(self, roster, coach, other_coach):
        Membership.objects.create(roster=other_coach.rosters.get(), athlete=roster[0])
        run_night()
        other = [m.body for m in mail.outbox if m.to == [other_coach.email]]
        assert len(other) == 1 and other[0].count("[ERROR]") == 1
        unchecked(roster)
        run_night(now=NIGHT + dt.timedelta(days=1))
        assert [m.to for m in mail.outbox].count([other_coach.email]) == 1

    def test_an_inactive_athletes_findings_are_not_kept_waiting(self, roster):
        User.objects.filter(pk=roster[0].user_id).update(is_active=False)
        run_night()
        assert roster[0].user.email not in {m.to[0] for m in mail.outbox}
        waiting = Finding.objects.filter(notified_at__isnull=True, severity="error")
        assert not waiting.exists()

    def test_the_findings_told_before_digests_kept_them_are_not_told_again(
            self, roster, coach):
        run_night()
        Digest.items.through.objects.all().delete()  # a digest sent before the migration
        migration = importlib.import_module("scheduling.migrations.0006_digest_items")
        with mock.patch("django.utils.timezone.now", return_value=NIGHT):
            migration.told_before(apps, None)
            migration.told_before(apps, None)  # again: nothing doubles
        assert Digest.items.through.objects.count() == 3  # the coach's three errors
        sent = len(mail.outbox)
        unchecked(roster)
        run_night(now=NIGHT + dt.timedelta(days=1))
        assert len(mail.outbox) == sent

    def test_the_digest_says_where_to_stop_it(self, roster, coach):
        run_night()
        body = next(m.body for m in mail.outbox if m.to == [coach.email])
        assert body.rstrip().endswith(f"{settings.SITE_URL}/settings/")

    @pytest.mark.parametrize("own_opt_out", [False, True])
    def test_a_coach_who_trains_gets_their_own_findings_in_the_same_email(
            self, roster, coach, own_opt_out):
        own = athlete_profile_ensure(user=coach)
        AthleteProfile.objects.filter(pk=own.pk).update(
            timezone="America/Los_Angeles", digest_opt_out=own_opt_out)
        with mock.patch("scheduling.services.recheck.send_on_commit"):
            heavy_before_intervals(own, dt.date(2026, 11, 25))
        run_night()
        mails = [m for m in mail.outbox if m.to == [coach.email]]
        assert len(mails) == 1  # one digest a night
        assert mails[0].body.count("[ERROR]") == 3 + (not own_opt_out)
        own_week = f"{settings.SITE_URL}/week/?week="  # the coach's own week, not /athletes/
        assert (own_week in mails[0].body) is not own_opt_out

    def test_opting_out_stops_the_digest(self, roster, coach):
        assert coach_digest_set(coach=coach, opt_out=True)  # the coach's settings page
        AthleteProfile.objects.filter(pk=roster[0].pk).update(digest_opt_out=True)
        run_night()
        recipients = {m.to[0] for m in mail.outbox}
        assert coach.email not in recipients and roster[0].user.email not in recipients
        assert roster[1].user.email in recipients


@pytest.mark.django_db
def test_the_beat_schedule_holds_the_hourly_tick():
    task = PeriodicTask.objects.get(task="scheduling.tasks.nightly_tick")
    assert task.enabled and task.crontab.minute == "0" and task.crontab.hour == "*"


@pytest.mark.django_db
def test_recheck_by_hand(roster, capsys):
    call_command("recheck", "--all")
    assert f"3 athletes checked, {Finding.objects.count()} new" in capsys.readouterr().out
    call_command("recheck", "--athlete", roster[0].user.email)
    kept = Finding.objects.filter(athlete=roster[0]).count()
    assert f"1 athletes checked, 0 new, {kept} kept" in capsys.readouterr().out
