"""A partnership of several local authorities: its population is the sum of theirs, and its DfE comparators are
combined from theirs where DfE's unit allows (hand-checked against the shipped ONS and LAIT figures)."""

from __future__ import annotations

import pytest
from conftest import query

from safeguarding import loading, settings
from safeguarding.periods import Quarter
from safeguarding.template_writer import write_template

# ONS mid-year estimates of children aged 0-17 (data/reference/population.csv).
DERBYSHIRE = {2023: 154_974}
DERBY = {2023: 60_668}
# LAIT children in need per 10,000 at 31 March 2024 (data/reference/benchmarks.csv): Derbyshire 343.9, Derby 373.3.
# Weighted by mid-2023: (343.9 * 154,974 + 373.3 * 60,668) / 215,642 = 75,942,923 / 215,642.
CIN_2024_COMBINED = 75_942_923 / 215_642  # 352.17...
Q1 = Quarter.of(2023, 1)


def load_police(store) -> None:
    data = write_template("POL", [Q1], {("POL.PPO", Q1): 5, ("POL.ENCOMPASS", Q1): 40,
                                        ("POL.ENCOMPASS_TIMELY", Q1): 38})
    assert loading.load_bytes(store, "pol.xlsx", data, by="test").ok


def benchmark(store, code: str, year: int) -> dict:
    rows = query(store, "select * from area_benchmarks where lait_code = ? and year = ?", [code, year])
    assert len(rows) == 1, rows
    with store.read() as cur:
        names = [d[0] for d in cur.execute("select * from area_benchmarks limit 0").description]
    return dict(zip(names, rows[0], strict=True))


def test_the_population_is_the_sum_of_the_authorities(store):
    settings.update(store, by="test", la_codes=(830, 831))
    assert settings.la_codes(store) == (830, 831)
    assert query(store, "select area, la_code from partnership_authorities") == [("830,831", 830), ("830,831", 831)]
    load_police(store)
    rows = query(store, "select value, population_year, status from period_population "
                        "where view = 'quarter' and period_start = ?", [Q1.start])
    assert rows == [(DERBYSHIRE[2023] + DERBY[2023], 2023, "ok")]  # 215,642


def test_one_authority_keeps_its_own_population(store):
    settings.update(store, by="test", la_code=830)
    assert settings.la_codes(store) == (830,)
    load_police(store)
    rows = query(store, "select value from period_population where view = 'quarter' and period_start = ?",
                 [Q1.start])
    assert rows == [(DERBYSHIRE[2023],)]


def test_a_rate_per_10000_is_combined_weighted_by_population(store):
    settings.update(store, by="test", la_codes=(830, 831))
    cin = benchmark(store, "CIN", 2024)
    assert cin["la_value"] == pytest.approx(CIN_2024_COMBINED, abs=1e-9)
    assert round(cin["la_value"], 2) == 352.17
    assert cin["england"] == 331.2
    assert cin["region"] == 277.7  # both in the East Midlands
    # The union of their twenty statistical neighbours (none of them each other), as LAIT gives them for 2024.
    assert cin["neighbours_count"] == 20
    assert cin["neighbours_mean"] == pytest.approx(346.42, abs=1e-9)
    # 85 of the 152 authorities with a 2024 figure are below 352.17: 1 + floor(4 * 85 / 152) = 3.
    assert cin["la_quartile"] == 3


def test_a_percentage_has_no_combined_figure(store):
    settings.update(store, by="test", la_codes=(830, 831))
    rereferral = benchmark(store, "ReReferral", 2024)
    assert rereferral["la_value"] is None and rereferral["la_quartile"] is None
    assert rereferral["england"] == 22.4
    # A rate per 100,000 aged 10-17 has no published base here either.
    assert benchmark(store, "FirstYJS", 2024)["la_value"] is None


def test_authorities_in_two_regions_have_no_regional_comparator(store):
    settings.update(store, by="test", la_codes=(830, 884))  # East and West Midlands
    assert benchmark(store, "CIN", 2024)["region"] is None


def test_one_authority_reads_its_published_comparators_unchanged(store):
    settings.update(store, by="test", la_code=831)
    ours = query(store, "select lait_code, year, england, region, neighbours_mean, neighbours_count, la_value, "
                        "la_value_code, la_quartile from area_benchmarks order by lait_code, year")
    published = query(store, "select lait_code, year, england, region, neighbours_mean, neighbours_count, la_value, "
                             "la_value_code, la_quartile from ref_la_benchmarks where la_code = 831 "
                             "order by lait_code, year")
    assert ours == published and len(ours) > 100
    assert benchmark(store, "CIN", 2024)["la_value"] == 373.3


def test_the_benchmark_source_line_says_how_the_figure_was_made(store):
    from safeguarding import detail
    from safeguarding.export import contents

    single = detail.benchmark_source(store, "cin_rate")
    settings.update(store, by="test", la_codes=(830, 831))
    assert detail.benchmark_source(store, "cin_rate") == (
        single + " The partnership's figure is combined from the authorities' published rates, weighted by their "
                 "populations.")
    assert detail.benchmark_source(store, "rereferral_rate").endswith(
        " No combined figure for the partnership's 2 authorities: DfE publishes each one's percentage, not the "
        "counts behind it.")
    credits = contents._sources(store)
    assert credits["CIN"].endswith("(the partnership's figure is combined from the authorities' published rates, "
                                   "weighted by their populations)")
    settings.update(store, by="test", la_codes=(830, 884))
    assert detail.benchmark_source(store, "cin_rate").endswith(
        "; no regional comparator, as the authorities span regions (East Midlands, West Midlands).")
    settings.update(store, by="test", la_code=830)
    assert detail.benchmark_source(store, "cin_rate") == single


def test_the_settings_page_population_table_shows_the_sum(store):
    from safeguarding import la_profile

    settings.update(store, by="test", la_codes=(830, 831))
    load_police(store)
    table = la_profile.populations(store, 830)
    row = table[table["Mid-year"] == 2023].iloc[0]
    assert (row["ONS estimate"], row["Used"], row["Source"]) == ("215,642", "215,642", "ONS mid-2023")
    assert la_profile.names_and_region(store) == ("Derbyshire and Derby", "East Midlands")
    settings.update(store, by="test", la_codes=(830, 884))
    assert la_profile.names_and_region(store) == ("Derbyshire and Herefordshire", "")


def test_the_comparators_kept_for_rating_follow_a_change_of_authorities(store):
    """Rating reads the comparators kept in area_benchmark_values: after any change of the partnership's
    authorities they must be the view's, row for row, for the new area."""
    columns = "area, lait_code, year, england, region, neighbours_mean, neighbours_count, la_value, la_quartile"

    def kept_and_worked_out() -> tuple[list, list]:
        store.fresh()
        return (query(store, f"select {columns} from area_benchmark_values order by all"),
                query(store, f"select {columns} from area_benchmarks order by all"))

    settings.update(store, by="test", la_code=830)
    load_police(store)
    kept, view = kept_and_worked_out()
    assert kept == view and {row[0] for row in kept} == {"830"}
    settings.update(store, by="test", la_codes=(830, 831))
    kept, view = kept_and_worked_out()
    assert kept == view and {row[0] for row in kept} == {"830,831"}
    settings.update(store, by="test", la_codes=(831,))
    kept, view = kept_and_worked_out()
    assert kept == view and {row[0] for row in kept} == {"831"}
    cin = [row for row in kept if row[1] == "CIN" and row[2] == 2024]
    assert cin[0][7] == 373.3  # Derby's own published rate (data/reference/benchmarks.csv)
