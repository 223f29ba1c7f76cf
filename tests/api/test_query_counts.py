"""Every list endpoint runs the same number of queries for 2 and for 50 rows (DESIGN.md
habit 7). The caller is signed in with ``force_authenticate``: no session or token query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from athletes.models import AthleteProfile, Membership, User
from scheduling.models import (
    Comment,
    Finding,
    PhaseBlock,
    PlannedSession,
    Prescription,
    Race,
    WebhookSubscription,
)
from training.models import (
    CheckIn,
    Exercise,
    Import,
    ImportFile,
    Run,
    StrengthSession,
    StrengthSet,
)

D0 = dt.date(2026, 6, 1)


def _athletes(n: int, a: AthleteProfile, coach: User) -> None:
    roster = coach.rosters.get()
    users = User.objects.bulk_create(
        [User(email=f"r{i}@example.com", name=f"Runner {i}") for i in range(n - 1)])
    profiles = AthleteProfile.objects.bulk_create([AthleteProfile(user=u) for u in users])
    Membership.objects.bulk_create([Membership(roster=roster, athlete=p) for p in profiles])


def _planned(n: int, a: AthleteProfile, coach: User) -> None:
    squat, hinge = Exercise.objects.get(slug="back-squat"), Exercise.objects.get(slug="deadlift")
    rows = PlannedSession.objects.bulk_create([
        PlannedSession(athlete=a, date=D0 + dt.timedelta(days=i), kind="strength",
                       intensity="heavy", external_id=f"x{i}", created_by=coach)
        for i in range(n)])
    Prescription.objects.bulk_create([
        Prescription(session=s, exercise=ex, order=j, sets=3, reps_min=5, reps_max=5,
                     load_kg=Decimal(100))
        for s in rows for j, ex in enumerate((squat, hinge))])


def _strength(n: int, a: AthleteProfile, coach: User) -> None:
    squat = Exercise.objects.get(slug="back-squat")
    rows = StrengthSession.objects.bulk_create([
        StrengthSession(athlete=a, date=D0 + dt.timedelta(days=i)) for i in range(n)])
    StrengthSet.objects.bulk_create([
        StrengthSet(session=s, exercise=squat, order=j, reps=5, load_kg=Decimal(100))
        for s in rows for j in range(2)])
    PlannedSession.objects.create(athlete=a, date=D0, kind="strength", logged_strength=rows[0])


def _runs(n: int, a: AthleteProfile, coach: User) -> None:
    rows = Run.objects.bulk_create([
        Run(athlete=a, date=D0 + dt.timedelta(days=i), distance_m=5000) for i in range(n)])
    PlannedSession.objects.create(athlete=a, date=D0, kind="run", run_type="easy",
                                  logged_run=rows[0])


def _check_ins(n: int, a: AthleteProfile, coach: User) -> None:
    CheckIn.objects.bulk_create([
        CheckIn(athlete=a, date=D0 - dt.timedelta(days=i), sleep=4, energy=3, soreness=2,
                stress=4, mood=5, resting_hr=50, hrv_ms=70, body_weight_kg=Decimal("71.5"))
        for i in range(n)])


def _findings(n: int, a: AthleteProfile, coach: User) -> None:
    now = timezone.now()
    Finding.objects.bulk_create([
        Finding(athlete=a, rule="TO_FAILURE", severity="warning", fingerprint=f"f{i}",
                sessions=[{"type": "strength", "id": i}], dates=[D0.isoformat()],
                first_date=D0, last_date=D0, title="t", explanation="e", first_seen=now,
                last_seen=now)
        for i in range(n)])


def _comments(n: int, a: AthleteProfile, coach: User) -> None:
    run = Run.objects.create(athlete=a, date=D0, distance_m=5000)
    Comment.objects.bulk_create([
        Comment(athlete=a, run=run, author=coach if i % 2 else a.user, body=f"Note {i}",
                pain_area="knee" if i % 3 == 0 else "", pain_score=2 if i % 3 == 0 else None)
        for i in range(n)])


def _races(n: int, a: AthleteProfile, coach: User) -> None:
    Race.objects.bulk_create([
        Race(athlete=a, name=f"Race {i}", date=D0 + dt.timedelta(days=7 * i), distance_m=10_000,
             priority="C") for i in range(n)])


def _phases(n: int, a: AthleteProfile, coach: User) -> None:
    PhaseBlock.objects.bulk_create([
        PhaseBlock(athlete=a, phase="base", start=D0 + dt.timedelta(days=7 * i),
                   end=D0 + dt.timedelta(days=7 * i + 6)) for i in range(n)])


def _exercises(n: int, a: AthleteProfile, coach: User) -> None:
    Exercise.objects.bulk_create([
        Exercise(slug=f"custom-{i}", name=f"Custom {i}", pattern="squat", category="main",
                 owner=coach) for i in range(n)])


def _webhooks(n: int, a: AthleteProfile, coach: User) -> None:
    WebhookSubscription.objects.bulk_create([
        WebhookSubscription(owner=coach, url=f"https://example.com/{i}",
                            events=["finding.created"], secret="s" * 64) for i in range(n)])


def _imports(n: int, a: AthleteProfile, coach: User) -> None:
    imports = Import.objects.bulk_create([
        Import(athlete=a, created_by=coach, units="metric", state="done",
               expires_at=timezone.now()) for _ in range(n)])
    ImportFile.objects.bulk_create([
        ImportFile(upload=upload, name=f"run-{i}.fit", outcome="ready", runs=1,
                   result={"created": {"runs": 1}}, written=True)
        for upload in imports for i in range(2)])


# url, rows builder, and one line per query the list runs (the expected count is their number)
LISTS: dict[str, tuple[str, Callable[..., None], list[str]]] = {
    "athletes": ("/api/v1/athletes/", _athletes, [
        "count of the athletes in scope (the rosters as a subquery)",
        "the page of athletes joined to their users",
    ]),
    "planned sessions": ("/api/v1/planned-sessions/", _planned, [
        "count of the sessions in scope (the athletes as a subquery)",
        "the page of sessions",
        "their prescription lines joined to their exercises (one prefetch)",
        # compliance (the page's sessions are past: each gets its verdict)
        "the page's athletes' time zones (their today)",
        "the athletes' planned sessions over the page's dates",
        "their runs over those dates, and the runs the plans name",
        "their strength sessions over those dates, and those the plans name",
        "the planned sessions of other dates those logs name",
        "the strength sessions' sets",
        "the planned sessions' prescription lines",
    ]),
    "strength sessions": ("/api/v1/strength-sessions/", _strength, [
        "count of the sessions in scope",
        "the page of sessions joined to the plan each fulfils",
        "their sets joined to their exercises (one prefetch)",
    ]),
    "runs": ("/api/v1/runs/", _runs, [
        "count of the runs in scope",
        "the page of runs joined to the plan each fulfils",
    ]),
    "check-ins": ("/api/v1/check-ins/", _check_ins, [
        "count of the check-ins in scope (the athletes as a subquery)",
        "the page of check-ins",
    ]),
    "comments": ("/api/v1/comments/", _comments, [
        "count of the comments in scope (the athletes as a subquery)",
        "the page of comments joined to their authors, each unread or not (EXISTS)",
    ]),
    "findings": ("/api/v1/findings/", _findings, [
        "count of the findings in scope",
        "the page of findings",
    ]),
    "races": ("/api/v1/athletes/{a}/races/", _races, [
        "the athlete of the path, in the caller's scope",
        "count of the athlete's races",
        "the page of races",
    ]),
    "phases": ("/api/v1/athletes/{a}/phases/", _phases, [
        "the athlete of the path, in the caller's scope",
        "count of the athlete's phase blocks",
        "the page of phase blocks",
    ]),
    "exercises": ("/api/v1/exercises/", _exercises, [
        "count of the library, the caller's own and their coaches' exercises",
        "the page of exercises",
    ]),
    "imports": ("/api/v1/imports/", _imports, [
        "count of the imports in scope (the athletes as a subquery)",
        "the page of imports joined to their athletes",
        "their files, without their previews (one prefetch)",
    ]),
    "webhooks": ("/api/v1/webhooks/", _webhooks, [
        "count of the caller's subscriptions",
        "the page of subscriptions",
    ]),
}


@pytest.mark.parametrize("size", [2, 50])
@pytest.mark.parametrize("name", list(LISTS))
def test_a_list_costs_the_same_queries_for_2_and_50_rows(
    name: str, size: int, athlete: AthleteProfile, coach: User,
    django_assert_num_queries: Any,
) -> None:
    url, build, queries = LISTS[name]
    build(size, athlete, coach)
    client = APIClient()
    client.force_authenticate(coach)
    with django_assert_num_queries(len(queries)):  # one per line of LISTS[name]
        response = client.get(url.format(a=athlete.pk))
    assert response.status_code == 200
    assert response.json()["count"] >= size
