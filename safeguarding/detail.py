"""What the indicator detail shows besides figures: the partners' narrative and the benchmark's source."""

from __future__ import annotations

import pandas as pd

from safeguarding import catalogue, definitions, la_profile, queries, releases, untrusted
from safeguarding.periods import Quarter
from safeguarding.store import Store

OGL = "OGL v3.0"


def commentary(store: Store, indicator_id: str, leave_out: set | frozenset = frozenset()) -> pd.DataFrame:
    """The commentary partners gave with the indicator's numerator and denominator, newest quarter first,
    without that of the quarters in `leave_out` (starts of quarters whose figure is hidden)."""
    ind = definitions.indicators()[indicator_id]
    codes = [c for c in (ind.numerator, ind.denominator) if c and c != "population"]
    with store.read() as cur:
        frame = cur.execute(queries.q("dashboard", "commentary"), {"measures": codes}).df()
    if leave_out:
        frame = frame[[pd.Timestamp(q).date() not in leave_out for q in frame["quarter_start"]]]
    measures, agencies = catalogue.measures(), catalogue.agencies()
    return pd.DataFrame({
        "Quarter": [Quarter(pd.Timestamp(q).date()).label for q in frame["quarter_start"]],
        "Agency": [agencies[a].name if a in agencies else a for a in frame["agency"]],
        "About": [measures[m].label if m in measures else m for m in frame["measure"]],
        "Commentary": [untrusted.clean(c) for c in frame["commentary"]],  # stored before loads cleaned it
    }, columns=["Quarter", "Agency", "About", "Commentary"])


def benchmark_source(store: Store, indicator_id: str) -> str:
    """'Source: DfE, Children in need statistics, via LAIT, OGL v3.0', or the note on why there is none."""
    ind = definitions.indicators()[indicator_id]
    if not ind.benchmark:
        return ind.benchmark_note or "No published national comparison for this indicator."
    with store.read() as cur:
        rows = cur.execute(queries.q("dashboard", "benchmark_source"), {"lait_code": ind.benchmark}).fetchall()
        found = releases.origin(cur, ind.benchmark) if rows else None
    if not rows:
        return f"Benchmark {ind.benchmark}: source not recorded."
    title, source, _ = rows[0]
    combined = la_profile.combination(store).get(ind.benchmark)
    tail = f" {combined[0].upper()}{combined[1:]}." if combined else ""
    if found:  # an analyst loaded DfE's statistics files: say which file each year's figures come from
        return f"Source: {source.removesuffix(', via LAIT')} ({title}), {OGL}. Figures for {found}.{tail}"
    return f"Source: {source} ({title}), {OGL}.{tail}"


def split_by_period(notes: pd.DataFrame, period: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(commentary for the period, for a year its quarters; every other quarter's), each newest first."""
    mine = notes["Quarter"].map(lambda quarter: quarter == period or quarter.startswith(f"{period} "))
    return notes[mine].reset_index(drop=True), notes[~mine].reset_index(drop=True)
