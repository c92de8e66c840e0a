"""Materialise every indicator's values (queries/indicators/*.sql) into one table, inside a write."""

from __future__ import annotations

from functools import lru_cache

from safeguarding import definitions, queries


@lru_cache(maxsize=1)
def indicator_sql() -> str:
    """Every indicator file as one union, over one materialised copy of the staging data."""
    parts = [
        # The id is an indicator file's own name (checked against its header), never user input.
        f"select '{ind.id}' as indicator_id, * from ({ind.sql})"
        for ind in definitions.indicators().values()
    ]
    return (
        "with measure_periods as materialized (select * from measure_periods),\n"
        "period_population as materialized (select * from period_population)\n"
        + "\nunion all\n".join(parts)
    )


def refresh(cur) -> None:
    """Rebuild indicator_values from the values now in force (call inside the write's transaction)."""
    cur.execute("delete from indicator_values")
    cur.execute("insert into indicator_values by name " + indicator_sql())


def load_definitions(cur) -> None:
    """Refresh indicator_definitions from the indicator files' headers."""
    cur.execute("delete from indicator_definitions")
    cur.executemany(
        "insert into indicator_definitions values (?, ?, ?, ?, ?, ?, ?)",
        [[i.id, i.title, i.theme, i.unit, i.numerator, i.denominator, i.benchmark]
         for i in definitions.indicators().values()],
    )
    cur.execute(queries.q("rating", "define_macros"))
