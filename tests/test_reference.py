"""Reference data: the 0002 tables load from data/reference and serve hand-checked published figures."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from safeguarding import queries, reference

FIXTURE = Path(__file__).resolve().parent / "data" / "dfe_published.csv"


@pytest.fixture(scope="module")
def cur():
    """An in-memory DuckDB with the reference tables (0002, 0006's releases, none loaded, and 0011's kept area
    comparators, which a reload empties) loaded twice, to prove the reload is clean."""
    con = duckdb.connect()
    for ddl in (f for f in queries.folder("migrations") if f.stem.startswith(("0002", "0006", "0011"))):
        con.execute(ddl.sql)
    c = con.cursor()
    c.execute("begin transaction")
    reference.load_reference(c)
    reference.load_reference(c)
    c.execute("commit")
    yield c
    c.close()
    con.close()


def one(frame, code: str, year: int):
    """The single benchmarks_for row of a code and year."""
    rows = frame[(frame.lait_code == code) & (frame.year == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_row_counts(cur):
    counts = {t: cur.execute(f"select count(*) from {t}").fetchone()[0] for t in
              ("ref_local_authorities", "ref_population", "ref_benchmarks", "ref_benchmark_measures", "ref_neighbours")}
    assert counts["ref_local_authorities"] == 153
    assert counts["ref_benchmark_measures"] == 16
    assert counts["ref_neighbours"] == 153 * 10
    assert counts["ref_benchmarks"] > 20000 and counts["ref_population"] > 2000


def test_local_authorities_and_details(cur):
    las = {code: (name, region) for code, name, region in reference.list_local_authorities(cur)}
    assert las[884] == ("Herefordshire", "West Midlands")
    # LAIT puts London boroughs in Inner/Outer London and spells those region rows like this:
    assert las[204][1] == "London (Inner)" and las[303][1] == "London (Outer)"
    assert las[370][1] == "Yorkshire and the Humber"
    details = reference.la_details(cur, 884)
    assert details.region_name == "West Midlands" and details.new_la_code == "E06000019"
    assert [n.la_code for n in details.neighbours][:3] == [943, 860, 925]
    assert details.neighbours[0].la_name == "Westmorland and Furness"
    assert details.neighbours[0].closeness == "Very close"
    assert reference.la_details(cur, 999) is None


def test_population(cur):
    # ons_mid-year_population_estimates_2012_to_2024.csv, 884, 2024: 34439; 2023: 34260.
    assert reference.population_for(cur, 884, 2024) == (34439, 2024, False)
    assert reference.population_for(cur, 884, 2023) == (34260, 2023, False)
    # Mid-2025 is not published yet: the latest earlier year stands in, flagged.
    assert reference.population_for(cur, 884, 2025) == (34439, 2024, True)
    assert reference.population_for(cur, 884, 2005) == (None, None, False)


def test_benchmarks_for_herefordshire(cur):
    frame = reference.benchmarks_for(cur, 884)
    assert list(frame.columns) == list(reference.BENCHMARK_COLUMNS)
    assert not frame.duplicated(["lait_code", "year"]).any()
    row = one(frame, "CPP_rate", 2025)
    assert row.england == pytest.approx(40.6)   # LAIT England 2025: 40.6
    assert row.region == pytest.approx(40.3)    # LAIT West Midlands 2025: 40.299999999999997
    assert row.la_value == pytest.approx(40.4)  # LAIT Herefordshire 2025: 40.4
    # LAIT CPP_rate 2025 of 884's ten neighbours: 943 50.3, 860 30, 925 30.8, 893 28.8, 933 27.7,
    # 888 34.2, 935 27.8, 811 53, 815 54.7, 830 46.7 -> sum 384.0, mean 38.4.
    assert row.neighbours_mean == pytest.approx(38.4)
    assert row.neighbours_count == 10
    assert row.la_quartile in (1, 2, 3, 4)
    # Westmorland and Furness (943) only exists from 2023, so earlier years have 9 neighbours.
    assert one(frame, "CPP_rate", 2020).neighbours_count == 9
    # The CLA rate is published as a whole number: LAIT LAC 2025 for 884 is 100.
    assert one(frame, "LAC", 2025).la_value == pytest.approx(100)
    quartiles = frame.la_quartile.dropna()
    assert len(quartiles) > 100 and quartiles.between(1, 4).all()


def test_text_codes_and_unknown_la(cur):
    city = one(reference.benchmarks_for(cur, 201), "CPP_rate", 2025)  # City of London: '-'
    assert city.la_value_code == "-"
    assert pd.isna(city.la_value) and pd.isna(city.la_quartile)
    nobody = reference.benchmarks_for(cur, 0)
    assert one(nobody, "CPP_rate", 2025).england == pytest.approx(40.6)
    assert (nobody.neighbours_count == 0).all()


def test_measures(cur):
    polarity = dict(cur.execute("select lait_code, polarity from ref_benchmark_measures").fetchall())
    assert polarity["ReReferral"] == "Low" and polarity["CP_conf_15days"] == "High" and polarity["CPP_rate"] == "-"


def test_version_and_fixture_agree(cur):
    version = reference.reference_version()
    assert len(version) == 64 and version == reference.reference_version()
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 18 and {r["la_code"] for r in rows} >= {"884"}
    for r in rows:
        population, used, _ = reference.population_for(cur, int(r["la_code"]), int(r["year"]) - 1)
        assert (population, used) == (int(r["population"]), int(r["year"]) - 1)
