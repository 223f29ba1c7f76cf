import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from athletes.models import AthleteProfile, Availability, Membership, User

pytestmark = pytest.mark.django_db


def test_it_logs_in_by_email_whatever_the_case(client, athlete):
    assert client.login(username="ATHLETE@Example.com", password="correct-horse-battery-9")


def test_it_stores_emails_lowercased(db):
    user = User.objects.create_user(email="Mixed.Case@Example.COM", password="x")
    assert user.email == "mixed.case@example.com"


def test_it_refuses_the_same_email_in_another_case(db):
    User.objects.create_user(email="a@example.com", password="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="A@EXAMPLE.com")


def test_the_database_refuses_a_weekday_past_sunday(athlete):
    with pytest.raises(IntegrityError), transaction.atomic():
        Availability.objects.create(athlete=athlete, weekday=7, earliest=dt.time(6),
                                    latest=dt.time(9))


def test_the_database_refuses_an_earliest_after_the_latest(athlete):
    with pytest.raises(IntegrityError), transaction.atomic():
        Availability.objects.create(athlete=athlete, weekday=1, earliest=dt.time(10),
                                    latest=dt.time(9))


def test_the_database_refuses_a_zero_plate_step(athlete):
    with pytest.raises(IntegrityError), transaction.atomic():
        AthleteProfile.objects.filter(pk=athlete.pk).update(plate_step_kg=0)


def test_an_athlete_is_on_a_roster_once(athlete, coach):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(roster=coach.rosters.get(), athlete=athlete)
