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
from scheduling.services.horizon import horizons_read, horizons_write, needs_far
from scheduling.services.windows import Window, load_windows

log = logging.getLogger(__name__)

UPDATED_FIELDS = [
    "rule", "severity", "sessions", "dates", "first_date", "last_date", "title", "explanation",
    "suggestion", "move", "content_hash", "signature", "status", "last_seen", "resolved_at",
]
# How a check reads and judges (``athletes_check``):
CHANGE = "change"  # the whole horizon, every finding put into words (after a write)
NIGHTLY = "nightly"  # the near window, the far weeks when their inputs moved; words only
#                      for findings new or changed
WINDOW = "window"  # the 14 days around today alone, as before the horizon: the benchmark's
#                    same-run comparison (stores no horizon)
# athlete id: {signature: (content hash, the moves its stored fixes suggest)}
Known = dict[int, dict[str, tuple[str, tuple[engine.SuggestedMove, ...]]]]
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
    row.signature = found.signature
    row.last_seen = now


def content_hash(row: Finding) -> str:
    """What a finding says, hashed: a night that finds the same thing rewrites nothing."""
    content = [row.rule, row.severity, row.sessions, row.dates, row.title, row.explanation,
               row.suggestion, row.move]
    return hashlib.sha1(json.dumps(content, sort_keys=True).encode(),
                        usedforsecurity=False).hexdigest()


def run_engine(window: Window,
               known: dict[str, tuple[str, tuple[engine.SuggestedMove, ...]]] | None = None,
               ) -> tuple[engine.Finding, ...]:
    """The engine's findings of the window (what ``window.scope`` judges); those found
    again as ``known`` holds them (by signature) come back ``kept``, without words, and the
    slots their stored moves hold are kept from the fixes of the others."""
    return engine.check(
        window.context, window.sessions, today=window.today, window_start=window.start,
        window_end=window.end, now=window.now,
        known={sign: moves for sign, (_, moves) in (known or {}).items()},
    )


def stored_moves(fixes: object) -> tuple[engine.SuggestedMove, ...]:
    """The moves among a finding's stored fixes (``Finding.move``), as the engine takes
    them."""
    if not isinstance(fixes, list):
        return ()
    return tuple(
        engine.SuggestedMove(
            engine.SessionRef(engine.SourceType(f["session"]["type"]), f["session"]["id"]),
            dt.date.fromisoformat(f["date"]),
            dt.time.fromisoformat(f["start_time"]) if f.get("start_time") else None)
        for f in fixes if f.get("kind") == "move" and f.get("date"))


def _known(windows: Sequence[Window]) -> Known:
    """The signatures and content hashes of the athletes' open and acknowledged findings
    the check may make again (about dates of the ISO weeks around its windows). Not locked:
    the upsert's locked read decides, and a finding rewritten in between by another check is
    left with that check's words (``_upsert``)."""
    scopes = [w.scope for w in windows]
    if not scopes:
        return {}
    known: Known = {}
    for aid, sign, digest, fixes in Finding.objects.filter(
        athlete_id__in=[w.athlete_id for w in windows],
        status__in=[FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED],
        last_date__gte=min(s.earliest for s in scopes),
        first_date__lte=max(s.latest for s in scopes),
    ).exclude(signature="").values_list("athlete_id", "signature", "content_hash", "move"):
        known.setdefault(aid, {})[sign] = (digest, stored_moves(fixes))
    return known


@transaction.atomic
def _upsert(
    windows: Sequence[Window], results: dict[int, tuple[engine.Finding, ...]],
    now: dt.datetime, known: Known | None = None,
) -> CheckCounts:
    """Write every window's findings in bulk: one locked read, the plan of the pure diff,
    then one update for the findings found again unchanged (``last_seen``) and the vanished
    (resolved), one insert for the new, and the changed and reopened rewritten in batches of
    ``UPDATE_BATCH`` (on a typical night there are few). No statement is per athlete or per
    finding."""
    scopes = {w.athlete_id: w.scope for w in windows}
    rows, hashes = _found_rows(windows, results, now, known or {})
    stored = _stored_locked(scopes, hashes)
    plan = finding_diff.diff(stored, hashes, scopes)
    # A kept finding (no row: its stored words stand) that another check rewrote since it
    # was read is left with that check's words.
    plan.update = [r for r in plan.update if r.key in rows]
    plan.reopen = [r for r in plan.reopen if r.key in rows]
    plan.create = [key for key in plan.create if key in rows]
    return _write(plan, rows, now, athletes=len(windows))


def _found_rows(
    windows: Sequence[Window], results: dict[int, tuple[engine.Finding, ...]],
    now: dt.datetime, known: Known,
) -> tuple[dict[finding_diff.Key, Finding], dict[finding_diff.Key, str]]:
    """What the check found: unsaved rows filled with what each finding says, by key (none
    for a kept finding: its stored words stand), and every finding's content hash by key
    (a kept one's is the stored row's)."""
    rows: dict[finding_diff.Key, Finding] = {}
    hashes: dict[finding_diff.Key, str] = {}
    for window in windows:
        aid = window.athlete_id
        for found in results[aid]:
            key = (aid, fingerprint(aid, found.key))
            if found.kept:
                hashes[key] = known[aid][found.signature][0]
                continue
            row = Finding(athlete_id=aid, fingerprint=key[1])
            _fill(row, found, now)
            rows[key] = row
            hashes[key] = row.content_hash
    return rows, hashes


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
    # A kept finding is found again with the stored row's hash under the lock: kept.
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


def _nightly_windows(athlete_ids: Sequence[int], now: dt.datetime) -> list[Window]:
    """The nightly pass's windows: the near window, and the whole horizon for the athletes
    whose far weeks' inputs moved (``horizon.needs_far``). A fixed number of queries: one
    for the stored horizons, 12 for the near windows, 12 more when any far weeks are due."""
    stored = horizons_read(athlete_ids)
    windows = load_windows(athlete_ids, now=now)
    far = [w.athlete_id for w in windows if needs_far(w, stored.get(w.athlete_id))]
    if far:
        whole = {w.athlete_id: w for w in load_windows(far, now=now, horizon=True)}
        windows = [whole.get(w.athlete_id, w) for w in windows]
    return windows


def athletes_check(
    athlete_ids: Sequence[int], *, now: dt.datetime | None = None, mode: str = CHANGE
) -> CheckCounts:
    """Check a chunk of athletes in a fixed number of queries and upsert their findings
    (``mode``: ``CHANGE``, ``NIGHTLY`` or ``WINDOW``, above), and record the horizon each
    check judged."""
    now = now or timezone.now()
    known: Known = {}
    if mode == NIGHTLY:
        windows = _nightly_windows(athlete_ids, now)
        known = _known(windows)
    else:
        windows = load_windows(athlete_ids, now=now, horizon=mode == CHANGE)
    results: dict[int, tuple[engine.Finding, ...]] = {}
    errors: dict[int, str] = {}
    for window in windows:
        try:
            results[window.athlete_id] = run_engine(window, known.get(window.athlete_id))
        except Exception as exc:
            log.exception("check failed for athlete %s", window.athlete_id)
            errors[window.athlete_id] = "".join(
                traceback.format_exception_only(type(exc), exc)).strip()[:500]
    checked = [w for w in windows if w.athlete_id in results]
    counts = _upsert(checked, results, now, known) if checked else CheckCounts()
    if checked and mode != WINDOW:
        horizons_write(checked, now)
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
