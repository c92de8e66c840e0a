"""Every indicator against values worked out by hand (tests/golden/), through the command line's CSV."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from dashboard_support import copy_of, empty_database

from safeguarding import loading, settings
from safeguarding.catalogue import agencies, measures
from safeguarding.periods import Quarter
from safeguarding.store import Store
from safeguarding.template_writer import write_template

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
INPUTS = {row["measure"]: int(row["value_each_quarter"])
          for row in csv.DictReader((GOLDEN / "inputs.csv").open(encoding="utf-8"))}
EXPECTED = list(csv.DictReader((GOLDEN / "expected.csv").open(encoding="utf-8")))
QUARTERS = [Quarter.of(2024, n) for n in (1, 2, 3, 4)]


@pytest.fixture(scope="module")
def cli_rows(tmp_path_factory) -> dict:
    path = copy_of(empty_database(tmp_path_factory.getbasetemp()), tmp_path_factory.mktemp("golden") / "golden.duckdb")
    store = Store(path)
    settings.update(store, by="test", la_code=884)
    for agency in agencies():
        values = {(code, q): value for code, value in INPUTS.items() if measures()[code].agency == agency
                  for q in QUARTERS}
        result = loading.load_bytes(store, f"{agency}.xlsx", write_template(agency, QUARTERS, values), by="test")
        assert result.status == "loaded", [str(p) for p in result.parsed.errors]
    store.close()
    rows = {}
    for view in ("quarter", "year"):
        out = subprocess.run([sys.executable, "-m", "safeguarding", "indicators", "--db", str(path), "--view", view,
                              "--format", "csv"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        rows.update({(r["indicator"], r["period"]): r for r in csv.DictReader(io.StringIO(out.stdout))})
    return rows


def test_inputs_cover_the_catalogue():
    assert set(INPUTS) == set(measures())


@pytest.mark.parametrize("row", EXPECTED, ids=[row["indicator"] for row in EXPECTED])
def test_indicator(cli_rows, row):
    quarter = cli_rows[(row["indicator"], "2024-25 Q4")]
    year = cli_rows[(row["indicator"], "2024-25")]
    assert quarter["value"] == row["q4_value"], row["working"]
    assert year["value"] == row["year_value"], row["working"]
    assert quarter["rag"] == year["rag"] == row["rag"], row["working"]
