"""The horizon each check judged, kept per athlete (``CheckHorizon``), and what the nightly
pass reads of it to judge the far weeks only when their inputs changed.

The far weeks (after the near window) change when a write changes them, and every write
re-checks the athlete's whole horizon at once (through the outbox: a re-check is not lost).
What changes there overnight without a write is only what depends on the date: the goal race
``_goal_race`` picks (one just run leaves its recovery), the current e1RM of a lift a far line
gives as a % of e1RM (the six weeks slide), and a horizon cut at 52 weeks (its end moves).
``far_stamp`` hashes the first two, so the nightly pass judges the far weeks again exactly
when one of them moved, or when a write marked them (``horizon_mark_changed``, should its
on-change check not have run), and reads and judges only the near window otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import DateField, F, Value
from django.db.models.functions import Greatest

from core.lifting import current_e1rms
from scheduling import engine
from scheduling.models import CheckHorizon
from scheduling.services.windows import HORIZON_MAX, LOOK_AHEAD, LOOK_BACK, Window

_PLANNED, _STRENGTH = engine.SourceType.PLANNED, engine.Kind.STRENGTH


def far_lifts(window: Window) -> list[str]:
    """The lifts the far weeks' planned lines give as a % of e1RM (a whole horizon's
    window)."""
    near_end = window.today + LOOK_AHEAD
    return sorted({line.exercise for s in window.sessions
                   if s.ref.type is _PLANNED and s.date > near_end
                   for line in s.prescription if line.pct_e1rm is not None})


def far_stamp(window: Window, lifts: Iterable[str]) -> str:
    """The far weeks' inputs that move with the date alone, hashed: the goal race, and the
    current e1RM of ``lifts`` (from the window's logged strength, as the engine works it
    out)."""
    race = window.context.goal_race
    parts = [race.date.isoformat() if race is not None else ""]
    wanted = list(lifts)
    if wanted:
        e1rms = current_e1rms(((s.date, s.sets) for s in window.sessions
                               if s.kind is _STRENGTH and s.ref.type is not _PLANNED),
                              today=window.today)
        parts += [f"{slug}={e1rms.get(slug)!r}" for slug in wanted]
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()


def horizons_read(athlete_ids: Sequence[int]) -> dict[int, CheckHorizon]:
    """The athletes' stored horizons (one query)."""
    return {h.athlete_id: h for h in CheckHorizon.objects.filter(athlete_id__in=athlete_ids)}


def needs_far(window: Window, stored: CheckHorizon | None) -> bool:
    """Whether the nightly pass must judge the athlete's whole horizon tonight: never
    judged, its date-bound inputs moved, or its end was cut at 52 weeks (it moves)."""
    if stored is None:
        return True
    if stored.end >= stored.start + LOOK_BACK + HORIZON_MAX:
        return True
    return stored.far_stamp != far_stamp(window, stored.far_lifts)


def horizons_write(windows: Sequence[Window], now: dt.datetime) -> None:
    """Record what each window judged: a whole horizon as it is (one upsert); for a near
    window, its start and the time, the far weeks judged before staying judged (their
    inputs did not change). A near window's row is updated in place, never rewritten
    from what was read: a write's mark or an on-change check's horizon committed since
    stands."""
    whole = []
    near: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(list)
    for w in windows:
        if w.horizon:
            lifts = far_lifts(w)
            whole.append(CheckHorizon(athlete_id=w.athlete_id, start=w.start, end=w.end,
                                      checked_at=now, far_checked_at=now,
                                      far_stamp=far_stamp(w, lifts), far_lifts=lifts))
        else:
            near[(w.start, w.end)].append(w.athlete_id)
    if whole:
        CheckHorizon.objects.bulk_create(
            whole, update_conflicts=True, unique_fields=["athlete"],
            update_fields=["start", "end", "checked_at", "far_checked_at", "far_stamp",
                           "far_lifts"])
    for (start, end), ids in near.items():
        CheckHorizon.objects.filter(athlete_id__in=ids).update(
            start=start, end=Greatest(F("end"), Value(end, output_field=DateField())),
            checked_at=now)


def horizon_mark_changed(*, athlete_id: int) -> None:
    """A write changed what the athlete's checks read: the far weeks are judged again by
    the next check that runs (the on-change one, queued by the same write; the nightly
    pass should that one not have run)."""
    CheckHorizon.objects.filter(athlete_id=athlete_id).update(far_stamp="")
