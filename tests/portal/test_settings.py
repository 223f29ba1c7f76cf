"""The settings page: the athlete's profile and availability, the calendar link, the
coach's roster digest (the plate step in its units: test_plate_step.py)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from tests.portal.conftest import World


def test_settings_save_profile_availability_and_digest_opt_out(world: World, client) -> None:
    client.force_login(world.athlete.user)
    data = {"timezone": "America/Chicago", "units": "imperial", "level": "advanced",
            "equipment": "home", "home_items": ["dumbbells", "band"], "plate_step": "1.25",
            "digest_opt_out": "on", "days-TOTAL_FORMS": "7", "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "7", "days-MAX_NUM_FORMS": "7"}
    for i in range(7):
        if i in (1, 3):
            data |= {f"days-{i}-available": "on", f"days-{i}-earliest": "06:00",
                     f"days-{i}-latest": "19:00"}
    assert client.post(reverse("portal:settings"), data).status_code == 302
    world.athlete.refresh_from_db()
    assert world.athlete.timezone == "America/Chicago" and world.athlete.digest_opt_out
    assert world.athlete.home_items == ["dumbbells", "band"]
    assert [a.weekday for a in world.athlete.availability.all()] == [1, 3]
    # 1.25 typed along with the switch to imperial: 1.25 lb
    assert world.athlete.plate_step_kg == Decimal("0.57")


def test_settings_show_the_calendar_link_and_a_new_one_retires_it(world: World, client) -> None:
    athlete = world.athlete
    client.force_login(athlete.user)
    html = client.get(reverse("portal:settings")).content.decode()
    feed = reverse("api-athlete-calendar", kwargs={"athlete_id": athlete.pk})
    old = f"{feed}?token={athlete.calendar_token}"
    assert old in html
    client.logout()  # the feed needs no login: the secret is the key
    assert client.get(old).status_code == 200
    client.force_login(athlete.user)
    response = client.post(reverse("portal:calendar_rotate"))
    assert response["Location"] == reverse("portal:settings") + "#calendar"
    athlete.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(f"{feed}?token={athlete.calendar_token}").status_code == 200
    assert f"{feed}?token={athlete.calendar_token}" in client.get(
        reverse("portal:settings")).content.decode()


def test_a_coach_has_no_calendar_link(client, coach) -> None:
    client.force_login(coach)
    assert "Calendar link" not in client.get(reverse("portal:settings")).content.decode()
    assert client.post(reverse("portal:calendar_rotate")).status_code == 404


def test_a_coach_turns_the_roster_digest_off_and_on_in_settings(world: World, client,
                                                                 coach) -> None:
    client.force_login(coach)
    page = client.get(reverse("portal:settings")).content.decode()
    assert "Don&#x27;t email me the nightly roster digest" in page
    url = reverse("portal:settings")
    response = client.post(url, {"coach-form": "1", "coach-roster_digest_opt_out": "on"})
    assert response["Location"].endswith("#email")
    coach.refresh_from_db()
    assert coach.digest_opt_out
    client.post(url, {"coach-form": "1"})  # an unticked box is not posted
    coach.refresh_from_db()
    assert not coach.digest_opt_out


def test_an_athlete_has_no_roster_digest_to_set(world: World, client) -> None:
    client.force_login(world.athlete.user)
    assert "roster digest" not in client.get(reverse("portal:settings")).content.decode()
    client.post(reverse("portal:settings"), {"coach-form": "1",
                                             "coach-roster_digest_opt_out": "on"})
    world.athlete.user.refresh_from_db()
    assert not world.athlete.user.digest_opt_out
