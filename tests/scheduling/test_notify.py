"""The nightly digests (scheduling/services/notify.py): one email per person per night, each
finding told to each person once, what cannot go tonight kept for the next."""

import datetime as dt
from smtplib import SMTPRecipientsRefused
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from athletes.models import AthleteProfile, Membership, User
from athletes.services import athlete_create, athlete_profile_ensure, coach_digest_set
from scheduling.models import Digest, Finding
from scheduling.services import notify
from scheduling.services.notify import digests_for_athletes
from tests.scheduling.conftest import NIGHT, at, heavy_before_intervals, run_night, unchecked

TONIGHT = NIGHT.date()


def to(user: User) -> list[str]:
    return [m.body for m in mail.outbox if m.to == [user.email]]


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
class TestToldOnce:
    """Each finding reaches each person who wants it once: not lost, not twice."""

    def make(self, athlete: AthleteProfile, **fields) -> Finding:
        values = {"rule": "SAME_DAY_TOO_CLOSE", "severity": "warning", "fingerprint": "x",
                  "first_date": TONIGHT, "last_date": TONIGHT, "title": "Too close",
                  "explanation": "e", "first_seen": NIGHT, "last_seen": NIGHT} | fields
        return Finding.objects.create(athlete=athlete, **values)

    def test_an_info_long_known_that_turns_into_a_warning_is_news_to_the_coach(
            self, coach, athlete):
        """Findings are checked two weeks ahead: one can be first seen long before it
        matters. Its identity holds when its severity rises, and an info is never sent."""
        self.make(athlete, first_seen=NIGHT - dt.timedelta(days=11))  # an info until today
        digests_for_athletes(athlete_ids=[athlete.pk], night=TONIGHT)
        assert len(to(athlete.user)) == 1 and len(to(coach)) == 1

    def test_a_finding_a_digest_of_an_earlier_night_carried_is_not_carried_again(
            self, coach, athlete):
        """A run that starts at 23:30 UTC has that date for its night; its findings may be
        first seen, and told, after midnight."""
        self.make(athlete, first_seen=at(2026, 11, 26, 0, 5))
        for day in range(10):
            digests_for_athletes(athlete_ids=[athlete.pk],
                                 night=TONIGHT + dt.timedelta(days=day))
        assert len(to(coach)) == len(to(athlete.user)) == 1

    def test_a_finding_the_mail_server_refused_goes_the_next_night(self, coach, athlete):
        self.make(athlete)
        refused = SMTPRecipientsRefused({coach.email: (550, b"mailbox full")})
        with mock.patch.object(notify.EmailMessage, "send", side_effect=refused):
            assert digests_for_athletes(athlete_ids=[athlete.pk], night=TONIGHT) == 0
        assert not Digest.objects.exists()  # the claims are undone with the mail
        assert Finding.objects.get().notified_at is None
        assert digests_for_athletes(athlete_ids=[athlete.pk],
                                    night=TONIGHT + dt.timedelta(days=1)) == 2
        assert len(to(coach)) == len(to(athlete.user)) == 1

    def test_a_mail_server_out_of_reach_sends_nothing_and_loses_nothing(self, coach, athlete):
        self.make(athlete)
        with mock.patch.object(notify, "get_connection", side_effect=ConnectionRefusedError):
            assert digests_for_athletes(athlete_ids=[athlete.pk], night=TONIGHT) == 0
        assert digests_for_athletes(athlete_ids=[athlete.pk],
                                    night=TONIGHT + dt.timedelta(days=1)) == 2

    def test_a_coach_who_had_tonights_digest_costs_no_more_reading(
            self, coach, athlete, django_assert_num_queries):
        self.make(athlete)
        Digest.objects.create(user=coach, night=TONIGHT)
        Finding.objects.update(notified_at=NIGHT)  # nothing for the athlete either
        # coaches of the run; the coaches with tonight's digest; the athletes' findings; the
        # athletes' new comments (none: their read markers and past digests are not read)
        with django_assert_num_queries(4):
            assert digests_for_athletes(athlete_ids=[athlete.pk], night=TONIGHT) == 0

    def test_the_findings_told_before_digests_kept_them_are_not_told_again(
            self, coach, athlete, other_coach):
        """The migration, on the models as they were then: findings told lately count as
        carried by each coach's latest digest; older ones, and other coaches', are left."""
        Membership.objects.create(roster=other_coach.rosters.get(), athlete=athlete)
        latest = Digest.objects.create(user=coach, night=TONIGHT - dt.timedelta(days=1))
        Digest.objects.create(user=coach, night=TONIGHT - dt.timedelta(days=2))
        # told 7 days and 5 hours before: inside the week a digest looks back on tonight
        lately = self.make(athlete, fingerprint="lately",
                           notified_at=NIGHT - dt.timedelta(days=7, hours=5))
        self.make(athlete, fingerprint="long ago", notified_at=NIGHT - dt.timedelta(days=9))
        executor = MigrationExecutor(connection)
        then = executor.loader.project_state([("scheduling", "0006_digest_items")]).apps
        migration = executor.loader.get_migration("scheduling", "0006_digest_items")
        told_before = migration.operations[-1].code
        with mock.patch("django.utils.timezone.now", return_value=NIGHT):
            told_before(then, None)
            told_before(then, None)  # again: nothing doubles
        carried = Digest.items.through.objects.values_list("digest_id", "finding_id")
        assert list(carried) == [(latest.pk, lately.pk)]
        digests_for_athletes(athlete_ids=[athlete.pk], night=TONIGHT)
        assert to(coach) == [] and len(to(other_coach)) == 1  # who had no digest lately
