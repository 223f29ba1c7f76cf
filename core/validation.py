"""Model validation as the domain error: every app's services validate through these, so a
bad value is one ``DomainError`` on its field (a 400 in the API, a form error in the portal)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from core.errors import DomainError


def raise_validation(exc: ValidationError) -> None:
    """Turn a model ValidationError into the one DomainError, keeping the first field, its
    first message and that message's code."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        first = errors[0]
        raise DomainError(first.messages[0], field=None if field == "__all__" else field,
                          code=first.code or "invalid") from exc
    first = exc.error_list[0]
    raise DomainError(first.messages[0], code=first.code or "invalid") from exc


def validated_clean(obj: Any, *, exclude: Iterable[str] | None = None) -> None:
    """``full_clean()`` with its ValidationError turned into the one DomainError."""
    try:
        obj.full_clean(exclude=list(exclude or []))
    except ValidationError as exc:
        raise_validation(exc)


def validated_save(obj: Any, *, exclude: Iterable[str] | None = None) -> None:
    validated_clean(obj, exclude=exclude)
    obj.save()
