"""The coach's lock in the portal: the coach locks and unlocks from the week; the athlete
sees the lock mark and no Move, Delete or one-click fix for that session, and a post that
tries anyway is refused with the service's words."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from scheduling.models import Finding, PlannedSession
from scheduling.services import planned_session_update
from tests.portal.conftest import World, week_url

HX = {"HTTP_HX_REQUEST": "true"}


def _lock(world: World, coach) -> None:
    planned_session_update(session=world.planned, actor=coach, locked=True)


def test_the_coach_locks_a_session_from_the_week(world: World, client, coach) -> None:
    client.force_login(coach)
    url = reverse("portal:planned_lock", args=[world.planned.pk])
    response = client.post(url, {"locked": "1", "week": world.planned.date.isoformat()}, **HX)
    assert response.status_code == 200
    assert "Locked \u201cHeavy lower\u201d" in response.content.decode()
    assert PlannedSession.objects.get(pk=world.planned.pk).locked
    assert f'data-testid="lock-mark-{world.planned.pk}"' in response.content.decode()
    client.post(url, {"locked": "0"})
    assert not PlannedSession.objects.get(pk=world.planned.pk).locked


def test_the_athlete_sees_the_lock_and_no_move_delete_or_fix(world: World, client,
                                                               coach) -> None:
    _lock(world, coach)
    client.force_login(world.athlete.user)
    page = client.get(week_url(world), {"week": world.planned.date.isoformat()})
    html = page.content.decode()
    pk = world.planned.pk
    assert f'data-testid="lock-mark-{pk}"' in html
    assert reverse("portal:planned_move", args=[pk]) not in html
    assert reverse("portal:planned_delete", args=[pk]) not in html
    assert reverse("portal:planned_lock", args=[pk]) not in html
    assert f'data-testid="fix-{world.finding.pk}-move"' not in html
    assert f'data-testid="fix-{world.finding.pk}-drop"' not in html
    # Logging it is still offered, and the unlocked run keeps its buttons.
    assert f"?planned={pk}" in html
    assert reverse("portal:planned_move", args=[world.planned_run.pk]) in html
    findings = client.get(reverse("portal:athlete_findings", args=[world.athlete.pk]))
    assert reverse("portal:finding_apply", args=[world.finding.pk]) not in (
        findings.content.decode())


def test_the_coach_still_sees_move_delete_and_the_fix(world: World, client, coach) -> None:
    _lock(world, coach)
    client.force_login(coach)
    html = client.get(week_url(world), {"week": world.planned.date.isoformat()}
                      ).content.decode()
    assert reverse("portal:planned_move", args=[world.planned.pk]) in html
    assert reverse("portal:planned_delete", args=[world.planned.pk]) in html
    assert f'data-testid="fix-{world.finding.pk}-move"' in html
    assert "Unlock" in html


def test_an_athletes_post_to_move_delete_or_unlock_is_refused(world: World, client,
                                                                coach) -> None:
    _lock(world, coach)
    client.force_login(world.athlete.user)
    pk, day = world.planned.pk, world.planned.date
    moved = client.post(reverse("portal:planned_move", args=[pk]),
                        {"date": (day + dt.timedelta(days=1)).isoformat()}, **HX)
    assert "coach locked this session" in moved.content.decode()
    deleted = client.post(reverse("portal:planned_delete", args=[pk]), **HX)
    assert "coach locked this session" in deleted.content.decode()
    unlocked = client.post(reverse("portal:planned_lock", args=[pk]), {"locked": "0"}, **HX)
    assert "Only a coach locks" in unlocked.content.decode()
    fixes = Finding.objects.get(pk=world.finding.pk).fixes
    move = next(fix["id"] for fix in fixes if fix["kind"] == "move")
    applied = client.post(reverse("portal:finding_apply", args=[world.finding.pk]),
                          {"fix": move}, **HX)
    assert "coach locked this session" in applied.content.decode()
    session = PlannedSession.objects.get(pk=pk)
    assert (session.date, session.locked) == (day, True)


def test_the_athletes_edit_form_keeps_the_day_and_time_of_a_locked_session(
        world: World, client, coach) -> None:
    _lock(world, coach)
    client.force_login(world.athlete.user)
    url = reverse("portal:planned_edit", args=[world.planned.pk])
    form = client.get(url).content.decode()
    assert 'name="date"' in form and "disabled" in form
    day = world.planned.date
    response = client.post(url, {
        "kind": "strength", "title": "Heavy lower (renamed)",
        "date": (day + dt.timedelta(days=2)).isoformat(), "start_time": "06:00",
        "rx-TOTAL_FORMS": "0", "rx-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    session = PlannedSession.objects.get(pk=world.planned.pk)
    assert (session.title, session.date, session.start_time) == (
        "Heavy lower (renamed)", day, dt.time(19, 0))


def test_the_coach_locks_what_they_plan_for_a_roster_from_the_dashboard(
        world: World, client, coach) -> None:
    roster = coach.rosters.get()
    client.force_login(coach)
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("portal:roster_lock", args=[roster.pk]) in dashboard
    client.post(reverse("portal:roster_lock", args=[roster.pk]), {"lock_sessions": "1"})
    roster.refresh_from_db()
    assert roster.lock_sessions
    new = client.post(reverse("portal:planned_new", args=[world.athlete.pk]), {
        "kind": "run", "run_type": "easy", "date": world.today.isoformat(),
        "rx-TOTAL_FORMS": "0", "rx-INITIAL_FORMS": "0"})
    assert new.status_code == 302
    assert PlannedSession.objects.order_by("-pk").first().locked
    assert "athletes cannot move or delete" in client.get(
        reverse("portal:dashboard")).content.decode()


def test_the_calendar_shows_the_lock_and_no_drag_or_move_to_the_athlete(
        world: World, client, coach) -> None:
    _lock(world, coach)
    url = reverse("portal:athlete_calendar", args=[world.athlete.pk])
    client.force_login(world.athlete.user)
    html = client.get(url).content.decode()
    pk = world.planned.pk
    assert f'data-testid="cal-lock-mark-{pk}"' in html
    assert f'data-move-form="cal-move-{pk}"' not in html and f'id="cal-move-{pk}"' not in html
    assert f'data-move-form="cal-move-{world.planned_run.pk}"' in html
    client.force_login(coach)
    assert f'data-move-form="cal-move-{pk}"' in client.get(url).content.decode()


def test_a_coachs_copy_of_a_locked_session_is_locked_and_the_athletes_is_not(
        world: World, client, coach) -> None:
    _lock(world, coach)
    monday = world.planned.date - dt.timedelta(days=world.planned.date.weekday())
    url = reverse("portal:calendar_copy", args=[world.athlete.pk])
    for who, weeks in ((coach, 2), (world.athlete.user, 3)):
        client.force_login(who)
        client.post(url, {"source": monday.isoformat(),
                          "target": (monday + dt.timedelta(weeks=weeks)).isoformat()})
    copies = {(s.date - world.planned.date).days // 7: s.locked for s in
              PlannedSession.objects.filter(title="Heavy lower").exclude(pk=world.planned.pk)}
    assert copies == {2: True, 3: False}
