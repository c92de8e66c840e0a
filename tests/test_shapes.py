"""Indicator files are one call of a shape macro: the call matches the header, and runs on its own."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest
from dashboard_support import copy_of, empty_database

from safeguarding import loading, settings
from safeguarding.catalogue import agencies, measures_of
from safeguarding.periods import Quarter
from safeguarding.queries import read_header
from safeguarding.store import Store
from safeguarding.template_writer import write_template

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "queries" / "indicators").glob("*.sql"))
GOLDEN_INPUTS = {row["measure"]: int(row["value_each_quarter"]) for row in
                 csv.DictReader((ROOT / "tests" / "golden" / "inputs.csv").open(encoding="utf-8"))}
CALL = re.compile(r"^select \* from indicator_(percent|rate|count)"
                  r"\('([A-Z]+\.[A-Z0-9_]+)'(?:, '([A-Z]+\.[A-Z0-9_]+)')?\)$")


def body(path: Path) -> str:
    """The file's SQL below its header."""
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("--"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_call_is_what_the_header_says(path):
    header = read_header(path.read_text(encoding="utf-8"))
    match = CALL.match(body(path))
    assert match, f"{path.name}: the SQL is not one call of indicator_percent, indicator_rate or indicator_count"
    shape, numerator, denominator = match.groups()
    assert shape == header["unit"]
    assert numerator == header["numerator"]
    expected_denominator = {"percent": header["denominator"], "rate": None, "count": None}[shape]
    assert denominator == expected_denominator
    if shape == "rate":
        assert header["denominator"] == "population"
    if shape == "count":
        assert header["denominator"] == "-"


@pytest.fixture(scope="module")
def built_store(tmp_path_factory) -> Path:
    """A store with a year of every agency's golden inputs, closed again so another program can open it."""
    path = copy_of(empty_database(tmp_path_factory.getbasetemp()), tmp_path_factory.mktemp("shapes") / "shapes.duckdb")
    store = Store(path)
    settings.update(store, by="test", la_code=884)
    quarters = [Quarter.of(2024, n) for n in (1, 2, 3, 4)]
    for agency in agencies():
        values = {(m.code, q): GOLDEN_INPUTS[m.code] for m in measures_of(agency) for q in quarters}
        result = loading.load_bytes(store, f"{agency}.xlsx", write_template(agency, quarters, values), by="test")
        assert result.status == "loaded", [str(p) for p in result.parsed.errors]
    store.fresh()
    store.close()
    return path


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_file_runs_on_its_own_against_a_store(built_store, path):
    # A plain DuckDB connection, as the DuckDB shell would open it: the macros and views live in the file.
    with duckdb.connect(str(built_store), read_only=True) as con:
        alone = con.execute(path.read_text(encoding="utf-8")).fetchall()
        stored = con.execute(
            "select area, view, period_start, numerator, numerator_status, denominator, denominator_status, value "
            "from indicator_values where indicator_id = ?", [path.stem]).fetchall()
    assert sorted(alone, key=repr) == sorted(stored, key=repr)
    assert any(row[-1] is not None for row in alone), "the golden inputs give every indicator a value"
