"""python manage.py recheck [--athlete EMAIL | --all]: the nightly path, by hand."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from athletes.models import AthleteProfile
from scheduling.models import CheckRun
from scheduling.services.nightly import recheck_claim


class Command(BaseCommand):
    help = "Re-check one athlete or all of them through the nightly pass's chunks."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--athlete", metavar="EMAIL")
        group.add_argument("--all", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        profiles = AthleteProfile.objects.all()
        if options["athlete"]:
            profiles = profiles.filter(user__email__iexact=options["athlete"])
            if not profiles.exists():
                raise CommandError(f"No athlete with the email {options['athlete']}.")
        claim = recheck_claim(athlete_ids=list(profiles.values_list("id", flat=True)))
        if claim is None:
            self.stdout.write("No athletes to check.")
            return
        run = CheckRun.objects.get(pk=claim.run.pk)
        state = "finished" if run.finished_at else "queued on the workers"
        self.stdout.write(
            f"Check run {run.pk} {state}: {run.athletes_checked} athletes checked, "
            f"{run.findings_new} new, {run.findings_kept} kept, {run.findings_resolved} "
            f"resolved, {run.errors} errors ({len(claim.chunk_ids)} chunks)."
        )
