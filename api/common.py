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
    if not partial:
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)
    valid = data.is_valid()
    errors = {} if valid else dict(data.errors)
    out = dict(data.validated_data) if valid else {}
    given = request.data if isinstance(request.data, dict) else {}
    for name, field in data.fields.items():
        if name in given and isinstance(field, serializers.ListSerializer) and (
                _per_item(errors.get(name))):
            whole = type(field.child)(data=given[name], many=True)
            if whole.is_valid():
                out[name] = list(whole.validated_data)
            else:
                errors[name] = whole.errors
    if errors:
        raise serializers.ValidationError(errors)
    return out


def _per_item(errors: Any) -> bool:
    """No errors, or only errors of items (DRF's partial reaches nested items, so their own
    are checked again whole); a list's own error (too long, not a list) stands."""
    if isinstance(errors, dict):  # DRF keys a list's item errors by index, or lists them
        return bool(errors) and all(isinstance(key, int) for key in errors)
    return errors is None or (isinstance(errors, list) and bool(errors)
                              and all(isinstance(e, dict) for e in errors))


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
