"""Trust flags: the data-quality queries that sit on the figures they affect, and why a figure is missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from safeguarding import catalogue, definitions, queries, quality
from safeguarding.periods import Quarter, parse_label
from safeguarding.store import Store
from safeguarding.words import in_sentence

# A quarter's return is due by the end of the month after the quarter ends; before then it is 'not yet due'.
DUE_AFTER_MONTHS = 1
WARNING_FLAGS = {"Parts not adding up": "parts", "Part larger than its whole": "parts", "Sharp change": "sharp"}
KIND_WORDS = {"zero": "Zero where there was never zero", "missing": "Return not received",
              "sharp": "Sharp change", "parts": "Parts not adding up", "restated": "Restated since the last meeting"}


@dataclass(frozen=True)
class Flag:
    """A data-quality query on one figure: its kind and the sentence a board member reads."""

    kind: str
    text: str

    @property
    def label(self) -> str:
        return f"\u26a0 Query: {self.text}"


def due_date(quarter: str) -> dt.date:
    """The last day a quarter's return is due: the end of the month after the quarter ends."""
    end = Quarter(parse_label(quarter)[1]).end
    month = end.month + DUE_AFTER_MONTHS
    first_after = dt.date(end.year + (month > 12), (month - 1) % 12 + 1, 1)
    month = first_after.month + 1
    return dt.date(first_after.year + (month > 12), (month - 1) % 12 + 1, 1) - dt.timedelta(days=1)


def _measures(indicator_id: str) -> list[str]:
    ind = definitions.indicators()[indicator_id]
    return [m for m in (ind.numerator, ind.denominator) if m and m != "population"]


def _by_measure() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for indicator_id in definitions.indicators():
        for measure in _measures(indicator_id):
            out.setdefault(measure, []).append(indicator_id)
    return out


def _quarter_label(start) -> str:
    return Quarter(pd.Timestamp(start).date()).label


def _cutoff(cur, period: str):
    """'The last meeting': when the quarter before the period's last quarter was first loaded (None: never)."""
    last = Quarter(parse_label(quality.quarters_of(period)[-1])[1])
    before = last.shift(-1).start
    rows = cur.execute(queries.q("assurance", "quarter_first_loaded")).fetchall()
    return next((loaded for start, loaded in rows if start == before), None)


def missing_set(tracker: pd.DataFrame) -> set[tuple[str, str]]:
    """(agency, quarter) of every return not received, from the submission tracker."""
    missing = tracker[tracker["status"] == "missing"]
    return set(zip(missing["agency"], missing["quarter"]))


def missing_returns(missing: set[tuple[str, str]], agencies: set[str], quarters: list[str],
                    today: dt.date) -> list[str]:
    """'Police 2024-25 Q3 return not received' for each of `agencies` whose return for `quarters` is overdue."""
    return [f"{quality.agency_name(a)} {q} return not received" for a in sorted(agencies) for q in quarters
            if (a, q) in missing and due_date(q) < today]


def agencies_of(indicator_id: str) -> set[str]:
    """The agencies whose returns an indicator's figure comes from."""
    measures = catalogue.measures()
    return {measures[m].agency for m in _measures(indicator_id) if m in measures}


def no_data_reason(indicator_id: str, period: str, missing: set[tuple[str, str]], today: dt.date) -> str:
    """Why a figure is missing: which return was not received, or that it is not yet due ('' when neither)."""
    quarters = quality.quarters_of(period)
    agencies = agencies_of(indicator_id)
    overdue = missing_returns(missing, agencies, quarters, today)
    if overdue:
        return "; ".join(overdue)
    pending = [(a, q) for a in sorted(agencies) for q in quarters if (a, q) in missing]
    if pending:
        return f"{quality.agency_name(pending[0][0])} {pending[0][1]} return not yet due"
    return ""


def flags(store: Store, period: str, missing: set[tuple[str, str]],
          today: dt.date | None = None) -> dict[str, tuple[Flag, ...]]:
    """Every indicator's trust flags for one period (a quarter or a financial year), worst kinds first."""
    today = today or dt.date.today()
    quarters = set(quality.quarters_of(period))
    by_measure = _by_measure()
    labels, found = catalogue.measures(), {}

    def add(measure: str, flag: Flag) -> None:
        for indicator_id in by_measure.get(measure, []):
            found.setdefault(indicator_id, {})[flag.text] = flag

    with store.read() as cur:
        zeros = cur.execute(queries.q("assurance", "zero_never_zero")).fetchall()
        cutoff = _cutoff(cur, period)
        restated = cur.execute(queries.q("assurance", "restated_since"), {"cutoff": cutoff}).fetchall() \
            if cutoff is not None else []
    for agency, start, measure, previous in zeros:
        if _quarter_label(start) in quarters and measure in labels:
            add(measure, Flag("zero", f"0 {in_sentence(labels[measure].label)} in {_quarter_label(start)}: query "
                                      f"with {in_sentence(quality.agency_name(agency))} (never 0 in the previous "
                                      f"{previous} quarters)"))
    for row in quality.open_checks(store).to_dict("records"):
        kind = WARNING_FLAGS.get(quality.warning_kind(row["message"]))
        if kind and quality.quarter_in(row["message"]) in quarters and isinstance(row["measure"], str):
            add(row["measure"], Flag(kind, f"{KIND_WORDS[kind]}: {row['message']}"))
    for agency, start, measure, old, new, file_name, who, when in restated:
        if measure in labels and _quarter_label(start) <= max(quarters):
            before = "blank" if old is None else f"{old:,.0f}"
            after = "blank" if new is None else f"{new:,.0f}"
            add(measure, Flag("restated", f"Restated since the last meeting: {in_sentence(labels[measure].label)} "
                                          f"for {_quarter_label(start)} changed from {before} to {after} "
                                          f"({file_name}, {who}, {pd.Timestamp(when):%d %b %Y})"))
    for indicator_id in definitions.indicators():
        for text in missing_returns(missing, agencies_of(indicator_id), sorted(quarters), today):
            found.setdefault(indicator_id, {})[text] = Flag("missing", text)
    order = list(KIND_WORDS)
    return {key: tuple(sorted(items.values(), key=lambda f: order.index(f.kind))) for key, items in found.items()}
