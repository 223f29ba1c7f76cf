"""``bench_load``: the line `make bench` prints for the training load of five years."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from training.models import DailyLoad, Run, StrengthSession

pytestmark = pytest.mark.django_db

LINE = re.compile(
    r"^load: 5 years for one athlete \((\d+) days with load, (\d+) sessions\), 3-year "
    r"window: selector \d+\.\d ms, endpoint \d+\.\d ms, baseline plain read of the table "
    r"\d+\.\d ms \(median of 2\); target under 50 ms$")


def test_bench_load_builds_five_years_once_and_prints_its_line() -> None:
    out = io.StringIO()
    call_command("bench_load", repeat=2, stdout=out)
    found = LINE.match(out.getvalue().strip().splitlines()[-1])
    assert found, out.getvalue()
    days, sessions = int(found[1]), int(found[2])
    assert days > 5 * 52 * 5 and sessions == Run.objects.count() + StrengthSession.objects.count()
    assert DailyLoad.objects.count() == days
    call_command("bench_load", repeat=2, stdout=io.StringIO())  # the athlete is kept
    assert DailyLoad.objects.count() == days
