"""The record of every load: submissions, the values and warnings each carried, and recent changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from safeguarding import catalogue, queries, untrusted
from safeguarding.nulls import missing
from safeguarding.periods import Quarter
from safeguarding.store import Store

STATE_WORDS = {"not_applicable": "n/a", "suppressed": "suppressed (sent as <5)", "missing": "blank"}
STATUS_WORDS = {"loaded": "\u2714 In force", "rolled_back": "\u21b6 Rolled back"}


@dataclass(frozen=True)
class Submission:
    """One load of one file."""

    submission_id: int
    agencies: str
    file_name: str
    sha256: str
    layout: str
    quarters: str
    value_count: int
    warning_count: int
    loaded_by: str
    loaded_at: dt.datetime
    status: str
    rolled_back_by: str | None
    rolled_back_at: dt.datetime | None

    @property
    def rolled_back(self) -> bool:
        return self.status == "rolled_back"

    @property
    def title(self) -> str:
        return f"Submission {self.submission_id}: {self.file_name}"


def value_text(state: str | None, value) -> str:
    """A stored value as a person reads it: '1,234', 'n/a', 'suppressed (sent as <5)', 'blank' ('' for none)."""
    if missing(state):
        return ""
    if state == "number":
        return f"{int(value):,}"
    return STATE_WORDS.get(state, state)


def agency_names(codes: str) -> str:
    """'CSC,POL' as 'Children's social care ..., Police'."""
    known = catalogue.agencies()
    return ", ".join(known[c].name if c in known else c for c in str(codes).split(",") if c)


def _when(at) -> str:
    return "" if missing(at) else f"{pd.Timestamp(at):%d %b %Y %H:%M}"


def submissions(store: Store) -> pd.DataFrame:
    """Every load, newest first, rolled-back ones included, with columns for people."""
    with store.read() as cur:
        frame = cur.execute(queries.q("store", "submissions")).df()
    return pd.DataFrame({
        "ID": frame["submission_id"].astype("int64"),
        "Loaded": [_when(at) for at in frame["loaded_at"]],
        "By": frame["loaded_by"],
        "File": frame["file_name"],
        "Agency": [agency_names(a) for a in frame["agencies"]],
        "Quarters": frame["quarters"].str.replace(",", ", "),
        "Values": frame["value_count"].astype("int64"),
        "Warnings": frame["warning_count"].astype("int64"),
        "Status": [STATUS_WORDS.get(s, s) + (f" by {who}, {_when(at)}" if s == "rolled_back" else "")
                   for s, who, at in zip(frame["status"], frame["rolled_back_by"], frame["rolled_back_at"])],
        "SHA-256": [f"{sha[:12]}\u2026" for sha in frame["sha256"]],  # in full on the submission's own view
    })


def titles(table: pd.DataFrame) -> dict[int, str]:
    """Each submission of `submissions()` in one line, by ID, for choosing one."""
    return {i: f"{i}: {f} ({a}, {q}) {s.split(' by ')[0]}" for i, f, a, q, s in
            zip(table["ID"], table["File"], table["Agency"], table["Quarters"], table["Status"])}


def submission(store: Store, submission_id: int) -> Submission | None:
    """One submission, or None when there is no such number."""
    with store.read() as cur:
        found = cur.execute(queries.q("workspace", "submission"), {"submission_id": submission_id}).fetchall()
    if not found:
        return None
    return Submission(*found[0])


def values(store: Store, submission_id: int) -> pd.DataFrame:
    """The values a submission carried, each marked whether it is the value in force now."""
    with store.read() as cur:
        frame = cur.execute(queries.q("workspace", "submission_values_in_force"),
                            {"submission_id": submission_id}).df()
    labels = catalogue.measures()
    return pd.DataFrame({
        "Agency": frame["agency"],
        "Quarter": [Quarter(pd.Timestamp(q).date()).label for q in frame["quarter_start"]],
        "Measure code": frame["measure"],
        "Measure": [labels[c].label if c in labels else c for c in frame["measure"]],
        "Value": [value_text(s, v) for s, v in zip(frame["state"], frame["value"])],
        "Cell": frame["source_cell"].fillna(""),
        "In force now": ["yes" if f else "no" for f in frame["in_force"]],
        "Commentary": [untrusted.clean(c) for c in frame["commentary"]],
    })


def warnings(store: Store, submission_id: int) -> pd.DataFrame:
    """The warnings recorded when a submission was loaded, in the order they were found."""
    with store.read() as cur:
        frame = cur.execute(queries.q("store", "submission_warnings"), {"submission_id": submission_id}).df()
    return pd.DataFrame({
        "Where": [f"{s}!{c}" if s and c else s for s, c in zip(frame["sheet"].fillna(""), frame["cell"].fillna(""))],
        "Measure": frame["measure"].fillna(""),
        "Value found": frame["found"].fillna(""),
        "What the check found": frame["message"],
        "What to do": frame["fix"].fillna(""),
    })


def in_force(store: Store, submission_id: int) -> int:
    """How many of a submission's values are the ones in force now."""
    with store.read() as cur:
        return int(cur.execute(queries.q("workspace", "values_in_force"),
                               {"submission_id": submission_id}).fetchall()[0][0])


def recent_changes(store: Store, actions: list[str], limit: int = 20) -> pd.DataFrame:
    """The latest audit-log entries of the given kinds, newest first."""
    with store.read() as cur:
        frame = cur.execute(queries.q("workspace", "changes_by_action"), {"actions": actions, "limit": limit}).df()
    return pd.DataFrame({"When": [_when(at) for at in frame["happened_at"]], "Who": frame["who"],
                         "What": frame["action"], "Change": frame["detail"].fillna("")})
