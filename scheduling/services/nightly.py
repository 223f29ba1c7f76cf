"""The nightly re-check: pick the athletes for whom it is night, claim them, fan out chunks.

Selection: the hourly tick takes every athlete whose local time is 02:00 or later (before
06:00) and who has not been checked for their local date yet. The first tick of the night
is the 02:00-03:00 one; the later hours only catch up an athlete a tick missed (a beat that
was down, or the spring-forward night when 02:00-03:00 does not exist in their zone).

Claim: one ``UPDATE ... RETURNING id`` per local date sets ``nightly_checked_on``; two ticks
or two beats racing each get disjoint ids, so no athlete is checked twice in a night.

Each chunk first discards its athletes' empty drafts older than a day (``drafts_discard``).

Re-drive: a claimed athlete is not claimed again that night, so a chunk whose task stopped
(its worker killed and the message lost, its retries spent in a long database outage) would
leave them unchecked. Each tick first re-sends the chunks of the last day's runs that are not
done and whose last attempt is older than ``CHUNK_LEASE``, and the last chunk of a run whose
digests did not all go out; a chunk redone counts once, and a digest goes once per person.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import zoneinfo
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from athletes.models import AthleteProfile
from scheduling.models import CheckChunk, CheckRun, CheckTrigger
from scheduling.services.checks import NIGHTLY, CheckCounts, athletes_check
from scheduling.services.logs import drafts_discard
from scheduling.services.notify import digests_send
from scheduling.services.queue import NIGHTLY_CHUNK, send_each_on_commit
from scheduling.services.webhooks import emit_finding_events

NIGHT_START_HOUR = 2  # local
NIGHT_END_HOUR = 6  # local, exclusive: the catch-up limit
# A chunk attempted longer ago than this and not done has stopped: longer than a task holds
# one (a retry's countdown, then its run up to the hard time limit) and than the broker
# takes to hand a dead worker's task on (its visibility timeout; settings).
CHUNK_LEASE = dt.timedelta(minutes=15)
REDRIVE_WITHIN = dt.timedelta(days=1)  # runs older than this are left as they are


@dataclass(frozen=True)
class Claim:
    run: CheckRun
    chunk_ids: list[int]


def zones_at_night(zones: Sequence[str], now: dt.datetime) -> dict[str, dt.date]:
    """The zones where ``now`` is between 02:00 and 06:00, with their local date."""
    out = {}
    for name in zones:
        local = now.astimezone(zoneinfo.ZoneInfo(name))
        if NIGHT_START_HOUR <= local.hour < NIGHT_END_HOUR:
            out[name] = local.date()
    return out


def _claim(zones: list[str], local_date: dt.date) -> list[int]:
    table = AthleteProfile._meta.db_table
    marks = ", ".join(["%s"] * len(zones))
    sql = (
        f"UPDATE {table} SET nightly_checked_on = %s "  # noqa: S608 - names are ours
        f"WHERE timezone IN ({marks}) "
        "AND (nightly_checked_on IS NULL OR nightly_checked_on < %s) RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [local_date, *zones, local_date])
        return sorted(row[0] for row in cursor.fetchall())


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


@transaction.atomic
def nightly_claim(
    *, now: dt.datetime | None = None, chunk_size: int | None = None
) -> Claim | None:
    """Claim tonight's athletes and record the run with its chunks; None when nobody is due."""
    now = now or timezone.now()
    size = chunk_size or settings.NIGHTLY_CHUNK_SIZE
    zones = list(AthleteProfile.objects.values_list("timezone", flat=True).distinct())
    by_date: dict[dt.date, list[str]] = defaultdict(list)
    for name, local_date in zones_at_night(zones, now).items():
        by_date[local_date].append(name)
    ids: list[int] = []
    for local_date, names in sorted(by_date.items()):
        ids += _claim(sorted(names), local_date)
    if not ids:
        return None
    return _run_with_chunks(sorted(ids), size, trigger=CheckTrigger.NIGHTLY, now=now)


def _run_with_chunks(ids: list[int], size: int, *, trigger: str, now: dt.datetime) -> Claim:
    slices = _chunks(ids, size)
    run = CheckRun.objects.create(trigger=trigger, started_at=now, chunks_total=len(slices))
    chunks = CheckChunk.objects.bulk_create(
        [CheckChunk(run=run, athlete_ids=part, attempted_at=now) for part in slices]
    )
    ids = [c.pk for c in chunks]
    send_each_on_commit(NIGHTLY_CHUNK, ids)
    return Claim(run, ids)


@transaction.atomic
def recheck_claim(*, athlete_ids: list[int], chunk_size: int | None = None) -> Claim | None:
    """A pass by hand over the given athletes (``manage.py recheck``): same path, no claim."""
    if not athlete_ids:
        return None
    size = chunk_size or settings.NIGHTLY_CHUNK_SIZE
    return _run_with_chunks(sorted(athlete_ids), size, trigger=CheckTrigger.MANUAL,
                            now=timezone.now())


