"""``bench_nightly`` end to end on a tiny population: the summary line in the issue's exact
form, and the CPU breakdown that says what bounds it. PostgreSQL only: the bench forks
workers, each with its own connection to the committed population."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = re.compile(
    r"^nightly: 6 athletes, \d+ sessions, \d+\.\d\d s, \d+\.\dx the read floor "
    r"\(\d+\.\d\d s\), \d+ queries per chunk, peak \d+ MiB$")
CPU = re.compile(
    r"^next night CPU per athlete: Python \d+\.\d\d ms \(reading \d+\.\d\d, engine "
    r"\d+\.\d\d, writing \d+\.\d\d\), PostgreSQL \d+\.\d\d ms$")


def test_bench_nightly_prints_the_summary_and_what_bounds_it(postgres) -> None:
    out = io.StringIO()
    call_command("bench_nightly", athletes=6, chunk=4, workers=2, drop=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert any(CPU.match(line) for line in lines), lines
    assert any(line.startswith("read floor CPU per athlete: Python ") for line in lines)
    first = next(line for line in lines if line.startswith("first night:"))
    assert "6 athletes checked" in first and " 0 errors" in first
