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


class Conflict(DomainError):
    """The change clashes with what another writer did meanwhile (an external id a concurrent
    create took first): the API answers 409, code ``conflict``."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message, field=field, code="conflict")


class PreconditionFailed(DomainError):
    """The object is no longer at the version the writer saw (``If-Match``): the API answers
    412, code ``precondition_failed``."""

    def __init__(self, message: str = "The object changed since you read it: read it again."):
        super().__init__(message, code="precondition_failed")


class Forbidden(DomainError):
    """The actor sees the object but may not make this change to it (an athlete moving a
    session their coach locked): the API answers 403, on ``field`` when it names one."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "forbidden"):
        super().__init__(message, field=field, code=code)
