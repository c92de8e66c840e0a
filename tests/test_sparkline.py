"""The tiles' trend lines: points worked out by hand, gaps kept, titles shown as text."""

from __future__ import annotations

import math

from safeguarding import sparkline


def test_points_are_scaled_to_the_values_own_range_with_gaps_kept():
    # Width 240, height 48, padding 3: x steps of (240 - 6) / 3 = 78; y runs from 45 (lowest) to 3 (highest).
    drawn = sparkline.svg([0, 10, None, 5], "Trend")
    assert '<polyline points="3.0,45.0 81.0,3.0"' in drawn
    assert '<circle cx="237.0" cy="24.0" r="2"' in drawn  # 5 is half way: 45 - 21 = 24, alone after the gap
    assert drawn.count("<polyline") == 1


def test_a_flat_line_and_missing_values_as_nan():
    drawn = sparkline.svg([7, math.nan, 7, 7], "Trend")
    assert '<circle cx="3.0" cy="45.0"' in drawn and '<polyline points="159.0,45.0 237.0,45.0"' in drawn


def test_too_few_values_draw_nothing():
    assert sparkline.svg([5], "Trend") is None
    assert sparkline.svg([None, 5, None], "Trend") is None


def test_the_title_is_text_not_markup():
    drawn = sparkline.svg([1, 2], "<b>Referrals</b> & more")
    assert "<title>&lt;b&gt;Referrals&lt;/b&gt; &amp; more</title>" in drawn
