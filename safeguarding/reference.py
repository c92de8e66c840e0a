"""Published reference data (DfE, ONS): load the committed CSVs and serve population and benchmarks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from safeguarding import queries

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

# (table loader query, csv file) in load order.
_FILES = (
    ("load_local_authorities", "local_authorities.csv"),
    ("load_population", "population.csv"),
    ("load_benchmarks", "benchmarks.csv"),
    ("load_benchmark_measures", "benchmark_measures.csv"),
    ("load_neighbours", "neighbours.csv"),
)

BENCHMARK_COLUMNS = ("lait_code", "year", "england", "region", "neighbours_mean", "neighbours_count",
                     "la_value", "la_value_code", "la_quartile")


@dataclass(frozen=True)
class Neighbour:
    """One statistical neighbour of an LA."""

    rank: int
    la_code: int
    la_name: str | None
    region_name: str | None
    closeness: str | None


@dataclass(frozen=True)
class LaDetails:
    """An LA's name, region, ONS code and its ten statistical neighbours."""

    la_code: int
    la_name: str
    region_name: str
    new_la_code: str | None
    neighbours: tuple[Neighbour, ...]


def load_reference(cur: duckdb.DuckDBPyConnection) -> None:
    """Replace every ref_ table with the CSVs (inside the caller's transaction)."""
    cur.execute(queries.q("reference", "clear_reference"))
    for query, name in _FILES:
        cur.execute(queries.q("reference", query), {"path": str(REFERENCE_DIR / name)})
    rebuild_benchmarks(cur)


def rebuild_benchmarks(cur: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every LA's comparators from the figures in force (shipped, overlaid by loaded releases)."""
    cur.execute(queries.q("reference", "benchmarks_in_force"))
    cur.execute(queries.q("reference", "build_la_benchmarks"))
    cur.execute(queries.q("marts", "forget_area_benchmarks"))  # the next Store.fresh() works them out again


def reference_version() -> str:
    """sha256 over the reference CSVs and the SQL that loads them, to reload when either changes."""
    digest = hashlib.sha256()
    for _, name in sorted(_FILES, key=lambda item: item[1]):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update((REFERENCE_DIR / name).read_bytes())
    digest.update((queries.QUERIES_DIR / "reference.sql").read_bytes())
    return digest.hexdigest()


def list_local_authorities(cur: duckdb.DuckDBPyConnection) -> list[tuple[int, str, str]]:
    """(la_code, la_name, region_name) of every current LA, by name."""
    return [tuple(row) for row in cur.execute(queries.q("reference", "list_local_authorities")).fetchall()]


def population_for(cur: duckdb.DuckDBPyConnection, la_code: int, year: int) -> tuple[int | None, int | None, bool]:
    """(population 0-17, ONS mid-year used, True if an earlier year stood in) or (None, None, False)."""
    row = cur.execute(queries.q("reference", "population_for"), {"la_code": la_code, "year": year}).fetchone()
    if row is None:
        return None, None, False
    return int(row[0]), int(row[1]), int(row[1]) != year


def benchmarks_for(cur: duckdb.DuckDBPyConnection, la_code: int) -> pd.DataFrame:
    """England, region, neighbours' mean, the LA's value and quartile for every (lait_code, year)."""
    frame = cur.execute(queries.q("reference", "benchmarks_for"), {"la_code": la_code}).df()
    return frame[list(BENCHMARK_COLUMNS)]


def la_details(cur: duckdb.DuckDBPyConnection, la_code: int) -> LaDetails | None:
    """An LA's name, region and named neighbours, or None if the code is not a current LA."""
    row = cur.execute(queries.q("reference", "la_details"), {"la_code": la_code}).fetchone()
    if row is None:
        return None
    neighbours = tuple(Neighbour(*n) for n in
                       cur.execute(queries.q("reference", "la_neighbours"), {"la_code": la_code}).fetchall())
    return LaDetails(row[0], row[1], row[2], row[3], neighbours)
