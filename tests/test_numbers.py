"""Figures round half up from the exact ratio, as DfE rounds them, wherever they are printed."""

from __future__ import annotations

import pytest

from safeguarding import definitions, numbers, output, rag, scorecard
from safeguarding.definitions import Limits

# (numerator, denominator, unit, DfE's printed figure), worked out by hand.
EXACT_HALVES = [
    (13, 80, "percent", "16.3"),        # 16.25
    (1, 8, "percent", "12.5"),          # 12.5 exactly: nothing to round
    (5, 16, "percent", "31.3"),         # 31.25
    (1, 16, "percent", "6.3"),          # 6.25
    (3, 16, "percent", "18.8"),         # 18.75
    (182, 1120, "percent", "16.3"),     # Bath and North East Somerset's 2016 re-referrals
    (115, 368, "percent", "31.3"),      # Sandwell's 2023 repeat plans
    (7, 112, "percent", "6.3"),         # Westminster's 2014 repeat plans
    (1, 40, "percent", "2.5"),          # 2.5 exactly
    (1, 400, "percent", "0.3"),         # 0.25
    (3, 400, "percent", "0.8"),         # 0.75
    (13, 8000, "rate", "16.3"),         # 16.25 per 10,000
    (967, 200000, "rate", "48.4"),      # 48.35 per 10,000 (not exact in binary)
    (1029, 200000, "rate", "51.5"),     # 51.45 per 10,000
    (2429, 40000, "rate", "607.3"),     # 607.25 per 10,000
]


def _stored(numerator: int, denominator: int, unit: str) -> float:
    """The figure as SQL stores it: a double, 100.0 * num / den (or 10000.0 for rates)."""
    return numbers.SCALES[unit] * 1.0 * numerator / denominator


@pytest.mark.parametrize("numerator, denominator, unit, printed", EXACT_HALVES)
def test_exact_halves_round_up(numerator, denominator, unit, printed):
    value = _stored(numerator, denominator, unit)
    assert numbers.text(value, unit, numerator, denominator) == printed
    assert numbers.text(value, unit) == printed  # the stored double alone, read past its float noise
    assert numbers.as_float(value, unit, numerator, denominator) == float(printed)


def test_binary_formatting_would_get_the_table_wrong():
    wrong = [row for row in EXACT_HALVES if f"{_stored(*row[:3]):.1f}" != row[3]]
    assert len(wrong) >= 5


def test_counts_and_noise():
    assert numbers.text(2.5) == "3"
    assert numbers.text(1234567.5) == "1,234,568"
    assert numbers.text(16.249999999999996, "percent") == "16.3"  # a mean of 16.2 and 16.3 as doubles sum it
    assert numbers.text(-0.04, "percent") == "0.0"
    assert numbers.text(None) == numbers.NONE and numbers.text(float("nan"), empty="") == ""
    assert numbers.percent_of(13, 80) == "16.3" and numbers.percent_of(1, 8, dps=0) == "13"
    assert numbers.percent_of(5, 0) == numbers.NONE


def test_parts_that_do_not_make_the_figure_are_ignored():
    # A suppressed or other numerator never changes the figure printed.
    assert numbers.text(16.25, "percent", 1, 3) == "16.3"


@pytest.mark.parametrize("indicator_id", list(definitions.indicators()))
def test_every_indicator_prints_half_up(indicator_id):
    ind = definitions.indicators()[indicator_id]
    if ind.unit == "count":
        numerator, denominator, value, shown = 21, None, 21.0, "21"
    else:
        numerator, denominator = (13, 80) if ind.unit == "percent" else (13, 8000)
        value, shown = _stored(numerator, denominator, ind.unit), "16.3"
    suffix = "%" if ind.unit == "percent" else ""
    assert scorecard.value_text(ind, value, numerator, denominator) == shown + suffix
    assert scorecard.value_text(ind, value) == shown + suffix
    assert scorecard.number(value, ind.unit) == shown
    assert output._number(value, ind.unit, numerator, denominator) == shown
    sentence = rag.explain("red", value, ind.unit, Limits("down", None, 1.0, None, 2.0))
    assert f"Red: {shown}{suffix} is above" in sentence


def test_changes_compare_the_printed_figures():
    ind = definitions.indicators()["rereferral_rate"]
    assert scorecard.change_text(ind, 16.25, 16.2).startswith("up 0.1 points")  # 16.3 against 16.2
    assert scorecard.change_text(ind, 16.25, 16.3) == "no change"


def test_the_quick_path_agrees_with_exact_decimal_rounding():
    from decimal import ROUND_HALF_UP, Decimal
    import random

    rng = random.Random(9)
    for _ in range(20000):
        den = rng.randint(1, 5000)
        num = rng.randint(0, den)
        unit, scale = rng.choice([("percent", 100), ("rate", 10000)])
        exact = (Decimal(num) * scale / Decimal(den)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert numbers.text(scale * 1.0 * num / den, unit, grouped=False) == f"{exact:f}", (num, den, unit)
