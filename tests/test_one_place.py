"""Ideas that live in one place stay there: absence of a figure, spreadsheet text, comparators, the minimum."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from safeguarding import comparators, nulls, rag

ROOT = Path(__file__).resolve().parent.parent
CODE = {path: path.read_text(encoding="utf-8") for path in
        [*ROOT.glob("safeguarding/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"]}


def places(pattern: str) -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path, text in CODE.items() if re.search(pattern, text))


@pytest.mark.parametrize("value", [None, pd.NA, pd.NaT, float("nan"), np.nan, np.float64("nan")])
def test_absent_figures(value):
    assert nulls.missing(value) and nulls.as_float(value) is None and nulls.or_none(value) is None


@pytest.mark.parametrize("value, expected", [(0, 0.0), (0.0, 0.0), (np.int64(7), 7.0), (12.5, 12.5)])
def test_present_figures(value, expected):
    assert not nulls.missing(value) and nulls.as_float(value) == expected and nulls.or_none(value) == value
    assert not math.isnan(nulls.as_float(value))


def test_absence_is_tested_in_one_place():
    assert places(r"math\.isnan|is pd\.NA\b") == ["safeguarding/nulls.py"]


def test_formula_starts_are_listed_in_one_place():
    assert places(r"""\(\s*["']=["'],\s*["']\+["']""") == ["safeguarding/sheet_text.py"]


def test_comparator_names_are_written_in_one_place():
    assert places(r"""["']region["']\s*:\s*f?["'](Region|the region)""") == ["safeguarding/comparators.py"]
    assert places(r"""["']Region["'],\s*["']Statistical neighbours["']""") == []
    assert comparators.label("region", "West Midlands") == "West Midlands"
    assert comparators.label("neighbours", "West Midlands") == "Statistical neighbours"
    assert comparators.in_sentence(None) == "England" and comparators.in_sentence("region") == "the region"


def test_the_rating_minimum_is_written_in_one_place():
    sql = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "queries").glob("*.sql"))
    assert re.findall(r"denominator\s*<\s*\w+", sql) == ["denominator < rag_min_denominator"]
    assert places(r"MIN_DENOMINATOR|denominator\s*<\s*10\b") == []
    assert rag.min_denominator() == 10
