"""The thread on every session: comments on a planned session, a strength session or a run,
each with an optional pain flag (a body area and 0-10)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import Id, Int, Text, iso_datetime
from scheduling.models import BodyArea, Comment
from scheduling.models.comments import BODY_MAX, PAIN_RANGE

AREA_HELP = "With ``pain_score``: where it hurts."
SCORE_HELP = "With ``pain_area``: 0 none ... 10 the worst imaginable."


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    pain_area = serializers.ChoiceField(choices=BodyArea.choices, allow_blank=True,
                                        help_text=AREA_HELP)
    created_at = serializers.SerializerMethodField()
    unread = serializers.BooleanField(
        read_only=True, help_text="Whether the caller has yet to read it: another person's "
                                  "comment they have not marked read.")

    class Meta:
        model = Comment
        fields = ["id", "athlete", "author", "author_name", "planned_session",
                  "strength_session", "run", "body", "pain_area", "pain_score", "created_at",
                  "unread"]
        read_only_fields = fields

    def get_author_name(self, obj: Comment) -> str:
        author = obj.author
        return "" if author is None else (author.name or author.email)

    @extend_schema_field({"type": "string", "format": "date-time"})
    def get_created_at(self, obj: Comment) -> str | None:
        return iso_datetime(obj.created_at)


class CommentInputSerializer(serializers.Serializer):
    planned_session = Id(required=False, allow_null=True,
                         help_text="The session the comment is on: exactly one of "
                                   "planned_session, strength_session, run.")
    strength_session = Id(required=False, allow_null=True)
    run = Id(required=False, allow_null=True)
    body = Text(max_length=BODY_MAX, required=False, allow_blank=True,
                help_text="Required unless the comment flags pain.")
    pain_area = serializers.ChoiceField(choices=BodyArea.choices, required=False,
                                        allow_blank=True, help_text=AREA_HELP)
    pain_score = Int(min_value=PAIN_RANGE[0], max_value=PAIN_RANGE[1], required=False,
                     allow_null=True, help_text=SCORE_HELP)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [n for n in ("planned_session", "strength_session", "run")
                 if attrs.get(n) is not None]
        if len(given) != 1:
            raise serializers.ValidationError(
                "Name exactly one session: planned_session, strength_session or run.")
        return attrs


class CommentFilter(serializers.Serializer):
    athlete = Id(required=False)
    planned_session = Id(required=False)
    strength_session = Id(required=False)
    run = Id(required=False)


READ_MAX = 500  # ids per call


class CommentReadSerializer(serializers.Serializer):
    """Which comments the caller has read: ``ids``, or every comment of a thread or an
    athlete (the list's filters); what is given narrows, as the list's filters do."""

    ids = serializers.ListField(
        child=Id(), required=False, max_length=READ_MAX,
        help_text=f"Comments the caller may see (at most {READ_MAX}); one they may not is a "
                  "400 on ids.")
    athlete = Id(required=False, help_text="Every comment on this athlete's sessions.")
    planned_session = Id(required=False, help_text="Every comment of this session's thread.")
    strength_session = Id(required=False)
    run = Id(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("ids") and not any(
                attrs.get(n) is not None for n in ("athlete", "planned_session",
                                                   "strength_session", "run")):
            raise serializers.ValidationError(
                "Name the comments: ids, or athlete, planned_session, strength_session or run.")
        return attrs


class CommentReadResultSerializer(serializers.Serializer):
    marked = Int(help_text="How many of them were unread and are now marked read.")
