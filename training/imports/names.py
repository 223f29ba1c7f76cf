"""The apps' exercise names that mean a library exercise, whatever the app: Strong's
"Squat (Barbell)", Hevy's "Romanian Deadlift (Barbell)", Garmin's categories and subtypes as
the FIT parser writes them ("Barbell Back Squat", "Squat"). A name not in the table is asked
of the athlete or coach, never guessed. Names are compared folded (``fold``)."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


MAX_LENGTH = 120  # what a remembered answer keeps of a name (ExerciseMapping.name)


def fold(name: str) -> str:
    """A name as compared: case, spaces and hyphens do not matter ("Pull-up" = "pull up");
    a name of hyphens alone stays itself. At most MAX_LENGTH characters."""
    folded = _SPACES.sub(" ", name.replace("-", " ").replace("_", " ")).strip().casefold()
    return (folded or name.strip().casefold() or name)[:MAX_LENGTH]


_TABLE: dict[str, tuple[str, ...]] = {
    "back-squat": ("Squat (Barbell)", "Back Squat", "Back Squat (Barbell)", "Barbell Squat",
                   "Barbell Back Squat", "Back Squats", "Squat", "High Bar Squat (Barbell)",
                   "Low Bar Squat (Barbell)"),
    "front-squat": ("Front Squat (Barbell)", "Front Squat", "Barbell Front Squat"),
    "goblet-squat": ("Goblet Squat", "Goblet Squat (Dumbbell)", "Dumbbell Squat"),
    "kettlebell-goblet-squat": ("Goblet Squat (Kettlebell)", "Kettlebell Squat",
                                "Kettlebell Goblet Squat"),
    "deadlift": ("Deadlift (Barbell)", "Deadlift", "Barbell Deadlift", "Conventional Deadlift"),
    "trap-bar-deadlift": ("Trap Bar Deadlift", "Deadlift (Trap Bar)", "Deadlift (Trap bar)",
                          "Trap Bar Deadlift (Trap Bar)"),
    "romanian-deadlift": ("Romanian Deadlift (Barbell)", "Romanian Deadlift",
                          "Barbell Romanian Deadlift", "Straight Leg Deadlift (Barbell)",
                          "Straight Leg Deadlift"),
    "dumbbell-romanian-deadlift": ("Romanian Deadlift (Dumbbell)",
                                   "Dumbbell Romanian Deadlift",
                                   "Dumbbell Straight Leg Deadlift"),
    "kettlebell-deadlift": ("Deadlift (Kettlebell)", "Kettlebell Deadlift"),
    "bulgarian-split-squat": ("Bulgarian Split Squat", "Bulgarian Split Squat (Dumbbell)",
                              "Bulgarian Split Squat (Barbell)", "Dumbbell Bulgarian Split Squat",
                              "Barbell Bulgarian Split Squat"),
    "split-squat": ("Split Squat", "Split Squat (Dumbbell)", "Split Squat (Barbell)",
                    "Dumbbell Split Squat", "Barbell Split Squat"),
    "step-up": ("Step-up", "Step Up", "Step Up (Dumbbell)", "Step-up (Dumbbell)",
                "Dumbbell Step Up", "Barbell Step Up"),
    "reverse-lunge": ("Reverse Lunge", "Reverse Lunge (Dumbbell)", "Reverse Lunge (Barbell)",
                      "Barbell Reverse Lunge", "Lunge", "Lunge (Dumbbell)", "Lunge (Barbell)",
                      "Dumbbell Lunge", "Barbell Lunge"),
    "single-leg-calf-raise": ("Single Leg Calf Raise", "Single Leg Standing Calf Raise",
                              "Calf Raise", "Standing Calf Raise",
                              "Standing Calf Raise (Dumbbell)"),
    "glute-bridge": ("Glute Bridge", "Glute Bridge (Barbell)", "Hip Raise"),
    "hip-thrust": ("Hip Thrust (Barbell)", "Hip Thrust", "Barbell Hip Thrust",
                   "Barbell Hip Thrust With Bench", "Barbell Hip Thrust On Floor"),
    "lateral-band-walk": ("Lateral Band Walk", "Lateral Band Walks",
                          "Lateral Walks With Band At Ankles"),
    "pallof-press": ("Pallof Press", "Pallof Press (Cable)", "Pallof Press (Band)"),
    "plank": ("Plank",),
    "side-plank": ("Side Plank",),
    "dead-bug": ("Dead Bug",),
    "push-up": ("Push Up", "Push-up", "Push Ups", "Pushup"),
    "pull-up": ("Pull Up", "Pull-up", "Pull Ups", "Pullup", "Pull Up (Weighted)",
                "Weighted Pull Up"),
    "dumbbell-row": ("Dumbbell Row", "Bent Over One Arm Row (Dumbbell)",
                     "Dumbbell Row (Dumbbell)", "Single Arm Dumbbell Row", "One Arm Bent Over Row",
                     "Row"),
    "bench-press": ("Bench Press (Barbell)", "Bench Press", "Barbell Bench Press"),
    "pogo-hops": ("Pogo Hops", "Pogo Jumps"),
    "box-jumps": ("Box Jump", "Box Jumps", "High Box Jump"),
    "bounding": ("Bounding", "Bounds"),
    "a-skips": ("A-skips", "A Skip", "A Skips"),
}

DEFAULT_NAMES: dict[str, str] = {fold(name): slug for slug, names in _TABLE.items()
                                 for name in names}


def default_slug(name: str) -> str | None:
    """The library exercise an app's name means, when the table knows it."""
    return DEFAULT_NAMES.get(fold(name))
