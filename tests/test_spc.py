"""XmR process limits, the special-cause rules, the verdicts and the Wilson interval, on hand-worked series.

Each series is shown to the SQL (queries/spc.sql) through a temporary view named like the store's
`spc_input`, on a real store. Expected figures are worked by hand in the comments: the mean of the
points, the mean moving range (mMR), limits = mean +/- 2.66 x mMR, and the "near" line two-thirds of the
way from the mean to a limit (mean +/- 1.7733 x mMR).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from safeguarding import loading, settings, spc
from safeguarding.catalogue import measures_of
from safeguarding.periods import Quarter
from safeguarding.template_writer import write_template

FIRST = dt.date(2019, 4, 1)


def quarters(n: int) -> list[dt.date]:
    return [(pd.Timestamp(FIRST) + pd.DateOffset(months=3 * i)).date() for i in range(n)]


def show(cur, values, indicator_id="assessments_45wd", unit="percent", polarity="up", numerators=None,
         denominators=None) -> None:
    """Make `values` (one per quarter from 2019-20 Q1) the only series the SPC macros see on this cursor."""
    starts = quarters(len(values))
    frame = pd.DataFrame({
        "indicator_id": indicator_id, "view": "quarter", "period_start": starts,
        "value": [float(v) for v in values],
        "numerator": pd.array(numerators or [None] * len(values), dtype="Float64"),
        "denominator": pd.array(denominators or [None] * len(values), dtype="Float64"),
        "unit": unit, "polarity": polarity,
    })
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    cur.register("hand_series", frame)
    cur.execute("create or replace temp view spc_input as "
                "select indicator_id, view, cast(period_start as date) as period_start, value, numerator, "
                "denominator, unit, polarity from hand_series")


@pytest.fixture
def cur(store):
    with store.read() as cursor:
        yield cursor
        cursor.execute("drop view if exists temp.spc_input")


def chart(cur, values, **kw) -> pd.DataFrame:
    show(cur, values, **kw)
    return spc.chart(cur, kw.get("indicator_id", "assessments_45wd"), "quarter")


def flagged(frame: pd.DataFrame, rule: str) -> list[int]:
    """1-based positions of the points a rule flags."""
    return [i + 1 for i, rules in enumerate(frame["rules"]) if rule in rules.split(";")]


# ------------------------------------------------------------------------------------------ limits


def test_limits_of_an_alternating_series(cur):
    # 10, 12, ... (12 points): mean 11, every moving range 2, so mMR 2 and limits 11 -/+ 5.32.
    frame = chart(cur, [10, 12] * 6)
    assert list(frame.columns) == spc.CHART_COLUMNS
    assert frame["mean"].tolist() == pytest.approx([11.0] * 12)
    assert frame["lower"].tolist() == pytest.approx([5.68] * 12)
    assert frame["upper"].tolist() == pytest.approx([16.32] * 12)
    assert pd.isna(frame["moving_range"][0]) and frame["moving_range"][1:].tolist() == [2.0] * 11
    assert not frame["special_cause"].any() and set(frame["rules"]) == {""}


def test_eleven_points_are_too_few_for_limits(cur):
    frame = chart(cur, [10, 12] * 5 + [10])
    assert frame["mean"].isna().all() and frame["lower"].isna().all() and frame["upper"].isna().all()
    assert not frame["special_cause"].any()
    assert set(spc.verdicts(cur, "quarter")["variation"]) == {"too_few"}
    assert spc.min_points() == 12


@pytest.mark.parametrize("values, mean, lower, upper", [
    # Published test fixtures of nhspy-plotthedots (NHS Python Community, MIT licence),
    # tests/unittests/test_limits_calculations.py: "mixed input" and "large input".
    ([1, 2, 3, 2, 1, 2, 3, 4, 5, 6, 7, 4, 3, 2, 1, 2], 3.0, -0.014666666666666828, 6.014666666666667),
    (list(range(20)), 9.5, 6.84, 12.16),
])
def test_published_examples_of_the_method(cur, values, mean, lower, upper):
    frame = chart(cur, values)
    assert frame["mean"][0] == pytest.approx(mean)
    assert frame["lower"][0] == pytest.approx(lower)
    assert frame["upper"][0] == pytest.approx(upper)


def test_a_recalculation_point_restarts_the_mean_and_limits(store):
    # 12 points of 10, 12 then 12 of 20, 22; recalculated from the 13th: 11 -/+ 5.32, then 21 -/+ 5.32.
    # The jump from 12 to 20 belongs to neither segment's moving ranges.
    starts = quarters(24)
    spc.add_baseline(store, "assessments_45wd", "quarter", starts[12], who="test")
    with store.read() as cursor:
        frame = chart(cursor, [10, 12] * 6 + [20, 22] * 6)
        cursor.execute("drop view temp.spc_input")
    assert frame["mean"].tolist() == pytest.approx([11.0] * 12 + [21.0] * 12)
    assert frame["upper"].tolist() == pytest.approx([16.32] * 12 + [26.32] * 12)
    assert pd.isna(frame["moving_range"][12])
    assert not frame["special_cause"].any()
    assert spc.baselines(store)["start_period"].dt.date.tolist() == [starts[12]]
    spc.remove_baseline(store, "assessments_45wd", "quarter", starts[12], who="test")
    with store.read() as cursor:
        # Without it: one segment of 24, mean 16, moving ranges 22 x 2 + 8 = 52 over 23.
        frame = chart(cursor, [10, 12] * 6 + [20, 22] * 6)
        cursor.execute("drop view temp.spc_input")
    assert frame["mean"][0] == pytest.approx(16.0)
    assert frame["upper"][0] == pytest.approx(16.0 + 2.66 * 52 / 23)


# ------------------------------------------------------------------------------------------- rules


def test_a_point_outside_the_limits(cur):
    # 10, 12 x5, then 10, 19: sum 139, mean 11.5833; moving ranges 10 x 2 + 9 = 29 over 11, mMR 2.6364;
    # upper 11.5833 + 7.0127 = 18.5961 < 19.
    frame = chart(cur, [10, 12] * 5 + [10, 19])
    assert frame["upper"][0] == pytest.approx(18.596060606)
    assert flagged(frame, "outside") == [12]
    assert frame["rules"].tolist()[-1] == "outside" and frame["special_cause"].tolist() == [False] * 11 + [True]


def test_a_point_just_inside_the_limits(cur):
    # ... 10, 18: sum 138, mean 11.5; moving ranges 28 over 11; upper 11.5 + 6.7709 = 18.2709 > 18.
    frame = chart(cur, [10, 12] * 5 + [10, 18])
    assert frame["upper"][0] == pytest.approx(18.270909091)
    assert not frame["special_cause"].any()


def test_a_shift_of_seven_points_above_the_mean(cur):
    # 10, 12, 10, 12, 10, 12, 10, then seven 12s: sum 160, mean 11.4286 (12 is above it, 10 below);
    # moving ranges 7 x 2 over 13, mMR 1.0769; limits 8.5640 to 14.2932; near line 13.3383.
    frame = chart(cur, [10, 12, 10, 12, 10, 12, 10] + [12] * 7)
    assert (frame["mean"][0], frame["lower"][0], frame["upper"][0]) == pytest.approx(
        (11.428571429, 8.563956044, 14.293186813))
    assert flagged(frame, "shift") == list(range(8, 15))
    assert flagged(frame, "outside") == flagged(frame, "trend") == flagged(frame, "two_of_three") == []


def test_six_points_above_the_mean_are_no_shift(cur):
    # The same with six 12s: mean 148/13 = 11.3846, still below 12; a run of 6.
    frame = chart(cur, [10, 12, 10, 12, 10, 12, 10] + [12] * 6)
    assert frame["mean"][0] == pytest.approx(11.384615385)
    assert not frame["special_cause"].any()


def test_a_trend_of_seven_rising_points(cur):
    # 12, 10, 12, 10, 12, then 10, 11, 11.5, 12, 12.5, 13, 13.5: seven points each above the last.
    # Sum 139.5, mean 11.625; moving ranges 2 x 5 + 1 + 0.5 x 5 = 13.5 over 11; upper 14.8895, near 13.8014.
    frame = chart(cur, [12, 10, 12, 10, 12, 10, 11, 11.5, 12, 12.5, 13, 13.5])
    assert (frame["mean"][0], frame["upper"][0]) == pytest.approx((11.625, 14.889545455))
    assert flagged(frame, "trend") == list(range(6, 13))
    assert frame["special_cause"].tolist() == [False] * 5 + [True] * 7


def test_six_rising_points_are_no_trend(cur):
    # 12, 10, 12, 10, 12, 11, 11, 11.5, ... 13.5: an equal pair breaks the run, which is 6 points long.
    frame = chart(cur, [12, 10, 12, 10, 12, 11, 11, 11.5, 12, 12.5, 13, 13.5])
    assert frame["mean"][0] == pytest.approx(281 / 24)
    assert not frame["special_cause"].any()


def test_two_of_three_points_near_the_upper_limit(cur):
    # 10, 11 x9, then 13, 10, 13: sum 225, mean 10.7143; moving ranges 17 x 1 + 2 + 3 + 3 = 25 over 20,
    # mMR 1.25; upper 14.0393, near line 10.7143 + 2.2167 = 12.9310 < 13. Points 19 and 21 are near.
    frame = chart(cur, [10, 11] * 9 + [13, 10, 13])
    assert (frame["mean"][0], frame["upper"][0]) == pytest.approx((10.714285714, 14.039285714))
    assert flagged(frame, "two_of_three") == [19, 21]
    assert flagged(frame, "outside") == flagged(frame, "shift") == flagged(frame, "trend") == []


def test_two_near_points_three_apart_are_not_two_of_three(cur):
    # 10, 11 x9, then 14, 10, 10, 14: mean 237/22 = 10.7727, mMR 28/21; near line 13.1372, upper 14.3194.
    # Both 14s are near, but no three points in a row hold two of them.
    frame = chart(cur, [10, 11] * 9 + [14, 10, 10, 14])
    assert frame["upper"][0] == pytest.approx(14.319393939)
    assert not frame["special_cause"].any()


def test_near_points_on_opposite_sides_are_not_two_of_three(cur):
    # 10, 11 x9, then 14, 10, 7.5: sum 220.5, mean 10.5; moving ranges 17 + 3 + 4 + 2.5 = 26.5 over 20,
    # mMR 1.325; limits 6.9755 to 14.0245, near lines 8.1503 and 12.8497: 14 is near the upper limit and
    # 7.5 near the lower one, two points apart.
    frame = chart(cur, [10, 11] * 9 + [14, 10, 7.5])
    assert (frame["lower"][0], frame["upper"][0]) == pytest.approx((6.9755, 14.0245))
    assert flagged(frame, "two_of_three") == [] and flagged(frame, "outside") == []


# ---------------------------------------------------------------------------------------- verdicts


def latest(cur, view="quarter") -> dict:
    return spc.verdicts(cur, view).iloc[-1].to_dict()


@pytest.mark.parametrize("indicator_id, unit, polarity, expected", [
    ("assessments_45wd", "percent", "up", "improving"),     # higher is better, the point is high
    ("referral_nfa", "percent", "down", "concerning"),      # lower is better, the point is high
    ("contact_conversion", "percent", "band", "special_neither"),
    ("eh_assessments", "count", "none", "special_neither"),
])
def test_variation_honours_polarity(cur, indicator_id, unit, polarity, expected):
    show(cur, [10, 12] * 5 + [10, 19], indicator_id=indicator_id, unit=unit, polarity=polarity)
    row = latest(cur)
    assert row["variation"] == expected
    assert row["indicator_id"] == indicator_id and row["period_start"] == quarters(12)[-1]


def test_common_cause_and_a_low_point(cur):
    show(cur, [10, 12] * 6)
    assert set(spc.verdicts(cur, "quarter")["variation"]) == {"common"}
    # A point below the lower limit of a higher-is-better indicator: 12, 10 x5 then 12, 3: sum 125,
    # mean 10.4167; moving ranges 10 x 2 + 9 = 29 over 11; lower 10.4167 - 7.0127 = 3.4040 > 3.
    show(cur, [12, 10] * 5 + [12, 3])
    assert latest(cur)["variation"] == "concerning"


@pytest.mark.parametrize("indicator_id, values, expected", [
    # assessments_45wd: green at least 90 (its default limits). Every series alternates, mMR 2.
    ("assessments_45wd", [95, 97] * 6, "pass"),              # 90.68 to 101.32: both at or above 90
    ("assessments_45wd", [94.32, 96.32] * 6, "pass"),        # lower limit exactly 90.00
    ("assessments_45wd", [94.31, 96.31] * 6, "hit_and_miss"),  # lower 89.99: the target is inside
    ("assessments_45wd", [85, 87] * 6, "hit_and_miss"),      # 80.68 to 91.32
    ("assessments_45wd", [80, 82] * 6, "fail"),              # 75.68 to 86.32: both below 90
    ("assessments_45wd", [83.68, 85.68] * 6, "hit_and_miss"),  # upper limit exactly 90.00
    ("assessments_45wd", [83.67, 85.67] * 6, "fail"),        # upper 89.99
    ("referral_nfa", [2, 4] * 6, "pass"),                    # green at most 10: -2.32 to 8.32
    ("referral_nfa", [5, 7] * 6, "hit_and_miss"),            # 0.68 to 11.32
    ("referral_nfa", [16, 18] * 6, "fail"),                  # 11.68 to 22.32
    ("contact_conversion", [25, 27] * 6, "pass"),            # green 18 to 35: 20.68 to 31.32
    ("contact_conversion", [20, 22] * 6, "hit_and_miss"),    # 15.68 to 26.32
    ("contact_conversion", [45, 47] * 6, "fail"),            # 40.68 to 51.32, above 35
    ("referral_rate", [300, 302] * 6, "none"),               # relative to England: no fixed target
    ("eh_assessments", [300, 302] * 6, "none"),              # context only
    ("assessments_45wd", [95, 97] * 5 + [95], "none"),       # too few points for limits
])
def test_assurance_against_the_green_limit(cur, indicator_id, values, expected):
    show(cur, values, indicator_id=indicator_id)
    assert set(spc.verdicts(cur, "quarter")["assurance"]) == {expected}


def test_wilson_interval_for_percentages_only(cur):
    # Newcombe (1998), Statistics in Medicine 17:857-872, the score (Wilson) method: 81/263 gives
    # 0.2553 to 0.3662, 15/148 gives 0.0624 to 0.1605, 0/20 gives 0 to 0.1611; and 4 of 9 (worked by
    # hand: p = 0.4444, z^2/n = 0.4268) gives 0.1888 to 0.7334.
    parts = [(81, 263), (15, 148), (0, 20), (4, 9)] * 3
    show(cur, [100 * n / d for n, d in parts], numerators=[n for n, _ in parts],
         denominators=[d for _, d in parts])
    found = spc.verdicts(cur, "quarter").head(4)
    assert found["interval_lo"].round(2).tolist() == [25.53, 6.24, 0.0, 18.88]
    assert found["interval_hi"].round(2).tolist() == [36.62, 16.05, 16.11, 73.34]
    show(cur, [300] * 12, indicator_id="cp_rate", unit="rate", numerators=[300] * 12,
         denominators=[100000] * 12)
    assert spc.verdicts(cur, "quarter")["interval_lo"].isna().all()


def test_words_and_symbols_for_every_verdict():
    for words, symbols, verdicts in (
        (spc.VARIATION_WORDS, spc.VARIATION_SYMBOLS, {"common", "improving", "concerning", "special_neither",
                                                      "too_few"}),
        (spc.ASSURANCE_WORDS, spc.ASSURANCE_SYMBOLS, {"pass", "fail", "hit_and_miss", "none"}),
    ):
        assert set(words) == set(symbols) == verdicts
        assert len(set(symbols.values())) == len(symbols)
    assert spc.label("concerning") == "\u2296 Special cause: concerning"
    assert "7 or more" in spc.rule_words()["shift"] and "7 or more" in spc.rule_words()["trend"]


# ------------------------------------------------------------------------------- through the store


def test_a_loaded_store_charts_its_own_values(store):
    # Twelve quarters of CSC returns: 200 assessments each quarter, 190 and 194 alternately in time,
    # so 95% and 97%: mean 96, limits 90.68 to 101.32, consistently passing the green limit of 90%.
    settings.update(store, by="test", la_code=884)
    for year in (2021, 2022, 2023):
        terms = [Quarter.of(year, n) for n in (1, 2, 3, 4)]
        values = {(m.code, q): 200 for m in measures_of("CSC") for q in terms}
        values.update({("CSC.ASSESSMENTS_45WD", q): (190 if q.number % 2 else 194) for q in terms})
        result = loading.load_bytes(store, f"csc{year}.xlsx", write_template("CSC", terms, values), by="test")
        assert result.status == "loaded", [str(p) for p in result.parsed.errors]
    frame = spc.chart(store, "assessments_45wd", "quarter")
    assert frame["value"].tolist() == pytest.approx([95.0, 97.0] * 6)
    assert frame["mean"].tolist() == pytest.approx([96.0] * 12)
    assert (frame["lower"][0], frame["upper"][0]) == pytest.approx((90.68, 101.32))
    found = spc.verdicts(store, "quarter")
    row = found[found["indicator_id"] == "assessments_45wd"].iloc[-1]
    assert (row["variation"], row["assurance"]) == ("common", "pass")
    assert list(found.columns) == spc.VERDICT_COLUMNS
    # 194 of 200: p = 0.97, z^2/n = 0.019208; (0.979604 - 1.96 x 0.013020) / 1.019208 = 0.9361.
    assert row["interval_lo"] == pytest.approx(93.61, abs=0.005)
    years = spc.verdicts(store, "year")
    assert set(years["variation"]) == {"too_few"}
