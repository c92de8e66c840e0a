"""Materialise every indicator file (queries/indicators/) into one table, on the first read after a write."""

from __future__ import annotations

import re
from functools import lru_cache

from safeguarding import definitions, queries
from safeguarding.definitions import Indicator

# The SQL files whose `define_constants` and `define_macros` store the shared rules in the database, in
# dependency order.
MACRO_FILES = ("rating", "shapes", "spc")
_CALL = re.compile(r"^select \* from indicator_(percent|rate|count)\('([^']+)'(?:, '([^']+)')?\);?$")


def is_standard(indicator: Indicator) -> bool:
    """True when the indicator's file is one call of the shape macro of its unit, with its header's measures."""
    body = " ".join(line for line in indicator.sql.splitlines() if line.strip() and not line.startswith("--"))
    match = _CALL.match(body.strip())
    if not match:
        return False
    shape, numerator, denominator = match.groups()
    wanted = indicator.denominator if indicator.unit == "percent" else None
    return shape == indicator.unit and numerator == indicator.numerator and denominator == wanted


@lru_cache(maxsize=1)
def standard_ids() -> list[str]:
    """The indicators computed together by the `standard_shapes` query (queries/marts.sql)."""
    return [i.id for i in definitions.indicators().values() if is_standard(i)]


@lru_cache(maxsize=4)
def indicator_sql(ids: tuple[str, ...] | None = None) -> str:
    """The given indicator files (all when None) as one union, over one materialised copy of the staging data."""
    # The shape macros (queries/shapes.sql) read these names, so the CTEs below are what they read.
    parts = [
        # The id is an indicator file's own name (checked against its header), never user input.
        f"select '{ind.id}' as indicator_id, * from ({ind.sql})"
        for ind in definitions.indicators().values() if ids is None or ind.id in ids
    ]
    return (
        "with measure_periods as materialized (select * from measure_periods),\n"
        "period_population as materialized (select * from period_population)\n"
        + "\nunion all\n".join(parts)
    )


def refresh(cur) -> None:
    """Rebuild indicator_values from the values now in force, and the area's comparators when they are out of
    date (in the transaction of Store.fresh)."""
    # Indicators of the three standard shapes come from one set-based query (the same rows as their files,
    # checked in tests/test_indicators.py); any other file runs as written.
    # The comparators depend on the reference data (reference.rebuild_benchmarks forgets them) and on the
    # partnership's authorities (a different area finds none of its own): worked out again only then.
    if not cur.execute(queries.q("marts", "area_benchmarks_current")).fetchone()[0]:
        cur.execute(queries.q("marts", "forget_area_benchmarks"))
        cur.execute(queries.q("marts", "keep_area_benchmarks"))
    cur.execute("delete from indicator_values")
    standard = standard_ids()
    cur.execute("insert into indicator_values by name " + queries.q("marts", "standard_shapes"), {"ids": standard})
    others = tuple(i for i in definitions.indicators() if i not in standard)
    if others:
        cur.execute("insert into indicator_values by name " + indicator_sql(others))


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
