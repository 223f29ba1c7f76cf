"""Onboarding in a minute: the invitation's link opens sign-up with the invited address fixed,
a new account lands on the first-run step (and is sent back to it until done), and the zone
picker lists canonical zones only."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from athletes.models import AthleteProfile, Invitation, Membership, User
from athletes.services import invitation_create
from portal.support import ZONE_COOKIE

SIGNUP = {"name": "Nia New", "password1": "a-long-pass-phrase-42",
          "password2": "a-long-pass-phrase-42"}
FIRST_RUN = {"timezone": "America/Denver", "units": "imperial", "level": "beginner",
             "equipment": "home", "home_items": ["dumbbells", "band"],
             "days-TOTAL_FORMS": "7", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "7",
             "days-MAX_NUM_FORMS": "7",
             **{f"days-{i}-available": "on" for i in (1, 3, 5)},
             **{f"days-{i}-earliest": "06:30" for i in range(7)},
             **{f"days-{i}-latest": "19:00" for i in range(7)}}


@pytest.fixture
def invited(coach) -> tuple[Invitation, str]:
    return invitation_create(roster=coach.rosters.get(), email="nia@example.com",
                             invited_by=coach)


def _open_link(client, token: str):
    return client.get(reverse("portal:invitation", args=[token]))


def test_the_link_opens_sign_up_with_the_invited_address_fixed(client, invited) -> None:
    response = _open_link(client, invited[1])
    assert response["Location"] == reverse("account_signup")
    page = client.get(reverse("account_signup"))
    email = page.context["form"]["email"]
    assert email.value() == "nia@example.com"
    assert email.field.disabled
    assert 'name="email"' in str(email) and "disabled" in str(email)
    assert "Your name" in page.content.decode()


def test_a_tampered_address_is_ignored_and_the_invitee_joins_verified(
        client, invited, coach) -> None:
    _open_link(client, invited[1])
    response = client.post(reverse("account_signup"),
                           {**SIGNUP, "email": "mallory@example.com"})
    assert response.status_code == 302
    user = User.objects.get(name="Nia New")
    assert user.email == "nia@example.com"
    assert not User.objects.filter(email="mallory@example.com").exists()
    assert EmailAddress.objects.get(user=user).verified  # only its owner had the link
    assert Membership.objects.filter(athlete__user=user, roster=coach.rosters.get()).exists()
    assert user.first_run_due
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:first_run")


def test_an_address_with_an_account_logs_in_to_accept(client, invited, stranger) -> None:
    stranger.email = "nia@example.com"
    stranger.save()
    response = _open_link(client, invited[1])
    assert response["Location"].startswith(reverse("account_login"))


def test_an_expired_link_says_so_and_opens_no_sign_up(client, invited) -> None:
    Invitation.objects.filter(pk=invited[0].pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = _open_link(client, invited[1])
    assert response.status_code == 200
    assert "expired" in response.content.decode()
    assert not client.get(reverse("account_signup")).context["form"].fields["email"].disabled


def test_self_sign_up_asks_a_name_and_leads_to_the_first_run(client, db) -> None:
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": "solo@example.com"})
    assert response.status_code == 302
    user = User.objects.get(email="solo@example.com")
    assert user.name == "Nia New" and user.first_run_due
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:first_run")


def test_a_new_athlete_is_sent_to_the_first_run_from_portal_pages_until_done(
        client, coach) -> None:
    user = User.objects.create_user(email="fresh@example.com", password="x", name="Fresh",
                                    first_run_due=True)
    client.force_login(user)
    for name in ("portal:settings", "portal:my_week", "portal:rules"):
        response = client.get(reverse(name))
        if name != "portal:rules":  # the rulebook is public
            assert response["Location"] == reverse("portal:first_run"), name
    assert client.post(reverse("portal:first_run"), FIRST_RUN).status_code == 302
    user.refresh_from_db()
    assert not user.first_run_due
    assert client.get(reverse("portal:settings")).status_code == 200
    # Done, the step is the settings page: nothing there to overwrite them by mistake.
    assert client.get(reverse("portal:first_run"))["Location"] == reverse("portal:settings")


def test_the_first_run_saves_the_profile_and_the_days(client, db) -> None:
    user = User.objects.create_user(email="fresh@example.com", password="x", first_run_due=True)
    client.force_login(user)
    client.post(reverse("portal:first_run"), {**FIRST_RUN, "timezone": "US/Mountain"})
    athlete = AthleteProfile.objects.get(user=user)
    assert athlete.timezone == "America/Denver"  # the alias, as its canonical zone
    assert (athlete.units, athlete.level, athlete.equipment) == ("imperial", "beginner", "home")
    assert athlete.home_items == ["dumbbells", "band"]
    assert [a.weekday for a in athlete.availability.all()] == [1, 3, 5]
    assert athlete.availability.first().earliest == dt.time(6, 30)


@pytest.mark.parametrize("zone", ["", "Etc/GMT+5", "Mars/Olympus"])
def test_the_first_run_refuses_no_zone_or_one_nobody_lives_in(client, db, zone: str) -> None:
    user = User.objects.create_user(email="fresh@example.com", password="x", first_run_due=True)
    client.force_login(user)
    response = client.post(reverse("portal:first_run"), {**FIRST_RUN, "timezone": zone})
    assert response.status_code == 200
    assert response.context["form"].errors["timezone"]
    user.refresh_from_db()
    assert user.first_run_due


def test_the_first_run_starts_from_the_browsers_zone_never_utc(client, db) -> None:
    user = User.objects.create_user(email="fresh@example.com", password="x", first_run_due=True)
    client.force_login(user)
    assert client.get(reverse("portal:first_run")).context["form"]["timezone"].value() == ""
    client.cookies[ZONE_COOKIE] = "Asia/Calcutta"
    page = client.get(reverse("portal:first_run"))
    assert page.context["form"]["timezone"].value() == "Asia/Kolkata"
    assert "portal/zone-picker.js" in page.content.decode()


def test_the_picker_lists_canonical_zones_only(client, athlete) -> None:
    client.force_login(athlete.user)
    html = client.get(reverse("portal:settings")).content.decode()
    assert '<datalist id="zone-list">' in html
    assert 'value="America/Denver"' in html
    assert 'value="US/Pacific"' not in html and 'value="Etc/GMT+5"' not in html


def test_settings_keep_a_zone_set_through_the_api_and_take_an_alias_as_its_zone(
        client, athlete) -> None:
    def settings_post(timezone: str) -> dict[str, str]:
        return {"timezone": timezone, "units": "metric", "level": "intermediate",
                "equipment": "gym", "plate_step": "2.5", "days-TOTAL_FORMS": "7",
                "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "7",
                "days-MAX_NUM_FORMS": "7"}

    AthleteProfile.objects.filter(pk=athlete.pk).update(timezone="Etc/GMT+5")
    client.force_login(athlete.user)
    assert client.post(reverse("portal:settings"),
                       settings_post(timezone="Etc/GMT+5")).status_code == 302
    athlete.refresh_from_db()
    assert athlete.timezone == "Etc/GMT+5"
    client.post(reverse("portal:settings"), settings_post(timezone="US/Pacific"))
    athlete.refresh_from_db()
    assert athlete.timezone == "America/Los_Angeles"
