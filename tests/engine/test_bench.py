"""The benchmark runs and ends with the line the lead quotes."""

from __future__ import annotations

import re

import pytest

from scheduling.bench import engine as bench


def test_the_bench_ends_with_the_engine_line(capsys: pytest.CaptureFixture[str]) -> None:
    bench.main(["--athletes", "20"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"engine: \d+ athlete-weeks/s on one core "
                        r"\(baseline \d+ athlete-weeks/s building inputs only\)", last)


def test_the_population_is_deterministic() -> None:
    assert bench.build_all(3) == bench.build_all(3)
