"""The exercise library in the API: the library plus the caller's coaches' own; coaches add."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body, query
from api.idempotency import idempotent
from api.permissions import IsCoachToWrite
from api.serializers.exercises import ExerciseCreateSerializer, ExerciseSerializer
from training import selectors, services
from training.models import Category, Pattern


class ExerciseFilter(serializers.Serializer):
    pattern = serializers.ChoiceField(choices=Pattern.choices, required=False)
    category = serializers.ChoiceField(choices=Category.choices, required=False)


class ExerciseViewSet(ApiViewSet):
    serializer_class = ExerciseSerializer
    permission_classes = [IsCoachToWrite]

    @extend_schema(parameters=[ExerciseFilter])
    def list(self, request: Request) -> Response:
        qs = selectors.exercises_for_user(user=request.user).order_by("name", "id")
        return self.page(qs.filter(**query(ExerciseFilter, request)), ExerciseSerializer)

    @extend_schema(request=ExerciseCreateSerializer, responses={201: ExerciseSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        """A custom exercise, visible to your rosters only (coaches)."""
        fields = body(ExerciseCreateSerializer, request)
        exercise = services.exercise_create(coach=request.user, **fields)
        return Response(ExerciseSerializer(exercise).data, status=status.HTTP_201_CREATED)
