"""Real Celery workers on a real Redis broker, in processes of their own that a test kills.

``main()``, run in a process of its own, is the project's worker (``celery -A apexzone worker``, the
solo pool: one task at a time, in the worker's own process) with the hooks the environment
asks for:

FAULTS_SLOW      ``chunk``: a chunk waits before checking its athletes; ``mail``: every
                 digest after the first waits before it is mailed
FAULTS_MARKER    the file a slow hook creates when it starts to wait (the test kills then)
FAULTS_MAIL_DIR  where the digests are written, one file per worker (Django's file backend)

The test's side: ``real_broker()`` (a Redis database of the tests' own, Celery off eager
mode), ``Workers`` (starts them; ``kill_all()`` after the test) and the helpers below.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import quote

import redis
from celery import Celery, current_app
from django.conf import settings
from django.db import connection

from athletes.services import athlete_create
from tests.conftest import require_service
from tests.scheduling.conftest import heavy_before_intervals

BROKER_URL = os.environ.get("FAULTS_REDIS_URL", "redis://127.0.0.1:6379/7")
HOLD_S = 600  # how long a slow hook waits: the test kills the worker long before
ROOT = Path(settings.BASE_DIR)


@contextlib.contextmanager
def real_broker() -> Iterator[Celery]:
    """Celery through Redis (emptied before and after), as in production: not eager. Skips
    the test where Redis is not running (fails in CI)."""
    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2)
    try:
        reachable = bool(client.ping())
    except redis.RedisError:
        reachable = False
    require_service(f"Redis at {BROKER_URL}", reachable)
    client.flushdb()
    app = current_app
    before = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER_URL
    _forget_connections(app)
    try:
        yield app
    finally:
        app.conf.task_always_eager, app.conf.broker_url = before
        _forget_connections(app)
        client.flushdb()


def _forget_connections(app: Celery) -> None:
    """The app keeps the connections it opened to the broker it had (an eager task opens one
    to REDIS_URL's, or the in-memory one): drop them, so the next task goes to the broker
    now set."""
    app._pool = None
    app.amqp._producer_pool = None


def unacked_age(seconds: float) -> None:
    """Move the broker's clock on: every task a worker holds unacknowledged (it acks late,
    when the task ends) is recorded as delivered ``seconds`` earlier than it was. A worker's
    sweep hands such a task to the queue again once it is older than the visibility timeout;
    ``unacked_index`` is kombu's record of them (delivery tag -> delivery time)."""
    client = redis.Redis.from_url(BROKER_URL)
    for tag, delivered in client.zrange("unacked_index", 0, -1, withscores=True):
        client.zadd("unacked_index", {tag: delivered - seconds})


def wait_for(what: Callable[[], Any], timeout: float, every: float = 0.25) -> Any:
    """``what()`` once it is truthy, or its last value after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := what()) and time.monotonic() < deadline:
        time.sleep(every)
    return value


def recipients(mail_dir: Path) -> list[str]:
    """Whom the digests the workers wrote went to, one entry per email."""
    return sorted(line.split(":", 1)[1].strip()
                  for path in mail_dir.glob("*") for line in path.read_text().splitlines()
                  if line.startswith("To: "))


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self.marker = Path(env["FAULTS_MARKER"])
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "import django; django.setup(); "
                 "from tests.faults.worker import main; main()"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)

    def kill(self) -> None:
        """SIGKILL, the worker and anything it started: no goodbye to the broker."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


class Workers:
    """Starts workers on the test's database and broker; the fixture kills what is left."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.mail_dir = tmp / "mail"
        self.mail_dir.mkdir()
        self.started: list[Worker] = []

    def start(self, *, slow: str = "") -> Worker:
        index = len(self.started)
        db = connection.settings_dict
        auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
        env = os.environ | {
            "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "apexzone.settings",
            "DATABASE_URL": f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": BROKER_URL, "FAULTS_SLOW": slow,
            "FAULTS_MARKER": str(self.tmp / f"worker-{index}.waiting"),
            "FAULTS_MAIL_DIR": str(self.mail_dir),
        }
        worker = Worker(env, self.tmp / f"worker-{index}.log")
        self.started.append(worker)
        return worker

    def logs(self) -> str:
        return "\n".join(f"--- {w.log.name}\n{w.log.read_text()[-4000:]}" for w in self.started)

    def kill_all(self) -> None:
        for worker in self.started:
            worker.kill()


def _slow_chunks(marker: Path) -> None:
    from scheduling.services import nightly

    check = nightly.athletes_check

    def slow(*args: Any, **kwargs: Any) -> Any:
        marker.touch()
        time.sleep(HOLD_S)
        return check(*args, **kwargs)

    nightly.athletes_check = slow


def _slow_mail(marker: Path) -> None:
    from django.core.mail.backends.filebased import EmailBackend

    write = EmailBackend.write_message
    written: list[object] = []

    def slow(self: EmailBackend, message: Any) -> None:
        if written:
            marker.touch()
            time.sleep(HOLD_S)
        write(self, message)
        written.append(message)

    EmailBackend.write_message = slow  # type: ignore[method-assign]


def main() -> None:
    """The worker process (Django set up already: this module imports the test's helpers)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = os.environ["FAULTS_MAIL_DIR"]
    marker = Path(os.environ["FAULTS_MARKER"])
    hooks = {"chunk": _slow_chunks, "mail": _slow_mail}
    if os.environ.get("FAULTS_SLOW"):
        hooks[os.environ["FAULTS_SLOW"]](marker)
    from apexzone.celery import app

    app.worker_main(["worker", "--pool=solo", "--loglevel=INFO", "--without-gossip",
                     "--without-mingle", "--without-heartbeat",
                     f"--hostname=faults-{os.getpid()}@%h"])



def athletes_with_errors(coach: Any, count: int, *, zone: str, today: dt.date) -> list[Any]:
    """``count`` athletes on the coach's roster, each with an error in the days after
    ``today`` (a heavy squat the evening before intervals); no checks run yet."""
    people = []
    with mock.patch("scheduling.services.recheck.send_on_commit"):
        for i in range(count):
            who = athlete_create(email=f"f{i}@example.com", name=f"Fault {i}", password="x",
                                 timezone=zone, roster=coach.rosters.get())
            heavy_before_intervals(who, today)
            people.append(who)
    return people
