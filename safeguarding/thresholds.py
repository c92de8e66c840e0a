"""The partnership's RAG limits: check, preview, save with who and when, reset to default, and history."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from safeguarding import comparators, definitions, indicators, queries, rag, scorecard
from safeguarding.definitions import Limits
from safeguarding.store import Store, now

METHODS = {
    "up": "Higher is better (a minimum for green and for amber)",
    "down": "Lower is better (a maximum for green and for amber)",
    "band": "Within a band (a range for green, a wider one for amber)",
    "relative": "Close to a benchmark (how far from it, in percent)",
    "none": "Not rated (shown for context and trend)",
}
# The limits each method reads; the others are stored empty.
FIELDS = {
    "up": ("green_lo", "amber_lo"),
    "down": ("green_hi", "amber_hi"),
    "band": ("green_lo", "green_hi", "amber_lo", "amber_hi"),
    "relative": ("green_hi", "amber_hi"),
    "none": (),
}
_COLUMNS = ["indicator_id", "method", "green_lo", "green_hi", "amber_lo", "amber_hi", "comparator", "updated_by",
            "updated_at"]


class ThresholdError(ValueError):
    """Limits that cannot be saved; `problems` lists every reason."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def limits(method: str, green_lo=None, green_hi=None, amber_lo=None, amber_hi=None,
           comparator: str | None = None) -> Limits:
    """Limits holding only what `method` reads (a band's numbers are not kept when it becomes 'up')."""
    given = {"green_lo": green_lo, "green_hi": green_hi, "amber_lo": amber_lo, "amber_hi": amber_hi}
    kept = {k: (float(v) if v is not None else None) for k, v in given.items() if k in FIELDS.get(method, ())}
    return Limits(method, comparator=comparator if method == "relative" else None, **kept)


def problems(indicator_id: str, proposed: Limits) -> list[str]:
    """Why the limits cannot be used for this indicator (empty when they can)."""
    if indicator_id not in definitions.indicators():
        return [f"There is no indicator {indicator_id!r}."]
    if proposed.method not in METHODS:
        return [f"{proposed.method!r} is not a kind of limit; use one of {', '.join(METHODS)}."]
    found = rag.check_limits(proposed)
    unit = definitions.indicators()[indicator_id].unit
    if unit == "percent" and proposed.method in ("up", "down", "band"):
        if any(v is not None and v > 100 for v in (proposed.green_lo, proposed.green_hi, proposed.amber_lo,
                                                   proposed.amber_hi)):
            found.append("This indicator is a percentage: limits cannot be above 100.")
    return found


@dataclass(frozen=True)
class Stored:
    """An indicator's limits in force, who set them and when."""

    limits: Limits
    updated_by: str
    updated_at: object

    @property
    def is_default(self) -> bool:
        return self.updated_by == "system"

    @property
    def set_by(self) -> str:
        return "the default" if self.is_default else f"set by {self.updated_by} on {self.updated_at:%d %b %Y}"


def stored(store: Store, indicator_id: str) -> Stored:
    """The limits in force for one indicator."""
    with store.read() as cur:
        row = cur.execute(queries.q("workspace", "threshold"), {"indicator_id": indicator_id}).fetchall()[0]
    return Stored(Limits(*row[1:7]), row[7], row[8])


def save(store: Store, indicator_id: str, proposed: Limits, by: str, action: str = "threshold") -> None:
    """Store new limits (checked first) with who and when, and keep the change in the history."""
    found = problems(indicator_id, proposed)
    if found:
        raise ThresholdError(found)
    detail = f"{indicator_id}: {describe(proposed, definitions.indicators()[indicator_id].unit)}"
    with store.write(by, action, detail) as cur:
        cur.execute(queries.q("store", "put_threshold"), {
            "indicator_id": indicator_id, "method": proposed.method,
            "green_lo": proposed.green_lo, "green_hi": proposed.green_hi,
            "amber_lo": proposed.amber_lo, "amber_hi": proposed.amber_hi,
            "comparator": proposed.comparator, "who": by, "at": now(),
        })
        cur.execute(queries.q("store", "log_threshold"), {"indicator_id": indicator_id})


def reset(store: Store, indicator_id: str, by: str) -> Limits:
    """Put back the indicator's default limits (from its definition file); returns them."""
    default = definitions.indicators()[indicator_id].default_limits
    save(store, indicator_id, default, by, action="threshold reset")
    return default


def history(store: Store, indicator_id: str) -> pd.DataFrame:
    """Every saved change to an indicator's limits, newest first, in words."""
    unit = definitions.indicators()[indicator_id].unit
    with store.read() as cur:
        rows = cur.execute(queries.q("workspace", "threshold_changes"), {"indicator_id": indicator_id}).fetchall()
    return pd.DataFrame({
        "When": [f"{row[8]:%d %b %Y %H:%M}" for row in rows],
        "Who": [row[7] for row in rows],
        "Limits": [describe(Limits(*row[1:7]), unit) for row in rows],
    })


