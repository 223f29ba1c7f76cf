"""What the nightly digests carry of the threads: each person's new comments (another
person's, on the athletes they see, since their previous digest and not read yet), pain
flags first among an athlete's. ``notify`` mails them with the findings.

"Since their previous digest": a digest carries what came in since the last one that went
(its ``sent_at``), so a comment is told once; one the person read in the portal meanwhile is
not news. A first digest looks back ``NEW_FOR``, as for findings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.urls import reverse

from scheduling.models import BodyArea, Comment, CommentRead, Digest

NEW_FOR = dt.timedelta(days=7)
ROUTES = {"planned": "portal:planned_edit", "strength": "portal:strength_log",
          "run": "portal:run_edit"}
SESSION_WORDS = {"planned": "planned session", "strength": "strength session", "run": "run"}
FIELDS = ("id", "athlete_id", "athlete__user_id", "athlete__user__name",
          "athlete__digest_opt_out", "athlete__user__is_active", "author_id", "author__name",
          "author__email", "body", "pain_area", "pain_score", "created_at",
          "planned_session_id", "planned_session__date", "strength_session_id",
          "strength_session__date", "run_id", "run__date")


@dataclass(frozen=True)
class CommentLine:
    comment_id: int
    athlete_id: int
    athlete_name: str
    author: str
    session: str  # "run on Tue 1 Dec"
    link: str  # the session's page, where its thread is
    body: str
    pain: str  # "knee 6/10", or "" for none


def _rows(athlete_ids: set[int], night: dt.date) -> list[dict[str, Any]]:
    if not athlete_ids:
        return []
    floor = dt.datetime.combine(night, dt.time.min, tzinfo=dt.UTC) - NEW_FOR
    return [dict(zip(FIELDS, row, strict=True)) for row in Comment.objects.filter(
        athlete_id__in=athlete_ids, created_at__gte=floor,
    ).values_list(*FIELDS).order_by("athlete_id", "created_at", "id")]


def _line(row: dict[str, Any]) -> CommentLine:
    kind = ("planned" if row["planned_session_id"] else
            "strength" if row["strength_session_id"] else "run")
    pk = row[{"planned": "planned_session_id", "strength": "strength_session_id",
              "run": "run_id"}[kind]]
    day = row[{"planned": "planned_session__date", "strength": "strength_session__date",
               "run": "run__date"}[kind]]
    pain = ""
    if row["pain_score"] is not None:
        pain = f"{BodyArea(row['pain_area']).label.lower()} {row['pain_score']}/10"
    return CommentLine(
        comment_id=row["id"], athlete_id=row["athlete_id"],
        athlete_name=row["athlete__user__name"],
        author=row["author__name"] or row["author__email"] or "a former member",
        session=f"{SESSION_WORDS[kind]} on {day:%a} {day.day} {day:%b}",
        link=f"{settings.SITE_URL}{reverse(ROUTES[kind], args=[pk])}",
        body=row["body"], pain=pain)


def _for_readers(rows: list[dict[str, Any]], readers: Mapping[int, set[int]],
                 night: dt.date) -> dict[int, list[CommentLine]]:
    """Each reader's new comments among ``rows`` (two queries: their previous digests and
    their read markers; none without rows)."""
    if not rows or not readers:
        return {}
    users = sorted(readers)
    last = dict(Digest.objects.filter(user_id__in=users, night__lt=night).values(
        "user_id").annotate(at=Max("sent_at")).values_list("user_id", "at"))
    read = set(CommentRead.objects.filter(
        user_id__in=users, comment_id__in=[r["id"] for r in rows],
    ).values_list("user_id", "comment_id"))
    by_athlete: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_athlete[row["athlete_id"]].append(row)
    out: dict[int, list[CommentLine]] = {}
    for user_id in users:
        since = last.get(user_id)
        lines = [_line(row) for aid in sorted(readers[user_id]) for row in by_athlete.get(aid, [])
                 if row["author_id"] != user_id and (user_id, row["id"]) not in read
                 and (since is None or row["created_at"] > since)]
        if lines:  # an athlete's pain flags first, then the rest, each in time order
            out[user_id] = sorted(lines, key=lambda x: (x.athlete_id, not x.pain))
    return out


def coach_comment_lines(readers: Mapping[int, set[int]],
                        night: dt.date) -> dict[int, list[CommentLine]]:
    """The new comments of each coach (``readers``: coach id -> the athletes they see and
    want the digest of)."""
    athletes: set[int] = set().union(*readers.values()) if readers else set()
    return _for_readers(_rows(athletes, night), readers, night)


def athlete_comment_lines(athlete_ids: list[int],
                          night: dt.date) -> dict[int, list[CommentLine]]:
    """The new comments of each of these athletes who wants a digest (by their user id):
    one query, and two more when there are comments."""
    rows = _rows(set(athlete_ids), night)
    readers: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        if row["athlete__user__is_active"] and not row["athlete__digest_opt_out"]:
            readers[row["athlete__user_id"]].add(row["athlete_id"])
    return _for_readers(rows, readers, night)
