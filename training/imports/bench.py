"""The parsers alone on five years of history: a Strong export of about 10,000 sets and a zip
of 1,000 FIT runs (30 to 90 minutes, a record every 5 s as Garmin's smart recording keeps
about, laps of 1 km), generated in a temporary folder. Prints

    import parse: <F> files, <S> sets, <R> runs, <P> s, peak <M> MiB

``P`` is the parse time alone; the peak (Python's allocations, tracemalloc, in a second pass
so that tracing does not slow the timed one) shows that memory follows the largest file, not
the archive. ``python -m training.imports.bench [--runs N] [--sets N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

from training.imports.encoders.garmin import Lap, fit_run
from training.imports.encoders.sheets import SheetSet, SheetWorkout, strong_csv
from training.imports.parse import parse_upload
from training.imports.records import Outcome, SetKind

FIRST_DAY = dt.datetime(2021, 1, 4, 6, 0, tzinfo=dt.UTC)
DAYS = 5 * 365
LIFTS = (("Squat (Barbell)", 100), ("Deadlift (Barbell)", 130), ("Bench Press (Barbell)", 75),
         ("Romanian Deadlift (Barbell)", 90), ("Bulgarian Split Squat", 24),
         ("Pull Up", 0), ("Hip Thrust (Barbell)", 110), ("Overhead Press (Barbell)", 45))


def strong_history(rng: random.Random, target_sets: int) -> list[SheetWorkout]:
    """Lifting three times a week until the history holds ``target_sets`` sets."""
    workouts: list[SheetWorkout] = []
    total, day = 0, 0
    while total < target_sets:
        start = (FIRST_DAY + dt.timedelta(days=day, hours=12, minutes=rng.randrange(60)))
        sets: list[SheetSet] = []
        for name, base in rng.sample(LIFTS, 4):
            load = Decimal(max(base + rng.randrange(-10, 11), 0) if base else 0)
            sets.append(SheetSet(name, (load / 2).quantize(Decimal("0.5")), 8, SetKind.WARMUP))
            sets += [SheetSet(name, load, rng.randrange(3, 9), rpe=Decimal(rng.randrange(6, 10)))
                     for _ in range(rng.randrange(2, 4))]
        workouts.append(SheetWorkout(start.replace(tzinfo=None), "Strength", tuple(sets),
                                     duration_s=60 * rng.randrange(45, 80)))
        total += len(sets)
        day += rng.choice((2, 2, 3))
    return workouts


def write_runs(path: Path, rng: random.Random, count: int, record_every_s: int) -> None:
    """``count`` runs spread over five years, written one at a time into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            start = FIRST_DAY + dt.timedelta(days=DAYS * n / count, minutes=rng.randrange(90))
            minutes = rng.randrange(30, 91)
            pace = rng.uniform(4.5, 6.5) * 60  # seconds per km
            whole_km = int(minutes * 60 / pace)
            laps = [Lap(round(pace), 1000.0, rng.randrange(135, 170)) for _ in range(whole_km)]
            archive.writestr(f"runs/{start:%Y-%m-%d}-{n}.fit", fit_run(
                start, laps, serial=10_000 + n, record_every_s=record_every_s))


def parse_all(paths: list[Path]) -> tuple[int, int, int]:
    files = sets = runs = 0
    for path in paths:
        with path.open("rb") as stream:
            for found in parse_upload(path.name, stream):
                if found.outcome is not Outcome.READY:
                    raise SystemExit(f"{found.name}: {found.outcome} {found.reason}")
                files, sets, runs = files + 1, sets + found.sets, runs + found.runs
    return files, sets, runs


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=1000)
    options.add_argument("--sets", type=int, default=10_000)
    options.add_argument("--record-every", type=int, default=5)
    args = options.parse_args()
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as folder:
        lifts, runs_zip = Path(folder) / "strong.csv", Path(folder) / "runs.zip"
        lifts.write_bytes(strong_csv(strong_history(rng, args.sets)))
        write_runs(runs_zip, rng, args.runs, args.record_every)
        began = time.perf_counter()
        files, sets, runs = parse_all([lifts, runs_zip])
        seconds = time.perf_counter() - began
        tracemalloc.start()
        parse_all([lifts, runs_zip])
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(f"import parse: {files} files, {sets} sets, {runs} runs, {seconds:.1f} s, "
          f"peak {peak:.1f} MiB")


if __name__ == "__main__":
    main()
