"""What the rulebook shares across entries: the words the rules use and the sources."""

from __future__ import annotations

from scheduling.engine.classify import (
    HEAVY_MAX_REPS,
    HEAVY_PCT_E1RM,
    HEAVY_RIR,
    HEAVY_RIR_MAX_REPS,
    HEAVY_SETS,
    KEY_RPE,
    KEY_RUN_TYPES,
    LONG_RUN_MIN,
)
from scheduling.engine.phases import RACE_SPECIFIC_DAYS, RECOVERY_DAYS_AFTER, TAPER_DAYS_BEFORE
from scheduling.engine.timeline import (
    DEFAULT_DURATION_MIN,
    RACE_DEFAULT_START,
    RUN_DEFAULT_START,
    STRENGTH_DEFAULT_START,
)
from scheduling.engine.types import RunType

# The studies behind the rules, by topic. An entry that names none follows a convention of
# the house: no study sets its number.
DOMA = ("Doma & Deakin 2013", "Doma et al. 2019")
SAME_DAY = ("Robineau et al. 2016", "Schumann et al. 2022", "Petre et al. 2021")
HEAVY_LOW_REPS = ("Rønnestad & Mujika 2014", "Blagrove et al. 2018")
MAINTENANCE = ("Rønnestad et al. 2010", "Spiering et al. 2021")
TAPER = ("Bosquet et al. 2007", "Pritchard et al. 2015")
EFFORT = ("Grgic et al. 2022", "Zourdos et al. 2016")
WELLNESS = ("McLean et al. 2010", "Saw et al. 2016")
SORENESS = ("Cheung et al. 2003",)

SOURCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (DOMA, "how running goes in the one to two days after heavy lower-body lifting"),
    (SAME_DAY, "the order of, and the rest between, a run and a lifting session on one day"),
    (HEAVY_LOW_REPS, "heavy, low-rep strength training, about twice a week, and running "
                     "economy"),
    (MAINTENANCE, "keeping strength on fewer sets at the same load"),
    (TAPER, "tapering before a race"),
    (EFFORT, "training to failure, and reps in reserve (RIR) as a measure of effort"),
    (WELLNESS, "short daily wellness questionnaires (sleep, fatigue, soreness, stress, mood) "
               "as a measure of how an athlete is taking the training"),
    (SORENESS, "delayed-onset muscle soreness and the strength it costs in the days after "
               "hard or unaccustomed work"),
)



def listing(words: list[str], last: str = "or") -> str:
    """``tempo, intervals, hills or race``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


_key_types = listing([t.value for t in RunType if t in KEY_RUN_TYPES and t is not RunType.LONG])

WORDS: tuple[tuple[str, str], ...] = (
    ("Key run", f"a long run, a run of type {_key_types}, or any run planned at RPE "
                f"{KEY_RPE} or more. Other runs are easy."),
    ("Long run", f"a run of type long, or any run of {LONG_RUN_MIN} minutes or more, timed to "
                 f"the second ({LONG_RUN_MIN - 1} min 45 s is not long)."),
    ("Main lift", "a lower-body lift of the squat, hinge or single-leg pattern, with its "
                  "loaded and home variants (back, front, goblet, backpack and kettlebell "
                  "squats; deadlifts, Romanian deadlifts, good mornings; split squats, "
                  "step-ups, lunges, reverse lunges). Accessories are calf, hip, core and "
                  "upper-body work; plyometrics (jumps, hops, bounds) are counted in ground "
                  "contacts, a contact a rep when none are given."),
    ("Hold", "a plank or another hold, prescribed and logged in seconds, never as reps."),
    ("Prescribed reps", "a line's rep range: its top decides how heavy it is (4-6 is heavy, "
                        "5-8 is not); the set rules find it off target when either end is."),
    ("Working set", "a set not marked as a warm-up."),
    ("Heavy set", f"a working set of a lower-body main lift of at most {HEAVY_MAX_REPS} reps, "
                  f"or at most {HEAVY_RIR_MAX_REPS} reps with {HEAVY_RIR} or fewer in "
                  f"reserve, or at {HEAVY_PCT_E1RM:g} % or more of the athlete's current "
                  "e1RM."),
    ("Heavy lower session", f"{HEAVY_SETS} or more heavy sets; 1 to {HEAVY_SETS - 1} make it "
                            "moderate, none light. A coach's explicit intensity on a planned "
                            "session wins; once logged, the logged sets decide."),
    ("e1RM", "estimated one-rep max (Epley) from working sets of 1 to 10 reps; the current "
             "one is the best of the last six weeks."),
    ("Gap", "real hours from the end of one session to the start of the next, in the "
            "athlete's time zone. No start time: runs at "
            f"{RUN_DEFAULT_START:%H:%M}, strength at {STRENGTH_DEFAULT_START:%H:%M}, the race "
            f"at {RACE_DEFAULT_START:%H:%M}; no duration: {DEFAULT_DURATION_MIN} min."),
    ("Phase", f"from the goal race: taper is race day and the {TAPER_DAYS_BEFORE} days "
              f"before it, race-specific the {RACE_SPECIFIC_DAYS // 7} weeks before the taper, "
              f"base before that, recovery the {RECOVERY_DAYS_AFTER} days after the race. "
              "The athlete's own race build wins; no goal race: base."),
)
