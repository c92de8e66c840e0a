"""Materialise every indicator file (queries/indicators/) into one table, on the first read after a write."""

from __future__ import annotations

from functools import lru_cache

from safeguarding import definitions, queries

# The SQL files whose `define_constants` and `define_macros` store the shared rules in the database.
MACRO_FILES = ("rating", "shapes", "spc")


@lru_cache(maxsize=1)
def indicator_sql() -> str:
    """Every indicator file as one union, over one materialised copy of the staging data."""
    # The shape macros (queries/shapes.sql) read these names, so the CTEs below are what they read.
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
    """Rebuild indicator_values from the values now in force (in the transaction of Store.fresh)."""
    cur.execute("delete from indicator_values")
    cur.execute("insert into indicator_values by name " + indicator_sql())


def load_definitions(cur) -> None:
    """Refresh indicator_definitions from the indicator files' headers."""
    cur.execute("delete from indicator_definitions")
    cur.executemany(
        "insert into indicator_definitions (indicator_id, title, theme, unit, numerator, denominator, benchmark, "
        "polarity) values (?, ?, ?, ?, ?, ?, ?, ?)",
        [[i.id, i.title, i.theme, i.unit, i.numerator, i.denominator, i.benchmark, i.polarity]
         for i in definitions.indicators().values()],
    )
    define_macros(cur)


def define_macros(cur) -> None:
    """Store the rating, shape and process-control macros in the database."""
    for group in MACRO_FILES:
        if "define_constants" in queries.named(group):
            cur.execute(queries.q(group, "define_constants"))
        cur.execute(queries.q(group, "define_macros"))
