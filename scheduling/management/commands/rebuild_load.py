"""Rebuild the daily load table (training.DailyLoad) from the logged sessions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from scheduling.services.load import CHUNK, load_rebuild


class Command(BaseCommand):
    help = ("Recompute every athlete's daily training load from their logged sessions, "
            "in chunks of athletes (one transaction and a bulk insert each).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--athlete", type=int, action="append", dest="athletes",
                            help="Only this athlete profile id (repeatable)")
        parser.add_argument("--chunk", type=int, default=CHUNK,
                            help=f"Athletes per transaction (default {CHUNK})")

    def handle(self, *args: Any, athletes: list[int] | None = None, chunk: int = CHUNK,
               **options: Any) -> None:
        if chunk < 1:
            self.stderr.write("--chunk must be 1 or more.")
            return
        rows = load_rebuild(athlete_ids=athletes, chunk=chunk)
        self.stdout.write(f"Daily load rebuilt: {rows} day(s) with load.")
