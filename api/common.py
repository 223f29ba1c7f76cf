"""What the API's views share: the athlete a body names, query and body parsing, list
responses."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from api.pagination import Pagination
from athletes.models import AthleteProfile, User
from athletes.selectors import athlete_for_self, athlete_get_for_user
from core.errors import DomainError


def athlete_for_body(*, user: User, athlete_id: int | None) -> AthleteProfile:
    """The athlete a create is for: required for a coach (one of theirs); an athlete may
    leave it out (themself). Any id outside the caller's scope is a 400 on ``athlete``."""
    if athlete_id is None:
        own = None if user.is_coach else athlete_for_self(user=user)
        if own is None:
            raise DomainError("This field is required.", field="athlete", code="required")
        return own
    return athlete_get_for_user(user=user, athlete_id=athlete_id, field="athlete")


def query(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """Validated query parameters (a 400 per parameter otherwise)."""
    data = serializer_class(data=request.query_params)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def body(serializer_class: type[serializers.Serializer], request: Request,
         *, partial: bool = False) -> dict[str, Any]:
    """The validated body (a 400 per field otherwise). In a ``partial`` body (a PATCH) the
    fields given are optional, but the items of a nested list given (a session's ``sets``,
    its ``prescription``) are whole: they replace the old ones, so each needs its required
    fields (a 400 on ``sets[0].exercise`` otherwise) and gets its defaults."""
    data = serializer_class(data=request.data, partial=partial)
    data.is_valid(raise_exception=True)
    out = dict(data.validated_data)
    if partial:
        for name, field in data.fields.items():
            if name in out and isinstance(field, serializers.ListSerializer):
                out[name] = _whole_items(name, field, request.data[name])
    return out


def _whole_items(name: str, field: serializers.ListSerializer, items: Any) -> list[Any]:
    """``items`` validated again, each as a whole item (DRF's partial reaches nested ones)."""
    whole = type(field.child)(data=items, many=True)
    if not whole.is_valid():
        raise serializers.ValidationError({name: whole.errors})
    return list(whole.validated_data)


def date_range(qs: QuerySet, filters: dict[str, Any], *, field: str = "date") -> QuerySet:
    if "date_from" in filters:
        qs = qs.filter(**{f"{field}__gte": filters["date_from"]})
    if "date_to" in filters:
        qs = qs.filter(**{f"{field}__lte": filters["date_to"]})
    return qs


class ApiViewSet(GenericViewSet):
    """Thin: views call selectors and services; ``page`` renders a paginated list."""

    pagination_class = Pagination

    def page(self, qs: QuerySet, serializer_class: type[serializers.Serializer]) -> Response:
        rows = self.paginate_queryset(qs)
        return self.get_paginated_response(serializer_class(rows, many=True).data)
