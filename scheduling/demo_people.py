"""The demo's people: who the six athletes are, how they run and lift each week, their races,
equipment and days (``scheduling.demo`` writes them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

T = dt.time


@dataclass(frozen=True)
class Lift:
    slug: str
    sets: int
    reps: int
    load: float  # kg at the start of the four logged weeks
    step: float  # kg added a week (0: bodyweight or holds)
    rir: int = 2
    hold_s: int | None = None
    contacts: int | None = None


@dataclass(frozen=True)
class Day:
    weekday: int
    kind: str  # "run" | "strength"
    start: dt.time
    run_type: str = ""
    km: float = 0
    minutes: int = 60
    rpe: int = 5
    intensity: str = ""
    lifts: tuple[Lift, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class Persona:
    email: str
    name: str
    timezone: str
    level: str
    units: str = "metric"
    equipment: str = "gym"
    home_items: tuple[str, ...] = ()
    race: tuple[str, int, int] | None = None  # name, days from today, distance in metres
    week: tuple[Day, ...] = ()
    # (days from the anchor, session) added on top; each takes the place of the usual session of
    # its kind that day. The anchor is today, or with ``conflicts_on`` the first such weekday
    # after today, for a conflict that needs the week around it (the evening before intervals).
    conflicts: tuple[tuple[int, Day], ...] = ()
    conflicts_on: int | None = None
    availability: tuple[tuple[int, dt.time, dt.time], ...] = ()
    skip: tuple[int, ...] = field(default=())  # days ago whose planned session was missed
    # The latest strength session of the last 7 days is missed (MISSED_SESSION, whatever the
    # weekday the demo loads on).
    misses_strength: bool = False
    # Today's check-in, as (sleep, energy, leg soreness, stress, mood); None: not in yet, so
    # the athlete's week asks for it.
    today_feels: tuple[int, int, int, int, int] | None = None


HEAVY_A = (
    Lift("back-squat", 4, 4, 90, 2.5), Lift("romanian-deadlift", 3, 6, 70, 2.5),
    Lift("single-leg-calf-raise", 3, 10, 20, 0), Lift("plank", 3, 1, 0, 0, hold_s=45),
)
MODERATE_B = (
    Lift("trap-bar-deadlift", 2, 5, 110, 5), Lift("glute-bridge", 3, 10, 40, 2.5),
    Lift("pallof-press", 3, 10, 0, 0), Lift("dead-bug", 3, 10, 0, 0),
)


def _run_week(long_km: float = 22, key: str = "intervals") -> tuple[Day, ...]:
    return (
        Day(0, "run", T(7, 0), "easy", 8, 45, 3),
        Day(1, "run", T(6, 30), key, 11, 60, 8, title="6 x 800 m" if key == "intervals" else ""),
        Day(2, "run", T(7, 0), "easy", 7, 40, 3),
        Day(3, "run", T(7, 0), "tempo", 10, 50, 7, title="3 x 2 km at threshold"),
        Day(5, "run", T(8, 0), "easy", 6, 35, 3),
        Day(6, "run", T(8, 0), "long", long_km, int(long_km * 5.6), 6),
    )


def _strength(weekday: int, start: dt.time, lifts: tuple[Lift, ...], title: str) -> Day:
    return Day(weekday, "strength", start, minutes=60, rpe=7, lifts=lifts, title=title)


GYM_WEEK = (
    *_run_week(),
    _strength(1, T(17, 30), HEAVY_A, "Heavy lower A"),
    _strength(4, T(17, 30), MODERATE_B, "Strength B"),
)

PERSONAS = (
    Persona(
        "maya@apexzone.test", "Maya Lindqvist", "Europe/Stockholm", "intermediate",
        week=GYM_WEEK,
        # The classic: Friday's Strength B swapped for heavy squats in the evening, the night
        # before intervals swapped in for Saturday's easy run (and 37 h before Sunday's long
        # run: nothing more to flag).
        conflicts=(
            (0, _strength(-1, T(18, 0), (Lift("back-squat", 4, 4, 100, 0),
                                         Lift("romanian-deadlift", 3, 5, 80, 0)),
                          "Extra heavy squat day")),
            (1, Day(-1, "run", T(6, 30), "intervals", 10, 55, 8, title="5 x 1 km")),
        ),
        conflicts_on=4,
        skip=(9,),
        misses_strength=True,
    ),
    Persona(
        "jonas@apexzone.test", "Jonas Berg", "Europe/Berlin", "advanced",
        race=("Berlin Winter Marathon", 45, 42195),
        week=(*_run_week(28), _strength(1, T(17, 30), (
            Lift("back-squat", 3, 4, 120, 2.5), Lift("romanian-deadlift", 3, 5, 100, 2.5),
            Lift("single-leg-calf-raise", 3, 10, 30, 0)), "Maintenance A"),
        ),
        # Deadlifts on Monday, the day after Sunday's long run: two heavy triples, a moderate
        # session (a third set would make it heavy, and an error before Tuesday's intervals).
        conflicts=((0, _strength(-1, T(18, 0), (Lift("deadlift", 2, 3, 160, 0),),
                                 "Deadlift triples")),),
        conflicts_on=0,
    ),
    Persona(
        "priya@apexzone.test", "Priya Nair", "America/New_York", "intermediate",
        race=("Philadelphia Half", 6, 21097),
        week=(*_run_week(16), _strength(1, T(17, 30), HEAVY_A, "Heavy lower A")),
        # Heavy squats tomorrow, in the taper five days out from the race, and her legs are
        # sore today.
        conflicts=((1, _strength(-1, T(17, 30), (Lift("back-squat", 4, 3, 95, 0),),
                                 "Last heavy squat")),),
        today_feels=(4, 3, 2, 4, 4),
    ),
    Persona(
        "sam@apexzone.test", "Sam Okafor", "America/Los_Angeles", "beginner", units="imperial",
        equipment="home", home_items=("dumbbells", "band"),
        week=(
            Day(1, "run", T(6, 0), "easy", 5, 35, 4), Day(3, "run", T(6, 0), "tempo", 6, 40, 7),
            Day(5, "run", T(7, 30), "long", 12, 80, 5),
            _strength(0, T(18, 0), (
                Lift("goblet-squat", 3, 6, 20, 2), Lift("dumbbell-romanian-deadlift", 3, 6, 20, 2),
                Lift("lateral-band-walk", 2, 12, 0, 0)), "Home strength A"),
            _strength(3, T(18, 0), (
                Lift("split-squat", 3, 6, 10, 1), Lift("glute-bridge", 3, 12, 0, 0),
                Lift("dead-bug", 3, 10, 0, 0)), "Home strength B"),
        ),
        # Far too many jumps for a beginner, with no strength base to land them.
        conflicts=((4, _strength(-1, T(18, 0), (
            Lift("pogo-hops", 4, 30, 0, 0, contacts=30), Lift("goblet-squat", 3, 6, 24, 0)),
            "Jump session")),),
        availability=((0, T(17, 0), T(20, 0)), (1, T(6, 0), T(7, 0)), (2, T(17, 0), T(20, 0)),
                      (3, T(6, 0), T(20, 0)), (4, T(17, 0), T(20, 0)), (5, T(7, 0), T(12, 0)),
                      (6, T(7, 0), T(10, 0))),
    ),
    Persona(
        "lena@apexzone.test", "Lena Fischer", "Europe/London", "intermediate",
        race=("Valencia 10K", -5, 10000),
        week=(
            Day(1, "run", T(7, 0), "recovery", 5, 35, 2), Day(3, "run", T(7, 0), "easy", 7, 45, 3),
            Day(6, "run", T(9, 0), "easy", 10, 60, 4),
            _strength(2, T(17, 30), (
                Lift("goblet-squat", 2, 8, 24, 0, rir=4), Lift("glute-bridge", 2, 10, 30, 0),
                Lift("plank", 2, 1, 0, 0, hold_s=30)), "Light recovery strength"),
        ),
    ),
    Persona(
        "tomas@apexzone.test", "Tomás Rivera", "Australia/Sydney", "advanced",
        week=(*_run_week(24), _strength(1, T(17, 30), (
            Lift("front-squat", 4, 4, 100, 2.5), Lift("bulgarian-split-squat", 3, 6, 24, 2),
            Lift("hip-thrust", 3, 10, 120, 5)), "Heavy lower A"),
            _strength(4, T(17, 30), MODERATE_B, "Strength B"),
        ),
        # Two heavy lower days two days apart: Thursday's squats after Tuesday's heavy day.
        conflicts=((0, _strength(-1, T(18, 0), (Lift("back-squat", 4, 4, 130, 0),),
                                 "Evening squats")),),
        conflicts_on=3,
    ),
)
