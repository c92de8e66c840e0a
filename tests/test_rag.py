"""The RAG rule (the SQL macro rag_of) at every boundary, and the sentences that explain it."""

from __future__ import annotations

import duckdb
import pytest

from safeguarding import queries, rag
from safeguarding.definitions import Limits, indicators, parse_limits


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    connection.execute(queries.q("rating", "define_constants"))
    connection.execute(queries.q("rating", "define_macros"))
    yield connection
    connection.close()


def rate(con, value, limits: Limits, unit="percent", denominator=100, comparator=None) -> str:
    return con.execute(
        "select rag_of($value, $den, $unit, $method, $glo, $ghi, $alo, $ahi, $cv)",
        {"value": value, "den": denominator, "unit": unit, "method": limits.method, "glo": limits.green_lo,
         "ghi": limits.green_hi, "alo": limits.amber_lo, "ahi": limits.amber_hi, "cv": comparator},
    ).fetchone()[0]


UP = parse_limits(">= 90", ">= 80")
DOWN = parse_limits("<= 20", "<= 25")
BAND = parse_limits("18 to 35", "12 to 45")
RELATIVE = parse_limits("within 10% of england", "within 20% of england")


@pytest.mark.parametrize("value, expected", [
    (100.0, "green"), (90.0, "green"), (89.99, "amber"), (80.0, "amber"), (79.99, "red"), (0.0, "red"),
])
def test_up(con, value, expected):
    assert rate(con, value, UP) == expected


@pytest.mark.parametrize("value, expected", [
    (0.0, "green"), (20.0, "green"), (20.01, "amber"), (25.0, "amber"), (25.01, "red"),
])
def test_down(con, value, expected):
    assert rate(con, value, DOWN) == expected


@pytest.mark.parametrize("value, expected", [
    (11.99, "red"), (12.0, "amber"), (17.99, "amber"), (18.0, "green"), (35.0, "green"), (35.01, "amber"),
    (45.0, "amber"), (45.01, "red"),
])
def test_band(con, value, expected):
    assert rate(con, value, BAND) == expected


@pytest.mark.parametrize("value, expected", [
    (40.0, "green"), (44.0, "green"), (36.0, "green"),   # exactly 10% away, despite binary fractions
    (44.01, "amber"), (48.0, "amber"), (32.0, "amber"),   # 20% away
    (48.01, "red"), (31.99, "red"),
])
def test_relative_to_a_benchmark_of_40(con, value, expected):
    assert rate(con, value, RELATIVE, unit="rate", denominator=None, comparator=40.0) == expected


def test_percentages_reproduce_exact_limits(con):
    # 100 x 9 / 10 and 100 x 18 / 20 must land on the 90 limit, not a hair below it.
    assert rate(con, 100.0 * 9 / 10, UP) == "green"
    assert rate(con, 100.0 * 171 / 190, UP) == "green"


@pytest.mark.parametrize("value, denominator, limits, comparator, expected", [
    (None, 100, UP, None, "grey"),                 # no value
    (95.0, 9, UP, None, "grey"),                   # fewer than 10 in the denominator
    (95.0, 10, UP, None, "green"),                 # 10 is enough
    (50.0, 100, Limits("none"), None, "grey"),     # context indicator
    (50.0, None, RELATIVE, None, "grey"),          # no benchmark to compare with
])
def test_grey(con, value, denominator, limits, comparator, expected):
    unit = "rate" if limits.method == "relative" else "percent"
    assert rate(con, value, limits, unit=unit, denominator=denominator, comparator=comparator) == expected


def test_explanations_name_the_limit():
    assert rag.explain("red", 27.4, "percent", DOWN) == "Red: 27.4% is above the amber range (at most 25%)."
    assert rag.explain("amber", 85.0, "percent", UP) == (
        "Amber: 85% is outside the green range (at least 90%) but within the amber range (at least 80%).")
    assert rag.explain("green", 44.0, "rate", RELATIVE, 40.0) == (
        "Green: 44 is 10.0% above England (40), within the green limit of 10%.")
    assert rag.explain("grey", None, "percent", UP, no_value="no data") == "Not rated: no data."


def test_every_rag_label_has_a_word_and_a_symbol():
    for grade in ("green", "amber", "red", "grey"):
        symbol, word = rag.label(grade).split(" ", 1)
        assert symbol and word and symbol != word


def test_default_limits_are_consistent():
    for indicator in indicators().values():
        assert rag.check_limits(indicator.default_limits) == [], indicator.id


@pytest.mark.parametrize("limits, problem", [
    (Limits("up", 80, None, 90, None), "amber minimum"),
    (Limits("down", None, 25, None, 20), "amber maximum"),
    (Limits("band", 18, 35, 20, 45), "contain the green"),
    (Limits("band", 35, 18, 12, 45), "lower limit is above"),
    (Limits("up", None, None, 80, None), "green minimum"),
])
def test_inconsistent_limits_are_refused(limits, problem):
    assert any(problem in text for text in rag.check_limits(limits))


def test_the_minimum_denominator_lives_in_the_sql_rule_and_python_words_it(con):
    minimum = rag.min_denominator()
    assert minimum == 10  # the README's "fewer than 10 in its denominator"
    assert rate(con, 95.0, UP, denominator=minimum - 1) == "grey"
    assert rate(con, 95.0, UP, denominator=minimum) == "green"
    assert rag.explain("grey", 95.0, "percent", UP) == "Not rated: too few to rate (fewer than 10 in the denominator)."
