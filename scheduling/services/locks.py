"""The coach's lock on a planned session: the athlete logs it, but may not move or delete it.

A session is locked by its coach (``PlannedSession.locked``), or starts locked when a coach
plans it for an athlete on a roster of theirs whose ``lock_sessions`` is on. The lock binds
the athlete only: their coach, a superuser and a write made by no person (a command) pass.
The plan services call these checks, so every face (API, portal, admin, one-click fixes,
the placer) gets the same answer: a ``Forbidden`` naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from athletes.models import AthleteProfile, Membership, User
from core.errors import Forbidden
from scheduling.models import PlannedSession

LOCKED = "locked"  # the error code
MOVE_LOCKED = "Your coach locked this session: you can log it, but only your coach can move it."
DELETE_LOCKED = ("Your coach locked this session: you can log it, but only your coach can "
                 "delete it.")
LOCK_IS_COACHS = "Only a coach locks or unlocks a session."
MOVE_FIELDS = ("date", "start_time")


def writes_as_athlete(*, actor: User | None, athlete: AthleteProfile) -> bool:
    """Whether ``actor`` writes as the athlete, whom a lock binds."""
    return (actor is not None and actor.pk == athlete.user_id
            and not actor.is_superuser)


def session_locked_for(*, actor: User | None, session: PlannedSession) -> bool:
    """Whether the lock keeps ``actor`` from moving or deleting ``session``."""
    return session.locked and writes_as_athlete(actor=actor, athlete=session.athlete)


def lock_default(*, actor: User | None, athlete: AthleteProfile) -> bool:
    """Whether a session ``actor`` plans for ``athlete`` starts locked: a coach's, for an
    athlete on one of their rosters that locks the sessions it plans. One query for a coach,
    none otherwise."""
    if actor is None or actor.pk == athlete.user_id:
        return False
    return Membership.objects.filter(athlete=athlete, roster__coach=actor,
                                     roster__lock_sessions=True).exists()


def lock_check_change(*, actor: User | None, session: PlannedSession,
                      fields: Mapping[str, Any]) -> None:
    """Refuse what the lock forbids ``actor`` in a change of ``fields`` (the values asked
    for, on the session as stored): a new date or start time of a locked session, and any
    change of the lock itself, which is the coach's."""
    if not writes_as_athlete(actor=actor, athlete=session.athlete):
        return
    if LOCKED in fields and bool(fields[LOCKED]) != session.locked:
        raise Forbidden(LOCK_IS_COACHS, field=LOCKED, code=LOCKED)
    if not session.locked:
        return
    for name in MOVE_FIELDS:
        if name in fields and fields[name] != getattr(session, name):
            raise Forbidden(MOVE_LOCKED, field=name, code=LOCKED)


def lock_check_delete(*, actor: User | None, session: PlannedSession) -> None:
    if session_locked_for(actor=actor, session=session):
        raise Forbidden(DELETE_LOCKED, code=LOCKED)
