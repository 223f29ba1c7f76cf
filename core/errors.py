"""The one domain error every service raises; the API and the portal turn it into a 400."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken. ``field`` names the input at fault, if any."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class NotFound(DomainError):
    """An object outside the actor's scope, or absent: the same thing to the outside.

    Its code is ``not_found`` for the object asked for, and ``does_not_exist`` for an id an
    input ``field`` names (a foreign key in a body): the code DRF gives an unknown related id."""

    def __init__(self, message: str = "Not found.", *, field: str | None = None):
        super().__init__(message, field=field,
                         code="not_found" if field is None else "does_not_exist")
