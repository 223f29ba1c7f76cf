"""Copying a week of the plan onto another week (the calendar's "Copy this week to...")."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Prefetch

from athletes.models import AthleteProfile, User
from core.dates import MAX_DATE, MIN_DATE
from core.errors import DomainError
from scheduling.models import Kind, PlannedSession, Prescription
from scheduling.services.load import load_refresh
from scheduling.services.locks import writes_as_athlete
from scheduling.services.plans import PrescriptionInput, _save, planned_session_build
from scheduling.services.recheck import athlete_recheck_on_commit

# What a copy keeps of each session: not its logs, its external id or its author.
COPIED_FIELDS = ("start_time", "order", "kind", "run_type", "intensity", "duration_min",
                 "distance_m", "planned_rpe", "title", "notes")


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _lines(session: PlannedSession) -> list[PrescriptionInput] | None:
    if session.kind != Kind.STRENGTH:
        return None
    return [PrescriptionInput(
        exercise=line.exercise.slug, sets=line.sets, reps_min=line.reps_min,
        reps_max=line.reps_max, load_kg=line.load_kg, pct_e1rm=line.pct_e1rm, rir=line.rir,
        ground_contacts=line.ground_contacts, hold_s=line.hold_s,
    ) for line in session.prescription.all()]


@transaction.atomic
def planned_week_copy(
    *, actor: User | None, athlete: AthleteProfile, source: dt.date, target: dt.date,
) -> list[PlannedSession]:
    """Copy every planned session of the ISO week of ``source`` onto the same weekdays of
    the week of ``target`` (times, order and prescriptions kept; nothing logged comes
    along), beside what that week already holds. All or nothing: every copy is validated
    before any is written, and the athlete is re-checked once. Returns the copies."""
    source, target = _monday(source), _monday(target)
    if source == target:
        raise DomainError("Choose another week to copy this one to.", field="target")
    if not MIN_DATE <= target <= MAX_DATE - dt.timedelta(days=6):
        raise DomainError(f"Choose a week between {MIN_DATE} and {MAX_DATE}.", field="target")
    lines = Prescription.objects.select_related("exercise").order_by("order", "id")
    sessions = list(
        PlannedSession.objects.filter(athlete=athlete, date__gte=source,
                                      date__lte=source + dt.timedelta(days=6))
        .order_by("date", "order", "id")
        .prefetch_related(Prefetch("prescription", queryset=lines)))
    if not sessions:
        raise DomainError(f"Nothing is planned in the week of {source:%a %-d %b} to copy.",
                          field="source")
    shift = target - source
    built = []
    own = writes_as_athlete(actor=actor, athlete=athlete)
    for session in sessions:
        fields = {name: getattr(session, name) for name in COPIED_FIELDS}
        fields["date"] = session.date + shift
        # The coach's copy of a locked session is locked too; the athlete's copies are theirs.
        fields["locked"] = session.locked and not own
        try:
            built.append(planned_session_build(actor=actor, athlete=athlete,
                                               prescription=_lines(session), **fields))
        except DomainError as exc:
            raise DomainError(f"\u201c{session}\u201d of {session.date:%a %-d %b} cannot be "
                              f"copied: {exc.message}", field="target", code=exc.code) from exc
    touched: list[dt.date] = []
    for copy, rows in built:
        touched.extend(_save(copy, rows))
    load_refresh(athlete_id=athlete.pk, dates=touched)  # once for the whole copy
    athlete_recheck_on_commit(athlete_id=athlete.pk)
    return [copy for copy, _ in built]
