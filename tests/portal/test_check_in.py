"""The daily check-in in the portal: five taps and a save, a second save updates the day, the
week page asks for today's until it is in and then shows its readiness."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.urls import reverse

from scheduling.services import athlete_profile_update, check_in_save
from tests.portal.conftest import World, week_url
from training.models import CheckIn

TAPS = {"sleep": "4", "energy": "3", "soreness": "2", "stress": "4", "mood": "5"}


def url(w: World) -> str:
    return reverse("portal:check_in", args=[w.athlete.pk])


def test_each_item_is_a_row_of_five_words_to_tap(world: World, client) -> None:
    client.force_login(world.athlete.user)
    html = client.get(url(world)).content.decode()
    for item, first, last in [("sleep", "very poor", "great"), ("energy", "drained", "full"),
                              ("soreness", "very sore", "fresh"), ("stress", "very high",
                                                                  "relaxed"),
                              ("mood", "very low", "great")]:
        radios = re.findall(rf'<input type="radio" name="{item}" value="(\d)"', html)
        assert radios == ["1", "2", "3", "4", "5"], item
        assert f'<b>1</b> {first}</label>' in html and f'<b>5</b> {last}</label>' in html
    assert html.count('class="segmented"') == 5
    assert f'value="{world.today.isoformat()}"' in html  # the day: the athlete's today


def test_five_taps_and_a_save_then_a_second_save_updates_the_day(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.post(url(world), {"date": world.today.isoformat(), **TAPS})
    assert response.status_code == 302
    assert response["Location"] == f"{week_url(world)}?week={world.today.isoformat()}"
    again = client.post(url(world), {"date": world.today.isoformat(), **TAPS, "soreness": "4"},
                        follow=True)
    assert "Check-in updated: readiness 4.0 of 5." in again.content.decode()
    row = CheckIn.objects.get(athlete=world.athlete)
    assert (row.date, row.soreness, row.readiness) == (world.today, 4, 4.0)


def test_an_item_left_untapped_is_asked_for_and_nothing_is_saved(world: World, client) -> None:
    client.force_login(world.athlete.user)
    taps = {k: v for k, v in TAPS.items() if k != "mood"}
    response = client.post(url(world), {"date": world.today.isoformat(), **taps})
    assert response.status_code == 200
    assert response.context["form"].errors == {"mood": ["Tap one."]}
    assert not CheckIn.objects.exists()


def test_a_day_still_to_come_is_refused_on_the_day(world: World, client) -> None:
    client.force_login(world.athlete.user)
    tomorrow = (world.today + dt.timedelta(days=1)).isoformat()
    response = client.post(url(world), {"date": tomorrow, **TAPS})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "date": ["A check-in is for today or a day gone by."]}


def test_body_weight_is_in_the_athletes_units(world: World, client) -> None:
    athlete_profile_update(athlete=world.athlete, units="imperial")
    client.force_login(world.athlete.user)
    client.post(url(world), {"date": world.today.isoformat(), **TAPS, "body_weight": "150",
                             "resting_hr": "48", "hrv_ms": "82"})
    row = CheckIn.objects.get()
    assert (row.body_weight_kg, row.resting_hr, row.hrv_ms) == (Decimal("68.04"), 48, 82)
    html = client.get(url(world)).content.decode()
    assert "Body weight (lb)" in html and 'name="body_weight" value="150"' in html


def test_an_earlier_day_opens_with_what_was_saved(world: World, client) -> None:
    yesterday = world.today - dt.timedelta(days=1)
    check_in_save(actor=world.athlete.user, athlete=world.athlete, date=yesterday, sleep=2,
                  energy=2, soreness=1, stress=3, mood=2)
    client.force_login(world.athlete.user)
    html = client.get(url(world), {"date": yesterday.isoformat()}).content.decode()
    assert 'name="soreness" value="1" id="id_soreness_0" required checked' in html
    assert "saved: readiness 2.0 of 5" in html


def test_the_week_asks_for_todays_check_in_then_shows_its_readiness(world: World,
                                                                    client) -> None:
    client.force_login(world.athlete.user)
    html = client.get(week_url(world)).content.decode()
    assert "How do you feel today?" in html and f'href="{url(world)}"' in html
    client.post(url(world), {"date": world.today.isoformat(), **TAPS, "resting_hr": "50"})
    html = client.get(week_url(world)).content.decode()
    assert "How do you feel today?" not in html
    assert "Today's readiness: <strong>3.6</strong> of 5" in html
    assert "leg soreness 2" in html and "resting HR 50 bpm" in html


def test_a_coach_sees_the_athletes_day_and_may_check_in_for_them(world: World, client,
                                                                  coach) -> None:
    client.force_login(coach)
    html = client.get(week_url(world)).content.decode()
    assert "No check-in today" in html and "Check in for Ada Athlete" in html
    assert client.post(url(world), {"date": world.today.isoformat(), **TAPS}).status_code == 302
    assert CheckIn.objects.get().created_by == coach
