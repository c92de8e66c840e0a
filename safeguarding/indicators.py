"""Rated, benchmarked indicators: the materialised values joined to limits and DfE comparators."""

from __future__ import annotations

import math

import pandas as pd

from safeguarding import definitions, queries, rag
from safeguarding.definitions import Limits
from safeguarding.periods import fy_label, period_label
from safeguarding.store import Store

COMPARATOR_NAMES = {"england": "England", "region": "the region", "neighbours": "statistical neighbours"}
RESULT_COLUMNS = [
    "indicator_id", "view", "period_start", "period", "value", "numerator", "denominator",
    "numerator_status", "denominator_status", "rag", "rag_reason", "england", "region", "neighbours",
    "neighbours_count", "benchmark_year", "la_published", "la_quartile", "comparator",
]


def rated(cur, view: str | None = None) -> pd.DataFrame:
    """Every area's indicator values with benchmarks and RAG, straight from SQL."""
    return cur.execute(queries.q("rating", "rated"), {"view": view}).df()


def thresholds(cur) -> dict[str, Limits]:
    """The partnership's RAG limits by indicator."""
    rows = cur.execute(queries.q("store", "thresholds")).fetchall()
    return {row[0]: Limits(row[1], row[2], row[3], row[4], row[5], row[6]) for row in rows}


def _none(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else value


def _benchmark_label(dfe_year, period_dfe_year) -> str:
    if _none(dfe_year) is None:
        return ""
    label = fy_label(int(dfe_year) - 1)
    return label if int(dfe_year) == int(period_dfe_year) else f"{label} (latest published)"


def label_frame(frame: pd.DataFrame, limits: dict[str, Limits]) -> pd.DataFrame:
    """Add the period label, the benchmark year label and the sentence behind each rating."""
    defs = definitions.indicators()
    records = frame.to_dict("records")
    out = []
    for row in records:
        ind = defs[row["indicator_id"]]
        start = row["period_start"]
        start = start.date() if hasattr(start, "date") else start
        value = _none(row["value"])
        lim = limits.get(ind.id, ind.default_limits)
        reason = rag.explain(
            row["rag"], value, ind.unit, lim, _none(row["comparator_value"]),
            COMPARATOR_NAMES.get(row["comparator"], "England"),
            rag.no_value_reason(row["numerator_status"], row["denominator_status"]),
        )
        out.append({
            **{key: _none(row.get(key)) for key in RESULT_COLUMNS if key in row},
            "period_start": start,
            "period": period_label(row["view"], start),
            "rag_reason": reason,
            "benchmark_year": _benchmark_label(row["benchmark_dfe_year"], row["dfe_year"]),
        })
    return pd.DataFrame(out, columns=RESULT_COLUMNS)


def compute(store: Store, view: str | None = None) -> pd.DataFrame:
    """Rated, benchmarked indicators for the partnership, for one view or both."""
    with store.read() as cur:
        frame = rated(cur, view)
        limits = thresholds(cur)
    return label_frame(frame, limits)
