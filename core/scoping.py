"""The one scoped getter: an object is found only inside the queryset a selector scoped to the
acting user. Absent, another roster's and malformed ids are all the same "not found", so a
stranger learns nothing (DESIGN.md habit 2)."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from core.errors import NotFound

M = TypeVar("M", bound=Model)


def scoped_get(scope: QuerySet[M], pk: object, *, what: str, field: str | None = None) -> M:
    """The object ``pk`` of ``scope``, else ``NotFound("<what> not found.", field=field)``.

    ``field`` names the request field the id came from (a foreign key in a body), which the
    API turns into a 400 on that field instead of a 404."""
    try:
        key = int(str(pk))
    except (TypeError, ValueError):
        raise NotFound(f"{what} not found.", field=field) from None
    obj = scope.filter(pk=key).first()
    if obj is None:
        raise NotFound(f"{what} not found.", field=field)
    return obj
