"""python manage.py bench_api: an API load run against gunicorn on loopback.

Loads (idempotently) a bench coach with a 50-athlete roster and this week's plan into the
configured database and checks them (real findings), starts gunicorn on 127.0.0.1 with
production-like settings (DEBUG off), then, for each concurrency, runs a closed-loop load for
a bounded time: every client alternates the coach's week of planned sessions and the open
findings list, with keep-alive connections. Per concurrency, first the baseline measured in
the same run on the same server and clients, the same load on ``GET /api/v1/me/`` (the token
lookup, one small body: what any authenticated request costs in this stack before it reads
or renders a list), then the lists' line, exactly:

    baseline /api/v1/me/: <C> clients, <R> req/s, p50 <a> ms, p95 <b> ms, p99 <c> ms, <E> errors
    api: <C> clients, <R> req/s, p50 <a> ms, p95 <b> ms, p99 <c> ms, <E> errors
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from athletes.models import AthleteProfile, Membership, Roster, User
from athletes.services import coach_create
from scheduling.models import PlannedSession, Prescription
from scheduling.services import athletes_check
from training.models import Exercise

COACH_EMAIL = "bench.coach@apexzone.test"
BASELINE_PATH = "/api/v1/me/"
ROSTER_SIZE = 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Command(BaseCommand):
    help = "Load a 50-athlete roster, serve it with gunicorn on loopback and load the API."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--clients", default="20,50",
                            help="Concurrencies to run, comma-separated (default 20,50).")
        parser.add_argument("--duration", type=float, default=10.0,
                            help="Seconds of load per concurrency (default 10).")
        parser.add_argument("--warmup", type=float, default=2.0,
                            help="Seconds of unmeasured load first (default 2).")
        parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1,
                            help="gunicorn workers (default 2 x CPUs + 1).")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        token, monday = self._load()
        port = _free_port()
        server = self._gunicorn(port, options["workers"])
        try:
            self._wait_ready(port, token)
            paths = [
                f"/api/v1/planned-sessions/?date_from={monday}"
                f"&date_to={monday + dt.timedelta(days=6)}",
                "/api/v1/findings/?status=open",
            ]
            for clients in [int(c) for c in options["clients"].split(",") if c.strip()]:
                for label, load in ((f"baseline {BASELINE_PATH}", [BASELINE_PATH]),
                                    ("api", paths)):
                    if options["warmup"] > 0:
                        _load_run(port, token, load, clients, options["warmup"])
                    latencies, errors, elapsed = _load_run(port, token, load, clients,
                                                           options["duration"])
                    self.stdout.write(_summary(clients, latencies, errors, elapsed,
                                               label=label))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

    # --- the data -------------------------------------------------------------------------

    @transaction.atomic
    def _load(self) -> tuple[str, dt.date]:
        today = timezone.localdate()
        monday = today - dt.timedelta(days=today.weekday())
        coach = User.objects.filter(email=COACH_EMAIL).first()
        if coach is None:
            coach = coach_create(email=COACH_EMAIL, password=secrets.token_urlsafe(16),
                                 name="Bench Coach")
        roster = Roster.objects.filter(coach=coach).first()
        assert roster is not None
        have = Membership.objects.filter(roster=roster).count()
        if have < ROSTER_SIZE:
            users = User.objects.bulk_create([
                User(email=f"bench.athlete{have + i}@apexzone.test", name=f"Bench {have + i}",
                     password=UNUSABLE_PASSWORD_PREFIX)
                for i in range(ROSTER_SIZE - have)
            ])
            profiles = AthleteProfile.objects.bulk_create([
                AthleteProfile(user=u, timezone="Europe/Berlin") for u in users])
            Membership.objects.bulk_create([Membership(roster=roster, athlete=p)
                                            for p in profiles])
        ids = list(Membership.objects.filter(roster=roster).values_list("athlete_id", flat=True))
        if not PlannedSession.objects.filter(athlete_id__in=ids, date=monday).exists():
            self._plan_week(ids, monday, coach)
            athletes_check(ids)
        token, _ = Token.objects.get_or_create(user=coach)
        return token.key, monday

    def _plan_week(self, ids: list[int], monday: dt.date, coach: User) -> None:
        """A week that breaks the rules on purpose: heavy squats the evening before
        intervals, and a heavy session the day after the long run."""
        squat = Exercise.objects.get(slug="back-squat")
        t = dt.time
        week = [  # (day, kind, start, run type, minutes, km, intensity)
            (0, "run", t(7), "easy", 45, 8, ""),
            (1, "strength", t(18), "", 60, 0, "heavy"),
            (2, "run", t(7), "intervals", 60, 10, ""),
            (3, "run", t(7), "easy", 40, 7, ""),
            (5, "run", t(8), "long", 110, 22, ""),
            (6, "strength", t(17), "", 60, 0, "heavy"),
        ]
        sessions = PlannedSession.objects.bulk_create([
            PlannedSession(athlete_id=aid, date=monday + dt.timedelta(days=day), kind=kind,
                           start_time=start, run_type=run_type, duration_min=minutes,
                           distance_m=km * 1000 or None, intensity=intensity,
                           created_by=coach, title=f"{intensity or run_type} {kind}".strip())
            for aid in ids
            for day, kind, start, run_type, minutes, km, intensity in week
        ])
        Prescription.objects.bulk_create([
            Prescription(session=s, exercise=squat, sets=4, reps_min=4, reps_max=5,
                         load_kg=Decimal(100), rir=2)
            for s in sessions if s.kind == "strength"
        ])

    # --- the server ------------------------------------------------------------------------

    def _gunicorn(self, port: int, workers: int) -> subprocess.Popen[bytes]:
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith("postgres") and "conn_max_age" not in database_url:
            # Persistent connections, as a deployment would have them.
            database_url += ("&" if "?" in database_url else "?") + "conn_max_age=60"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "PYTHONWARNINGS": "ignore::UserWarning",  # whitenoise: no collected static here
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [str(gunicorn), "apexzone.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--backlog", "2048", "--log-level", "warning",
             "--keep-alive", "30"],
            cwd=settings.BASE_DIR, env=env,
        )

    def _wait_ready(self, port: int, token: str) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/v1/me/", headers={"Authorization": f"Token {token}"})
                conn.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 30 s")


def _load_run(port: int, token: str, paths: list[str], clients: int,
              duration: float) -> tuple[list[float], int, float]:
    """A closed loop: ``clients`` threads, each with its own keep-alive connection."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    start_barrier = threading.Barrier(clients + 1)
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    stop_at = [0.0]

    def client(n: int) -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = n
        start_barrier.wait()
        while time.monotonic() < stop_at[0]:
            path = paths[i % len(paths)]
            i += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - began) * 1000)
            failed += not ok
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at[0] = began + duration
    start_barrier.wait()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - began


def _summary(clients: int, latencies: list[float], errors: int, elapsed: float,
             *, label: str = "api") -> str:
    if not latencies:
        return (f"{label}: {clients} clients, 0 req/s, p50 0 ms, p95 0 ms, p99 0 ms, "
                f"{errors} errors")
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    rate = len(latencies) / elapsed
    return (f"{label}: {clients} clients, {rate:.0f} req/s, p50 {cuts[49]:.1f} ms, "
            f"p95 {cuts[94]:.1f} ms, p99 {cuts[98]:.1f} ms, {errors} errors")
