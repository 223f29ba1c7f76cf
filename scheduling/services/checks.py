"""Check athletes against the rules and upsert their findings by fingerprint.

What the upsert writes is decided by a pure function, ``finding_diff.diff`` (created, kept,
rewritten, reopened, resolved, left: its docstring says when); this module reads the stored
findings for it, locked, and carries its plan out in a few bulk statements.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from scheduling import engine
from scheduling.models import CheckRun, CheckTrigger, Finding, FindingStatus
from scheduling.services import finding_diff
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


def fix_json(fix: engine.Fix) -> dict[str, object]:
    """One fix as stored (``Finding.fixes``): what the API and the portal show of it."""
    out: dict[str, object] = {
        "id": fix.id, "kind": fix.kind.value, "text": fix.text, "leaves": fix.leaves,
        "session": {"type": fix.session.type.value, "id": fix.session.id},
    }
    if fix.kind is engine.FixKind.MOVE and fix.date is not None:
        out["date"] = fix.date.isoformat()
        out["start_time"] = fix.start_time.strftime("%H:%M") if fix.start_time else None
    return out


def fixes_json(fixes: Sequence[engine.Fix]) -> list[dict[str, object]] | None:
    return [fix_json(f) for f in fixes] or None


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
    row.move = fixes_json(found.fixes)
    row.content_hash = content_hash(row)
    row.last_seen = now


def content_hash(row: Finding) -> str:
    """What a finding says, hashed: a night that finds the same thing rewrites nothing."""
    content = [row.rule, row.severity, row.sessions, row.dates, row.title, row.explanation,
               row.suggestion, row.move]
    return hashlib.sha1(json.dumps(content, sort_keys=True).encode(),
                        usedforsecurity=False).hexdigest()


def run_engine(window: Window) -> tuple[engine.Finding, ...]:
    """The engine's findings of the window (what ``window.scope`` judges)."""
    return engine.check(
        window.context, window.sessions, today=window.today, window_start=window.start,
        window_end=window.end, now=window.now,
    )


@transaction.atomic
def _upsert(
    windows: Sequence[Window], results: dict[int, tuple[engine.Finding, ...]], now: dt.datetime
) -> CheckCounts:
    """Write every window's findings in bulk: one locked read, the plan of the pure diff,
    then one update for the findings found again unchanged (``last_seen``) and the vanished
    (resolved), one insert for the new, and the changed and reopened rewritten in batches of
    ``UPDATE_BATCH`` (on a typical night there are few). No statement is per athlete or per
    finding."""
    scopes = {w.athlete_id: w.scope for w in windows}
    rows = _found_rows(windows, results, now)
    stored = _stored_locked(scopes, rows)
    plan = finding_diff.diff(stored, {key: row.content_hash for key, row in rows.items()}, scopes)
    return _write(plan, rows, now, athletes=len(windows))


def _found_rows(
    windows: Sequence[Window], results: dict[int, tuple[engine.Finding, ...]], now: dt.datetime
) -> dict[finding_diff.Key, Finding]:
    """What the check found, as unsaved rows filled with what each finding says, by key."""
    rows: dict[finding_diff.Key, Finding] = {}
    for window in windows:
        for found in results[window.athlete_id]:
            row = Finding(athlete_id=window.athlete_id,
                          fingerprint=fingerprint(window.athlete_id, found.key))
            _fill(row, found, now)
            rows[(row.athlete_id, row.fingerprint)] = row
    return rows


def _stored_locked(
    scopes: dict[int, engine.Scope], keys: Iterable[finding_diff.Key]
) -> list[finding_diff.Stored]:
    """The stored findings the check may touch, locked until it commits: those found again
    (by fingerprint), and the open or acknowledged ones the checks may judge: about dates of
    the ISO weeks around their windows, or of a rule judged whatever its dates
    (STALLED_PROGRESSION)."""
    lo = min(scope.earliest for scope in scopes.values())
    hi = max(scope.latest for scope in scopes.values())
    anyday = {rule.value for scope in scopes.values() for rule in scope.whatever_the_dates}
    unresolved = [FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED]
    return [finding_diff.Stored(*row) for row in Finding.objects.filter(
        athlete_id__in=scopes
    ).filter(
        Q(fingerprint__in={fp for _, fp in keys})
        | Q(status__in=unresolved, last_date__gte=lo, first_date__lte=hi)
        | Q(status__in=unresolved, rule__in=anyday)
    ).select_for_update().values_list(
        "id", "athlete_id", "fingerprint", "status", "dates", "content_hash", "rule"
    )]


def _write(
    plan: finding_diff.Plan, rows: dict[finding_diff.Key, Finding], now: dt.datetime, *,
    athletes: int,
) -> CheckCounts:
    """Carry the plan out (``rows``: what was found, by key) and count what it did."""
    if plan.keep or plan.resolve:  # one statement for both
        gone = Q(pk__in=plan.resolve)
        Finding.objects.filter(pk__in=plan.keep + plan.resolve).update(
            last_seen=Case(When(gone, then=F("last_seen")), default=Value(now)),
            status=Case(When(gone, then=Value(FindingStatus.RESOLVED)), default=F("status")),
            resolved_at=Case(When(gone, then=Value(now)), default=F("resolved_at")),
        )
    rewritten = []
    for rewrite in (*plan.reopen, *plan.update):
        row = rows[rewrite.key]
        row.pk, row.status = rewrite.pk, rewrite.status
        rewritten.append(row)
    if rewritten:
        Finding.objects.bulk_update(rewritten, UPDATED_FIELDS, batch_size=UPDATE_BATCH)
    created = [rows[key] for key in plan.create]
    for row in created:
        row.first_seen = now
    if created:
        Finding.objects.bulk_create(created)
    return CheckCounts(
        athletes=athletes, new=len(plan.reopen) + len(created),
        kept=len(plan.update) + len(plan.keep), resolved=len(plan.resolve),
        new_finding_ids=[r.pk for r in plan.reopen] + [
            row.pk for row in created if row.pk is not None],
        resolved_finding_ids=list(plan.resolve),
    )


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
