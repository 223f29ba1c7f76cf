"""The coach's lock on a planned session (scheduling/services/locks.py): the athlete logs it
but may not move or delete it; the coach may; a roster can lock what its coach plans."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from athletes.models import AthleteProfile, User
from athletes.services import roster_update
from core.errors import Forbidden
from scheduling.models import Finding, PlannedSession
from scheduling.services import (
    finding_apply_fix,
    planned_session_create,
    planned_session_delete,
    planned_session_move,
    planned_session_update,
)
from scheduling.services.plans import planned_sessions_sync

DAY = dt.date.today() + dt.timedelta(days=3)


def locked_session(coach: User, athlete: AthleteProfile, **extra: object) -> PlannedSession:
    return planned_session_create(actor=coach, athlete=athlete, kind="run", run_type="easy",
                                  date=DAY, start_time=dt.time(7, 0), locked=True, **extra)


def test_the_athlete_cannot_move_a_locked_session(coach, athlete) -> None:
    session = locked_session(coach, athlete)
    with pytest.raises(Forbidden) as caught:
        planned_session_move(session=session, date=DAY + dt.timedelta(days=1),
                             actor=athlete.user)
    assert (caught.value.field, caught.value.code) == ("date", "locked")
    assert "coach locked" in caught.value.message
    session.refresh_from_db()
    assert session.date == DAY


def test_the_athlete_cannot_change_a_locked_sessions_time(coach, athlete) -> None:
    session = locked_session(coach, athlete)
    with pytest.raises(Forbidden) as caught:
        planned_session_update(session=session, actor=athlete.user, start_time=dt.time(9, 0))
    assert caught.value.field == "start_time"


def test_the_athlete_still_edits_the_rest_and_may_resend_the_same_day(coach, athlete) -> None:
    session = locked_session(coach, athlete)
    planned_session_update(session=session, actor=athlete.user, title="Easy 40'", date=DAY,
                           start_time=dt.time(7, 0))
    session.refresh_from_db()
    assert (session.title, session.date, session.locked) == ("Easy 40'", DAY, True)


def test_the_athlete_cannot_delete_a_locked_session(coach, athlete) -> None:
    session = locked_session(coach, athlete)
    with pytest.raises(Forbidden) as caught:
        planned_session_delete(session=session, actor=athlete.user)
    assert caught.value.code == "locked"
    assert PlannedSession.objects.filter(pk=session.pk).exists()


def test_the_coach_moves_and_deletes_a_locked_session(coach, athlete) -> None:
    session = locked_session(coach, athlete)
    planned_session_move(session=session, date=DAY + dt.timedelta(days=1), actor=coach)
    assert PlannedSession.objects.get(pk=session.pk).date == DAY + dt.timedelta(days=1)
    planned_session_delete(session=session, actor=coach)
    assert not PlannedSession.objects.filter(pk=session.pk).exists()


def test_only_a_coach_locks_or_unlocks(coach, athlete) -> None:
    session = locked_session(coach, athlete)
    with pytest.raises(Forbidden) as caught:
        planned_session_update(session=session, actor=athlete.user, locked=False)
    assert caught.value.field == "locked"
    with pytest.raises(Forbidden):
        planned_session_create(actor=athlete.user, athlete=athlete, kind="strength",
                               date=DAY, locked=True)
    planned_session_update(session=session, actor=coach, locked=False)
    planned_session_move(session=session, date=DAY + dt.timedelta(days=2), actor=athlete.user)
    assert PlannedSession.objects.get(pk=session.pk).date == DAY + dt.timedelta(days=2)


def test_an_unlocked_session_is_the_athletes_to_move_and_delete(coach, athlete) -> None:
    session = planned_session_create(actor=coach, athlete=athlete, kind="strength", date=DAY)
    assert not session.locked
    planned_session_move(session=session, date=DAY + dt.timedelta(days=1), actor=athlete.user)
    planned_session_delete(session=session, actor=athlete.user)


def test_a_roster_that_locks_its_coachs_sessions_starts_them_locked(coach, athlete) -> None:
    roster_update(actor=coach, roster=coach.rosters.get(), lock_sessions=True)
    by_coach = planned_session_create(actor=coach, athlete=athlete, kind="strength", date=DAY)
    by_athlete = planned_session_create(actor=athlete.user, athlete=athlete, kind="strength",
                                        date=DAY + dt.timedelta(days=1))
    unlocked = planned_session_create(actor=coach, athlete=athlete, kind="strength",
                                      date=DAY + dt.timedelta(days=2), locked=False)
    assert (by_coach.locked, by_athlete.locked, unlocked.locked) == (True, False, False)


def test_another_rosters_default_does_not_lock_this_coachs_sessions(
        coach, athlete, other_coach) -> None:
    roster_update(actor=other_coach, roster=other_coach.rosters.get(), lock_sessions=True)
    assert not planned_session_create(actor=coach, athlete=athlete, kind="strength",
                                      date=DAY).locked


def test_a_sync_by_the_athlete_cannot_move_a_locked_session(coach, athlete) -> None:
    locked_session(coach, athlete, external_id="tp-1")
    with pytest.raises(Forbidden) as caught:
        planned_sessions_sync(actor=athlete.user, athlete=athlete, items=[
            {"external_id": "tp-1", "kind": "run", "run_type": "easy",
             "date": DAY + dt.timedelta(days=1), "start_time": dt.time(7, 0)}])
    assert caught.value.field == "sessions[0].date"


def test_a_one_click_fix_moving_a_locked_session_is_the_coachs(coach, athlete) -> None:
    session = locked_session(coach, athlete)
    now = timezone.now()
    target = DAY + dt.timedelta(days=1)
    finding = Finding.objects.create(
        athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN", severity="error", fingerprint="f",
        sessions=[{"type": "planned", "id": session.pk}], dates=[DAY.isoformat()],
        first_date=DAY, last_date=DAY, title="t", explanation="e", first_seen=now,
        last_seen=now, move={"session": {"type": "planned", "id": session.pk},
                             "date": target.isoformat(), "start_time": "18:00"})
    fix = finding.fixes[0]["id"]
    with pytest.raises(Forbidden):
        finding_apply_fix(finding=finding, fix_id=fix, actor=athlete.user)
    assert finding_apply_fix(finding=finding, fix_id=fix, actor=coach).session.date == target
