"""Load DfE's published annual counts as quarterly returns and get DfE's published figures back.

tests/data/dfe_published.csv is derived from DfE's Children in need and Children looked after
statistics and LAIT (Open Government Licence v3.0) by scripts/build_reference.py.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from safeguarding import indicators, loading, settings
from safeguarding.periods import Quarter
from safeguarding.store import Store
from safeguarding.template_writer import write_template

PUBLISHED = Path(__file__).parent / "data" / "dfe_published.csv"
ROWS = list(csv.DictReader(PUBLISHED.open(encoding="utf-8")))


def _split(total: int) -> list[int]:
    """An annual count as four quarterly counts that add up to it."""
    base, extra = divmod(total, 4)
    return [base + (1 if i < extra else 0) for i in range(4)]


def _round(value: float, places: int) -> Decimal:
    exact = Decimal(repr(round(value, 9)))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def computed(tmp_path_factory) -> dict:
    """Year-view indicators per (la_code, DfE year), each LA in its own partnership database."""
    found = {}
    for la_code in sorted({row["la_code"] for row in ROWS}):
        store = Store(tmp_path_factory.mktemp(f"la{la_code}") / "dfe.duckdb")
        settings.update(store, by="test", la_code=int(la_code))
        for row in (r for r in ROWS if r["la_code"] == la_code):
            quarters = [Quarter.of(int(row["year"]) - 1, n) for n in (1, 2, 3, 4)]
            values = {}
            for code, column in (("CSC.REFERRALS", "referrals"), ("CSC.REREFERRALS_12M", "rereferrals"),
                                 ("CSC.CP_STARTS", "cpp_starts"), ("CSC.CP_STARTS_REPEAT", "cpp_subsequent")):
                values.update({(code, q): v for q, v in zip(quarters, _split(int(row[column])))})
            for code, column in (("CSC.CLA", "cla_at31"), ("CSC.CIN", "cin_at31")):
                values.update({(code, q): int(row[column]) for q in quarters})  # stocks: Q4 is what counts
            result = loading.load_bytes(store, f"{la_code}-{row['year']}.xlsx",
                                        write_template("CSC", quarters, values), by="test")
            assert result.status == "loaded", [str(p) for p in result.parsed.errors]
        frame = indicators.compute(store, "year")
        for r in frame.itertuples(index=False):
            found[(la_code, r.period, r.indicator_id)] = r.value
        store.close()
    return found


CASES = [(row, measure) for row in ROWS for measure in ("rereferral", "cp_repeat", "cla", "cin")]


@pytest.mark.parametrize("row, measure", CASES,
                         ids=[f"{r['la_name']}-{r['year']}-{m}" for r, m in CASES])
def test_year_view_equals_dfe_published(computed, row, measure):
    period = f"{int(row['year']) - 1}-{int(row['year']) % 100:02d}"
    indicator, column, places = {
        "rereferral": ("rereferral_rate", "rereferral_percent", 1),
        "cp_repeat": ("cp_repeat", "cpp_subsequent_percent", 1),
        "cla": ("cla_rate", "cla_rate_published", int(row["cla_rate_dps"])),
        "cin": ("cin_rate", "cin_rate_published", 1),
    }[measure]
    value = computed[(row["la_code"], period, indicator)]
    assert value == value, f"{indicator} has no value for {period}"
    assert _round(value, places) == Decimal(row[column]).quantize(Decimal(1).scaleb(-places))
