"""python manage.py bench_nightly --athletes N: time the nightly pass against its read floor.

Writes a synthetic population into the configured database (reused when one of the same size
is there; ``--drop`` removes it), then, each in a fresh child process so its peak memory is
its own: the read floor (every chunk's rows by plain SQL into tuples) and the full nightly
pass (the beat tick's claim, every chunk checked and upserted, the run closed, digests), twice:
the first night (every finding new) and the next one, a typical night (the findings are there,
most found again unchanged), which the summary line reports. Queries are not logged (DEBUG
off), as in production. What bounds the figures is printed too: the CPU each athlete costs
in Python (reading, the engine, writing) and in PostgreSQL (the connections' server
processes, read from /proc where the database runs on this machine).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings

from athletes.models import AthleteProfile
from scheduling.bench import population
from scheduling.bench.floor import read_chunk
from scheduling.models import CheckRun, Digest, Finding, PlannedSession
from scheduling.services import checks
from scheduling.services.nightly import chunk_process, nightly_claim, run_finish_if_done
from training.models import Run, StrengthSession


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _db_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL server process so far, when it runs on
    this machine and /proc shows it (None otherwise)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


@contextlib.contextmanager
def _phases(cpu: dict[str, float]) -> Iterator[None]:
    """Add up the CPU time of a check's three steps (bench only: wraps the module's names)."""
    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - started
        return wrapper

    saved = checks.load_windows, checks.run_engine, checks._upsert
    checks.load_windows = timed("reading", saved[0])
    checks.run_engine = timed("engine", saved[1])
    checks._upsert = timed("writing", saved[2])
    try:
        yield
    finally:
        checks.load_windows, checks.run_engine, checks._upsert = saved


def _floor(now: dt.datetime, chunk: int, out: Any) -> None:
    ids = list(AthleteProfile.objects.filter(user__email__endswith=f"@{population.DOMAIN}")
               .order_by("id").values_list("id", flat=True))
    db_before, cpu_before = _db_cpu(), time.process_time()
    started = time.perf_counter()
    rows = 0
    for i in range(0, len(ids), chunk):
        rows += read_chunk(ids[i:i + chunk], now=now, zone=population.ZONES[0])
    seconds = time.perf_counter() - started
    db_after = _db_cpu()
    out.send({"seconds": seconds, "rows": rows, "peak": _peak_mib(),
              "cpu": {"python": time.process_time() - cpu_before},
              "db": None if db_before is None or db_after is None else db_after - db_before})


def _chunks(chunk_ids: list[int], now: dt.datetime, count_first: bool, out: Any) -> None:
    """One worker: check its share of the chunks, as a Celery worker would."""
    queries = 0
    cpu: dict[str, float] = {}
    db_before, cpu_before = _db_cpu(), time.process_time()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), \
            _phases(cpu):
        for n, chunk_id in enumerate(chunk_ids):
            if n == 0 and count_first:
                with CaptureQueriesContext(connection) as captured:
                    chunk_process(chunk_id=chunk_id, now=now)
                queries = len(captured)
            else:
                chunk_process(chunk_id=chunk_id, now=now)
    cpu["python"] = time.process_time() - cpu_before
    db_after = _db_cpu()
    out.send({"queries": queries, "peak": _peak_mib(), "cpu": cpu,
              "db": None if db_before is None or db_after is None else db_after - db_before})


def _pass(now: dt.datetime, chunk: int, workers: int, out: Any) -> None:
    """The beat tick's claim, the chunks over ``workers`` processes, then the run's close."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        started = time.perf_counter()
        claim = nightly_claim(now=now, chunk_size=chunk)
        ids = claim.chunk_ids if claim else []
        shares = _in_children(_chunks, [(ids[w::workers], now, w == 0)
                                        for w in range(workers)])
        if claim:
            run_finish_if_done(run_id=claim.run.pk)
        seconds = time.perf_counter() - started
    run = CheckRun.objects.get(pk=claim.run.pk) if claim else None
    cpu: dict[str, float] = {}
    for share in shares:
        for name, value in share["cpu"].items():
            cpu[name] = cpu.get(name, 0.0) + value
    dbs = [share["db"] for share in shares]
    out.send({"seconds": seconds, "queries": shares[0]["queries"], "cpu": cpu,
              "db": None if None in dbs else sum(dbs),
              "peak": max([_peak_mib()] + [share["peak"] for share in shares]),
              "checked": run.athletes_checked if run else 0,
              "new": run.findings_new if run else 0, "kept": run.findings_kept if run else 0,
              "resolved": run.findings_resolved if run else 0,
              "errors": run.errors if run else 0})


