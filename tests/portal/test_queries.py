"""Query counts of the portal's pages and htmx fragments, each at two sizes (DESIGN.md habit
7): the count is the same whatever the roster or the week holds. Each expected query is named.

Every request starts with the same two: the session row and the signed-in user.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from athletes.models import User
from athletes.services import athlete_create, invitation_create
from scheduling.models import Race
from scheduling.services import (
    PrescriptionInput,
    check_in_save,
    planned_session_create,
    planned_session_update,
    run_create,
    strength_session_create,
    strength_set_create,
)
from tests.portal.conftest import World, build_world, make_finding
from training.models import CheckIn, Run
from training.services import SetInput

HX = {"HTTP_HX_REQUEST": "true"}
AUTH = 2  # the session, the user


def _grow_roster(coach: User, size: int) -> None:
    """``size`` athletes, each with a plan, a logged session and a run, and open findings."""
    roster = coach.rosters.get()
    for i in range(size):
        athlete = athlete_create(email=f"a{i}@example.com", name=f"Athlete {i:02d}",
                                 roster=roster, timezone="Europe/Oslo")
        world = build_world(athlete, coach) if i % 2 == 0 else None
        if world is None:
            run_create(actor=coach, athlete=athlete, date=dt.date.today(), run_type="easy")
        else:
            make_finding(athlete, world.planned, severity="warning", key=f"w{i}")


# The dashboard: (3) the roster, every figure a correlated subquery of one SELECT;
# (4) every athlete's daily load up to today (form and ratio); (5) the coach's rosters for
# the invite form; (6) the pending invitations with their rosters. The htmx table fragment
# skips (5) and (6).
DASHBOARD = AUTH + 1 + 1 + 1 + 1


@pytest.mark.parametrize("size", [5, 50])
def test_the_dashboard_costs_the_same_for_5_and_50_athletes(
        size: int, coach: User, client, django_assert_num_queries) -> None:
    _grow_roster(coach, size)
    client.force_login(coach)
    with django_assert_num_queries(DASHBOARD):
        response = client.get(reverse("portal:dashboard"), {"sort": "errors"})
    assert len(response.context["rows"]) == size


@pytest.mark.parametrize("size", [5, 50])
def test_the_dashboard_fragment_costs_the_same(size: int, coach: User, client,
                                               django_assert_num_queries) -> None:
    _grow_roster(coach, size)
    client.force_login(coach)
    with django_assert_num_queries(DASHBOARD - 2):  # no invite form, no invitations
        client.get(reverse("portal:dashboard"), {"flagged": "any"}, HTTP_HX_TARGET="roster-table",
                   **HX)


def _invite(coach: User, pending: int) -> list[int]:
    roster = coach.rosters.get()
    return [invitation_create(roster=roster, email=f"p{i}@example.com", invited_by=coach)[0].pk
            for i in range(pending)]


@pytest.mark.parametrize("pending", [1, 20])
def test_the_dashboard_costs_the_same_however_many_invitations_are_pending(
        pending: int, coach: User, athlete, client, django_assert_num_queries) -> None:
    _invite(coach, pending)
    client.force_login(coach)
    with django_assert_num_queries(DASHBOARD):
        response = client.get(reverse("portal:dashboard"))
    assert len(response.context["invitations"]) == pending


# Resend: (3) the invitation, through the coach's rosters, with its roster; (4) its claim: a
# new token and expiry, in a savepoint (5, 6). Cancel: (3) the same; (4) the delete of a
# still pending one, in a savepoint (5, 6).
INVITATION_RESEND = AUTH + 1 + 1 + 2
INVITATION_CANCEL = AUTH + 1 + 1 + 2


@pytest.mark.parametrize("pending", [1, 20])
def test_resending_or_cancelling_an_invitation_costs_the_same_however_many_are_pending(
        pending: int, coach: User, client, django_assert_num_queries) -> None:
    first, *_ = _invite(coach, pending)
    client.force_login(coach)
    with django_assert_num_queries(INVITATION_RESEND):
        client.post(reverse("portal:invitation_resend", args=[first]))
    with django_assert_num_queries(INVITATION_CANCEL):
        client.post(reverse("portal:invitation_cancel", args=[first]))


def _fill_week(world: World, extra: int) -> None:
    """``extra`` more planned sessions, logs and findings in the world's week."""
    monday = world.today - dt.timedelta(days=world.today.weekday())
    athlete, user = world.athlete, world.athlete.user
    for i in range(extra):
        day = monday + dt.timedelta(days=i % 7)
        planned = planned_session_create(
            actor=user, athlete=athlete, kind="strength", date=day, title=f"S{i}",
            prescription=[PrescriptionInput("deadlift", sets=3, reps_min=5, load_kg=100)])
        strength_session_create(actor=user, athlete=athlete, date=day, planned_session=planned,
                                sets=[SetInput("deadlift", 5, 100), SetInput("deadlift", 5, 100)])
        run_create(actor=user, athlete=athlete, date=day, run_type="easy", distance_m=5000)
        make_finding(athlete, planned, severity="info", key=f"x{i}")
        Race.objects.create(athlete=athlete, name=f"Race {i}", date=day, distance_m=5000,
                            priority="C")


