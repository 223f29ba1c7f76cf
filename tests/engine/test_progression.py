"""Double progression (docs/rules.md, "Progression"): what the coach proposes next."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduling.engine import LoggedSet, Target, Units, next_targets
from tests.engine.builders import SUN, ctx, lift, line, sets

TODAY = SUN
LAST = TODAY - dt.timedelta(days=2)
EARLIER = TODAY - dt.timedelta(days=9)


def target(slug: str, found: tuple[Target, ...]) -> Target:
    (t,) = [t for t in found if t.exercise == slug]
    return t


def logged(day: dt.date, *groups: list[LoggedSet], **kw: object) -> object:
    return lift(day, logged=[s for g in groups for s in g], **kw)  # type: ignore[arg-type]


def squat(reps: list[int], load: float = 120, rir: int | None = 2) -> list[LoggedSet]:
    return [LoggedSet("back-squat", 1, r, load, rir) for r in reps]


BRANCHES = [
    pytest.param([squat([6, 6, 6])], 125.0, id="every set reached 6 at RIR 2: +5 kg"),
    pytest.param([squat([6, 6, 6], rir=None)], 125.0, id="RIR not logged: taken as met"),
    pytest.param([squat([6, 6, 5])], 120.0, id="a set fell short: keep the load"),
    pytest.param([squat([6, 6, 6], rir=1)], 120.0, id="reached 6 but at RIR 1: keep"),
    pytest.param([squat([5, 5, 5]), squat([6, 6, 5])], 107.5,
                 id="short twice at 120 kg: -10 % = 108, rounded to 107.5"),
    pytest.param([squat([5, 5, 5], load=115), squat([6, 6, 5])], 120.0,
                 id="short twice but at different loads: keep"),
    pytest.param([squat([5, 5, 5]), squat([6, 6, 6])], 125.0,
                 id="short then ready: +5 kg"),
]


@pytest.mark.parametrize(("exposures", "load"), BRANCHES)
def test_double_progression_branches(exposures: list[list[LoggedSet]], load: float) -> None:
    days = [TODAY - dt.timedelta(days=2 + 7 * n) for n in range(len(exposures))][::-1]
    sessions = [logged(d, e) for d, e in zip(days, exposures, strict=True)]
    t = target("back-squat", next_targets(ctx(), sessions, today=TODAY))  # type: ignore[arg-type]
    assert (t.load_kg, t.reps_min, t.reps_max, t.sets) == (load, 3, 6, 3)
    assert t.reason


STEPS = [
    pytest.param("back-squat", 100.0, 2.5, 105.0, id="squat: +5 kg"),
    pytest.param("deadlift", 140.0, 2.5, 145.0, id="hinge: +5 kg"),
    pytest.param("bulgarian-split-squat", 20.0, 2.5, 22.5, id="single-leg: +2.5 kg"),
    pytest.param("bench-press", 60.0, 2.5, 62.5, id="upper body: +2.5 kg"),
    pytest.param("back-squat", 101.25, 1.25, 106.25, id="1.25 kg plates"),
    pytest.param("back-squat", 120.0, 2.0, 126.0, id="2 kg steps: 125 rounds to 126"),
    pytest.param("bulgarian-split-squat", 20.0, 5.0, 25.0,
                 id="5 kg steps: 22.5 rounds up to 25"),
    pytest.param("bench-press", 60.0, 10.0, 70.0, id="never less than one step up"),
]


@pytest.mark.parametrize(("slug", "load", "step", "expected"), STEPS)
def test_increments_round_to_the_plate_step(slug: str, load: float, step: float,
                                            expected: float) -> None:
    session = logged(LAST, [LoggedSet(slug, 1, 6, load, 2) for _ in range(3)])
    t = target(slug, next_targets(ctx(plate_step_kg=step), [session], today=TODAY))  # type: ignore[list-item]
    assert t.load_kg == pytest.approx(expected)


def test_the_rep_target_comes_from_the_plan_the_session_fulfils() -> None:
    plan = lift(LAST, lines=[line(sets=4, reps=(4, 5), rir=2)])
    done = logged(LAST, squat([5, 5, 5, 5]), fulfils=plan.ref)
    t = target("back-squat", next_targets(ctx(), [plan, done], today=TODAY))  # type: ignore[list-item]
    assert (t.sets, t.reps_min, t.reps_max, t.load_kg) == (4, 4, 5, 125.0)


# The plan each exposure fulfils: back squat 3 x 6 at RIR 2 (one more set logged than
# planned is fine; fewer is a partial exposure, short).
PRESCRIBED = [
    pytest.param([[6, 6, 6]], 125.0, "every one of the 3 sets", id="3 of 3 sets at 6: +5 kg"),
    pytest.param([[6, 6, 6, 6]], 125.0, "every one of the 3 sets", id="4 sets of 3: +5 kg"),
    pytest.param([[6, 6]], 120.0, "2 of the 3 sets", id="2 of 3 sets: short, keep"),
    pytest.param([[6]], 120.0, "1 of the 3 sets", id="1 of 3 sets: short, keep"),
    pytest.param([[6], [6]], 107.5, "fell short of 3 x 6 at 120 kg twice",
                 id="partial twice at 120 kg: -10 %"),
    pytest.param([[6, 6, 5], [6]], 107.5, "fell short of 3 x 6", id="short then partial: -10 %"),
    pytest.param([[6], [6, 6, 6]], 125.0, "every one of the 3 sets",
                 id="partial then complete: +5 kg"),
]


@pytest.mark.parametrize(("exposures", "load", "words"), PRESCRIBED)
def test_progression_counts_the_prescribed_sets(exposures: list[list[int]], load: float,
                                               words: str) -> None:
    sessions: list[object] = []
    for n, reps in enumerate(exposures[::-1]):
        day = TODAY - dt.timedelta(days=2 + 7 * n)
        plan = lift(day, lines=[line(sets=3, reps=6, rir=2)])
        sessions += [plan, logged(day, squat(reps), fulfils=plan.ref)]
    t = target("back-squat", next_targets(ctx(), sessions, today=TODAY))  # type: ignore[arg-type]
    assert (t.load_kg, t.sets, t.reps_max) == (load, 3, 6)
    assert words in t.reason


def test_only_main_lifts_of_the_last_eight_weeks() -> None:
    old = logged(TODAY - dt.timedelta(days=56), squat([6, 6, 6]))
    accessory = logged(LAST, sets("calf-raise", 3, 12, 20))
    assert next_targets(ctx(), [old, accessory], today=TODAY) == ()  # type: ignore[list-item]
    recent = logged(TODAY - dt.timedelta(days=55), squat([6, 6, 6]))
    assert len(next_targets(ctx(), [recent], today=TODAY)) == 1  # type: ignore[list-item]


LB = 0.45359237  # kg, exactly
POUNDS = [  # a pound lifter: loads typed in lb (stored in kg to 0.01), the step in lb
    pytest.param("back-squat", 265, 5, "", 275, id="squat +5 kg = 11 lb: 276 -> 275"),
    pytest.param("back-squat", 265, 2.5, "", 275, id="2.5 lb plates: 276 -> 275"),
    pytest.param("deadlift", 315, 5, "", 325, id="hinge: 326 -> 325"),
    pytest.param("bench-press", 135, 5, "", 140, id="upper +2.5 kg = 5.5 lb: 140.5 -> 140"),
    pytest.param("bench-press", 135, 2.5, "", 140, id="upper, 2.5 lb plates: 140"),
    pytest.param("bench-press", 140, 20, "", 160, id="20 lb steps: never less than one up"),
    pytest.param("back-squat", 265, 5, "short", 240, id="short twice: -10 % = 238.5 -> 240"),
    pytest.param("back-squat", 265, 1, "", 276, id="fractional plates, 1 lb: 276"),
    pytest.param("back-squat", 135, 5, "", 145, id="135 + 11 lb: 145 (148.5 on 5.5 lb)"),
]


@pytest.mark.parametrize(("slug", "pounds", "step_lb", "how", "expected_lb"), POUNDS)
def test_a_pound_lifters_targets_sit_on_their_pound_grid(
    slug: str, pounds: float, step_lb: float, how: str, expected_lb: float
) -> None:
    """Not the pound value of a kg grid (130 kg would read 286.6 lb): the target and its
    reason both say the load the lifter can put on the bar."""
    load_kg = round(pounds * LB, 2)
    step_kg = round(step_lb * LB, 2)
    reps = [5, 5, 5] if how == "short" else [6, 6, 6]
    sessions = [logged(TODAY - dt.timedelta(days=2 + 7 * n),
                       [LoggedSet(slug, 1, r, load_kg, 2) for r in reps])
                for n in range(2 if how == "short" else 1)]
    t = target(slug, next_targets(ctx(units=Units.IMPERIAL, plate_step_kg=step_kg),
                                  sessions, today=TODAY))  # type: ignore[arg-type]
    assert t.load_kg is not None
    assert t.load_kg == round(t.load_kg, 2)  # kg as stored
    assert t.load_kg / LB == pytest.approx(expected_lb, abs=0.011)
    shown = f"{expected_lb:g}"
    assert f"{pounds} lb" in t.reason and f"{shown} lb" in t.reason


def test_the_reason_speaks_the_athletes_units() -> None:
    """A load logged in kg reads as its exact pound figure; the target is on the 5 lb grid."""
    t = target("back-squat", next_targets(ctx(units=Units.IMPERIAL, plate_step_kg=2.27),
                                          [logged(LAST, squat([6, 6, 6]))], today=TODAY))  # type: ignore[list-item]
    assert t.reason.endswith("go from 264.6 lb to 275 lb.")


HOME = [
    pytest.param({"kettlebell"}, "back-squat", "goblet-squat", id="kettlebell: goblet squat"),
    pytest.param({"backpack"}, "back-squat", "backpack-squat", id="backpack: backpack squat"),
    pytest.param({"dumbbells"}, "deadlift", "dumbbell-romanian-deadlift",
                 id="dumbbells: dumbbell RDL"),
]


@pytest.mark.parametrize(("equipment", "lifted", "variant"), HOME)
def test_home_athletes_get_the_home_variant(equipment: set[str], lifted: str,
                                            variant: str) -> None:
    session = logged(LAST, [LoggedSet(lifted, 1, 5, 100, 2) for _ in range(3)])
    found = next_targets(ctx(equipment=frozenset(equipment)), [session], today=TODAY)  # type: ignore[list-item]
    t = target(variant, found)
    assert t.based_on == lifted and t.load_kg is None
    assert (t.reps_min, t.reps_max) == (8, 12) and "No barbell" in t.reason


def goblet(reps: list[int]) -> list[LoggedSet]:
    return [LoggedSet("goblet-squat", 1, r, 24, 2) for r in reps]


HOME_STEPS = [
    pytest.param(goblet([12, 12, 12]), (10, 14), "", id="reached 12: two more reps"),
    pytest.param(goblet([12, 11, 12]), (8, 12), "", id="short: keep the reps"),
]


@pytest.mark.parametrize(("done", "reps", "tempo"), HOME_STEPS)
def test_home_progression_adds_reps(done: list[LoggedSet], reps: tuple[int, int],
                                    tempo: str) -> None:
    home = ctx(equipment=frozenset({"kettlebell"}))
    t = target("goblet-squat", next_targets(home, [logged(LAST, done)], today=TODAY))  # type: ignore[list-item]
    assert ((t.reps_min, t.reps_max), t.tempo, t.load_kg) == (reps, tempo, 24)


def test_home_progression_turns_to_tempo_past_fifteen_reps() -> None:
    home = ctx(equipment=frozenset({"kettlebell"}))
    plan = lift(LAST, lines=[line("goblet-squat", 3, (12, 14))])
    done = logged(LAST, goblet([14, 14, 14]), fulfils=plan.ref)
    t = target("goblet-squat", next_targets(home, [plan, done], today=TODAY))  # type: ignore[list-item]
    assert ((t.reps_min, t.reps_max), t.tempo) == ((12, 14), "3-1-1")


def test_a_variants_own_history_wins_over_the_barbell_lift() -> None:
    home = ctx(equipment=frozenset({"kettlebell"}))
    sessions = [logged(EARLIER, squat([5, 5, 5])), logged(LAST, goblet([12, 12, 12]))]
    found = next_targets(home, sessions, today=TODAY)  # type: ignore[arg-type]
    assert [(t.exercise, t.based_on, t.reps_max) for t in found] == [
        ("goblet-squat", "goblet-squat", 14)]
