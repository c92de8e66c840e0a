"""Indicator results as text: the CSV and table the command line prints."""

from __future__ import annotations

import csv
import io

import pandas as pd

from safeguarding.nulls import missing

CSV_COLUMNS = ["indicator", "period", "value", "numerator", "denominator", "rag", "benchmark_england"]


def _number(value, decimals: int) -> str:
    if missing(value):
        return ""
    return f"{value:.{decimals}f}"


def _value(value, unit: str) -> str:
    return _number(value, 0 if unit == "count" else 1)


def indicators_csv(frame: pd.DataFrame) -> str:
    """indicator,period,value,numerator,denominator,rag,benchmark_england (values to 1 dp; counts whole)."""
    from safeguarding.definitions import indicators

    defs = indicators()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in frame.itertuples(index=False):
        unit = defs[row.indicator_id].unit
        writer.writerow([row.indicator_id, row.period, _value(row.value, unit), _number(row.numerator, 0),
                         _number(row.denominator, 0), row.rag, _number(row.england, 1)])
    return buffer.getvalue()


def indicators_table(frame: pd.DataFrame) -> str:
    """A fixed-width table for reading in a terminal."""
    from safeguarding.definitions import indicators

    defs = indicators()
    lines = [f"{'indicator':<30} {'period':<11} {'value':>9} {'rag':<6} {'England':>8}  why"]
    for row in frame.itertuples(index=False):
        unit = defs[row.indicator_id].unit
        lines.append(f"{row.indicator_id:<30} {row.period:<11} {_value(row.value, unit):>9} {row.rag:<6} "
                     f"{_number(row.england, 1):>8}  {row.rag_reason}")
    return "\n".join(lines) + "\n"