def _in_children(target: Any, arguments: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Run ``target`` in one forked process per argument tuple, at the same time."""
    connections.close_all()  # each child opens its own connection
    context = multiprocessing.get_context("fork")
    pipes, processes = [], []
    for args in arguments:
        parent, child = context.Pipe()
        process = context.Process(target=target, args=(*args, child))
        process.start()
        child.close()  # the child's end is the child's: its death is an EOF here, not a hang
        pipes.append(parent)
        processes.append(process)
    results = []
    for pipe, process in zip(pipes, processes, strict=True):
        try:
            results.append(pipe.recv())
        except EOFError:
            process.join()
            raise RuntimeError(
                f"a benchmark process died (exit code {process.exitcode})") from None
    for process in processes:
        process.join()
    return results


def _in_child(target: Any, *args: Any) -> dict[str, Any]:
    return _in_children(target, [args])[0]


class Command(BaseCommand):
    help = "Benchmark the nightly pass over N synthetic athletes against the read floor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--athletes", type=int, default=2000)
        parser.add_argument("--chunk", type=int, default=settings.NIGHTLY_CHUNK_SIZE)
        parser.add_argument("--workers", type=int, default=1,
                            help="worker processes for the chunks (the floor reads in one)")
        parser.add_argument("--drop", action="store_true", help="remove the population after")

    def handle(self, *args: Any, **options: Any) -> None:
        n, chunk = options["athletes"], options["chunk"]
        # 10:30 UTC: 02:30 in Los Angeles ... 05:30 in New York: all the population's zones
        # are at night, with the same local date.
        now = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(10, 30), dt.UTC)
        today = now.date()
        if not population.existing(n):
            population.drop()
            started = time.perf_counter()
            population.create(n, today=today)
            self.stdout.write(f"population: {n} athletes written in "
                              f"{time.perf_counter() - started:.1f} s")
        self._reset()
        sessions = self._sessions()
        self.stdout.write(f"{connection.vendor}, chunks of {chunk}, {sessions} sessions, "
                          f"{options['workers']} worker process(es)")
        with override_settings(DEBUG=False):
            self._measure(n, chunk, now, sessions, options)

    def _measure(self, n: int, chunk: int, now: dt.datetime, sessions: int,
                 options: dict[str, Any]) -> None:
        tomorrow = now + dt.timedelta(days=1)
        floor = _in_child(_floor, tomorrow, chunk)
        self.stdout.write(f"read floor: {floor['seconds']:.2f} s, {floor['rows']} rows, "
                          f"peak {floor['peak']:.0f} MiB")
        self.stdout.write(_cpu_line("read floor", floor, n))
        first = _in_child(_pass, now, chunk, options["workers"])
        self.stdout.write(f"first night: {first['checked']} athletes checked in "
                          f"{first['seconds']:.2f} s, {first['new']} new findings, "
                          f"{first['errors']} errors, peak {first['peak']:.0f} MiB")
        # A typical night: the findings are there from the night before, most found again.
        # The database has its statistics on them, as autovacuum gathers them after a bulk
        # insert (the first night's ~3 per athlete into an empty table).
        self._reset(keep_findings=True)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Finding._meta.db_table}")
        result = _in_child(_pass, tomorrow, chunk, options["workers"])
        self.stdout.write(f"next night: {result['checked']} athletes checked in "
                          f"{result['seconds']:.2f} s, {result['new']} new, {result['kept']} "
                          f"kept, {result['resolved']} resolved, {result['errors']} errors")
        self.stdout.write(_cpu_line("next night", result, n))
        if options["drop"]:
            self._reset()
            population.drop()
        ratio = result["seconds"] / floor["seconds"] if floor["seconds"] else 0.0
        self.stdout.write(
            f"nightly: {n} athletes, {sessions} sessions, {result['seconds']:.2f} s, "
            f"{ratio:.1f}x the read floor ({floor['seconds']:.2f} s), {result['queries']} "
            f"queries per chunk, peak {result['peak']:.0f} MiB"
        )

    def _reset(self, *, keep_findings: bool = False) -> None:
        """Every run measures the same nights: no claims, no runs, no digests of those
        nights (an earlier run's would take them), and for the first night no findings."""
        bench = AthleteProfile.objects.filter(user__email__endswith=f"@{population.DOMAIN}")
        bench.update(nightly_checked_on=None)
        if not keep_findings:
            Finding.objects.filter(athlete__in=bench).delete()
            Digest.objects.filter(user__email__endswith=f"@{population.DOMAIN}").delete()
        CheckRun.objects.filter(trigger="nightly").delete()

    def _sessions(self) -> int:
        scope = {"athlete__user__email__endswith": f"@{population.DOMAIN}"}
        return (PlannedSession.objects.filter(**scope).count()
                + StrengthSession.objects.filter(**scope).count()
                + Run.objects.filter(**scope).count())


def _cpu_line(label: str, measured: dict[str, Any], athletes: int) -> str:
    """``next night CPU per athlete: Python 2.90 ms (reading 1.10, engine 1.40, writing
    0.25), PostgreSQL 1.05 ms``: where the time goes, whatever the number of workers."""
    cpu = measured["cpu"]
    per = 1000 / max(athletes, 1)
    steps = ", ".join(f"{name} {cpu[name] * per:.2f}" for name in ("reading", "engine",
                                                                   "writing") if name in cpu)
    line = f"{label} CPU per athlete: Python {cpu['python'] * per:.2f} ms"
    line += f" ({steps})" if steps else ""
    db = measured["db"]
    return line + (f", PostgreSQL {db * per:.2f} ms" if db is not None else "")
