"""python manage.py check_athlete EMAIL [--json]: re-check an athlete, print the findings for
their upcoming two weeks."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from athletes.models import AthleteProfile
from scheduling.models import CheckTrigger, Finding, FindingStatus
from scheduling.services import athlete_check
from scheduling.services.windows import local_today


class Command(BaseCommand):
    help = "Re-check one athlete and print their findings for the next two weeks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        athlete = (AthleteProfile.objects.select_related("user")
                   .filter(user__email__iexact=options["email"]).first())
        if athlete is None:
            raise CommandError(f"No athlete with the email {options['email']}.")
        athlete_check(athlete_id=athlete.pk, trigger=CheckTrigger.MANUAL)
        today = local_today(athlete.timezone, timezone.now())
        findings = list(
            Finding.objects.filter(
                athlete=athlete, status__in=[FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED],
                last_date__gte=today, first_date__lte=today + dt.timedelta(days=13),
            ).order_by("first_date", "severity", "rule", "id")
        )
        if options["json"]:
            self.stdout.write(json.dumps([
                {"id": f.pk, "rule": f.rule, "severity": f.severity, "status": f.status,
                 "sessions": f.sessions, "dates": f.dates, "title": f.title,
                 "explanation": f.explanation, "suggestion": f.suggestion, "fixes": f.fixes}
                for f in findings
            ], indent=2))
            return
        self.stdout.write(f"{athlete.user.name} <{athlete.user.email}>, {athlete.timezone}, "
                          f"{today:%A %d %b %Y} local: {len(findings)} finding(s) in the next "
                          "two weeks")
        for f in findings:
            self.stdout.write("")
            self.stdout.write(f"[{f.severity.upper()}] {f.rule} ({', '.join(f.dates)})"
                              f"{' - acknowledged' if f.status == 'acknowledged' else ''}")
            self.stdout.write(f"  {f.title}")
            self.stdout.write(f"  {f.explanation}")
            self.stdout.write(f"  Fix: {f.suggestion}")
