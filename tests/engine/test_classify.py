"""What a session is (docs/rules.md, "Words"): heavy / moderate / light lower, and which session
is judged when a plan and a log meet."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine import (
    Category,
    ExerciseInfo,
    Intensity,
    Pattern,
    Rule,
    RunType,
    classify_session,
)
from tests.engine.builders import MON, TUE, WED, ctx, findings, lift, line, only, run, sets
from training.library import LIBRARY

H, M, L = Intensity.HEAVY, Intensity.MODERATE, Intensity.LIGHT

LOGGED = [
    pytest.param(sets(n=3, reps=6, load=60), H, id="3 sets of 6 reps: heavy"),
    pytest.param(sets(n=3, reps=7, load=90), L, id="3 sets of 7 reps, no RIR, 75 %: light"),
    pytest.param(sets(n=2, reps=6, load=100), M, id="2 heavy sets: moderate"),
    pytest.param(sets(n=1, reps=5, load=100), M, id="1 heavy set: moderate"),
    pytest.param(sets(n=3, reps=8, load=90, rir=2), H, id="8 reps at RIR 2: heavy"),
    pytest.param(sets(n=3, reps=8, load=90, rir=3), L, id="8 reps at RIR 3: light"),
    pytest.param(sets(n=3, reps=9, load=90, rir=2), L, id="9 reps at RIR 2: light"),
    pytest.param(sets(n=3, reps=10, load=96), H, id="load exactly 80 % of e1RM 120: heavy"),
    pytest.param(sets(n=3, reps=10, load=95.5), L, id="load 79.6 % of e1RM: light"),
    pytest.param(sets(n=4, reps=5, load=60, warmup=True), L, id="warm-ups are not working"),
    pytest.param(sets("bench-press", 4, 4), L, id="upper-body main lift: not lower"),
    pytest.param(sets("calf-raise", 4, 4), L, id="lower-body accessory: not a main lift"),
    pytest.param(sets("bulgarian-split-squat", 3, 6, 20), H, id="single-leg is a main lift"),
    pytest.param(sets(n=2, reps=5) + sets("deadlift", 1, 5, 140, order=2), H,
                 id="heavy sets add up across lifts"),
]


@pytest.mark.parametrize(("logged", "expected"), LOGGED)
def test_logged_sets_classify_the_session(logged: list[object], expected: Intensity) -> None:
    context = ctx(e1rm={"back-squat": 120.0})
    assert classify_session(context, lift(WED, logged=logged)) is expected  # type: ignore[arg-type]


PLANNED = [
    pytest.param([line(sets=3, reps=(4, 6))], None, H, id="3 x 4-6: heavy"),
    pytest.param([line(sets=3, reps=(6, 8))], None, L, id="3 x 6-8 judged at 8 reps: light"),
    pytest.param([line(sets=3, reps=(5, 8))], None, L, id="3 x 5-8 judged at its top: light"),
    pytest.param([line(sets=3, reps=(3, 6))], None, H, id="3 x 3-6 judged at 6 reps: heavy"),
    pytest.param([line(sets=3, reps=(7, 8), rir=2)], None, H, id="3 x 7-8 at RIR 2: heavy"),
    pytest.param([line(sets=3, reps=(8, 9), rir=2)], None, L, id="3 x 8-9 at RIR 2: light"),
    pytest.param([line(sets=3, reps=(6, 8), rir=2)], None, H, id="3 x 6-8 at RIR 2: heavy"),
    pytest.param([line(sets=3, reps=10, pct=80)], None, H, id="10 reps at 80 % e1RM: heavy"),
    pytest.param([line(sets=3, reps=10, pct=79.5)], None, L, id="79.5 % e1RM: light"),
    pytest.param([line(sets=3, reps=10, load=96)], None, H, id="96 kg of e1RM 120: heavy"),
    pytest.param([line(sets=2, reps=4)], None, M, id="2 x 4: moderate"),
    pytest.param([line(sets=4, reps=4)], L, L, id="explicit light wins over 4 x 4"),
    pytest.param([line(sets=3, reps=12)], H, H, id="explicit heavy wins over 3 x 12"),
    pytest.param([], M, M, id="explicit moderate with no prescription"),
    pytest.param([], None, L, id="nothing known: light"),
]


@pytest.mark.parametrize(("lines", "explicit", "expected"), PLANNED)
def test_planned_sessions_classify_by_intensity_then_prescription(
        lines: list[object], explicit: Intensity | None, expected: Intensity) -> None:
    context = ctx(e1rm={"back-squat": 120.0})
    session = lift(WED, lines=lines, intensity=explicit)  # type: ignore[arg-type]
    assert classify_session(context, session) is expected


def test_a_run_has_no_lower_body_class() -> None:
    assert classify_session(ctx(), run(WED)) is None


def test_current_e1rm_falls_back_to_the_best_of_the_last_six_weeks() -> None:
    # No e1RM in the context: 1 x 5 at 125 kg five weeks ago gives 145.8 kg, so 3 x 10 at
    # 117 kg (80.2 %) is heavy and ends 13 h before Wednesday's intervals.
    history = lift(TUE - dt.timedelta(days=35), logged=sets(n=1, reps=5, load=125))
    planned = lift(TUE, "17:00", lines=[line(sets=3, reps=10, load=117)])
    found = findings(ctx(), [history, planned, run(WED, "07:30", type=RunType.INTERVALS)],
                     today=TUE, start=TUE, end=WED)
    assert only(found, Rule.HEAVY_BEFORE_KEY_RUN)


def test_logged_sets_win_over_the_plan_once_logged() -> None:
    planned = lift(TUE, "07:00", lines=[line(sets=4, reps=4)], id=1)
    light_log = lift(TUE, "07:00", logged=sets(n=3, reps=12, load=40), fulfils=planned.ref, id=2)
    intervals = run(WED, "07:00", type=RunType.INTERVALS, logged=True)
    found = findings(ctx(), [planned, light_log, intervals], today=WED)
    assert not only(found, Rule.HEAVY_BEFORE_KEY_RUN)


def test_a_fulfilled_plan_is_judged_by_its_log_never_both() -> None:
    planned = lift(TUE, "07:00", lines=[line(sets=4, reps=4)], id=1)
    heavy_log = lift(TUE, "08:00", logged=sets(n=4, reps=4), fulfils=planned.ref, id=2)
    intervals = run(WED, "07:00", type=RunType.INTERVALS, id=3)
    found = findings(ctx(), [planned, heavy_log, intervals], today=TUE)
    (hit,) = only(found, Rule.HEAVY_BEFORE_KEY_RUN)
    assert hit.key == "HEAVY_BEFORE_KEY_RUN:planned:3,strength:2"
    assert hit.dates[0] == TUE and "22 h" in hit.explanation  # the log's 08:00-09:00


def test_a_log_without_sets_is_a_draft_and_its_plan_stands_alone() -> None:
    """docs/rules.md, "Logged": a log with no working set is a draft; the plan it names is
    judged as if nothing were logged."""
    planned = lift(TUE, "07:00", lines=[line(sets=4, reps=4)], id=1)
    ticked = lift(TUE, "07:00", logged=[], fulfils=planned.ref, id=2)
    intervals = run(WED, "07:00", type=RunType.INTERVALS, id=3)
    found = findings(ctx(), [planned, ticked, intervals], today=TUE)
    assert [f.key for f in only(found, Rule.HEAVY_BEFORE_KEY_RUN)] == [
        "HEAVY_BEFORE_KEY_RUN:planned:1,planned:3"]


def test_a_missed_plan_makes_no_placement_finding() -> None:
    missed = lift(MON, "07:00", lines=[line(sets=4, reps=4)])
    tempo = run(TUE, "07:00", type=RunType.TEMPO, logged=True)
    found = findings(ctx(), [missed, tempo], today=WED)
    assert not only(found, Rule.HEAVY_BEFORE_KEY_RUN)


def test_a_logged_session_still_counts_against_later_planned_ones() -> None:
    done = lift(MON, "17:00", logged=sets(n=4, reps=4))
    missed = lift(TUE, lines=[line(sets=4, reps=4)])
    planned_heavy = lift(WED, "17:00", lines=[line(sets=4, reps=4)])
    found = findings(ctx(), [done, missed, planned_heavy], today=WED)
    (close,) = only(found, Rule.HEAVY_SESSIONS_TOO_CLOSE)
    assert close.sessions == tuple(sorted((done.ref, planned_heavy.ref)))


def _library() -> dict[str, ExerciseInfo]:
    """The shipped exercise library as the check window reads it (training/library.py is
    plain data: no database)."""
    return {e.slug: ExerciseInfo(e.slug, e.name, Pattern(e.pattern), Category(e.category),
                                 e.lower_body, e.unilateral, frozenset(e.equipment))
            for e in LIBRARY}


MAIN_LIFTS = ["back-squat", "front-squat", "goblet-squat", "kettlebell-goblet-squat",
              "backpack-squat", "deadlift", "trap-bar-deadlift", "romanian-deadlift",
              "dumbbell-romanian-deadlift", "kettlebell-deadlift", "backpack-good-morning",
              "bulgarian-split-squat", "split-squat", "step-up", "reverse-lunge"]
ACCESSORIES = ["single-leg-calf-raise", "glute-bridge", "hip-thrust", "lateral-band-walk",
               "pallof-press", "plank", "side-plank", "dead-bug", "push-up", "pull-up",
               "dumbbell-row", "bench-press"]


@pytest.mark.parametrize("slug", MAIN_LIFTS)
def test_every_squat_hinge_and_single_leg_variant_of_the_library_is_a_main_lift(
        slug: str) -> None:
    """docs/rules.md, "Main lift": loaded and home variants alike (backpack and kettlebell squats,
    good mornings, reverse lunges): three sets of 5 make a heavy lower session."""
    context = ctx(exercises=_library())
    assert classify_session(context, lift(WED, logged=sets(slug, 3, 5, 20))) is H


@pytest.mark.parametrize("slug", ACCESSORIES)
def test_accessories_and_core_of_the_library_never_make_a_session_heavy(slug: str) -> None:
    context = ctx(exercises=_library())
    assert classify_session(context, lift(WED, logged=sets(slug, 3, 5, 20))) is L


def test_the_library_is_exactly_those_lifts_and_plyometrics() -> None:
    plyometric = {e.slug for e in LIBRARY if e.category == "plyometric"}
    assert {e.slug for e in LIBRARY} == {*MAIN_LIFTS, *ACCESSORIES, *plyometric}
