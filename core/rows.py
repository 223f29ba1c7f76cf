"""Writing a row another writer may be changing: read it again under a row lock first.

A write that loaded its object earlier (the scoped getter of a request) and saved every field
would put back what a concurrent writer changed in between. A service instead calls
:func:`row_lock` inside its transaction: the row is read again with ``SELECT ... FOR UPDATE``
(a second writer waits for the first to commit), and the object takes the row's current
values; the service then sets the fields it was given and saves those (``update_fields``),
bumping the row's ``version``, which the API shows as its ``ETag``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.db.models import F
from django.utils import timezone

from core.errors import NotFound, PreconditionFailed

M = TypeVar("M", bound=models.Model)


def row_lock(obj: M, *, version: int | None = None, what: str = "Object") -> M:
    """``obj``, locked for the rest of the transaction and refreshed with its row's current
    values (a foreign key whose id changed loses its cached object, prefetched lists go).
    ``version``: the version the writer saw (``If-Match``); another one raises
    :class:`PreconditionFailed`. A row deleted meanwhile is a ``NotFound``."""
    model = type(obj)
    fresh = model._default_manager.select_for_update().filter(pk=obj.pk).first()
    if fresh is None:
        raise NotFound(f"{what} not found.")
    if version is not None and getattr(fresh, "version", None) != version:
        raise PreconditionFailed()
    for field in model._meta.concrete_fields:
        value = getattr(fresh, field.attname)
        if getattr(obj, field.attname) != value:
            setattr(obj, field.attname, value)
            if field.is_relation and field.is_cached(obj):
                field.delete_cached_value(obj)
    obj.__dict__.pop("_prefetched_objects_cache", None)
    return obj


def save_changed(obj: models.Model, fields: Any) -> None:
    """Save ``fields`` of a locked ``obj`` (see :func:`row_lock`), its next ``version`` and,
    when it has one, ``updated_at``: only what the writer was given, never a stale value."""
    obj.version += 1  # type: ignore[attr-defined]
    names = {*fields, "version"}
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        names.add("updated_at")
    obj.save(update_fields=sorted(names))


def version_bump(model: type[models.Model], pk: Any) -> None:
    """A write to what a row's representation holds (a session's sets): its next version."""
    changes: dict[str, Any] = {"version": F("version") + 1}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        changes["updated_at"] = timezone.now()
    model._default_manager.filter(pk=pk).update(**changes)
