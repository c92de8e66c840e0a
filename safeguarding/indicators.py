"""Rated, benchmarked indicators: the materialised values joined to limits and DfE comparators."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from safeguarding import comparators, definitions, kept, queries, rag
from safeguarding.definitions import Limits
from safeguarding.nulls import missing, or_none
from safeguarding.periods import fy_label, period_label
from safeguarding.store import Store

RESULT_COLUMNS = [
    "indicator_id", "view", "period_start", "period", "value", "numerator", "denominator",
    "numerator_status", "denominator_status", "rag", "rag_reason", "england", "region", "neighbours",
    "neighbours_count", "benchmark_year", "la_published", "la_quartile", "comparator", "method", "state",
]


_NULLABLE_INTEGERS = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}


def rated(cur, view: str | None = None) -> pd.DataFrame:
    """Every area's indicator values with benchmarks and RAG, straight from SQL."""
    # Through Arrow: strings and dates cross without a Python object each; whole numbers stay nullable integers.
    table = cur.sql(queries.q("rating", "rated"), params={"view": view}).to_arrow_table()
    return table.to_pandas(types_mapper=_NULLABLE_INTEGERS.get)


def thresholds(cur) -> dict[str, Limits]:
    """The partnership's RAG limits by indicator."""
    rows = cur.execute(queries.q("store", "thresholds")).fetchall()
    return {row[0]: Limits(row[1], row[2], row[3], row[4], row[5], row[6]) for row in rows}


def _benchmark_label(dfe_year, period_dfe_year) -> str:
    if missing(dfe_year):
        return ""
    label = fy_label(int(dfe_year) - 1)
    return label if int(dfe_year) == int(period_dfe_year) else f"{label} (latest published)"


def _labelled(columns: list[pd.Series], label) -> list:
    """label(*key) for each row's key across `columns`, worked out once per distinct key."""
    codes, uniques = zip(*(pd.factorize(column, use_na_sentinel=False) for column in columns))
    sizes = [len(values) for values in uniques]
    rows, keys = pd.factorize(np.ravel_multi_index(codes, sizes))
    labels = [label(*(values[i] for values, i in zip(uniques, key))) for key in zip(*np.unravel_index(keys, sizes))]
    return np.asarray(labels, dtype=object)[rows].tolist()


def label_frame(frame: pd.DataFrame, limits: dict[str, Limits], reasons: bool = True) -> pd.DataFrame:
    """Add period and benchmark-year labels, and (unless reasons=False) the sentence behind each rating."""
    defs = definitions.indicators()
    out = frame.copy(deep=False)  # copy-on-write: the caller's frame is never changed
    starts = pd.Series(_labelled([out["period_start"]], lambda start: pd.Timestamp(start).date()), index=out.index,
                       dtype=object)
    out["period_start"] = starts
    out["period"] = _labelled([out["view"], frame["period_start"]],
                              lambda view, start: period_label(view, pd.Timestamp(start).date()))
    out["benchmark_year"] = _labelled([out["benchmark_dfe_year"], out["dfe_year"]], _benchmark_label)
    if not reasons:
        out["rag_reason"] = None
        return out[RESULT_COLUMNS].reset_index(drop=True)
    out["rag_reason"] = [
        rag.explain(grade, or_none(value), defs[ind].unit, limits.get(ind, defs[ind].default_limits),
                    or_none(comparator_value), comparators.in_sentence(comparator),
                    rag.no_value_reason(num_status, den_status), or_none(num), or_none(den))
        for ind, grade, value, comparator_value, comparator, num_status, den_status, num, den in zip(
            out["indicator_id"].tolist(), out["rag"].tolist(), out["value"].tolist(),
            out["comparator_value"].tolist(), out["comparator"].tolist(),
            out["numerator_status"].tolist(), out["denominator_status"].tolist(),
            out["numerator"].tolist(), out["denominator"].tolist())
    ]
    return out[RESULT_COLUMNS].reset_index(drop=True)


def compute(store: Store, view: str | None = None, reasons: bool = True) -> pd.DataFrame:
    """Rated, benchmarked indicators for the partnership, for one view or both (worked out once per write)."""
    def make() -> pd.DataFrame:
        with store.fresh().read() as cur:
            return label_frame(rated(cur, view), thresholds(cur), reasons)

    # Copy-on-write: a caller's change to its copy never reaches the kept frame.
    return kept.per_write(store, ("indicators", view, reasons), make).copy(deep=False)
