"""The rosters in the coach admin go through the people services, as in the portal."""

import pytest

from athletes.models import Membership, Roster
from tests.scheduling.test_admin import PASSWORD, _change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_client(client, coach):
    client.login(username=coach.email, password=PASSWORD)
    return client


def test_an_athlete_taken_off_a_roster_in_the_admin_loses_the_coachs_calendar_link(
    coach_client, coach, athlete
):
    roster = coach.rosters.get()
    feed_secret = athlete.calendar_token
    url = f"/admin/athletes/roster/{roster.pk}/change/"
    data = _change_form(coach_client, url)
    membership = Membership.objects.get(roster=roster, athlete=athlete)
    data |= {"memberships-0-id": membership.pk, "memberships-0-roster": roster.pk,
             "memberships-0-athlete": athlete.pk, "memberships-0-DELETE": "on"}
    assert coach_client.post(url, data).status_code == 302
    assert not roster.memberships.exists()
    athlete.refresh_from_db()
    assert athlete.calendar_token != feed_secret


def test_a_roster_added_in_the_admin_belongs_to_a_coach(client, django_user_model, athlete):
    django_user_model.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)
    url = "/admin/athletes/roster/add/"
    refused = client.post(url, _change_form(client, url, name="Track", coach=athlete.user.pk))
    assert refused.status_code == 200
    assert "Only coaches have rosters." in refused.content.decode()
    assert not Roster.objects.filter(name="Track").exists()