# The week: the athlete (scoped), then week_for_athlete's eight reads.
# + athlete; planned, their lines, strength, their sets, runs, findings, races, the span the
# checks last judged (checked or not); the week's load;
# compliance: the week's plans, runs, strength sessions, the plans of other weeks its logs
# name, the sets, the prescription lines; the comments and unread comments of each session's
# thread (one grouped count)
WEEK = AUTH + 1 + 8 + 1 + 6 + 1


@pytest.mark.parametrize("extra", [0, 12])
def test_the_week_costs_the_same_however_full(extra: int, world: World, client,
                                              django_assert_num_queries) -> None:
    _fill_week(world, extra)
    if extra:  # the full week has today's check-in (its readiness shown), the empty asks
        check_in_save(actor=world.athlete.user, athlete=world.athlete, date=world.today,
                      sleep=4, energy=3, soreness=2, stress=4, mood=5)
    client.force_login(world.athlete.user)
    url = reverse("portal:athlete_week", args=[world.athlete.pk])
    with django_assert_num_queries(WEEK + 1):  # the page: + today's check-in, for its card
        client.get(url)
    with django_assert_num_queries(WEEK):  # the board alone, as prev/next swap it in
        client.get(url, HTTP_HX_TARGET="week-board", **HX)


@pytest.mark.parametrize("extra", [0, 12])
def test_the_week_reads_the_e1rm_once_for_its_percent_lines(
    extra: int, world: World, client, django_assert_num_queries
) -> None:
    _fill_week(world, extra)
    planned_session_update(session=world.planned, prescription=[
        PrescriptionInput("back-squat", sets=4, reps_min=5, pct_e1rm=80)])
    client.force_login(world.athlete.user)
    url = reverse("portal:athlete_week", args=[world.athlete.pk])
    with django_assert_num_queries(WEEK + 1):  # + the current e1RM, for the kilograms
        client.get(url, HTTP_HX_TARGET="week-board", **HX)


# The check-in page: the athlete (scoped) and the day's check-in (scoped), for the form.
CHECK_IN_GET = AUTH + 1 + 1
# The athlete (scoped); the save: 2 savepoints, the day's check-in (locked), the actor who
# created it (full_clean of created_by), 9 check constraints each in a savepoint (9 x 3: the
# date, the five items, resting HR, HRV, body weight), savepoint, insert or update, release,
# 2 releases; the mark that the athlete's far weeks changed (MARK). The re-check runs after
# commit.
CHECK_IN_POST = AUTH + 1 + (2 + 1 + 1 + 27 + 3 + 2) + 1


@pytest.mark.parametrize("earlier", [0, 28])
def test_the_check_in_page_costs_the_same_however_many_days_are_in(
        earlier: int, world: World, client, django_assert_num_queries) -> None:
    for days in range(1, earlier + 1):
        check_in_save(actor=world.athlete.user, athlete=world.athlete,
                      date=world.today - dt.timedelta(days=days), sleep=4, energy=4,
                      soreness=4, stress=4, mood=4)
    client.force_login(world.athlete.user)
    url = reverse("portal:check_in", args=[world.athlete.pk])
    with django_assert_num_queries(CHECK_IN_GET):
        client.get(url)
    data = {"date": world.today.isoformat(), "sleep": "3", "energy": "4", "soreness": "2",
            "stress": "4", "mood": "4", "resting_hr": "51"}
    with django_assert_num_queries(CHECK_IN_POST):  # creates today's
        assert client.post(url, data).status_code == 302
    with django_assert_num_queries(CHECK_IN_POST):  # updates it
        assert client.post(url, {**data, "soreness": "3"}).status_code == 302


