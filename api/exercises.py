"""The exercise library in the API: the library plus the caller's coaches' own; coaches add."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from athletes.api_support import IsCoachToWrite, Pagination, idempotent
from training import selectors, services
from training.models import Category, Pattern
from training.serializers import ExerciseCreateSerializer, ExerciseSerializer


class ExerciseFilter(serializers.Serializer):
    pattern = serializers.ChoiceField(choices=Pattern.choices, required=False)
    category = serializers.ChoiceField(choices=Category.choices, required=False)


class ExerciseViewSet(GenericViewSet):
    serializer_class = ExerciseSerializer
    pagination_class = Pagination
    permission_classes = [IsCoachToWrite]

    def get_queryset(self) -> Any:
        return selectors.exercises_for_user(user=self.request.user).order_by("name", "id")

    @extend_schema(parameters=[ExerciseFilter])
    def list(self, request: Request) -> Response:
        filters = ExerciseFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = self.get_queryset().filter(**filters.validated_data)
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(ExerciseSerializer(page, many=True).data)

    @extend_schema(request=ExerciseCreateSerializer, responses={201: ExerciseSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        """A custom exercise, visible to your rosters only (coaches)."""
        data = ExerciseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        exercise = services.exercise_create(coach=request.user, **data.validated_data)
        return Response(ExerciseSerializer(exercise).data, status=status.HTTP_201_CREATED)
