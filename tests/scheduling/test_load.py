"""The daily load table: kept current by the services, equal to a rebuild after any writes."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scheduling import services
from scheduling.services.load import load_rebuild
from training.models import DailyLoad, Run, StrengthSession, StrengthSet
from training.services import SetInput

pytestmark = pytest.mark.django_db
BASE = dt.date(2026, 3, 2)
DAYS = 50  # wider than the six weeks a lift's e1RM reaches


def table():
    return sorted(DailyLoad.objects.values_list("athlete_id", "date", "load", "run_load",
                                                "strength_load", "estimated"))


def rebuilt():
    load_rebuild()
    return table()


@pytest.fixture(autouse=True)
def no_recheck():
    with mock.patch("scheduling.services.recheck.send_on_commit"):
        yield


def test_a_run_without_rpe_takes_its_plan_then_its_type(athlete):
    d = BASE
    services.run_create(actor=athlete.user, athlete=athlete, date=d, run_type="tempo",
                        duration_s=45 * 60)
    assert table() == [(athlete.pk, d, 315.0, 315.0, 0.0, True)]  # tempo 7 x 45
    services.planned_session_create(actor=athlete.user, athlete=athlete, date=d, kind="run",
                                    run_type="tempo", planned_rpe=8, duration_min=45)
    assert table() == [(athlete.pk, d, 360.0, 360.0, 0.0, True)]  # the plan it fulfils: 8
    run = Run.objects.get()
    services.run_update(run=run, rpe=6)
    assert table() == [(athlete.pk, d, 270.0, 270.0, 0.0, False)]
    services.run_delete(run=run)
    assert table() == []


def test_a_lift_without_rpe_is_judged_by_its_sets(athlete):
    d = BASE
    heavy = [SetInput("back-squat", 5, 100) for _ in range(3)]
    services.strength_session_create(actor=athlete.user, athlete=athlete, date=d,
                                     duration_min=50, sets=heavy)
    services.strength_session_create(actor=athlete.user, athlete=athlete,
                                     date=d + dt.timedelta(days=1),
                                     sets=[SetInput("back-squat", 10, 60)])
    services.strength_session_create(actor=athlete.user, athlete=athlete,
                                     date=d + dt.timedelta(days=2),
                                     sets=[SetInput("back-squat", 5, 20, is_warmup=True)])
    assert table() == [
        (athlete.pk, d, 350.0, 0.0, 350.0, True),  # heavy: 7 x 50
        (athlete.pk, d + dt.timedelta(days=1), 180.0, 0.0, 180.0, True),  # light: 3 x 60
    ]  # a session of warm-ups only is a draft: no load


def test_a_heavy_set_by_e1rm_reaches_the_lifts_after_it(athlete):
    """7 reps at 100 kg is heavy by its own e1RM (123 kg: 81 %); a single at 150 kg two
    weeks before raises the current e1RM and makes the same session light (67 %)."""
    d = BASE + dt.timedelta(days=14)
    later = services.strength_session_create(
        actor=athlete.user, athlete=athlete, date=d, duration_min=60,
        sets=[SetInput("back-squat", 7, 100) for _ in range(3)])
    assert table()[-1][2] == 420.0  # heavy: 7 x 60
    services.strength_session_create(actor=athlete.user, athlete=athlete, date=BASE,
                                     duration_min=60, rpe=8,
                                     sets=[SetInput("back-squat", 1, 150)])
    assert dict((r[1], r[2]) for r in table())[later.date] == 180.0  # light now: 3 x 60
    assert table() == rebuilt()


def test_rebuild_command_rewrites_the_table(athlete):
    services.run_create(actor=athlete.user, athlete=athlete, date=BASE, duration_s=3600,
                        rpe=4)
    before = table()
    DailyLoad.objects.all().delete()
    call_command("rebuild_load", chunk=1, stdout=mock.MagicMock())
    assert table() == before == [(athlete.pk, BASE, 240.0, 240.0, 0.0, False)]


def test_a_sync_of_many_planned_sessions_refreshes_the_load_once(athlete):
    services.run_create(actor=athlete.user, athlete=athlete, date=BASE, duration_s=3600,
                        run_type="tempo")
    items = [{"external_id": f"x{i}", "date": BASE + dt.timedelta(days=7 * i), "kind": "run",
              "run_type": "tempo", "planned_rpe": 9} for i in range(12)]
    from scheduling.services.plans import planned_sessions_sync
    with mock.patch("scheduling.services.plans.load_refresh",
                    wraps=services.plans.load_refresh) as refresh:
        planned_sessions_sync(actor=athlete.user, athlete=athlete, items=items)
    assert refresh.call_count == 1
    assert table() == [(athlete.pk, BASE, 540.0, 540.0, 0.0, True)] == rebuilt()  # 9 x 60


# A write through the services: (name, arguments drawn for it).
day_n = st.just(0) | st.just(1) | st.integers(0, DAYS)  # often the same days: plans meet logs
rpe = st.sampled_from([None, None, 3, 6, 9])  # often missing: the plan or a default counts
run_type = st.sampled_from(["easy", "recovery", "long", "tempo", "intervals", "hills", "race"])
lift = st.tuples(st.sampled_from(["back-squat", "deadlift", "single-leg-calf-raise"]),
                 st.integers(1, 12), st.sampled_from([0, 40, 80, 100, 140]), st.booleans())
pick = st.integers(0, 1000)
run_create = st.tuples(
    st.just("run_create"), day_n, run_type, st.none() | st.integers(600, 7200),
    st.none() | st.just(8000), rpe, st.none() | pick, st.none() | st.integers(5, 20))
strength_create = st.tuples(st.just("strength_create"), day_n, rpe,
                            st.none() | st.integers(20, 90), st.lists(lift, max_size=4),
                            st.none() | pick)
plan_create = st.tuples(st.just("plan_create"), day_n, st.sampled_from(["run", "strength"]),
                        run_type, rpe)
creates = st.one_of(run_create, strength_create, plan_create)
op = st.one_of(
    run_create,
    st.tuples(st.just("run_update"), pick, day_n, rpe, st.none() | pick),
    st.tuples(st.just("run_delete"), pick),
    strength_create,
    st.tuples(st.just("strength_update"), pick, day_n, rpe, st.none() | pick),
    st.tuples(st.just("strength_delete"), pick),
    st.tuples(st.just("set_create"), pick, lift),
    st.tuples(st.just("set_update"), pick, st.integers(1, 12), st.booleans()),
    st.tuples(st.just("set_delete"), pick),
    plan_create,
    st.tuples(st.just("plan_update"), pick, day_n, rpe),
    st.tuples(st.just("plan_delete"), pick),
)


def _nth(qs, i):
    rows = list(qs.order_by("pk"))
    return rows[i % len(rows)] if rows else None


def _plan(athlete, i, kind):
    if i is None:
        return None
    return _nth(athlete.planned_sessions.filter(kind=kind, logged_run__isnull=True,
                                                logged_strength__isnull=True), i)


def apply(athlete, step):  # one branch per service
    name, *a = step
    user = athlete.user
    when = lambda n: BASE + dt.timedelta(days=n)  # noqa: E731
    if name == "run_create":
        n, kind, secs, metres, r, planned, start = a
        if secs is None and metres is None:
            metres = 5000
        services.run_create(actor=user, athlete=athlete, date=when(n), run_type=kind,
                            duration_s=secs, distance_m=metres, rpe=r,
                            start_time=None if start is None else dt.time(start),
                            planned_session=_plan(athlete, planned, "run"))
    elif name == "run_update" and (run := _nth(Run.objects.all(), a[0])):
        extra = {} if a[3] is None else {"planned_session": _plan(athlete, a[3], "run")}
        services.run_update(run=run, date=when(a[1]), rpe=a[2], **extra)
    elif name == "run_delete" and (run := _nth(Run.objects.all(), a[0])):
        services.run_delete(run=run)
    elif name == "strength_create":
        n, r, minutes, sets, planned = a
        services.strength_session_create(
            actor=user, athlete=athlete, date=when(n), rpe=r, duration_min=minutes,
            sets=[SetInput(slug, reps, kg, is_warmup=w) for slug, reps, kg, w in sets],
            planned_session=_plan(athlete, planned, "strength"))
    elif name == "strength_update" and (s := _nth(StrengthSession.objects.all(), a[0])):
        extra = {} if a[3] is None else {"planned_session": _plan(athlete, a[3], "strength")}
        services.strength_session_update(session=s, date=when(a[1]), rpe=a[2], **extra)
    elif name == "strength_delete" and (s := _nth(StrengthSession.objects.all(), a[0])):
        services.strength_session_delete(session=s)
    elif name == "set_create" and (s := _nth(StrengthSession.objects.all(), a[0])):
        slug, reps, kg, w = a[1]
        services.strength_set_create(session=s, data=SetInput(slug, reps, kg, is_warmup=w))
    elif name == "set_update" and (row := _nth(StrengthSet.objects.all(), a[0])):
        services.strength_set_update(row=row, reps=a[1], is_warmup=a[2])
    elif name == "set_delete" and (row := _nth(StrengthSet.objects.all(), a[0])):
        services.strength_set_delete(row=row)
    elif name == "plan_create":
        n, kind, rt, r = a
        services.planned_session_create(actor=user, athlete=athlete, date=when(n), kind=kind,
                                        run_type=rt if kind == "run" else "", planned_rpe=r,
                                        duration_min=45)
    elif name == "plan_update" and (p := _nth(athlete.planned_sessions.all(), a[0])):
        services.planned_session_update(session=p, date=when(a[1]), planned_rpe=a[2])
    elif name == "plan_delete" and (p := _nth(athlete.planned_sessions.all(), a[0])):
        services.planned_session_delete(session=p)


class Rollback(Exception):
    pass


def incremental_equals_rebuilt(athlete, steps):
    try:
        with transaction.atomic():
            for step in steps:
                apply(athlete, step)
            incremental = table()
            assert incremental == rebuilt()
            raise Rollback
    except Rollback:
        pass


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(first=st.lists(creates, min_size=3, max_size=8),
       steps=st.lists(op, min_size=1, max_size=12))
# A plan made after the log it is then fulfilled by; one moved away from it; a log named to a
# plan of another day, then renamed; a lift whose e1RM a set two weeks before changes.
@example(first=[("run_create", 0, "tempo", 3600, None, None, None, None),
                ("plan_create", 0, "run", "tempo", 9)], steps=[("plan_update", 0, 5, 9)])
@example(first=[("plan_create", 0, "run", "easy", 6), ("plan_create", 1, "run", "easy", 9),
                ("run_create", 0, "easy", 1800, None, None, None, None),
                ("run_create", 1, "easy", 1800, None, None, 0, None)],
         steps=[("run_update", 1, 1, None, 1)])
@example(first=[("strength_create", 14, None, 60, [("back-squat", 7, 100, False)] * 3, None),
                ("strength_create", 0, 8, 60, [], None)],
         steps=[("set_create", 1, ("back-squat", 1, 140, False))])
def test_incremental_equals_rebuilt_after_any_writes(athlete, first, steps):
    """Some sessions and plans first (so that later writes meet them), then any writes."""
    incremental_equals_rebuilt(athlete, first + steps)


def test_the_property_fails_when_a_write_path_skips_the_update(athlete):
    """The property can fail: the same writes with one path (a set's delete) not updating
    the table leave it different from the rebuild."""
    steps = [("strength_create", 0, 6, 60, [("back-squat", 5, 100, False)], None),
             ("set_delete", 0)]
    incremental_equals_rebuilt(athlete, steps)
    with pytest.raises(AssertionError), transaction.atomic():
        apply(athlete, steps[0])
        with mock.patch("scheduling.services.logs.load_refresh"):
            apply(athlete, steps[1])
        assert table() == rebuilt()
