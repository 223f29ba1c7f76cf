"""The nightly digests carry the threads: each person's new comments (another person's, on
the athletes they see, unread, since their previous digest), pain flags first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from athletes.models import AthleteProfile, User
from scheduling.models import Digest
from scheduling.services import comment_create, comment_mark_read, run_create
from scheduling.services.notify import digests_for_athletes

pytestmark = pytest.mark.django_db


def to(user: User) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.fixture
def run(athlete: AthleteProfile):
    return run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 12, 1),
                      distance_m=10_000, duration_s=3000)


def night(days: int = 0) -> dt.date:
    return timezone.now().date() + dt.timedelta(days=days)


def test_the_coach_hears_of_the_pain_flag_and_the_athlete_of_the_reply(
        athlete, coach, run) -> None:
    comment_create(author=athlete.user, run=run, body="Felt fine.")
    comment_create(author=athlete.user, run=run, body="Knee ached downhill.\nStill does.",
                   pain_area="knee", pain_score=6)
    comment_create(author=coach, run=run, body="Walk the descents for now.")
    assert digests_for_athletes(athlete_ids=[athlete.pk], night=night()) == 2
    (coach_mail,) = to(coach)
    assert coach_mail.subject == "Apex Zone: 1 pain flag, 2 new comments"
    body = coach_mail.body
    assert "== Ada Athlete ==" in body and "[ERROR]" not in body
    pain = body.index("[PAIN knee 6/10] Ada Athlete on the run on Tue 1 Dec:")
    assert pain < body.index("Ada Athlete on the run on Tue 1 Dec:\n  Felt fine.")
    assert "  Knee ached downhill.\n  Still does.\n" in body
    assert f"  Reply: {settings.SITE_URL}/log/runs/{run.pk}/\n" in body
    (athlete_mail,) = to(athlete.user)
    assert athlete_mail.subject == "Apex Zone: 1 new comment"
    assert "Casey Coach on the run on Tue 1 Dec:\n  Walk the descents for now." in (
        athlete_mail.body)
    assert "==" not in athlete_mail.body  # their own sessions: no heading
    assert Digest.objects.get(user=coach).comments == 2


def test_a_comment_is_told_once_and_a_later_one_the_next_night(athlete, coach, run) -> None:
    comment_create(author=athlete.user, run=run, body="First.")
    digests_for_athletes(athlete_ids=[athlete.pk], night=night())
    assert digests_for_athletes(athlete_ids=[athlete.pk], night=night(1)) == 0
    comment_create(author=athlete.user, run=run, body="Second.")
    assert digests_for_athletes(athlete_ids=[athlete.pk], night=night(2)) == 1
    second = to(coach)[-1].body
    assert "Second." in second and "First." not in second


def test_a_comment_read_in_the_portal_is_no_news(athlete, coach, run) -> None:
    said = comment_create(author=athlete.user, run=run, body="Read already.")
    comment_mark_read(user=coach, comments=[said])
    assert digests_for_athletes(athlete_ids=[athlete.pk], night=night()) == 0


def test_an_athlete_who_opted_out_gets_no_comments_and_the_coach_still_does(
        athlete, coach, run) -> None:
    AthleteProfile.objects.filter(pk=athlete.pk).update(digest_opt_out=True)
    comment_create(author=coach, run=run, body="For Ada.")
    comment_create(author=athlete.user, run=run, body="For Casey.")
    assert digests_for_athletes(athlete_ids=[athlete.pk], night=night()) == 1
    assert to(athlete.user) == [] and "For Casey." in to(coach)[0].body


def test_another_rosters_coach_hears_nothing(athlete, coach, other_coach, run) -> None:
    comment_create(author=athlete.user, run=run, body="Ours.")
    digests_for_athletes(athlete_ids=[athlete.pk], night=night())
    assert to(other_coach) == []
