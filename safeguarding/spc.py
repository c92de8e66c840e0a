"""Statistical process control (NHS "Making Data Count" XmR charts), computed in SQL by queries/spc.sql."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from collections.abc import Iterator

import pandas as pd

from safeguarding import queries
from safeguarding.store import Store, now

CHART_COLUMNS = ["period_start", "value", "mean", "lower", "upper", "moving_range", "special_cause", "rules"]
VERDICT_COLUMNS = ["indicator_id", "period_start", "variation", "assurance", "interval_lo", "interval_hi"]

# A word and a symbol for each verdict: never colour alone.
VARIATION_WORDS = {
    "common": "Common cause: no significant change",
    "improving": "Special cause: improving",
    "concerning": "Special cause: concerning",
    "special_neither": "Special cause: neither better nor worse",
    "too_few": "Too few points for process limits",
}
VARIATION_SYMBOLS = {
    "common": "\u223f",           # a wave: the process varying as it always has
    "improving": "\u2295",        # circled plus
    "concerning": "\u2296",       # circled minus
    "special_neither": "\u25c7",  # diamond
    "too_few": "\u2026",          # ellipsis
}
ASSURANCE_WORDS = {
    "pass": "Consistently passing the target",
    "fail": "Consistently failing the target",
    "hit_and_miss": "Hit and miss: the target lies within the process limits",
    "none": "No target to assure against",
}
ASSURANCE_SYMBOLS = {
    "pass": "\u2611",          # ballot box with check
    "fail": "\u2612",          # ballot box with cross
    "hit_and_miss": "\u21c5",  # up and down arrows
    "none": "\u2013",          # dash
}


def rule_words() -> dict[str, str]:
    """Each special-cause rule in words, with the run lengths queries/spc.sql uses."""
    sizes = queries.constants("spc")
    return {
        "outside": "a point outside the process limits",
        "shift": f"a run of {sizes['shift_length']} or more points on one side of the mean",
        "trend": f"a run of {sizes['trend_length']} or more points each rising, or each falling",
        "two_of_three": "two of three points in a row close to a process limit, on the same side",
    }


def min_points() -> int:
    """The fewest points in a segment for a mean and process limits."""
    return int(queries.constants("spc")["min_points"])


@contextmanager
def _cursor(source) -> Iterator:
    """A cursor on a Store (its indicator values rebuilt first), or the cursor given."""
    if isinstance(source, Store):
        with source.fresh().read() as cur:
            yield cur
    else:
        yield source


def chart(source, indicator_id: str, view: str) -> pd.DataFrame:
    """One indicator's XmR chart: a row per period with a value, in order; no limits when too few points."""
    with _cursor(source) as cur:
        frame = cur.execute(queries.q("spc", "chart"), {"indicator_id": indicator_id, "view": view}).df()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame["special_cause"] = frame["special_cause"].astype(bool)
    return frame[CHART_COLUMNS]


def verdicts(source, view: str) -> pd.DataFrame:
    """Variation, assurance and (percentages) the 95% Wilson interval of every indicator's every point."""
    with _cursor(source) as cur:
        frame = cur.execute(queries.q("spc", "verdicts"), {"view": view}).df()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame[VERDICT_COLUMNS]


def label(variation: str) -> str:
    """A variation verdict as symbol and word: '\u2296 Special cause: concerning'."""
    return f"{VARIATION_SYMBOLS[variation]} {VARIATION_WORDS[variation]}"


def assurance_label(assurance: str) -> str:
    """An assurance verdict as symbol and word."""
    return f"{ASSURANCE_SYMBOLS[assurance]} {ASSURANCE_WORDS[assurance]}"


def baselines(source) -> pd.DataFrame:
    """Every recalculation point: the periods from which an indicator's limits start again."""
    with _cursor(source) as cur:
        return cur.execute(queries.q("spc", "baselines")).df()


def add_baseline(store: Store, indicator_id: str, view: str, start_period: dt.date, who: str) -> None:
    """Recalculate an indicator's mean and limits from `start_period` on (after a change to the process)."""
    with store.write(who, "spc_baseline", f"{indicator_id} {view} from {start_period:%Y-%m-%d}") as cur:
        cur.execute(queries.q("spc", "put_baseline"), {"indicator_id": indicator_id, "view": view,
                                                       "start_period": start_period, "who": who, "at": now()})


def remove_baseline(store: Store, indicator_id: str, view: str, start_period: dt.date, who: str) -> None:
    """Drop a recalculation point."""
    with store.write(who, "spc_baseline_removed", f"{indicator_id} {view} from {start_period:%Y-%m-%d}") as cur:
        cur.execute(queries.q("spc", "delete_baseline"), {"indicator_id": indicator_id, "view": view,
                                                          "start_period": start_period})
