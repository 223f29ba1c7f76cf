"""python manage.py bench_load: the training load of five years, for one athlete.

Loads (idempotently) one bench athlete with five years of logged runs and lifts (some without
RPE, so estimated), rebuilds their daily load table, then times, in this process and on the
configured database, the load endpoint's selector for the largest window a call may ask (3
years, with the two years before it read for fitness and fatigue) and the whole endpoint (the
in-process request: scope, query, selector, serializer, JSON), each the median of ``--repeat``
runs after one warm-up, beside a baseline measured in the same run: the plain read of the
athlete's table rows up to today. Prints, exactly:

    load: 5 years for one athlete (<D> days with load, <S> sessions), 3-year window: selector
    <a> ms, endpoint <b> ms, baseline plain read of the table <c> ms (median of <N>); target
    under 50 ms

(on one line). The target is the issue's: under 50 ms of server time.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, User
from athletes.services import athlete_create
from scheduling.selectors import athlete_today
from scheduling.services.load import load_rebuild
from training.models import DailyLoad, Exercise, Run, StrengthSession, StrengthSet
from training.selectors import LOAD_COLUMNS, load_for_athlete

EMAIL = "load@bench-load.example"
YEARS = 5
WINDOW = 3 * 365 + 1


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


class Command(BaseCommand):
    help = "Time the training load of five years for one athlete (a line for `make bench`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=30)

    def handle(self, *args: Any, repeat: int = 30, **options: Any) -> None:
        athlete = self._athlete()
        today = athlete_today(athlete=athlete)
        date_from = today - dt.timedelta(days=WINDOW - 1)
        sessions = (Run.objects.filter(athlete=athlete).count()
                    + StrengthSession.objects.filter(athlete=athlete).count())
        days = DailyLoad.objects.filter(athlete=athlete).count()

        def selector() -> None:
            load_for_athlete(athlete_id=athlete.pk, date_from=date_from, date_to=today)

        client = APIClient()
        client.force_authenticate(athlete.user)
        url = f"/api/v1/athletes/{athlete.pk}/load/?date_from={date_from}&date_to={today}"

        def endpoint() -> None:
            response = client.get(url)
            assert response.status_code == 200, response.content

        def baseline() -> None:
            list(DailyLoad.objects.filter(athlete_id=athlete.pk, date__lte=today)
                 .order_by("date").values_list(*LOAD_COLUMNS))

        base = _median_ms(baseline, repeat)
        sel = _median_ms(selector, repeat)
        end = _median_ms(endpoint, repeat)
        self.stdout.write(
            f"load: {YEARS} years for one athlete ({days} days with load, {sessions} "
            f"sessions), 3-year window: selector {sel:.1f} ms, endpoint {end:.1f} ms, "
            f"baseline plain read of the table {base:.1f} ms (median of {repeat}); "
            f"target under 50 ms")

    def _athlete(self) -> AthleteProfile:
        found = AthleteProfile.objects.filter(user__email=EMAIL).first()
        if found is not None:
            return found
        with transaction.atomic():
            athlete = athlete_create(email=EMAIL, name="Load Bench",
                                     password=secrets.token_urlsafe(), timezone="Europe/Paris")
            self._history(athlete)
            load_rebuild(athlete_ids=[athlete.pk])
        return athlete

    def _history(self, athlete: AthleteProfile) -> None:
        """Five years to today: four runs and two lifts a week, one in six without RPE."""
        rng = random.Random(5)
        user: User = athlete.user
        today = athlete_today(athlete=athlete)
        first = today - dt.timedelta(days=YEARS * 365)
        squat = Exercise.objects.get(slug="back-squat")
        hinge = Exercise.objects.get(slug="romanian-deadlift")
        runs, lifts = [], []
        day = first
        while day <= today:
            weekday = day.weekday()
            if weekday in (0, 2, 4, 6):
                kind = {0: "easy", 2: "intervals", 4: "easy", 6: "long"}[weekday]
                minutes = {"easy": 45, "intervals": 60, "long": 100}[kind]
                runs.append(Run(
                    athlete=athlete, date=day, run_type=kind, created_by=user,
                    duration_s=int(minutes * 60 * rng.uniform(0.9, 1.1)),
                    distance_m=int(minutes * 180 * rng.uniform(0.9, 1.1)),
                    rpe=None if rng.random() < 1 / 6 else rng.randint(3, 8)))
            if weekday in (1, 3):
                lifts.append(StrengthSession(
                    athlete=athlete, date=day, duration_min=50, created_by=user,
                    rpe=None if rng.random() < 1 / 6 else rng.randint(5, 8)))
            day += dt.timedelta(days=1)
        Run.objects.bulk_create(runs, batch_size=1000)
        StrengthSession.objects.bulk_create(lifts, batch_size=1000)
        sets = []
        for session in StrengthSession.objects.filter(athlete=athlete):
            for order, (exercise, reps, kg) in enumerate(
                    [(squat, 5, 100), (squat, 5, 100), (squat, 5, 100), (hinge, 8, 80),
                     (hinge, 8, 80)]):
                sets.append(StrengthSet(session=session, exercise=exercise, order=order,
                                        reps=reps, load_kg=Decimal(kg + rng.choice((0, 5)))))
        StrengthSet.objects.bulk_create(sets, batch_size=2000)
