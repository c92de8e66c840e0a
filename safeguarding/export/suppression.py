"""Small-number suppression, applied to the indicator frame before any chart, table, text or file is built."""

from __future__ import annotations

import math

import pandas as pd

from safeguarding import definitions

NOTE = "suppressed: small number"
REASON = "Suppressed: a small number that could identify children."
PARTNER_SUPPRESSED = "suppressed"  # a partner wrote "<5" in the return


def _number(value) -> float | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def is_small(count, threshold: int) -> bool:
    """Whether a count must not be shown: 1 up to, not including, the threshold (0 is shown)."""
    value = _number(count)
    return value is not None and 0 < value < threshold


def count_text(count, threshold: int, status: str | None = None) -> str:
    """A count as shown: '<5' when small or suppressed by the partner, '' when absent, else '1,234'."""
    if status == PARTNER_SUPPRESSED:
        return "<5"
    if is_small(count, threshold):
        return f"<{threshold}"
    value = _number(count)
    return "" if value is None else f"{value:,.0f}"


def suppress(frame: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """A copy of compute()'s frame with small counts and the figures derived from them removed.

    Adds `numerator_text`, `denominator_text` ('<5' where suppressed), `suppressed` and `note`; blanks
    `value`, `numerator`, `denominator` where they could reveal a small number, and rates those rows
    grey, so that no later step can show them.
    """
    defs = definitions.indicators()
    out = frame.copy()
    for column in ("value", "numerator", "denominator"):
        out[column] = out[column].astype("float64")
    out["rag"] = out["rag"].astype(object)
    out["rag_reason"] = out["rag_reason"].astype(object)
    out["state"] = out["state"].astype(object)
    numerator_text, denominator_text, suppressed, notes = [], [], [], []
    for index, row in zip(out.index, out.to_dict("records")):
        ind = defs[row["indicator_id"]]
        counted_denominator = ind.denominator is not None and ind.denominator != "population"
        small_num = is_small(row["numerator"], threshold) or row["numerator_status"] == PARTNER_SUPPRESSED
        small_den = counted_denominator and (is_small(row["denominator"], threshold)
                                             or row["denominator_status"] == PARTNER_SUPPRESSED)
        hide = small_num or small_den
        numerator_text.append(count_text(row["numerator"], threshold, row["numerator_status"]))
        denominator_text.append(count_text(row["denominator"], threshold, row["denominator_status"])
                                if counted_denominator else "")
        suppressed.append(hide)
        notes.append(NOTE if hide else "")
        if hide:
            out.at[index, "value"] = math.nan
            out.at[index, "rag"] = "grey"
            out.at[index, "state"] = "suppressed"
            out.at[index, "rag_reason"] = REASON
            if small_num:
                out.at[index, "numerator"] = math.nan
            if small_den:
                out.at[index, "denominator"] = math.nan
    out["numerator_text"] = numerator_text
    out["denominator_text"] = denominator_text
    out["suppressed"] = suppressed
    out["note"] = notes
    return out


def suppressed_for_store(store, view: str | None = None) -> pd.DataFrame:
    """compute()'s frame for the store, suppressed with the partnership's threshold."""
    from safeguarding import indicators, settings

    return suppress(indicators.compute(store, view), settings.suppression_threshold(store))
