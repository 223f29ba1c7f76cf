"""The thread on every session: list comments (by athlete or by session) and add one. A
session named in a body goes through its scoped getter: a foreign one is a 400 on its
field. Each comment is a ``comment.created`` webhook event
(``scheduling.services.comment_create``). Each comment says whether the caller has yet to read
it (``unread``); ``read`` marks comments read (``scheduling.services.comment_mark_read``), by
ids (one the caller may not see is a 400 on ``ids``) or by the list's filters."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body, query
from api.idempotency import idempotent
from api.serializers.comments import (
    CommentFilter,
    CommentInputSerializer,
    CommentReadResultSerializer,
    CommentReadSerializer,
    CommentSerializer,
)
from athletes.selectors import athlete_get_for_user
from core.errors import NotFound
from scheduling import services
from scheduling.selectors import planned_session_get_for_user
from scheduling.selectors.comments import comments_with_unread_for_user, unread_q
from training.selectors import run_get_for_user, strength_session_get_for_user

FILTERS = ("athlete", "planned_session", "strength_session", "run")


class CommentViewSet(ApiViewSet):
    serializer_class = CommentSerializer

    @extend_schema(parameters=[CommentFilter])
    def list(self, request: Request) -> Response:
        """The comments the caller may see, oldest first (as a thread reads)."""
        filters = query(CommentFilter, request)
        qs = comments_with_unread_for_user(user=request.user)
        for name in FILTERS:
            if name in filters:
                qs = qs.filter(**{f"{name}_id": filters[name]})
        return self.page(qs.order_by("created_at", "id"), CommentSerializer)

    @extend_schema(request=CommentInputSerializer, responses={201: CommentSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        data = body(CommentInputSerializer, request)
        user = request.user
        target: dict[str, Any] = {}
        if data.get("planned_session") is not None:
            target["planned_session"] = planned_session_get_for_user(
                user=user, session_id=data["planned_session"], field="planned_session")
        elif data.get("strength_session") is not None:
            target["strength_session"] = strength_session_get_for_user(
                user=user, session_id=data["strength_session"], field="strength_session")
        else:
            target["run"] = run_get_for_user(user=user, run_id=data["run"], field="run")
        comment = services.comment_create(
            author=user, body=data.get("body", ""), pain_area=data.get("pain_area", ""),
            pain_score=data.get("pain_score"), **target)
        comment.unread = False  # type: ignore[attr-defined]  # the caller wrote it
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CommentReadSerializer, responses={200: CommentReadResultSerializer})
    @idempotent
    def read(self, request: Request) -> Response:
        """Mark comments read for the caller: those named by ``ids``, or every comment of an
        athlete or a session's thread; what is given narrows. Their own comments and those
        already read stay as they were. A foreign athlete or session is a 400 on its field."""
        data = body(CommentReadSerializer, request)
        user = request.user
        getters = {
            "athlete": lambda pk: athlete_get_for_user(user=user, athlete_id=pk,
                                                       field="athlete"),
            "planned_session": lambda pk: planned_session_get_for_user(
                user=user, session_id=pk, field="planned_session"),
            "strength_session": lambda pk: strength_session_get_for_user(
                user=user, session_id=pk, field="strength_session"),
            "run": lambda pk: run_get_for_user(user=user, run_id=pk, field="run"),
        }
        given = {name: getters[name](data[name]).pk for name in FILTERS
                 if data.get(name) is not None}
        qs = comments_with_unread_for_user(user=user)
        ids = set(data.get("ids") or ())
        if ids:  # each must be the caller's to see, whatever else narrows them
            named = list(qs.filter(pk__in=ids))
            missing = ids - {c.pk for c in named}
            if missing:
                raise NotFound("Comment not found: " + ", ".join(map(str, sorted(missing)))
                               + ".", field="ids")
            unread = [c for c in named if c.unread  # type: ignore[attr-defined]
                      and all(getattr(c, f"{n}_id") == pk for n, pk in given.items())]
        else:
            unread = list(qs.filter(unread_q(user), **{f"{n}_id": pk for n, pk in given.items()}))
        marked = services.comment_mark_read(user=user, comments=unread)
        return Response({"marked": marked})