# A board after a write re-checks the athlete at once (views.week.fresh_findings), then
# renders it: the engine's window reads (12: profile, availability, races, phases, library,
# planned, prescriptions, strength sessions, sets, the history's best sets, runs, check-ins)
# and the upsert, at most: savepoint, locked read, one update of the kept and the resolved,
# one rewrite of those whose words changed (up to 100), one insert of the new, release. Which of
# the three writes happen depends on what changed, not on how much: the tests below hold
# the upper bound at both sizes; and the horizon it judged (one upsert). Then the week's
# eight reads.
CHECK = 12 + 6 + 1
BOARD = 8 + 1 + 6  # the week's eight reads, its training load, its compliance's six reads
# A write that re-checks marks the athlete's far weeks changed, in its transaction.
MARK = 1
# The daily training load of the dates a write touched (scheduling.services.load), in its
# transaction: the runs, the lifts, their sets (when a lift has no RPE), the plans they may
# fulfil; the delete of those days' rows, the insert of the days with load.
LOAD = 6
# A planned session's write first reads the date it had and the logs it names.
PLAN_LOAD = 1 + LOAD + MARK


@pytest.mark.parametrize("extra", [0, 12])
def test_the_board_fragments_after_a_write_cost_no_more_however_full(
        extra: int, world: World, client, django_assert_max_num_queries) -> None:
    _fill_week(world, extra)
    client.force_login(world.athlete.user)
    week = {"week": world.planned.date.isoformat()}
    apply = reverse("portal:finding_apply", args=[world.finding.pk])
    # finding (scoped) + the move's write path (session read, clean, save, prescription ...)
    with django_assert_max_num_queries(FINDING_APPLY):
        client.post(apply, week, **HX)
    move = reverse("portal:planned_move", args=[world.planned.pk])
    with django_assert_max_num_queries(PLANNED_MOVE):
        client.post(move, {**week, "date": world.planned.date.isoformat()}, **HX)
    delete = reverse("portal:planned_delete", args=[world.planned_run.pk])
    with django_assert_max_num_queries(PLANNED_DELETE):
        client.post(delete, week, **HX)


# finding (scoped); the plan read once more (load_windows' 12) to see the fix still fits;
# the move: 3 nested savepoints, the planned session, its row read again under a lock, the
# profile read by full_clean, 4 check constraints each in a savepoint (4 x 3), the update,
# 3 releases.
FINDING_APPLY = AUTH + 1 + 12 + (3 + 1 + 1 + 1 + 12 + 1 + 3) + PLAN_LOAD + CHECK + BOARD
# planned session and its lines (scoped); 2 savepoints, its row read again under a lock,
# 4 constraints (4 x 3), update, 2 releases.
PLANNED_MOVE = AUTH + 2 + (2 + 1 + 12 + 1 + 2) + PLAN_LOAD + CHECK + BOARD
# planned session and its lines (scoped); savepoint, its row read again under a lock,
# delete the lines, delete it, release.
PLANNED_DELETE = AUTH + 2 + 5 + PLAN_LOAD + CHECK + BOARD


@pytest.mark.parametrize("extra", [0, 12])
def test_acknowledging_on_the_findings_page_costs_the_same(
        extra: int, world: World, client, django_assert_num_queries) -> None:
    _fill_week(world, extra)
    client.force_login(world.athlete.user)
    url = reverse("portal:finding_ack", args=[world.finding.pk])
    # + the finding (scoped); savepoint, its update, release
    with django_assert_num_queries(AUTH + 4):
        client.post(url, {"from": "findings"}, **HX)


def _grow_session(world: World, extra: int) -> None:
    for i in range(extra):
        strength_set_create(session=world.strength, data=SetInput("back-squat", 5, 90 + i))


# The logging blocks: the session (scoped) and its sets (2), the plan it fulfils (1; its lines
# are one more when there is a plan), the library (1), the PRs of the session's sets (1).
BLOCKS = 2 + 1 + 1 + 1
# session and sets (scoped), the library for the form; 2 savepoints, the last order, the
# exercise (scoped to the athlete), the insert, the session's next version, 2 releases; the
# blocks again.
SET_ADD = AUTH + 2 + 1 + (2 + 1 + 1 + 1 + 1 + 2) + LOAD + MARK + BLOCKS
# the set with its exercise and session (scoped).
SET_EDIT_GET = AUTH + 1
# the set (scoped), the library; 2 savepoints, the update, the session's next version, 2
# releases; the blocks.
SET_EDIT_POST = AUTH + 1 + 1 + (2 + 1 + 1 + 2) + LOAD + MARK + BLOCKS
# the set (scoped); 2 savepoints, the delete, the session's next version, 2 releases; the
# blocks.
SET_DELETE = AUTH + 1 + (2 + 1 + 1 + 2) + LOAD + MARK + BLOCKS


