"""Indicator values against figures worked out by hand from a small fixture (the comments show the sums)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from dashboard_support import copy_of, empty_database

from safeguarding import indicators, loading, settings
from safeguarding.definitions import indicators as definitions
from safeguarding.periods import Quarter
from safeguarding.store import Store
from safeguarding.template_writer import write_template

ROOT = Path(__file__).resolve().parent.parent
Y23 = [Quarter.of(2023, n) for n in (1, 2, 3, 4)]
Y24 = [Quarter.of(2024, n) for n in (1, 2, 3, 4)]
# Herefordshire (884), ONS mid-year 0-17: 2023 = 34,260 (serves 2023-24), 2024 = 34,439 (serves 2024-25).
POP_2023, POP_2024 = 34260, 34439

CSC = {
    "CSC.CONTACTS": [1000, 1000, 1000, 1000, 1000, 2000, 1000, 1000],
    "CSC.REFERRALS": [250, 250, 250, 250, 100, 600, 100, 200],
    "CSC.REREFERRALS_12M": [50, 50, 50, 50, 20, 120, 20, 40],
    "CSC.CP_PLANS": [150, 150, 150, 150, 130, 135, 138, 140],
    "CSC.CARE_PROCEEDINGS": [5, 5, 5, 5, 5, 6, 0, 7],
    "CSC.PRIVATE_FOSTERING": [1, 2, 1, 2, 6, "<5", 7, 8],
}
EDU = {  # the s175 audit runs in Q3 only: other quarters are not applicable
    "EDU.S175_SETTINGS": ["n/a", "n/a", 50, "n/a"],
    "EDU.S175_RETURNS": ["n/a", "n/a", 48, "n/a"],
}
HEA = {  # too few invitations to rate
    "HEA.ICPC_INVITED": [8, 9, 8, 9],
    "HEA.ICPC_ATTENDED": [8, 9, 8, 9],
}
TRN = {  # Q4 not sent: the year is incomplete
    "TRN.BOOKED": [100, 100, 100],
    "TRN.ATTENDED": [80, 90, 85],
}


def _values(series: dict, quarters: list[Quarter]) -> dict:
    return {(code, q): v for code, values in series.items() for q, v in zip(quarters, values)}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    path = copy_of(empty_database(tmp_path_factory.getbasetemp()),
                   tmp_path_factory.mktemp("indicators") / "fixture.duckdb")
    store = Store(path)
    settings.update(store, by="test", la_code=884, name="Fixture partnership")
    files = [
        ("csc.xlsx", write_template("CSC", Y23 + Y24, _values(CSC, Y23 + Y24))),
        ("edu.xlsx", write_template("EDU", Y24, _values(EDU, Y24))),
        ("hea.xlsx", write_template("HEA", Y24, _values(HEA, Y24))),
        ("trn.xlsx", write_template("TRN", Y24[:3], _values(TRN, Y24[:3]))),
    ]
    for name, data in files:
        result = loading.load_bytes(store, name, data, by="test")
        assert result.status == "loaded", [str(p) for p in result.parsed.errors]
    store.close()
    return path


@pytest.fixture(scope="module")
def results(fixture_db) -> dict:
    store = Store(fixture_db)
    frame = indicators.compute(store)
    store.close()
    return {(row.indicator_id, row.period): row for row in frame.itertuples(index=False)}


# (indicator, period, expected value, numerator, denominator), each worked out by hand.
EXPECTED = [
    ("contact_conversion", "2024-25 Q1", 10.0, 100, 1000),           # 100 / 1000
    ("contact_conversion", "2024-25 Q2", 30.0, 600, 2000),           # 600 / 2000
    # Year: sum over sum, (100+600+100+200) / (1000+2000+1000+1000) = 1000 / 5000 = 20.0;
    # the average of the quarterly percentages (10, 30, 10, 20) would be 17.5.
    ("contact_conversion", "2024-25", 20.0, 1000, 5000),
    ("contact_conversion", "2023-24", 25.0, 1000, 4000),
    ("rereferral_rate", "2024-25", 20.0, 200, 1000),                  # 200 / 1000
    # Rolling 12 months: 2023-24 Q2..Q4 (3 x 250) + 2024-25 Q1 (100) = 850, per 34,439 x 10,000 = 246.81
    ("referral_rate", "2024-25 Q1", 246.8, 850, POP_2024),
    # 2023-24 Q4: the whole of 2023-24 (1,000) per 34,260 x 10,000 = 291.89
    ("referral_rate", "2023-24 Q4", 291.9, 1000, POP_2023),
    ("referral_rate", "2024-25 Q4", 290.4, 1000, POP_2024),          # 1,000 / 34,439 x 10,000 = 290.37
    ("referral_rate", "2024-25", 290.4, 1000, POP_2024),
    ("cp_rate", "2024-25 Q4", 40.7, 140, POP_2024),                  # 140 / 34,439 x 10,000 = 40.65
    ("cp_rate", "2024-25 Q2", 39.2, 135, POP_2024),                  # 135 / 34,439 x 10,000 = 39.20
    ("cp_rate", "2024-25", 40.7, 140, POP_2024),                     # a stock: the Q4 position
    ("cp_rate", "2023-24", 43.8, 150, POP_2023),                     # 150 / 34,260 x 10,000 = 43.78
    ("care_proceedings", "2024-25", 18, 18, None),                   # 5 + 6 + 0 + 7
    ("care_proceedings", "2024-25 Q3", 0, 0, None),
    ("s175_return_rate", "2024-25", 96.0, 48, 50),                   # n/a quarters add nothing: 48 / 50
    ("s175_return_rate", "2024-25 Q3", 96.0, 48, 50),
    ("health_icpc_attendance", "2024-25", 100.0, 34, 34),            # 8+9+8+9 over the same
]


@pytest.mark.parametrize("indicator, period, value, numerator, denominator", EXPECTED,
                         ids=[f"{e[0]}-{e[1]}" for e in EXPECTED])
def test_hand_checked_values(results, indicator, period, value, numerator, denominator):
    row = results[(indicator, period)]
    assert round(row.value, 1) == value
    assert row.numerator == numerator
    if denominator is None:
        assert row.denominator != row.denominator or row.denominator is None  # NaN: counts have none
    else:
        assert row.denominator == denominator


@pytest.mark.parametrize("indicator, period, reason", [
    ("referral_rate", "2023-24 Q3", "fewer than four quarters"),   # data start in 2023-24 Q1
    ("private_fostering", "2024-25 Q2", "suppressed"),             # '<5'
    ("private_fostering", "2024-25", "suppressed"),                # a suppressed quarter cannot be summed
    ("s175_return_rate", "2024-25 Q1", "not applicable"),
    ("training_attendance", "2024-25", "incomplete"),              # Q4 not sent
    ("health_icpc_attendance", "2024-25 Q1", "too few to rate"),   # 8 invited: under 10
])
def test_values_withheld_say_why(results, indicator, period, reason):
    row = results[(indicator, period)]
    assert row.rag == "grey"
    assert reason in row.rag_reason


def test_training_quarters_still_count_when_the_year_is_incomplete(results):
    assert round(results[("training_attendance", "2024-25 Q2")].value, 1) == 90.0   # 90 / 100
    assert ("training_attendance", "2024-25 Q4") not in results or \
        results[("training_attendance", "2024-25 Q4")].value != results[("training_attendance", "2024-25 Q4")].value


def test_rag_follows_the_default_limits(results):
    # rereferral_rate: green <= 20, amber <= 25. 2024-25 is exactly 20.0: green.
    assert results[("rereferral_rate", "2024-25")].rag == "green"
    # contact_conversion band 18-35 green, 12-45 amber: Q1 10% is red, Q2 30% green.
    assert results[("contact_conversion", "2024-25 Q1")].rag == "red"
    assert results[("contact_conversion", "2024-25 Q2")].rag == "green"
    # cp_rate within 15% of England (2024-25: 40.6): 40.65 is 0.1% away, green.
    cp = results[("cp_rate", "2024-25")]
    assert cp.england == 40.6 and cp.rag == "green"


def test_benchmarks_come_from_dfe(results):
    row = results[("cp_rate", "2024-25")]
    assert (row.england, row.region, row.la_published) == (40.6, 40.3, 40.4)
    assert row.benchmark_year == "2024-25"
    assert row.neighbours_count == 10


def test_every_indicator_has_a_row_per_period(results):
    ids = {key[0] for key in results}
    assert ids == set(definitions())
    periods = {key[1] for key in results}
    assert {q.label for q in Y23 + Y24} | {"2023-24", "2024-25"} == periods


def test_cli_csv_matches(fixture_db):
    out = subprocess.run([sys.executable, "-m", "safeguarding", "indicators", "--db", str(fixture_db),
                          "--view", "year", "--format", "csv"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == ["indicator", "period", "value", "numerator", "denominator", "rag", "benchmark_england"]
    by_key = {(r["indicator"], r["period"]): r for r in rows}
    assert by_key[("contact_conversion", "2024-25")] == {
        "indicator": "contact_conversion", "period": "2024-25", "value": "20.0", "numerator": "1000",
        "denominator": "5000", "rag": "green", "benchmark_england": ""}
    assert by_key[("cp_rate", "2024-25")]["value"] == "40.7"
    assert by_key[("cp_rate", "2024-25")]["benchmark_england"] == "40.6"
    assert by_key[("training_attendance", "2024-25")]["value"] == ""
    assert by_key[("care_proceedings", "2024-25")]["value"] == "18"
    assert {r["period"] for r in rows} == {"2023-24", "2024-25"}


def test_the_set_based_rebuild_gives_every_file_s_own_rows(fixture_db, tmp_path):
    """indicator_values comes from one set-based query for the standard shapes: row for row what each file gives."""
    import shutil

    from safeguarding import marts

    assert sorted(marts.standard_ids()) == sorted(definitions())  # every file today is one shape call
    path = shutil.copyfile(fixture_db, tmp_path / "copy.duckdb")
    store = Store(path)
    try:
        with store.read() as cur:
            by_files = cur.execute("select indicator_id, area, view, period_start, numerator, numerator_status, "
                                   "denominator, denominator_status, value from (" + marts.indicator_sql()
                                   + ") order by all").fetchall()
        store.fresh()
        with store.read() as cur:
            stored = cur.execute("select indicator_id, area, view, period_start, numerator, numerator_status, "
                                 "denominator, denominator_status, value from indicator_values order by all").fetchall()
    finally:
        store.close()
    assert len(stored) > 100 and stored == by_files


def test_a_file_of_another_shape_is_run_as_written():
    from safeguarding import marts

    one = definitions()["referral_nfa"]
    assert marts.is_standard(one)
    custom = replace(one, sql=one.sql.replace("select * from", "select area, view, period_start, numerator, "
                                              "numerator_status, denominator, denominator_status, value from"))
    assert not marts.is_standard(custom)
    swapped = replace(one, numerator=one.denominator, denominator=one.numerator)
    assert not marts.is_standard(swapped)


def test_population_is_given_for_exactly_the_periods_of_the_measures(fixture_db, tmp_path):
    """period_population takes its periods from the calendar: they must be measure_periods' own, no more, no less."""
    import shutil

    store = Store(shutil.copyfile(fixture_db, tmp_path / "copy.duckdb"))
    try:
        with store.read() as cur:
            measured = cur.execute("select distinct area, view, period_start from measure_periods "
                                   "order by all").fetchall()
            populated = cur.execute("select area, view, period_start from period_population order by all").fetchall()
    finally:
        store.close()
    assert {view for _, view, _ in measured} == {"quarter", "year"}
    assert populated == measured
