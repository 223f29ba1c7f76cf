"""The races and phases page: the coach adds, edits and removes races and adjusts a phase's
dates; the athlete manages their own races (as the API lets them) and reads the phases."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from scheduling.models import PhaseBlock, Race
from scheduling.services import race_create
from tests.portal.conftest import World, week_url


def _goal(world: World, days: int = 120) -> Race:
    return race_create(athlete=world.athlete, name="Seville Half", distance_m=21097,
                       date=world.today + dt.timedelta(days=days))


def test_the_coach_adds_a_goal_race_and_sees_the_phases_it_lays(world: World, client,
                                                                coach) -> None:
    client.force_login(coach)
    url = reverse("portal:races", args=[world.athlete.pk])
    day = world.today + dt.timedelta(days=100)
    response = client.post(url, {"name": "Seville Half", "date": day.isoformat(),
                                 "start_time": "08:30", "distance": "21.1", "priority": "A"})
    assert response.status_code == 302
    race = Race.objects.get(athlete=world.athlete)
    assert (race.distance_m, race.start_time, race.priority) == (21100, dt.time(8, 30), "A")
    page = client.get(url).content.decode()
    assert "Seville Half" in page and "in 100 days" in page
    for phase in ("Race-specific", "Taper", "Recovery"):
        assert phase in page
    taper = PhaseBlock.objects.get(race=race, phase="taper")
    assert reverse("portal:phase_dates", args=[taper.pk]) in page


def test_a_bad_race_is_a_form_error_on_its_field(world: World, client, coach) -> None:
    client.force_login(coach)
    response = client.post(reverse("portal:races", args=[world.athlete.pk]), {
        "name": "Tiny", "date": world.today.isoformat(), "distance": "0.05", "priority": "C"})
    assert response.status_code == 200
    assert response.context["form"].errors["distance"]
    assert not Race.objects.exists()


def test_the_coach_edits_and_removes_a_race(world: World, client, coach) -> None:
    race = _goal(world)
    client.force_login(coach)
    edit = reverse("portal:race_edit", args=[race.pk])
    form = client.get(edit).content.decode()
    assert 'value="Seville Half"' in form and 'value="21.097"' in form
    new_day = race.date + dt.timedelta(days=7)
    assert client.post(edit, {"name": "Seville Half", "date": new_day.isoformat(),
                              "distance": "21.097", "priority": "A"}).status_code == 302
    race.refresh_from_db()
    assert race.date == new_day
    assert PhaseBlock.objects.get(race=race, phase="taper").end == new_day
    client.post(reverse("portal:race_remove", args=[race.pk]))
    assert not Race.objects.exists() and not PhaseBlock.objects.exists()


def test_the_coach_moves_a_phase_and_its_neighbour_follows(world: World, client,
                                                         coach) -> None:
    race = _goal(world)
    specific = PhaseBlock.objects.get(race=race, phase="race_specific")
    taper = PhaseBlock.objects.get(race=race, phase="taper")
    client.force_login(coach)
    new_end = specific.end + dt.timedelta(days=3)
    prefix = f"phase{specific.pk}"
    response = client.post(reverse("portal:phase_dates", args=[specific.pk]), {
        f"{prefix}-start": specific.start.isoformat(), f"{prefix}-end": new_end.isoformat()})
    assert response.status_code == 302
    taper.refresh_from_db()
    assert taper.start == new_end + dt.timedelta(days=1)


def test_an_overlapping_phase_is_a_form_error_on_the_row(world: World, client, coach) -> None:
    race = _goal(world)
    taper = PhaseBlock.objects.get(race=race, phase="taper")
    recovery = PhaseBlock.objects.get(race=race, phase="recovery")
    client.force_login(coach)
    prefix = f"phase{taper.pk}"
    response = client.post(reverse("portal:phase_dates", args=[taper.pk]), {
        f"{prefix}-start": taper.start.isoformat(), f"{prefix}-end": recovery.end.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "leaves Recovery no days" in html
    assert f'id="id_{prefix}-end_error"' in html
    taper.refresh_from_db()
    assert taper.end == race.date


def test_the_athlete_manages_their_races_and_reads_the_phases(world: World, client) -> None:
    race = _goal(world)
    client.force_login(world.athlete.user)
    url = reverse("portal:races", args=[world.athlete.pk])
    page = client.get(url).content.decode()
    assert "Your coach sets your phases" in page
    assert reverse("portal:race_edit", args=[race.pk]) in page
    assert "phase_dates" not in page and "/phases/" not in page
    taper = PhaseBlock.objects.get(race=race, phase="taper")
    prefix = f"phase{taper.pk}"
    response = client.post(reverse("portal:phase_dates", args=[taper.pk]), {
        f"{prefix}-start": (taper.start - dt.timedelta(days=3)).isoformat(),
        f"{prefix}-end": taper.end.isoformat()})
    assert response.status_code == 302
    taper.refresh_from_db()
    assert taper.start == race.date - dt.timedelta(days=10)


def test_the_week_links_to_the_races_page(world: World, client) -> None:
    race = _goal(world, days=3)
    client.force_login(world.athlete.user)
    html = client.get(week_url(world), {"week": race.date.isoformat()}).content.decode()
    assert f'{reverse("portal:races", args=[world.athlete.pk])}#race-{race.pk}' in html
