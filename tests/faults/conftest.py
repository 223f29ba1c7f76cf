"""Redis as a part the fault tests break on purpose.

``redis_server`` is a private ``redis-server`` on a free port of its own (never the shared
6379), with no persistence, that the test stops, starts again and freezes (SIGSTOP) at will.
``celery_on_redis`` points the Celery app at it (a real broker, not eager) and
``cache_on_redis`` points Django's cache at it, each with the production settings, for one
test. Without ``redis-server`` on the PATH these tests skip, except in CI where they fail.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import redis
from celery import Celery, current_app

from tests.conftest import require_service


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RedisServer:
    binary: str
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None
    frozen: bool = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if self.client().ping():
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port} in 10 s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.thaw()
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None

    def freeze(self) -> None:
        """SIGSTOP: the port still accepts connections, nothing is ever answered."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        if self.process is not None and self.frozen:
            os.kill(self.process.pid, signal.SIGCONT)
            self.frozen = False

    @contextlib.contextmanager
    def frozen_for(self, seconds: float) -> Iterator[None]:
        """Frozen, with a watchdog that thaws it after ``seconds``: code that waits on Redis
        forever then finishes late (and fails its test) instead of hanging the suite."""
        self.freeze()
        watchdog = threading.Timer(seconds, self.thaw)
        watchdog.start()
        try:
            yield
        finally:
            watchdog.cancel()
            self.thaw()

    def queued(self, queue: str = "celery") -> list[tuple[str, list[object]]]:
        """The task messages waiting in a queue, oldest first: (task name, args)."""
        out = []
        for raw in reversed(self.client().lrange(queue, 0, -1)):
            message = json.loads(raw)
            args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
            out.append((message["headers"]["task"], args))
        return out


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    binary = shutil.which("redis-server")
    require_service("redis-server", binary is not None)
    assert binary is not None
    server = RedisServer(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _forget_broker_connections(app: Celery) -> None:
    """Celery pools its broker connections on first use: drop them, so the next publish
    connects to the broker URL set now."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_on_redis(redis_server: RedisServer) -> Iterator[RedisServer]:
    """Tasks are published to the private Redis, as in production (not run eagerly)."""
    app = current_app
    before = (app.conf.task_always_eager, app.conf.broker_url)
    _forget_broker_connections(app)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url
    yield redis_server
    _forget_broker_connections(app)
    app.conf.task_always_eager, app.conf.broker_url = before


@pytest.fixture
def cache_on_redis(redis_server: RedisServer, settings: Any) -> RedisServer:
    """Django's cache (and the rate limits kept in it) on the private Redis, configured as
    production configures it."""
    settings.CACHES = {"default": {**settings.REDIS_CACHE, "LOCATION": redis_server.url}}
    return redis_server


@contextlib.contextmanager
def eagerly() -> Iterator[None]:
    """Tasks run in-process for a while: for building a test's data before a fault."""
    app = current_app
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = before