def overview(store: Store) -> pd.DataFrame:
    """Every indicator's limits in force, who set them and when ('default' when never changed)."""
    defs = definitions.indicators()
    with store.read() as cur:
        rows = cur.execute(queries.q("store", "thresholds")).fetchall()
    found = [(row[0], Stored(Limits(*row[1:7]), row[7], row[8])) for row in rows]
    return pd.DataFrame({
        "Indicator": [defs[i].title if i in defs else i for i, _ in found],
        "Limits": [describe(s.limits, defs[i].unit if i in defs else "") for i, s in found],
        "Set by": ["default" if s.is_default else s.updated_by for _, s in found],
        "When": ["" if s.is_default else f"{s.updated_at:%d %b %Y}" for _, s in found],
    })


def describe(given: Limits, unit: str) -> str:
    """Limits in words: 'green at least 90%, amber at least 80%'."""
    fmt = (lambda n: f"{n:g}%") if unit == "percent" else (lambda n: f"{n:g}")
    if given.method == "none":
        return "not rated"
    if given.method == "relative":
        versus = comparators.in_sentence(given.comparator)
        return (f"green within {given.green_hi:g}% of {versus}, amber within {given.amber_hi:g}%"
                if given.green_hi is not None and given.amber_hi is not None else "incomplete")

    def one(lo, hi) -> str:
        if lo is not None and hi is not None:
            return f"{fmt(lo)} to {fmt(hi)}"
        if lo is not None:
            return f"at least {fmt(lo)}"
        return f"at most {fmt(hi)}" if hi is not None else "open"

    return f"green {one(given.green_lo, given.green_hi)}, amber {one(given.amber_lo, given.amber_hi)}"


def rated_with(store: Store, view: str, proposed: dict[str, Limits]) -> pd.DataFrame:
    """Every indicator of a view rated as if `proposed` limits were stored (nothing is written).

    The rating query and its RAG rule (queries/rating.sql) run unchanged: on this cursor alone a temporary
    view of the stored limits with the proposed ones in place hides the stored table.
    """
    with store.fresh().read() as cur:
        in_force = indicators.thresholds(cur)
        merged = {**in_force, **proposed}
        frame = pd.DataFrame([[ind, lim.method, lim.green_lo, lim.green_hi, lim.amber_lo, lim.amber_hi, lim.comparator,
                               "preview", now()] for ind, lim in merged.items()], columns=_COLUMNS)
        cur.register("proposed_thresholds", frame)
        try:
            cur.execute(queries.q("workspace", "shadow_thresholds"))
            rated = indicators.rated(cur, view)
        finally:
            cur.execute(queries.q("workspace", "unshadow_thresholds"))
            cur.unregister("proposed_thresholds")
    return indicators.label_frame(rated, merged)


@dataclass(frozen=True)
class Preview:
    """An indicator's rating in one period under the stored limits and under proposed ones."""

    period: str
    value: float | None
    before: str
    before_reason: str
    after: str
    after_reason: str
    changed_periods: pd.DataFrame  # every period of the view whose rating would change

    @property
    def changes(self) -> bool:
        return self.before != self.after


def preview(store: Store, indicator_id: str, new_limits: Limits, period: str | None, view: str) -> Preview:
    """How the rating of `period` (and of every other period of the view) would change with new limits."""
    indicator = definitions.indicators()[indicator_id]
    before = indicators.compute(store, view)
    after = rated_with(store, view, {indicator_id: new_limits})
    before = before[before["indicator_id"] == indicator_id].set_index("period")
    after = after[after["indicator_id"] == indicator_id].set_index("period")
    both = before[["value", "rag", "rag_reason"]].join(after[["rag", "rag_reason"]].add_suffix("_after"))
    moved = both[both["rag"] != both["rag_after"]]
    changed = pd.DataFrame({
        "Period": moved.index,
        "Value": [scorecard.value_text(indicator, v) for v in moved["value"]],
        "Now": [rag.label(r) for r in moved["rag"]],
        "With the new limits": [rag.label(r) for r in moved["rag_after"]],
    }).iloc[::-1].reset_index(drop=True)
    if period not in both.index:
        return Preview(period or "", None, "grey", "Not rated: no data.", "grey", "Not rated: no data.", changed)
    row = both.loc[period]
    value = None if pd.isna(row["value"]) else float(row["value"])
    return Preview(period, value, row["rag"], row["rag_reason"], row["rag_after"], row["rag_reason_after"], changed)
