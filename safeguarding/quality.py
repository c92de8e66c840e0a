"""Data quality: which returns arrived, what the checks flagged, and why a scorecard has gaps."""

from __future__ import annotations

import re

import pandas as pd

from safeguarding import catalogue, definitions, queries
from safeguarding.nulls import missing
from safeguarding.periods import Quarter, parse_label
from safeguarding.store import Store

STATUS_LABELS = {"received": "\u2714 Received", "restated": "\u21bb Restated", "missing": "\u2716 Missing"}
# The checks (safeguarding/checks.py) store a sentence, not a kind: recognise each by its wording.
# Order matters: the first match wins, and the list is also the order problems are shown in.
WARNING_KINDS = (
    ("Parts not adding up", re.compile(r"^The \d+ parts of .* add up to")),
    ("Part larger than its whole", re.compile(r" is more than .* in \d{4}-\d{2} Q[1-4]\.$")),
    ("Zero where there was never zero", re.compile(r"^0 recorded for .* never 0")),
    ("Sharp change", re.compile(r"^A sharp (rise|drop)")),
    ("Quarter restated", re.compile(r" is already loaded .* restates it")),
    ("Measure not in the return", re.compile(r" is not in the return\.$")),
    ("Commentary states a small number", re.compile(r"^The commentary with .* states .*: a number from 1 to \d+")),
)
OTHER_KIND = "Other check"
_QUARTER = re.compile(r"\d{4}-\d{2} Q[1-4]")


def agency_name(code: str) -> str:
    agency = catalogue.agencies().get(code)
    return agency.name if agency else code


def tracker(store: Store) -> pd.DataFrame:
    """Every agency x quarter with its status (received, restated, missing) and who sent it when."""
    with store.read() as cur:
        frame = cur.execute(queries.q("dashboard", "submission_tracker")).df()
    frame["agency_name"] = [agency_name(code) for code in frame["agency"]]
    frame["quarter"] = [Quarter(pd.Timestamp(q).date()).label for q in frame["quarter_start"]]
    return frame


def tracker_grid(frame: pd.DataFrame, last: int = 8) -> pd.DataFrame:
    """Agencies down, the last `last` quarters across, each cell a status in words and symbol."""
    if frame.empty:
        return pd.DataFrame()
    quarters = sorted(frame["quarter_start"].unique())[-last:]
    shown = frame[frame["quarter_start"].isin(quarters)].sort_values("quarter_start")
    grid = shown.pivot(index="agency_name", columns="quarter", values="status")
    grid = grid[list(dict.fromkeys(shown["quarter"]))]
    grid = grid.apply(lambda column: column.map(STATUS_LABELS)).rename_axis(index="Agency", columns=None)
    return grid.reset_index()


def _when(who, at) -> str:
    if missing(who):
        return ""
    return f"{who}, {pd.Timestamp(at):%d %b %Y %H:%M}"


def tracker_detail(frame: pd.DataFrame) -> pd.DataFrame:
    """One line per agency and quarter, newest quarter first: status, who sent it and when, restatements."""
    ordered = frame.sort_values(["quarter_start", "agency_name"], ascending=[False, True])
    return pd.DataFrame({
        "Quarter": ordered["quarter"],
        "Agency": ordered["agency_name"],
        "Status": ordered["status"].map(STATUS_LABELS),
        "Received (who, when)": [_when(w, a) for w, a in zip(ordered["received_by"], ordered["received_at"])],
        "File": ordered["received_file"].fillna(""),
        "Restated (who, when)": [_when(w, a) for w, a in zip(ordered["restated_by"], ordered["restated_at"])],
        "Values changed": [str(int(n)) if n else "" for n in ordered["values_restated"]],
    }).reset_index(drop=True)


def warning_kind(message: str) -> str:
    """The kind of check a stored warning came from."""
    for kind, pattern in WARNING_KINDS:
        if pattern.search(message or ""):
            return kind
    return OTHER_KIND


def _superseded(frame: pd.DataFrame, sources: pd.DataFrame) -> list[bool]:
    """Whether each warning's value has since been replaced by a later return (so nothing is left to check)."""
    in_force = {(a, pd.Timestamp(q).date(), m): sid for a, q, m, sid in sources.itertuples(index=False)}
    out = []
    for agencies, message, measure, sid in zip(frame["agencies"], frame["message"], frame["measure"],
                                               frame["submission_id"]):
        found = _QUARTER.search(message or "")
        if not found or not isinstance(measure, str) or "," in str(agencies):
            out.append(False)
            continue
        key = (str(agencies), parse_label(found.group(0))[1], measure)
        out.append(key in in_force and in_force[key] != sid)
    return out


