"""``bench_nightly`` end to end on a tiny population: the summary line in the issue's exact
form, and the CPU breakdown that says what bounds it. PostgreSQL only. It runs as its own
process, as it is run by hand: the bench forks workers, and forking the test process (with
the browser tests' and the live server's threads in it) can hang a child."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = re.compile(
    r"^nightly: 6 athletes, \d+ sessions, \d+\.\d\d s, \d+\.\dx the read floor "
    r"\(\d+\.\d\d s\), \d+ queries per chunk, peak \d+ MiB$")
CPU = re.compile(
    r"^next night CPU per athlete: Python \d+\.\d\d ms \(reading \d+\.\d\d, engine "
    r"\d+\.\d\d, writing \d+\.\d\d\), PostgreSQL \d+\.\d\d ms$")


def _url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_bench_nightly_prints_the_summary_and_what_bounds_it(postgres) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "bench_nightly", "--athletes", "6", "--chunk", "4",
         "--workers", "2", "--drop"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300,
        env={**os.environ, "DATABASE_URL": _url(), "DEBUG": "false",
             "SECRET_KEY": "bench-test"},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert any(CPU.match(line) for line in lines), lines
    assert any(line.startswith("read floor CPU per athlete: Python ") for line in lines)
    first = next(line for line in lines if line.startswith("first night:"))
    assert "6 athletes checked" in first and " 0 errors" in first
