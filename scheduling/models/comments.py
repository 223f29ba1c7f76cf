"""A thread on every session: comments on a planned session, a strength session or a run,
each optionally flagging pain (a body area and a 0-10 score), and who has read which."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from athletes.models import AthleteProfile

PAIN_RANGE = (0, 10)  # 0 none ... 10 the worst imaginable
BODY_MAX = 4000


class BodyArea(models.TextChoices):
    NECK = "neck", "Neck"
    SHOULDER = "shoulder", "Shoulder"
    ELBOW = "elbow", "Elbow"
    WRIST_HAND = "wrist_hand", "Wrist or hand"
    UPPER_BACK = "upper_back", "Upper back"
    LOWER_BACK = "lower_back", "Lower back"
    HIP = "hip", "Hip"
    GROIN = "groin", "Groin"
    GLUTE = "glute", "Glute"
    HAMSTRING = "hamstring", "Hamstring"
    QUAD = "quad", "Quad (front of thigh)"
    KNEE = "knee", "Knee"
    SHIN = "shin", "Shin"
    CALF = "calf", "Calf"
    ACHILLES = "achilles", "Achilles"
    ANKLE = "ankle", "Ankle"
    FOOT = "foot", "Foot"
    OTHER = "other", "Other"


def _one_target() -> Q:
    planned = Q(planned_session__isnull=False, strength_session__isnull=True, run__isnull=True)
    strength = Q(planned_session__isnull=True, strength_session__isnull=False, run__isnull=True)
    run = Q(planned_session__isnull=True, strength_session__isnull=True, run__isnull=False)
    return planned | strength | run


class Comment(models.Model):
    """One message in the thread of one session (exactly one of ``planned_session``,
    ``strength_session``, ``run``), by the athlete or a coach. ``athlete`` is the session's:
    the scope every read goes by. A pain flag is a body area with a 0-10 score, both or
    neither; a comment says something (a body, a pain flag, or both)."""

    athlete = models.ForeignKey(AthleteProfile, on_delete=models.CASCADE,
                                related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    planned_session = models.ForeignKey("scheduling.PlannedSession", on_delete=models.CASCADE,
                                        null=True, blank=True, related_name="comments")
    strength_session = models.ForeignKey("training.StrengthSession", on_delete=models.CASCADE,
                                         null=True, blank=True, related_name="comments")
    run = models.ForeignKey("training.Run", on_delete=models.CASCADE, null=True, blank=True,
                            related_name="comments")
    body = models.TextField(max_length=BODY_MAX, blank=True)
    pain_area = models.CharField(max_length=12, choices=BodyArea.choices, blank=True)
    pain_score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(PAIN_RANGE[1])],
        help_text="0 none ... 10 the worst imaginable")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["athlete", "created_at"], name="comment_athlete_time")]
        constraints = [
            models.CheckConstraint(condition=_one_target(), name="comment_one_target"),
            models.CheckConstraint(
                condition=(Q(pain_area="") & Q(pain_score__isnull=True))
                | (~Q(pain_area="") & Q(pain_score__isnull=False,  # a NULL passes a CHECK
                                        pain_score__gte=PAIN_RANGE[0],
                                        pain_score__lte=PAIN_RANGE[1])),
                name="comment_pain_flag",
            ),
            models.CheckConstraint(condition=~Q(body="") | Q(pain_score__isnull=False),
                                   name="comment_says_something"),
        ]

    def __str__(self) -> str:
        kind, pk = self.target
        return f"comment {self.pk} on {kind} {pk}"

    @property
    def has_pain(self) -> bool:
        return self.pain_score is not None

    @property
    def target(self) -> tuple[str, int]:
        """The session as findings name one: ("planned" | "strength" | "run", id)."""
        if self.planned_session_id is not None:
            return ("planned", self.planned_session_id)
        if self.strength_session_id is not None:
            return ("strength", self.strength_session_id)
        return ("run", self.run_id)  # type: ignore[return-value]


class CommentRead(models.Model):
    """``user`` has read ``comment``: what makes a comment unread is the absence of this row
    (one's own comments are never unread)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="comment_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.comment_id}"