def open_checks(store: Store) -> pd.DataFrame:
    """The stored warnings of returns in force whose value no later return replaced, as stored."""
    with store.read() as cur:
        frame = cur.execute(queries.q("dashboard", "open_warnings")).df()
        sources = cur.execute(queries.q("dashboard", "value_sources")).df()
    return frame[[not gone for gone in _superseded(frame, sources)]].reset_index(drop=True)


def quarter_in(message: str) -> str:
    """The quarter a stored warning names ('' when none)."""
    return (_QUARTER.search(message or "") or [""])[0]


def open_warnings(store: Store) -> pd.DataFrame:
    """Warnings of returns in force whose value no later return replaced: worst kinds first, newest first."""
    frame = open_checks(store)
    labels = catalogue.measures()
    order = [kind for kind, _ in WARNING_KINDS] + [OTHER_KIND]
    where = [f"{s}!{c}" if s and c else "" for s, c in zip(frame["sheet"].fillna(""), frame["cell"].fillna(""))]
    out = pd.DataFrame({
        "Check": [warning_kind(m) for m in frame["message"]],
        "Agency": [", ".join(agency_name(a) for a in str(codes).split(",")) for codes in frame["agencies"]],
        "Quarter": [quarter_in(m) for m in frame["message"]],
        "Measure": [labels[c].label if c in labels else "" for c in frame["measure"].fillna("")],
        "What the check found": frame["message"],
        "What to do": frame["fix"].fillna(""),
        "Return": [f"{name} {cell} ({_when(who, at)})".replace("  ", " ") for name, cell, who, at in
                   zip(frame["file_name"], where, frame["loaded_by"], frame["loaded_at"])],
    })
    out["_order"] = out["Check"].map(order.index)
    return out.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def warning_counts(warnings: pd.DataFrame) -> dict[str, int]:
    """Open warnings per kind, in display order, kinds with none left out."""
    counts = warnings["Check"].value_counts().to_dict() if len(warnings) else {}
    return {kind: counts[kind] for kind in [k for k, _ in WARNING_KINDS] + [OTHER_KIND] if kind in counts}


def quarters_of(period: str) -> list[str]:
    view, start = parse_label(period)
    first = Quarter(start)
    return [first.shift(i).label for i in range(4)] if view == "year" else [first.label]


def gaps(frame: pd.DataFrame, period: str, tracker_frame: pd.DataFrame) -> pd.DataFrame:
    """Indicators with no value for the period, and why: a return not loaded, or the reason the rules give."""
    defs = definitions.indicators()
    measures = catalogue.measures()
    missing_returns = tracker_frame[tracker_frame["status"] == "missing"]
    missing = set(zip(missing_returns["agency"], missing_returns["quarter"]))
    loaded_quarters = set(tracker_frame["quarter"])
    rows = []
    for row in frame[(frame["period"] == period) & frame["value"].isna()].to_dict("records"):
        ind = defs[row["indicator_id"]]
        agencies = {measures[c].agency for c in (ind.numerator, ind.denominator) if c in measures}
        absent = [(a, q) for a in sorted(agencies) for q in quarters_of(period)
                  if (a, q) in missing or q not in loaded_quarters]
        if absent:
            why = "; ".join(f"no {agency_name(a)} return for {q}" for a, q in absent)
            why = why[0].upper() + why[1:] + "."
        else:
            why = str(row["rag_reason"]).removeprefix("Not rated: ")
            why = why[0].upper() + why[1:]
        rows.append({"Indicator": ind.title, "Theme": definitions.THEMES[ind.theme], "Why there is no figure": why,
                     "Sent by": ", ".join(agency_name(a) for a in sorted(agencies)) or "\u2013"})
    return pd.DataFrame(rows, columns=["Indicator", "Theme", "Why there is no figure", "Sent by"])


def only_kinds(warnings: pd.DataFrame, kinds: list[str]) -> pd.DataFrame:
    """The warnings of the chosen kinds (all when none is chosen)."""
    return warnings[warnings["Check"].isin(kinds)].reset_index(drop=True) if kinds else warnings
