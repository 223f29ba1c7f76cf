"""The thread on every session: list comments (by athlete or by session) and add one. A
session named in a body goes through its scoped getter: a foreign one is a 400 on its
field. Each comment is a ``comment.created`` webhook event
(``scheduling.services.comment_create``). Each comment says whether the caller has yet to read
it (``unread``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body, query
from api.idempotency import idempotent
from api.serializers.comments import CommentFilter, CommentInputSerializer, CommentSerializer
from scheduling import services
from scheduling.selectors import planned_session_get_for_user
from scheduling.selectors.comments import comments_with_unread_for_user
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

