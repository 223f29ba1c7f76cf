"""python manage.py bench_nightly --athletes N: time the nightly pass against its read floor.

Writes a synthetic population into the configured database (reused when one of the same size
is there; ``--drop`` removes it), then, each in a fresh child process so its peak memory is
its own: the read floor (every chunk's rows by plain SQL into tuples) and the full nightly
pass (the beat tick's claim, every chunk checked and upserted, the run closed, digests): the
first night (every finding new, every athlete's whole horizon judged), then the next one, a
typical night (the findings are there, most found again unchanged), twice: as the pass was
before the horizon (the 14 days around today, every finding put into words again:
``checks.WINDOW``) and as it is (``checks.NIGHTLY``: the near window, far weeks only when
their inputs moved, words only for findings new or changed), which the summary line reports.
Queries are not logged (DEBUG off), as in production. What bounds the figures is printed
too: the CPU each athlete costs in Python (reading, the engine, writing) and in PostgreSQL
(the connections' server processes, read from /proc where the database runs on this
machine), and the engine's share spent on one-click moves and on text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
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
from scheduling.models import CheckHorizon, CheckRun, Digest, Finding, PlannedSession
from scheduling.services import checks
from scheduling.services.nightly import chunk_process, nightly_claim, run_finish_if_done
from training.models import Run, StrengthSession

# The engine's check module (the package's ``check`` attribute is the function).
engine_check = importlib.import_module("scheduling.engine.check")
engine_fixes = importlib.import_module("scheduling.engine.fixes")


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
    # Inside the engine: the one-click fixes (each finding's moves, lighter versions and drop,
    # with their words: ``Fixer.suggest``) and the text of the findings.
    inner = (engine_fixes.Fixer.suggest, engine_check.words)
    engine_fixes.Fixer.suggest = timed("moves", inner[0])  # type: ignore[method-assign]
    engine_check.words = timed("text", inner[1])
    try:
        yield
    finally:
        checks.load_windows, checks.run_engine, checks._upsert = saved
        engine_fixes.Fixer.suggest, engine_check.words = inner  # type: ignore[method-assign]


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


def _chunks(chunk_ids: list[int], now: dt.datetime, mode: str, count_first: bool,
            out: Any) -> None:
    """One worker: check its share of the chunks, as a Celery worker would."""
    queries = 0
    cpu: dict[str, float] = {}
    db_before, cpu_before = _db_cpu(), time.process_time()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), \
            _phases(cpu):
        for n, chunk_id in enumerate(chunk_ids):
            if n == 0 and count_first:
                with CaptureQueriesContext(connection) as captured:
                    chunk_process(chunk_id=chunk_id, now=now, mode=mode)
                queries = len(captured)
            else:
                chunk_process(chunk_id=chunk_id, now=now, mode=mode)
    cpu["python"] = time.process_time() - cpu_before
    db_after = _db_cpu()
    out.send({"queries": queries, "peak": _peak_mib(), "cpu": cpu,
              "db": None if db_before is None or db_after is None else db_after - db_before})


def _pass(now: dt.datetime, chunk: int, workers: int, mode: str, out: Any) -> None:
    """The beat tick's claim, the chunks over ``workers`` processes (each chunk checked as
    ``mode`` says), then the run's close."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        started = time.perf_counter()
        claim = nightly_claim(now=now, chunk_size=chunk)
        ids = claim.chunk_ids if claim else []
        shares = _in_children(_chunks, [(ids[w::workers], now, mode, w == 0)
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
        first = _in_child(_pass, now, chunk, options["workers"], checks.NIGHTLY)
        self.stdout.write(f"first night: {first['checked']} athletes checked in "
                          f"{first['seconds']:.2f} s, {first['new']} new findings, "
                          f"{first['errors']} errors, peak {first['peak']:.0f} MiB")
        # A typical night: the findings are there from the night before, most found again.
        # The database has its statistics on them, as autovacuum gathers them after a bulk
        # insert (the first night's ~3 per athlete into an empty table).
        self._reset(keep_findings=True)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Finding._meta.db_table}")
            cursor.execute(f"ANALYZE {CheckHorizon._meta.db_table}")
        # The same night as the pass was before the horizon: 14 days either side, every
        # finding in words again. It leaves the stored horizons and the far findings be.
        before = _in_child(_pass, tomorrow, chunk, options["workers"], checks.WINDOW)
        self.stdout.write(f"next night, 2-week window (before the horizon): "
                          f"{before['checked']} athletes checked in {before['seconds']:.2f} s")
        self.stdout.write(_cpu_line("2-week window", before, n))
        self.stdout.write(_engine_line("2-week window", before, n))
        self._reset(keep_findings=True)
        result = _in_child(_pass, tomorrow, chunk, options["workers"], checks.NIGHTLY)
        self.stdout.write(f"next night: {result['checked']} athletes checked in "
                          f"{result['seconds']:.2f} s, {result['new']} new, {result['kept']} "
                          f"kept, {result['resolved']} resolved, {result['errors']} errors")
        self.stdout.write(_cpu_line("next night", result, n))
        self.stdout.write(_engine_line("next night", result, n))
        self.stdout.write(_versus_line(before, result, n))
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
            CheckHorizon.objects.filter(athlete__in=bench).delete()
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


def _engine_line(label: str, measured: dict[str, Any], athletes: int) -> str:
    """``next night engine per athlete: 0.52 ms, one-click moves 0.05 ms (9.6 %), text
    0.03 ms (5.8 %)``: the engine's time and the shares of it spent on moves and words."""
    cpu = measured["cpu"]
    per = 1000 / max(athletes, 1)
    engine = cpu.get("engine", 0.0)

    def share(name: str) -> str:
        part = cpu.get(name, 0.0)
        return f"{part * per:.2f} ms ({100 * part / engine if engine else 0.0:.1f} %)"

    return (f"{label} engine per athlete: {engine * per:.2f} ms, one-click moves "
            f"{share('moves')}, text {share('text')}")


def _total(measured: dict[str, Any]) -> float:
    return measured["cpu"]["python"] + (measured["db"] or 0.0)


def _versus_line(before: dict[str, Any], after: dict[str, Any], athletes: int) -> str:
    """``horizon vs 2-week window, same run: CPU per athlete 3.10 ms vs 3.60 ms (0.86x)``:
    the next night's CPU (Python and PostgreSQL) per athlete, the horizon pass against the
    pass as it was before it, measured in the same run on the same population."""
    per = 1000 / max(athletes, 1)
    then, now = _total(before) * per, _total(after) * per
    return (f"horizon vs 2-week window, same run: CPU per athlete {now:.2f} ms vs "
            f"{then:.2f} ms ({now / then if then else 0.0:.2f}x)")
