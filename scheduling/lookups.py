"""``AnyOf``: a column matched against many ids that a previous query of the same chunk read.

``column IN (...)`` joined to the table the ids came from leaves the choice of plan to
PostgreSQL's estimates, and on a large population it hash-joined a whole table (a 500 ms
scan where an index lookup takes 20 ms, measured with bench_nightly at 100,000 athletes).
Matching the ids already read makes the plan an index scan whatever the statistics say.

The ids go as one array literal (``'{1,2,3}'::bigint[]``), not a Python list: psycopg adapts
a list element by element (about 40 ms for a chunk's 30,000 session ids, measured with
``bench_nightly`` at 10,000 athletes), where ``",".join`` of ints takes a couple.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, Lookup
from django.db.models.sql.compiler import SQLCompiler


class AnyOf(Lookup):
    """``lhs = ANY(<one array literal>)`` on PostgreSQL; elsewhere ``lhs IN (<ints>)``
    with the ids inlined (they are ints, and SQLite caps the number of parameters). An
    empty list still runs its query (and finds nothing), so a chunk's query count is fixed.
    Use it as an expression: ``.filter(AnyOf(F("session_id"), ids))``."""

    lookup_name = "any_of"
    prepare_rhs = False

    def __init__(self, lhs: Expression, rhs: Iterable[int]) -> None:
        super().__init__(lhs, [int(value) for value in rhs])

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, array_literal(self.rhs)]
        return f"{lhs} IN ({', '.join(map(str, self.rhs))})", list(params)


def array_literal(ids: list[int]) -> str:
    """A PostgreSQL array literal of ints (``'{1,2,3}'``), built without per-element
    adaptation."""
    return "{" + ",".join(map(str, ids)) + "}"
