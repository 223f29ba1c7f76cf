"""Applying a finding's stored move: it moves the session, unless its time has gone by since
the check that suggested it (the night's check suggests this afternoon; at 18:00 that is
no longer a suggestion)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import DomainError
from scheduling.models import Finding
from scheduling.services import finding_apply_move, planned_session_create
from scheduling.services.windows import local_today

pytestmark = pytest.mark.django_db


def finding_moving(athlete, session, when: dt.datetime) -> Finding:
    return Finding.objects.create(
        athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN", severity="error", fingerprint="f",
        sessions=[{"type": "planned", "id": session.pk}], dates=[session.date.isoformat()],
        first_date=session.date, last_date=session.date, title="t",
        first_seen=timezone.now(), last_seen=timezone.now(),
        move={"session": {"type": "planned", "id": session.pk},
              "date": when.date().isoformat(), "start_time": when.strftime("%H:%M")})


def test_a_move_still_ahead_is_applied(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = planned_session_create(actor=coach, athlete=athlete, kind="strength",
                                     date=today + dt.timedelta(days=2), title="Lift")
    target = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(18))
    moved = finding_apply_move(finding=finding_moving(athlete, session, target))
    assert (moved.date, moved.start_time) == (target.date(), dt.time(18))


def test_a_move_whose_time_has_gone_is_refused(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = planned_session_create(actor=coach, athlete=athlete, kind="strength",
                                     date=today + dt.timedelta(days=2), title="Lift")
    gone = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(18))
    with pytest.raises(DomainError, match="passed"):
        finding_apply_move(finding=finding_moving(athlete, session, gone))
    session.refresh_from_db()
    assert session.date == today + dt.timedelta(days=2)
