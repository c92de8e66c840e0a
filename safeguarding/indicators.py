"""Rated, benchmarked indicators: the materialised values joined to limits and DfE comparators."""

from __future__ import annotations

import math

import pandas as pd

from safeguarding import comparators, definitions, queries, rag
from safeguarding.definitions import Limits
from safeguarding.periods import fy_label, period_label
from safeguarding.store import Store

RESULT_COLUMNS = [
    "indicator_id", "view", "period_start", "period", "value", "numerator", "denominator",
    "numerator_status", "denominator_status", "rag", "rag_reason", "england", "region", "neighbours",
    "neighbours_count", "benchmark_year", "la_published", "la_quartile", "comparator", "method", "state",
]


def rated(cur, view: str | None = None) -> pd.DataFrame:
    """Every area's indicator values with benchmarks and RAG, straight from SQL."""
    return cur.execute(queries.q("rating", "rated"), {"view": view}).df()


def thresholds(cur) -> dict[str, Limits]:
    """The partnership's RAG limits by indicator."""
    rows = cur.execute(queries.q("store", "thresholds")).fetchall()
    return {row[0]: Limits(row[1], row[2], row[3], row[4], row[5], row[6]) for row in rows}


def _none(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def _benchmark_label(dfe_year, period_dfe_year) -> str:
    if _none(dfe_year) is None:
        return ""
    label = fy_label(int(dfe_year) - 1)
    return label if int(dfe_year) == int(period_dfe_year) else f"{label} (latest published)"


def label_frame(frame: pd.DataFrame, limits: dict[str, Limits], reasons: bool = True) -> pd.DataFrame:
    """Add period and benchmark-year labels, and (unless reasons=False) the sentence behind each rating."""
    defs = definitions.indicators()
    out = frame.copy()
    starts = pd.to_datetime(out["period_start"]).dt.date
    out["period_start"] = starts
    pairs = list(zip(out["view"].tolist(), starts.tolist()))
    labels = {pair: period_label(*pair) for pair in set(pairs)}
    out["period"] = [labels[pair] for pair in pairs]
    years = list(zip(out["benchmark_dfe_year"].tolist(), out["dfe_year"].tolist()))
    year_labels = {key: _benchmark_label(*key) for key in set(years)}
    out["benchmark_year"] = [year_labels[key] for key in years]
    if not reasons:
        out["rag_reason"] = None
        return out[RESULT_COLUMNS].reset_index(drop=True)
    out["rag_reason"] = [
        rag.explain(grade, _none(value), defs[ind].unit, limits.get(ind, defs[ind].default_limits),
                    _none(comparator_value), comparators.in_sentence(comparator),
                    rag.no_value_reason(num_status, den_status))
        for ind, grade, value, comparator_value, comparator, num_status, den_status in zip(
            out["indicator_id"].tolist(), out["rag"].tolist(), out["value"].tolist(),
            out["comparator_value"].tolist(), out["comparator"].tolist(),
            out["numerator_status"].tolist(), out["denominator_status"].tolist())
    ]
    return out[RESULT_COLUMNS].reset_index(drop=True)


def compute(store: Store, view: str | None = None, reasons: bool = True) -> pd.DataFrame:
    """Rated, benchmarked indicators for the partnership, for one view or both."""
    with store.fresh().read() as cur:
        frame = rated(cur, view)
        limits = thresholds(cur)
    return label_frame(frame, limits, reasons)
