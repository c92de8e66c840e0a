"""Indicator results as text: the CSV and table the command line prints."""

from __future__ import annotations

import csv
import io

import pandas as pd

from safeguarding import numbers

CSV_COLUMNS = ["indicator", "period", "value", "numerator", "denominator", "rag", "benchmark_england"]


def _number(value, unit: str = "count", numerator=None, denominator=None) -> str:
    """A figure as the dashboard prints it (half up from the exact ratio), without grouping; '' when absent."""
    return numbers.text(value, unit, numerator, denominator, grouped=False, empty="")


def indicators_csv(frame: pd.DataFrame) -> str:
    """indicator,period,value,numerator,denominator,rag,benchmark_england (values to 1 dp; counts whole)."""
    from safeguarding.definitions import indicators

    defs = indicators()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in frame.itertuples(index=False):
        unit = defs[row.indicator_id].unit
        writer.writerow([row.indicator_id, row.period, _number(row.value, unit, row.numerator, row.denominator),
                         _number(row.numerator), _number(row.denominator), row.rag, _number(row.england, unit)])
    return buffer.getvalue()


def indicators_table(frame: pd.DataFrame) -> str:
    """A fixed-width table for reading in a terminal."""
    from safeguarding.definitions import indicators

    defs = indicators()
    lines = [f"{'indicator':<30} {'period':<11} {'value':>9} {'rag':<6} {'England':>8}  why"]
    for row in frame.itertuples(index=False):
        unit = defs[row.indicator_id].unit
        value = _number(row.value, unit, row.numerator, row.denominator)
        lines.append(f"{row.indicator_id:<30} {row.period:<11} {value:>9} {row.rag:<6} "
                     f"{_number(row.england, unit):>8}  {row.rag_reason}")
    return "\n".join(lines) + "\n"
