"""What a session is: heavy, moderate or light lower; key run; long run (docs/rules.md, "Words").

A strength session is judged by what it holds: its logged sets once logged, else its
prescription, with a coach's explicit intensity on a planned session winning over what the
prescription implies. Each set or prescription line becomes one ``Work`` so that every rule
reads one shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from scheduling.engine.types import (
    AthleteContext,
    Category,
    ExerciseInfo,
    Intensity,
    Kind,
    RunType,
    Session,
)

HEAVY_MAX_REPS = 6  # reps <= 6 ...
HEAVY_RIR = 2  # ... or RIR <= 2 ...
HEAVY_RIR_MAX_REPS = 8  # ... with reps <= 8 ...
HEAVY_PCT_E1RM = 80.0  # ... or load >= 80 % of the current e1RM
HEAVY_SETS = 3  # 3 or more such sets: heavy; 1-2: moderate
LONG_RUN_MIN = 90
KEY_RPE = 7
KEY_RUN_TYPES = frozenset({RunType.LONG, RunType.INTERVALS, RunType.TEMPO, RunType.HILLS,
                           RunType.RACE})
_EPS = 1e-9

E1rmLookup = Callable[[str], float | None]


class Work:
    """One logged set (count 1) or one prescription line (count = its sets).

    ``reps_hi`` is what judges a prescription line (a line of 4-6 reps is a set of up to 6);
    a logged set has ``reps_lo == reps_hi``.
    """

    __slots__ = (
        "contacts",
        "count",
        "hold",
        "hold_s",
        "info",
        "is_accessory",
        "is_lower_main",
        "is_main",
        "is_plyo",
        "load_kg",
        "logged",
        "order",
        "pct",
        "reps_hi",
        "reps_lo",
        "rir",
        "warmup",
    )

    def __init__(self, info: ExerciseInfo, order: int, count: int, reps_lo: int, reps_hi: int,
                 load_kg: float | None, pct: float | None, rir: int | None, contacts: int,
                 hold: bool, warmup: bool, logged: bool, hold_s: int | None = None) -> None:
        self.info = info
        self.order = order
        self.count = count
        self.reps_lo = reps_lo
        self.reps_hi = reps_hi
        self.load_kg = load_kg
        self.pct = pct
        self.rir = rir
        self.contacts = contacts
        self.hold = hold
        self.hold_s = hold_s  # a hold's seconds a set (``hold`` without them: unknown)
        self.warmup = warmup
        self.logged = logged
        category = info.category
        self.is_main = category is Category.MAIN
        self.is_lower_main = self.is_main and info.lower_body
        self.is_plyo = category is Category.PLYOMETRIC
        self.is_accessory = category is Category.ACCESSORY


def works_of(session: Session, exercises: Mapping[str, ExerciseInfo]) -> tuple[Work, ...]:
    """The session's sets (logged) or lines (planned) as ``Work``; unknown slugs are skipped.

    Ground contacts: a logged plyometric set counts its ``ground_contacts`` (else its reps);
    a line counts sets x its ``ground_contacts`` per set (else sets x its top reps). A hold is
    a set or a line with ``hold_s`` (docs/rules.md: holds are in seconds, never reps).
    """
    out: list[Work] = []
    get = exercises.get
    # A session repeats its lifts set after set: each slug's info and category flags once.
    known: dict[str, tuple[ExerciseInfo, bool, bool, bool, bool]] = {}
    main, plyometric, accessory = Category.MAIN, Category.PLYOMETRIC, Category.ACCESSORY
    new = Work.__new__
    if session.is_logged:
        for s in session.sets:
            slug = s.exercise
            flags = known.get(slug)
            if flags is None:
                found = get(slug)
                if found is None:
                    continue
                category = found.category
                is_main = category is main
                flags = known[slug] = (found, is_main, is_main and found.lower_body,
                                       category is plyometric, category is accessory)
            info, is_main, is_lower_main, is_plyo, is_accessory = flags
            reps = s.reps
            # ``Work.__init__`` inlined (the flags are the info's, computed once above).
            w = new(Work)
            w.info = info
            w.order = s.order
            w.count = 1
            w.reps_lo = reps
            w.reps_hi = reps
            w.load_kg = s.load_kg or None
            w.pct = None
            w.rir = s.rir
            if is_plyo:
                contacts = s.ground_contacts
                w.contacts = contacts if contacts is not None else reps
            else:
                w.contacts = 0
            w.hold = s.hold_s is not None
            w.hold_s = s.hold_s
            w.warmup = s.is_warmup
            w.logged = True
            w.is_main = is_main
            w.is_lower_main = is_lower_main
            w.is_plyo = is_plyo
            w.is_accessory = is_accessory
            out.append(w)
    else:
        for line in session.prescription:
            line_info = get(line.exercise)
            if line_info is None:
                continue
            contacts = 0
            if line_info.category is plyometric:
                per = line.ground_contacts if line.ground_contacts is not None else line.reps_max
                contacts = per * line.sets
            out.append(Work(line_info, line.order, line.sets, line.reps_min, line.reps_max,
                            line.load_kg, line.pct_e1rm, line.rir, contacts,
                            line.hold_s is not None, False, False, line.hold_s))
    return tuple(out)


def work_is_heavy(work: Work, e1rm: E1rmLookup) -> bool:
    """A working set of a lower-body main lift that is heavy (docs/rules.md, "Heavy lower")."""
    reps = work.reps_hi
    if reps <= HEAVY_MAX_REPS:
        return True
    if work.rir is not None and work.rir <= HEAVY_RIR and reps <= HEAVY_RIR_MAX_REPS:
        return True
    if work.pct is not None and work.pct >= HEAVY_PCT_E1RM - _EPS:
        return True
    if work.load_kg:
        best = e1rm(work.info.slug)
        if best and work.load_kg >= best * HEAVY_PCT_E1RM / 100.0 - _EPS:
            return True
    return False


def heavy_set_count(works: tuple[Work, ...], e1rm: E1rmLookup) -> int:
    return sum(w.count for w in works
               if not w.warmup and w.is_lower_main and work_is_heavy(w, e1rm))


def intensity_of(works: tuple[Work, ...], e1rm: E1rmLookup) -> Intensity:
    heavy = heavy_set_count(works, e1rm)
    if heavy >= HEAVY_SETS:
        return Intensity.HEAVY
    return Intensity.MODERATE if heavy else Intensity.LIGHT


def judge_strength(session: Session, planned: Session | None,
                   exercises: Mapping[str, ExerciseInfo],
                   e1rm: E1rmLookup) -> tuple[tuple[Work, ...], Intensity]:
    """The works and intensity a strength session is judged by.

    Logged with sets: the sets decide. Logged without sets (ticked off, nothing entered):
    its own explicit intensity, else the planned session it fulfils, else light. Planned:
    the explicit intensity if any, else what the prescription implies.
    """
    if session.is_logged:
        if session.sets:
            works = works_of(session, exercises)
            return works, intensity_of(works, e1rm)
        if session.intensity is not None:
            return (), session.intensity
        if planned is not None:
            return judge_strength(planned, None, exercises, e1rm)
        return (), Intensity.LIGHT
    works = works_of(session, exercises)
    if session.intensity is not None:
        return works, session.intensity
    return works, intensity_of(works, e1rm)


def run_flags(session: Session, planned_rpe: int | None) -> tuple[bool, bool]:
    """(key, long) for a run. ``planned_rpe``: the planned RPE (docs/rules.md keys on it)."""
    minutes = session.duration_min or 0
    long = session.run_type is RunType.LONG or minutes >= LONG_RUN_MIN
    key = (long or session.run_type in KEY_RUN_TYPES
           or (planned_rpe is not None and planned_rpe >= KEY_RPE))
    return key, long


def classify_session(context: AthleteContext, session: Session,
                     planned: Session | None = None) -> Intensity | None:
    """Lower-body intensity of a strength session (None for a run), e1RM from the context.

    ``planned``: the planned session a logged one fulfils (used when nothing was logged).
    """
    if session.kind is not Kind.STRENGTH:
        return None
    return judge_strength(session, planned, context.exercises, context.e1rm.get)[1]
