"""Check athletes against the rules and upsert their findings by fingerprint.

Upsert semantics (DESIGN.md "Data that matters"): a new fingerprint is created open; one
still present keeps its status (acknowledged stays acknowledged) and its ``last_seen`` moves;
a resolved one whose cause returns is re-opened; an open or acknowledged one that the check
no longer finds, and that is about a date inside the window, is resolved with the time.
Findings about dates outside the window are left as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from scheduling import engine
from scheduling.models import CheckRun, CheckTrigger, Finding, FindingStatus
from scheduling.services.windows import Window, load_windows

log = logging.getLogger(__name__)

UPDATED_FIELDS = [
    "rule", "severity", "sessions", "dates", "first_date", "last_date", "title", "explanation",
    "suggestion", "move", "content_hash", "status", "last_seen", "resolved_at",
]
# A changed finding is rewritten by a CASE per field over its batch; small batches keep that
# linear (one big CASE over thousands of rows is quadratic in the database).
UPDATE_BATCH = 100


@dataclass
class CheckCounts:
    athletes: int = 0
    new: int = 0
    kept: int = 0
    resolved: int = 0
    new_finding_ids: list[int] = field(default_factory=list)
    resolved_finding_ids: list[int] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)  # athlete id: what went wrong


def fingerprint(athlete_id: int, key: str) -> str:
    return hashlib.sha256(f"{athlete_id}|{key}".encode()).hexdigest()


def move_json(move: engine.SuggestedMove | None) -> dict[str, object] | None:
    if move is None:
        return None
    return {
        "session": {"type": move.session.type.value, "id": move.session.id},
        "date": move.date.isoformat(),
        "start_time": move.start_time.strftime("%H:%M") if move.start_time else None,
    }


def _fill(row: Finding, found: engine.Finding, now: dt.datetime) -> None:
    row.rule = found.rule
    row.severity = found.severity.value
    row.sessions = [{"type": ref.type.value, "id": ref.id} for ref in found.sessions]
    row.dates = [d.isoformat() for d in found.dates]
    row.first_date = found.dates[0]
    row.last_date = found.dates[-1]
    row.title = found.title[:200]
    row.explanation = found.explanation
    row.suggestion = found.suggestion
    row.move = move_json(found.move)
    row.content_hash = content_hash(row)
    row.last_seen = now


def content_hash(row: Finding) -> str:
    """What a finding says, hashed: a night that finds the same thing rewrites nothing."""
    content = [row.rule, row.severity, row.sessions, row.dates, row.title, row.explanation,
               row.suggestion, row.move]
    return hashlib.sha1(json.dumps(content, sort_keys=True).encode(),
                        usedforsecurity=False).hexdigest()


def run_engine(window: Window) -> tuple[engine.Finding, ...]:
    return engine.check(
        window.context, window.sessions, today=window.today, window_start=window.start,
        window_end=window.end, now=window.now,
    )


@transaction.atomic
def _upsert(
    windows: Sequence[Window], results: dict[int, tuple[engine.Finding, ...]], now: dt.datetime
) -> CheckCounts:
    """Write every window's findings in bulk: one locked read, then one update for the
    findings found again unchanged (``last_seen``) and the vanished (resolved), one insert
    for the new, and the changed rewritten in batches of ``UPDATE_BATCH`` (on a typical
    night there are few). No statement is per athlete or per finding."""
    counts = CheckCounts(athletes=len(windows))
    wanted: dict[tuple[int, str], engine.Finding] = {}
    for window in windows:
        for found in results[window.athlete_id]:
            wanted[(window.athlete_id, fingerprint(window.athlete_id, found.key))] = found
    by_athlete = {w.athlete_id: w for w in windows}
    lo = min(w.start for w in windows)
    hi = max(w.end for w in windows)
    existing = Finding.objects.filter(athlete_id__in=by_athlete).filter(
        Q(fingerprint__in={fp for _, fp in wanted})
        | Q(status__in=[FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED],
            last_date__gte=lo, first_date__lte=hi)
    ).select_for_update().values_list(
        "id", "athlete_id", "fingerprint", "status", "dates", "content_hash"
    )
    seen: set[tuple[int, str]] = set()
    touched: list[int] = []
    resolved: list[int] = []
    changed: list[Finding] = []
    for pk, athlete_id, fp, status, dates, old_hash in existing:
        key = (athlete_id, fp)
        found = wanted.get(key)
        if found is not None:
            seen.add(key)
            row = Finding(pk=pk, athlete_id=athlete_id, fingerprint=fp, status=status)
            _fill(row, found, now)
            if status == FindingStatus.RESOLVED:
                row.status = FindingStatus.OPEN
                row.resolved_at = None
                counts.new += 1
                counts.new_finding_ids.append(pk)
                changed.append(row)
            else:
                counts.kept += 1
                if row.content_hash == old_hash:
                    touched.append(pk)
                else:
                    changed.append(row)
        elif status != FindingStatus.RESOLVED:
            window = by_athlete[athlete_id]
            if any(window.start.isoformat() <= d <= window.end.isoformat() for d in dates):
                resolved.append(pk)
    if touched or resolved:  # one statement for both
        gone = Q(pk__in=resolved)
        Finding.objects.filter(pk__in=touched + resolved).update(
            last_seen=Case(When(gone, then=F("last_seen")), default=Value(now)),
            status=Case(When(gone, then=Value(FindingStatus.RESOLVED)), default=F("status")),
            resolved_at=Case(When(gone, then=Value(now)), default=F("resolved_at")),
        )
        counts.resolved += len(resolved)
        counts.resolved_finding_ids += resolved
    if changed:
        Finding.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=UPDATE_BATCH)
    created = []
    for key, found in wanted.items():
        if key in seen:
            continue
        new = Finding(athlete_id=key[0], fingerprint=key[1], first_seen=now,
                      status=FindingStatus.OPEN)
        _fill(new, found, now)
        created.append(new)
    if created:
        Finding.objects.bulk_create(created)
        counts.new += len(created)
        counts.new_finding_ids += [row.pk for row in created if row.pk is not None]
    return counts


def athletes_check(
    athlete_ids: Sequence[int], *, now: dt.datetime | None = None
) -> CheckCounts:
    """Check a chunk of athletes in a fixed number of queries and upsert their findings."""
    now = now or timezone.now()
    windows = load_windows(athlete_ids, now=now)
    results: dict[int, tuple[engine.Finding, ...]] = {}
    errors: dict[int, str] = {}
    for window in windows:
        try:
            results[window.athlete_id] = run_engine(window)
        except Exception as exc:
            log.exception("check failed for athlete %s", window.athlete_id)
            errors[window.athlete_id] = "".join(
                traceback.format_exception_only(type(exc), exc)).strip()[:500]
    checked = [w for w in windows if w.athlete_id in results]
    counts = _upsert(checked, results, now) if checked else CheckCounts()
    counts.errors = errors
    return counts


def athlete_check(*, athlete_id: int, now: dt.datetime | None = None,
                  trigger: str = CheckTrigger.CHANGE) -> CheckCounts:
    """Check one athlete now (after a change, by hand, or from the API)."""
    started = timezone.now()
    counts = athletes_check([athlete_id], now=now)
    if trigger != CheckTrigger.CHANGE:
        CheckRun.objects.create(
            trigger=trigger, started_at=started, finished_at=timezone.now(),
            athletes_checked=counts.athletes, findings_new=counts.new,
            findings_kept=counts.kept, findings_resolved=counts.resolved,
        )
    return counts
