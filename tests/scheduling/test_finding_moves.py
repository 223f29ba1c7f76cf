"""Applying one of a finding's stored fixes: it changes the plan through the services, unless
it no longer fits the plan (its time has gone by since the check that suggested it, its date
has a strength session now, or the id is not one of the finding's fixes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import DomainError
from scheduling.models import Finding, PlannedSession
from scheduling.services import finding_apply_fix, planned_session_create
from scheduling.services.plans import PrescriptionInput
from scheduling.services.windows import local_today

pytestmark = pytest.mark.django_db


def finding_with(athlete, session, fixes: list[dict]) -> Finding:
    return Finding.objects.create(
        athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN", severity="error", fingerprint="f",
        sessions=[{"type": "planned", "id": session.pk}], dates=[session.date.isoformat()],
        first_date=session.date, last_date=session.date, title="t",
        first_seen=timezone.now(), last_seen=timezone.now(), move=fixes)


def move(session, when: dt.datetime) -> dict:
    return {"id": f"move:planned:{session.pk}@{when.date().isoformat()}T{when:%H:%M}",
            "kind": "move", "text": "Move it.", "leaves": "", "date": when.date().isoformat(),
            "start_time": f"{when:%H:%M}", "session": {"type": "planned", "id": session.pk}}


def lift(athlete, coach, day: dt.date, **fields) -> PlannedSession:
    return planned_session_create(
        actor=coach, athlete=athlete, kind="strength", date=day, title="Lift",
        prescription=[PrescriptionInput("back-squat", sets=4, reps_min=4, load_kg=100, rir=2)],
        **fields)


def test_a_move_still_ahead_is_applied(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = lift(athlete, coach, today + dt.timedelta(days=2))
    target = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(18))
    fix = move(session, target)
    done = finding_apply_fix(finding=finding_with(athlete, session, [fix]), fix_id=fix["id"])
    assert done.kind == "move"
    session.refresh_from_db()
    assert (session.date, session.start_time) == (target.date(), dt.time(18))


def test_a_move_whose_time_has_gone_is_refused(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = lift(athlete, coach, today + dt.timedelta(days=2))
    fix = move(session, dt.datetime.combine(today - dt.timedelta(days=1), dt.time(18)))
    with pytest.raises(DomainError, match="passed") as caught:
        finding_apply_fix(finding=finding_with(athlete, session, [fix]), fix_id=fix["id"])
    assert caught.value.field == "fix"
    session.refresh_from_db()
    assert session.date == today + dt.timedelta(days=2)


def test_a_move_onto_a_date_that_has_a_strength_session_now_is_refused(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = lift(athlete, coach, today + dt.timedelta(days=2))
    target = dt.datetime.combine(today + dt.timedelta(days=4), dt.time(18))
    lift(athlete, coach, target.date(), start_time=dt.time(7))
    fix = move(session, target)
    with pytest.raises(DomainError, match="another strength session"):
        finding_apply_fix(finding=finding_with(athlete, session, [fix]), fix_id=fix["id"])


def test_an_unknown_fix_is_refused_on_the_fix_field(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = lift(athlete, coach, today + dt.timedelta(days=2))
    with pytest.raises(DomainError, match="no such fix") as caught:
        finding_apply_fix(finding=finding_with(athlete, session, []), fix_id="drop:planned:1")
    assert caught.value.field == "fix"


def test_lighten_cuts_the_heavy_sets_to_two_and_drop_deletes(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = lift(athlete, coach, today + dt.timedelta(days=2))
    fixes = [{"id": f"lighten:planned:{session.pk}:moderate", "kind": "lighten", "text": "t",
              "leaves": "", "session": {"type": "planned", "id": session.pk}},
             {"id": f"drop:planned:{session.pk}", "kind": "drop", "text": "t", "leaves": "",
              "session": {"type": "planned", "id": session.pk}}]
    finding = finding_with(athlete, session, fixes)
    finding_apply_fix(finding=finding, fix_id=fixes[0]["id"])
    session.refresh_from_db()
    (row,) = session.prescription.all()
    assert (session.intensity, row.sets, row.load_kg, row.reps_min) == ("moderate", 2, 100, 4)
    finding_apply_fix(finding=finding, fix_id=fixes[1]["id"])
    assert not PlannedSession.objects.filter(pk=session.pk).exists()


def test_a_missed_session_is_made_up_by_its_move(athlete, coach) -> None:
    today = local_today(athlete.timezone, timezone.now())
    session = lift(athlete, coach, today - dt.timedelta(days=1))
    target = dt.datetime.combine(today + dt.timedelta(days=2), dt.time(18))
    fix = move(session, target)
    finding_apply_fix(finding=finding_with(athlete, session, [fix]), fix_id=fix["id"])
    session.refresh_from_db()
    assert session.date == target.date()
