"""The read path for plans and findings: scoped to the acting user."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from athletes.errors import NotFound
from athletes.models import User
from athletes.selectors import athletes_for_user
from scheduling.models import Finding, PhaseBlock, PlannedSession, Prescription, Race


def _pk(value: object, what: str, field: str | None) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        raise NotFound(f"{what} not found.", field=field) from None


def _scope(user: User) -> QuerySet:
    return athletes_for_user(user=user).values("id")


def planned_sessions_for_user(*, user: User) -> QuerySet[PlannedSession]:
    lines = Prescription.objects.select_related("exercise")
    return (
        PlannedSession.objects.filter(athlete__in=_scope(user))
        .select_related("athlete__user")
        .prefetch_related(Prefetch("prescription", queryset=lines))
    )


def planned_session_get_for_user(
    *, user: User, session_id: object, field: str | None = None
) -> PlannedSession:
    pk = _pk(session_id, "Planned session", field)
    session = planned_sessions_for_user(user=user).filter(pk=pk).first()
    if session is None:
        raise NotFound("Planned session not found.", field=field)
    return session


def findings_for_user(*, user: User) -> QuerySet[Finding]:
    return Finding.objects.filter(athlete__in=_scope(user)).select_related("athlete__user")


def finding_get_for_user(*, user: User, finding_id: object) -> Finding:
    pk = _pk(finding_id, "Finding", None)
    finding = findings_for_user(user=user).filter(pk=pk).first()
    if finding is None:
        raise NotFound("Finding not found.")
    return finding


def races_for_user(*, user: User) -> QuerySet[Race]:
    return Race.objects.filter(athlete__in=_scope(user))


def race_get_for_user(*, user: User, race_id: object) -> Race:
    pk = _pk(race_id, "Race", None)
    race = races_for_user(user=user).filter(pk=pk).first()
    if race is None:
        raise NotFound("Race not found.")
    return race


def phase_blocks_for_user(*, user: User) -> QuerySet[PhaseBlock]:
    return PhaseBlock.objects.filter(athlete__in=_scope(user))
