"""Disclosure control, applied to the indicator frame before any chart, table, text or file is built.

Two rules, a partnership setting: 'suppress' (DfE's practice: a count from 1 to the threshold shown as "c",
with secondary suppression, see protection.py) and 'round' (NHS Digital's practice: 1 to 7 shown as "*",
every other count rounded to the nearest 5, percentages and rates worked out from the rounded counts).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from safeguarding import definitions
from safeguarding.export import protection
from safeguarding.nulls import as_float

SUPPRESS, ROUND = "suppress", "round"
RULES = {SUPPRESS: "Suppress and protect", ROUND: "Round"}
DEFAULT_RULE = SUPPRESS
MARKERS = {SUPPRESS: "c", ROUND: "*"}
ROUND_SMALL, ROUND_BASE = 7, 5  # NHS Digital: 1 to 7 hidden, the rest to the nearest 5
NOTE = "c: not shown (a small number, or a figure that would reveal one)"
ROUND_NOTE = "*: not shown (1 to 7); other counts rounded to the nearest 5"
REASON = "Not rated: not shown (a small number that could identify children, or a figure that would reveal one)."
PARTNER_SUPPRESSED = "suppressed"  # a partner wrote "<5" in the return


def is_small(count, threshold: int) -> bool:
    """Whether a count is too small to show: 1 to the threshold inclusive (DfE: 5 hides 1 to 5; 0 is shown)."""
    value = as_float(count)
    return value is not None and 0 < value <= threshold


def rounded(count: float) -> int:
    """A count to the nearest 5, halves up (whole counts never sit on a half, so this is exact)."""
    return (int(count) + ROUND_BASE // 2) // ROUND_BASE * ROUND_BASE


def explain(rule: str, threshold: int) -> str:
    """The rule in a sentence, for the Settings page, downloads and packs."""
    if rule == ROUND:
        return ("Counts from 1 to 7 are shown as \"*\", every other count is rounded to the nearest 5 (totals are "
                "rounded after adding up), and percentages and rates are worked out from the rounded counts. 0 is "
                "shown. (NHS Digital's practice.)")
    return (f"Counts from 1 to {threshold} are shown as \"c\", and so are any further figures that would let someone "
            f"work one out (a year less its other quarters, a total less its other parts, a rolling year, or a "
            f"percentage with its denominator); a percentage or rate worked out from a hidden count is left blank. "
            f"0 is shown. (DfE's practice for local authority figures.)")


def legend(rule: str, threshold: int) -> str:
    """The short key printed under a table that shows the marker."""
    if rule == ROUND:
        return "* : a count from 1 to 7; other counts are rounded to the nearest 5."
    return (f"c : not shown, a count from 1 to {threshold} or a figure that would reveal one; "
            "nothing worked out from it is shown.")


def _rolling(ind) -> bool:
    """Rates count the rolling 12 months in the quarter view (see queries/indicators/)."""
    return ind.unit == "rate"


def _cells(frame: pd.DataFrame, defs) -> list[tuple]:
    """(numerator cell, denominator cell or None) for each row."""
    out = []
    for ind_id, view, start in zip(frame["indicator_id"], frame["view"], frame["period_start"]):
        ind = defs[ind_id]
        start = pd.Timestamp(start).date()
        num = protection.cell_of(ind.numerator, view, start, _rolling(ind))
        den = (protection.cell_of(ind.denominator, view, start, False)
               if ind.denominator and ind.denominator != "population" else None)
        out.append((num, den))
    return out


def _hidden_cells(frame: pd.DataFrame, cells: list[tuple], threshold: int, rule: str) -> set:
    values: dict = {}
    primary = set()
    small = ROUND_SMALL if rule == ROUND else threshold
    for (num, den), n, n_status, d, d_status in zip(cells, frame["numerator"], frame["numerator_status"],
                                                    frame["denominator"], frame["denominator_status"]):
        for cell, value, status in ((num, n, n_status), (den, d, d_status)):
            if cell is None:
                continue
            value = as_float(value)
            values[cell] = 0.0 if status == "not_applicable" and value is None else value
            if status == PARTNER_SUPPRESSED or is_small(value, small):
                primary.add(cell)
    return primary if rule == ROUND else protection.protect(values, primary)


def _text(value: float | None, hidden: bool, marker: str) -> str:
    if hidden:
        return marker
    return "" if value is None else f"{value:,.0f}"


def suppress(frame: pd.DataFrame, threshold: int, rule: str = DEFAULT_RULE) -> pd.DataFrame:
    """A copy of compute()'s frame under the disclosure rule: hidden counts and the figures derived from them removed.

    Adds `numerator_text`, `denominator_text` ('c' or '*' where hidden), `suppressed`, `note` and
    `state` ('suppressed' on a hidden figure); blanks `value`, `numerator`, `denominator` where hidden and rates
    those rows grey, so that no later step can show them. Under 'round', shown counts are rounded and each
    value is worked out again from the rounded counts.
    """
    if rule not in RULES:
        raise ValueError(f"Unknown disclosure rule {rule!r}: use one of {', '.join(RULES)}.")
    defs = definitions.indicators()
    out = frame.copy()
    for column in ("value", "numerator", "denominator"):
        out[column] = out[column].astype("float64")
    for column in ("rag", "rag_reason"):
        out[column] = out[column].astype(object)
    if "state" not in out:
        out["state"] = None
    out["state"] = out["state"].astype(object)
    cells = _cells(out, defs)
    hidden = _hidden_cells(out, cells, threshold, rule)
    marker = MARKERS[rule]
    # Worked out in lists and written back a column at a time: a cell-by-cell write costs as much as the rest.
    values, nums, dens = out["value"].tolist(), out["numerator"].tolist(), out["denominator"].tolist()
    rags, reasons, states = out["rag"].tolist(), out["rag_reason"].tolist(), out["state"].tolist()
    numerator_text, denominator_text, suppressed, notes = [], [], [], []
    for i, (indicator_id, (num_cell, den_cell)) in enumerate(zip(out["indicator_id"], cells)):
        ind = defs[indicator_id]
        hide_num, hide_den = num_cell in hidden, den_cell is not None and den_cell in hidden
        num, den = as_float(nums[i]), as_float(dens[i])
        if rule == ROUND:
            num = None if num is None or hide_num else float(rounded(num))
            if den_cell is not None:
                den = None if den is None or hide_den else float(rounded(den))
            nums[i], dens[i] = num, den
            values[i] = _recomputed(ind.unit, num, den, as_float(values[i]))
        hide = hide_num or hide_den
        numerator_text.append(_text(num, hide_num, marker))
        denominator_text.append(_text(den, hide_den, marker) if den_cell is not None else "")
        suppressed.append(hide)
        notes.append((NOTE if rule == SUPPRESS else ROUND_NOTE) if hide else "")
        if hide:
            values[i], rags[i], reasons[i], states[i] = math.nan, "grey", REASON, "suppressed"
            if hide_num:
                nums[i] = math.nan
            if hide_den:
                dens[i] = math.nan
    for column, found in (("value", values), ("numerator", nums), ("denominator", dens)):
        out[column] = pd.Series(found, index=out.index, dtype="float64")
    for column, found in (("rag", rags), ("rag_reason", reasons), ("state", states)):
        out[column] = pd.Series(found, index=out.index, dtype=object)
    out["numerator_text"] = numerator_text
    out["denominator_text"] = denominator_text
    out["suppressed"] = suppressed
    out["note"] = notes
    return out


def _recomputed(unit: str, num: float | None, den: float | None, value: float | None) -> float | None:
    """A value worked out again from rounded counts (a rate's population is published, so kept as it is)."""
    if num is None or value is None:
        return None if num is None else value
    if unit == "count":
        return num
    if unit == "percent":
        return None if not den else 100.0 * num / den
    return None if not den else num / den * 10000.0


def hidden_quarters(frame: pd.DataFrame) -> set[tuple[str, dt.date]]:
    """(indicator id, quarter start) of every quarter figure the disclosure rule hides: commentary there stays out."""
    rows = frame[(frame["view"] == "quarter") & frame["suppressed"]]
    return {(i, pd.Timestamp(s).date()) for i, s in zip(rows["indicator_id"], rows["period_start"])}


def protected(store, view: str | None = None) -> pd.DataFrame:
    """compute()'s frame for the store under the partnership's disclosure rule, protected across both views
    (a year and its quarters are published side by side on the dashboard), then cut to `view`."""
    from safeguarding import indicators, kept, settings

    frame = kept.per_write(store, "protected", lambda: suppress(
        indicators.compute(store), settings.suppression_threshold(store), settings.disclosure_rule(store)))
    return frame.copy(deep=False) if view is None else frame[frame["view"] == view].reset_index(drop=True)