@pytest.mark.parametrize("extra", [0, 15])
def test_the_logging_fragments_cost_the_same_however_many_sets(
        extra: int, world: World, client, django_assert_num_queries) -> None:
    _grow_session(world, extra)
    client.force_login(world.athlete.user)
    page = reverse("portal:strength_log", args=[world.strength.pk])
    with django_assert_num_queries(AUTH + BLOCKS + 1):  # + the session's thread
        client.get(page)
    add = reverse("portal:set_add", args=[world.strength.pk])
    with django_assert_num_queries(SET_ADD):
        client.post(add, {"prefix": "new", "new-exercise": "back-squat", "new-reps": "5",
                          "new-load": "100"}, **HX)
    row = world.strength.sets.first()
    edit = reverse("portal:set_edit", args=[row.pk])
    with django_assert_num_queries(SET_EDIT_GET):
        client.get(edit, **HX)
    with django_assert_num_queries(SET_EDIT_POST):
        client.post(edit, {f"s{row.pk}-exercise": "back-squat", f"s{row.pk}-reps": "4",
                           f"s{row.pk}-load": "95"}, **HX)
    with django_assert_num_queries(SET_DELETE):
        client.post(reverse("portal:set_delete", args=[row.pk]), **HX)



# The progress page: the athlete (scoped); the main lifts logged; the chosen lift's sets (its
# e1RM, heaviest sets, PRs and volume from one read); the daily load of the 120 days; the
# check-ins of the 120 days and the 28 before them (readiness and its mean); the exercises'
# names; the next targets, from the engine's window reads (12, as CHECK below); the runs of
# the running section's 12 weeks (its weeks, long runs, paces and recent runs from one read);
# the next planned line of each target's lift, with its session and exercise (the plan
# against the proposal).
PROGRESS = AUTH + 1 + 1 + 1 + 1 + 1 + 1 + 12 + 1 + 1


@pytest.mark.parametrize("days", [0, 40])
def test_the_progress_page_costs_the_same_however_many_check_ins(
        days: int, world: World, client, django_assert_num_queries) -> None:
    CheckIn.objects.bulk_create([
        CheckIn(athlete=world.athlete, date=world.today - dt.timedelta(days=n), sleep=4,
                energy=3, soreness=4, stress=3, mood=4) for n in range(days)])
    client.force_login(world.athlete.user)
    with django_assert_num_queries(PROGRESS):
        response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    assert len(response.context["readiness_table"]) == days


@pytest.mark.parametrize("planned", [0, 8])
def test_the_progress_page_costs_the_same_however_many_sessions_are_planned(
        planned: int, world: World, coach: User, client, django_assert_num_queries) -> None:
    for n in range(planned):
        planned_session_create(
            actor=coach, athlete=world.athlete, kind="strength",
            date=world.today + dt.timedelta(days=2 + 3 * n), title=f"Lower {n}",
            prescription=[PrescriptionInput("back-squat", sets=3, reps_min=5, load_kg=80 + n),
                          PrescriptionInput("deadlift", sets=2, reps_min=5, load_kg=100)])
    client.force_login(world.athlete.user)
    with django_assert_num_queries(PROGRESS):
        response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    assert response.context["targets"]


@pytest.mark.parametrize("runs", [0, 36])
def test_the_progress_page_costs_the_same_however_many_runs(
        runs: int, world: World, client, django_assert_num_queries) -> None:
    types = ["easy", "long", "tempo", "intervals", "recovery", "hills"]
    Run.objects.bulk_create([
        Run(athlete=world.athlete, date=world.today - dt.timedelta(days=2 * n),
            run_type=types[n % len(types)], distance_m=6000 + 100 * n,
            duration_s=1800 + 30 * n) for n in range(runs)])
    client.force_login(world.athlete.user)
    with django_assert_num_queries(PROGRESS):
        response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    assert len(response.context["recent_runs"]) == min(runs + 1, 10)  # the world's run too
