"""python manage.py bench_import [--runs N] [--sets N]: the whole import of five years of
history (training.imports.bench's Strong export of about 10,000 sets and zip of 1,000 FIT
runs) beside its baseline, the parsers alone, measured in the same run. Prints

    import: <F> files, <S> sets, <R> runs, <T> s (parse only <P> s), peak <M> MiB

``T`` is the whole pipeline for a fresh athlete: the upload kept, read into the preview
(dedup against the database included), the unknown names answered (ignored), confirmed and
written in bulk, the athlete re-checked once. ``M`` is the peak of Python's allocations
(tracemalloc) in a second import into another fresh athlete, so that tracing does not slow
the timed one; it follows the largest file, not the history. The bench athletes are deleted
after.
"""

from __future__ import annotations

import random
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

from celery import current_app
from django.core.files import File
from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings

from athletes.models import AthleteProfile, User
from athletes.services import athlete_create, coach_create
from scheduling.services import import_confirm, import_create, import_mapping_set
from scheduling.services.imports import unmapped_names
from training.imports.bench import parse_all, strong_history, write_runs
from training.imports.encoders.sheets import strong_csv
from training.models import Import, ImportState

BENCH_COACH = "bench.import.coach@example.com"


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=1000)
        parser.add_argument("--sets", type=int, default=10_000)
        parser.add_argument("--record-every", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(17)
        eager = current_app.conf.task_always_eager
        current_app.conf.task_always_eager = True  # the steps run in this process, timed
        # Queries are not logged (DEBUG off), as in production: the log would grow the peak.
        with tempfile.TemporaryDirectory() as folder, override_settings(MEDIA_ROOT=folder,
                                                                        DEBUG=False):
            lifts, runs_zip = Path(folder) / "strong.csv", Path(folder) / "runs.zip"
            lifts.write_bytes(strong_csv(strong_history(rng, options["sets"])))
            write_runs(runs_zip, rng, options["runs"], options["record_every"])
            paths = [lifts, runs_zip]
            began = time.perf_counter()
            files, sets, runs = parse_all(paths)
            parse_s = time.perf_counter() - began
            coach = (User.objects.filter(email=BENCH_COACH).first()
                     or coach_create(email=BENCH_COACH, password=uuid.uuid4().hex, name="Bench"))
            athletes = [_athlete(coach), _athlete(coach)]
            try:
                began = time.perf_counter()
                written = _import(athletes[0], paths)
                total_s = time.perf_counter() - began
                tracemalloc.start()
                _import(athletes[1], paths)
                peak = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
            finally:
                for athlete in athletes:
                    athlete.user.delete()
                current_app.conf.task_always_eager = eager
        if written["runs"] != runs:
            raise SystemExit(f"the import wrote {written['runs']} runs of {runs}")
        self.stdout.write(f"import: {files} files, {sets} sets, {runs} runs, {total_s:.1f} s "
                          f"(parse only {parse_s:.1f} s), peak {peak:.1f} MiB")


def _athlete(coach: User) -> AthleteProfile:
    return athlete_create(email=f"bench.import.{uuid.uuid4().hex[:12]}@example.com",
                          name="Bench athlete", password=uuid.uuid4().hex,
                          roster=coach.rosters.get(), timezone="Europe/Berlin")


def _import(athlete: AthleteProfile, paths: list[Path]) -> dict[str, int]:
    """Upload, read (at commit, eagerly), ignore the unknown names, confirm, write."""
    handles = [path.open("rb") for path in paths]
    try:
        upload = import_create(actor=athlete.user, athlete=athlete,
                               files=[File(h, name=p.name) for h, p in zip(handles, paths,
                                                                           strict=True)])
    finally:
        for handle in handles:
            handle.close()
    upload.refresh_from_db()
    for name in unmapped_names(upload=upload):
        import_mapping_set(actor=athlete.user, upload=upload, name=name, exercise=None)
    import_confirm(actor=athlete.user, upload=upload)
    upload = Import.objects.get(pk=upload.pk)
    if upload.state != ImportState.DONE:
        raise SystemExit(f"the import ended {upload.state}: {upload.error}")
    written = {"runs": 0, "strength_sessions": 0, "sets": 0}
    for row in upload.files.defer("preview"):
        for key in written:
            written[key] += row.result.get("created", {}).get(key, 0)
    return written
