"""One test of absence for a figure from SQL or pandas: None, pandas NA, NaT and NaN alike."""

from __future__ import annotations

import math

import pandas as pd


def missing(value) -> bool:
    """Whether a figure is absent (None, NA, NaT or NaN)."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def or_none(value):
    """The value, or None when it is absent."""
    return None if missing(value) else value


def as_float(value) -> float | None:
    """The value as a float, or None when it is absent."""
    return None if missing(value) else float(value)
