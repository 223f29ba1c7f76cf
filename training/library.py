"""The exercise library: stable slugs (part of the API contract) and what each movement is.

Equipment: any one of the listed items will do; empty means bodyweight. A gym has all.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class LibraryExercise(NamedTuple):
    slug: str
    name: str
    pattern: str
    category: str
    lower_body: bool
    unilateral: bool
    equipment: tuple[str, ...]


def _e(slug: str, name: str, pattern: str, category: str, equipment: tuple[str, ...] = (),
       *, unilateral: bool = False) -> LibraryExercise:
    lower = pattern not in {"core", "upper"}
    return LibraryExercise(slug, name, pattern, category, lower, unilateral, equipment)


LIBRARY: tuple[LibraryExercise, ...] = (
    # Main lifts: squat
    _e("back-squat", "Back squat", "squat", "main", ("barbell",)),
    _e("front-squat", "Front squat", "squat", "main", ("barbell",)),
    _e("goblet-squat", "Goblet squat", "squat", "main", ("dumbbells",)),
    _e("kettlebell-goblet-squat", "Kettlebell goblet squat", "squat", "main", ("kettlebell",)),
    _e("backpack-squat", "Backpack squat", "squat", "main", ("backpack",)),
    # Main lifts: hinge
    _e("deadlift", "Deadlift", "hinge", "main", ("barbell",)),
    _e("trap-bar-deadlift", "Trap-bar deadlift", "hinge", "main", ("trap_bar",)),
    _e("romanian-deadlift", "Romanian deadlift", "hinge", "main", ("barbell",)),
    _e("dumbbell-romanian-deadlift", "Dumbbell Romanian deadlift", "hinge", "main",
       ("dumbbells",)),
    _e("kettlebell-deadlift", "Kettlebell deadlift", "hinge", "main", ("kettlebell",)),
    _e("backpack-good-morning", "Backpack good morning", "hinge", "main", ("backpack",)),
    # Main lifts: single leg
    _e("bulgarian-split-squat", "Bulgarian split squat", "single_leg", "main", unilateral=True),
    _e("split-squat", "Split squat", "single_leg", "main", unilateral=True),
    _e("step-up", "Step-up", "single_leg", "main", ("box",), unilateral=True),
    _e("reverse-lunge", "Reverse lunge", "single_leg", "main", unilateral=True),
    # Accessories
    _e("single-leg-calf-raise", "Single-leg calf raise", "calf", "accessory", unilateral=True),
    _e("glute-bridge", "Glute bridge", "glute", "accessory"),
    _e("hip-thrust", "Hip thrust", "glute", "accessory", ("barbell",)),
    _e("lateral-band-walk", "Lateral band walk", "glute", "accessory", ("band",)),
    _e("pallof-press", "Pallof press", "core", "accessory", ("band",)),
    _e("plank", "Plank", "core", "accessory"),
    _e("side-plank", "Side plank", "core", "accessory"),
    _e("dead-bug", "Dead bug", "core", "accessory"),
    _e("push-up", "Push-up", "upper", "accessory"),
    _e("pull-up", "Pull-up", "upper", "accessory"),
    _e("dumbbell-row", "Dumbbell row", "upper", "accessory", ("dumbbells",)),
    _e("bench-press", "Bench press", "upper", "accessory", ("barbell",)),
    # Plyometrics (counted in ground contacts)
    _e("pogo-hops", "Pogo hops", "plyo", "plyometric"),
    _e("box-jumps", "Box jumps", "plyo", "plyometric", ("box",)),
    _e("bounding", "Bounding", "plyo", "plyometric"),
    _e("a-skips", "A-skips", "plyo", "plyometric"),
)


# Holds (docs/rules.md, "Holds"): held for seconds (``hold_s``), never counted in reps. The
# library's holds by slug; a coach's custom exercise is a hold when its slug or name says so
# ("Wall sit", "Dead hang", "Copenhagen plank", "Hollow hold", "Isometric split squat").
HOLDS = frozenset({"plank", "side-plank"})
_HOLD_WORDS = re.compile(
    r"\b(plank|wall sit|dead hang|l sit|hollow|hold|isometric|iso)\b")


def is_hold(slug: str, name: str = "") -> bool:
    """Whether the exercise is a hold: a library hold, or a custom one named as one."""
    if slug in HOLDS:
        return True
    words = f"{slug} {name}".lower().replace("-", " ").replace("_", " ")
    return _HOLD_WORDS.search(words) is not None