@dataclass(frozen=True)
class ChunkResult:
    run_id: int | None
    counts: CheckCounts | None  # None: the chunk was already done (or is gone)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a chunk runs. A chunk builds some 10^5 short-lived
    objects (engine inputs, findings) with no cycles among them, and the collector would
    re-scan them all every few hundred allocations: a quarter of the chunk's time, measured.
    What the chunk leaves is collected once, after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(1)


def chunk_process(*, chunk_id: int, now: dt.datetime | None = None,
                  mode: str = NIGHTLY) -> ChunkResult:
    """Check one chunk and record it, all in one transaction: a chunk redone after a dead
    worker either finds its work committed (and does nothing) or does it from scratch. The
    attempt is recorded first, on its own: the lease the tick's re-drive goes by. ``mode``:
    how the chunk is checked (``checks.NIGHTLY``; the benchmark compares ``checks.WINDOW``)."""
    now = now or timezone.now()
    CheckChunk.objects.filter(pk=chunk_id).update(attempted_at=now)
    with transaction.atomic():
        chunk = CheckChunk.objects.select_for_update().filter(pk=chunk_id).first()
        if chunk is None:
            return ChunkResult(None, None)
        if chunk.done_at is not None:
            return ChunkResult(chunk.run_id, None)
        # Empty drafts older than a day go first (RULES.md, "Logged"); they take part in
        # nothing, so the check that follows judges the same either way.
        drafts_discard(athlete_ids=chunk.athlete_ids, now=now)
        with gc_paused():
            counts = athletes_check(chunk.athlete_ids, now=now, mode=mode)
        chunk.done_at = timezone.now()
        chunk.save(update_fields=["done_at"])
        CheckRun.objects.filter(pk=chunk.run_id).update(
            chunks_done=F("chunks_done") + 1,
            athletes_checked=F("athletes_checked") + counts.athletes,
            findings_new=F("findings_new") + counts.new,
            findings_kept=F("findings_kept") + counts.kept,
            findings_resolved=F("findings_resolved") + counts.resolved,
            errors=F("errors") + len(counts.errors),
        )
        if counts.errors:
            _append_errors(chunk.run_id, counts.errors)
        emit_finding_events(counts)
    return ChunkResult(chunk.run_id, counts)


def _append_errors(run_id: int, errors: dict[int, str]) -> None:
    run = CheckRun.objects.select_for_update().get(pk=run_id)
    lines = [f"athlete {aid}: {message}" for aid, message in sorted(errors.items())]
    run.error_detail = "\n".join(filter(None, [run.error_detail, *lines]))[-20000:]
    run.save(update_fields=["error_detail"])


def run_finish_if_done(*, run_id: int) -> bool:
    """When every chunk is done, close the run (once: True for the caller who did) and send
    its digests. A run closed before whose digests did not all go out (the worker sending
    them was killed, the database went away) sends the rest: each person's digest is claimed,
    recorded and mailed in a transaction of its own, so those that went are not sent again.
    Two callers at once (a chunk redelivered while the first still sends) share the work."""
    with transaction.atomic():
        closed = CheckRun.objects.filter(
            pk=run_id, finished_at__isnull=True, chunks_done=F("chunks_total")
        ).update(finished_at=timezone.now())
    if CheckRun.objects.filter(pk=run_id, finished_at__isnull=False,
                               digests_sent_at__isnull=True).exists():
        digests_send(run_id=run_id)
        CheckRun.objects.filter(pk=run_id).update(digests_sent_at=timezone.now())
    return bool(closed)


@transaction.atomic
def nightly_redrive(*, now: dt.datetime | None = None) -> list[int]:
    """Send again the chunks that stopped (see the module's docstring), their attempt
    renewed so the next tick leaves them be; returns their ids. Locked rows are skipped: a
    worker is on them."""
    now = now or timezone.now()
    stale = now - CHUNK_LEASE
    pending = CheckChunk.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        run__started_at__gte=now - REDRIVE_WITHIN, run__digests_sent_at__isnull=True,
    ).order_by("run_id", "attempted_at", "id")
    by_run: dict[int, list[CheckChunk]] = defaultdict(list)
    for chunk in pending.only("id", "run_id", "done_at", "attempted_at"):
        by_run[chunk.run_id].append(chunk)
    ids: list[int] = []
    for chunks in by_run.values():
        stopped = [c.pk for c in chunks if c.done_at is None and c.attempted_at < stale]
        if not stopped and all(c.done_at is not None for c in chunks) \
                and chunks[-1].attempted_at < stale:
            stopped = [chunks[-1].pk]  # all done, the digests not: the last one finishes it
        ids += stopped
    CheckChunk.objects.filter(pk__in=ids).update(attempted_at=now)
    send_each_on_commit(NIGHTLY_CHUNK, ids)
    return ids
