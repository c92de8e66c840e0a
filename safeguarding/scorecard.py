"""The scorecard as people read it: formatted values, changes in words, tiles and the annual table."""

from __future__ import annotations

import math

import pandas as pd

from safeguarding import comparators, definitions, rag
from safeguarding.definitions import Indicator

# Shown for a figure that does not exist: a dash that markdown tables do not turn into a bullet point.
NONE = "\u2013"
SPARK_PERIODS = 8


def missing(value) -> bool:
    """Whether a figure is absent (None, NA or NaN)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value, unit: str) -> str:
    """A figure to the precision DfE publishes: counts whole, everything else to 1 decimal place."""
    if missing(value):
        return NONE
    return f"{value:,.0f}" if unit == "count" else f"{value:,.1f}"


def value_text(indicator: Indicator, value) -> str:
    """A figure as shown: '21.6%', '48.2', '1,234'; 'No data' when absent."""
    # A rate carries no unit here: every rate's title already says 'per 10,000' (a test keeps it so).
    if missing(value):
        return "No data"
    shown = number(value, indicator.unit)
    return f"{shown}%" if indicator.unit == "percent" else shown


def change_text(indicator: Indicator, current, previous) -> str:
    """The change since the previous period in words; better/worse only where higher or lower is better."""
    if missing(current):
        return "no figure for this period"
    if missing(previous):
        return "no earlier figure to compare"
    # Compare the figures as shown, so the words agree with the numbers on screen.
    decimals = 0 if indicator.unit == "count" else 1
    diff = round(round(current, decimals) - round(previous, decimals), decimals)
    if diff == 0:
        return "no change"
    size = number(abs(diff), indicator.unit)
    amount = {"percent": f"{size} points", "rate": f"{size} per 10,000"}.get(indicator.unit, size)
    words = f"{'up' if diff > 0 else 'down'} {amount}"
    if indicator.polarity == "up":
        return f"{words}, {'better' if diff > 0 else 'worse'}"
    if indicator.polarity == "down":
        return f"{words}, {'better' if diff < 0 else 'worse'}"
    return words


def comparator_value(row: dict, comparator: str):
    """The row's benchmark for the chosen comparator (None when not published)."""
    value = row.get(comparator)
    return None if missing(value) else value


def comparable(indicator: Indicator) -> bool:
    """Whether the published benchmark is in the indicator's own unit (a count's published rate is not)."""
    return bool(indicator.benchmark) and indicator.unit != "count"


def comparator_text(indicator: Indicator, row: dict, comparator: str, region_name: str = "",
                    always_year: bool = False) -> str:
    """'England 40.6', with the year when an older figure stands in (or `always_year`), or why there is none."""
    if not comparable(indicator):
        # Say exactly what is missing, so the benchmark note beside it ("England was about 86% ...") agrees.
        if indicator.benchmark:
            return "No comparable DfE figure (DfE publishes a rate)"
        return "No LAIT benchmark" if indicator.benchmark_note else "No DfE figure"
    name = comparators.label(comparator, region_name)
    value = comparator_value(row, comparator)
    if value is None:
        return f"No {name} figure"
    year = row.get("benchmark_year") or ""
    if year and (always_year or "latest" in year):
        return f"{name} {value_text(indicator, value)} ({year.replace(' (latest published)', ', latest published')})"
    return f"{name} {value_text(indicator, value)}"


def periods(frame: pd.DataFrame) -> list[str]:
    """The frame's period labels, newest first."""
    if frame.empty:
        return []
    ordered = frame[["period_start", "period"]].drop_duplicates().sort_values("period_start", ascending=False)
    return list(ordered["period"])


def default_period(frame: pd.DataFrame) -> str | None:
    """The newest period with at least one figure: a quarter or year still being filled is skipped."""
    labelled = periods(frame)
    with_values = set(frame.loc[frame["value"].notna(), "period"])
    return next((p for p in labelled if p in with_values), labelled[0] if labelled else None)


def overview_groups(all_tiles: list, attention_only: bool = False, headlines: bool = True) -> list[tuple[str, list]]:
    """The child protection headlines first (unless `headlines` is False), then every other indicator by theme
    (empty groups left out); the items are figure.Figure objects."""
    shown = [t for t in all_tiles if t.needs_attention] if attention_only else list(all_tiles)
    by_id = {t.indicator_id: t for t in shown}
    headline_ids = [i.id for i in definitions.headlines()]
    groups = [("Child protection headlines", [by_id[i] for i in headline_ids if i in by_id])] if headlines else []
    for theme, members in definitions.by_theme().items():
        rated_first = sorted(members, key=lambda i: i.polarity == "none")  # context-only figures last
        groups.append((definitions.THEMES[theme],
                       [by_id[i.id] for i in rated_first if i.id in by_id and i.id not in headline_ids]))
    if attention_only:  # red before amber; sorted() is stable, so each keeps its place otherwise
        groups = [(name, sorted(members, key=lambda t: t.state != "red")) for name, members in groups]
    return [(name, members) for name, members in groups if members]


def annual_table(year_frame: pd.DataFrame, last_year: str | None = None, years: int = 3,
                 region_name: str = "") -> pd.DataFrame:
    """The annual report table: each indicator's last `years` financial years, RAG and benchmarks."""
    labels = [p for p in periods(year_frame) if last_year is None or p <= last_year][:years][::-1]
    if not labels:
        return pd.DataFrame()
    latest = labels[-1]
    rows = []
    by_key = {(r["indicator_id"], r["period"]): r for r in year_frame.to_dict("records")}
    for theme, members in definitions.by_theme().items():
        for ind in members:
            current = by_key.get((ind.id, latest), {})
            record = {"Theme": definitions.THEMES[theme], "Indicator": ind.title}
            for label in labels:
                record[label] = value_text(ind, by_key.get((ind.id, label), {}).get("value"))
            record[f"RAG {latest}"] = rag.state_label(current.get("state") or "no_data")
            for key in comparators.KEYS:
                value = comparator_value(current, key)
                record[comparators.label(key, region_name)] = value_text(ind, value) if value is not None else NONE
            record["Benchmark year"] = current.get("benchmark_year") or NONE
            rows.append(record)
    return pd.DataFrame(rows)


def row_for(frame: pd.DataFrame, indicator_id: str, period: str) -> dict:
    """One indicator's result for one period as a dict (empty when there is none)."""
    match = frame[(frame["indicator_id"] == indicator_id) & (frame["period"] == period)]
    return match.iloc[0].to_dict() if len(match) else {}


def series(frame: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """One indicator's rows in period order."""
    return frame[frame["indicator_id"] == indicator_id].sort_values("period_start").reset_index(drop=True)


def by_theme(table: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """A table with a Theme column split into one table per theme, in theme order."""
    if table.empty:
        return []
    return [(theme, part.drop(columns="Theme").reset_index(drop=True))
            for theme, part in table.groupby("Theme", sort=False)]
