"""Uploads in two steps: check each file against the store (nothing stored), then load the files that passed."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import pandas as pd

from safeguarding import history, loading, queries
from safeguarding.catalogue import measures, measures_of
from safeguarding.parsed import ParsedReturn
from safeguarding.periods import Quarter
from safeguarding.store import Store, StoreError
from safeguarding.words import counted
from safeguarding.workbooks import read_return

READY, REJECTED, IDENTICAL = "ready", "rejected", "identical"
STATUS_WORDS = {READY: "\u2714 Ready to load", REJECTED: "\u2716 Rejected: fix the errors",
                IDENTICAL: "= Already loaded"}
BUSY = "busy"  # an outcome: another write held the database; nothing of the file was stored
RETRY_PAUSE = 0.5


@dataclass
class CheckedFile:
    """One uploaded file, read and compared with the store; nothing of it is stored yet."""

    name: str
    size: int
    parsed: ParsedReturn
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    identical_to: str = ""  # the loaded submission with the same bytes, in words
    generation: int = -1    # the store generation the comparison was made at

    @property
    def status(self) -> str:
        if self.parsed.errors:
            return REJECTED
        return IDENTICAL if self.identical_to else READY

    def count(self, change: str) -> int:
        return int((self.changes["change"] == change).sum()) if len(self.changes) else 0

    @property
    def agencies(self) -> str:
        return ", ".join(self.parsed.agencies) if self.parsed.value_count else ""

    @property
    def quarters(self) -> str:
        return ", ".join(q.label for q in self.parsed.quarters) if self.parsed.value_count else ""


def check(store: Store, name: str, data: bytes, today: dt.date | None = None) -> CheckedFile:
    """Read a file and compare it with what is stored: its agency, quarters, errors, warnings and changes."""
    parsed = read_return(name, data, today)
    # loading.commit refuses such a file too; saying so now keeps it out of the files offered for loading.
    if not parsed.errors and (not parsed.value_count or set(parsed.frame()["state"]) == {"missing"}):
        parsed.error("The return has no figures: every value cell is blank.", "Fill in at least one quarter's figures.")
    return compare(store, CheckedFile(name, len(data), parsed))


def compare(store: Store, checked: CheckedFile) -> CheckedFile:
    """(Re)compare a read file with the store as it is now (the warnings are judged afresh)."""
    parsed = checked.parsed
    generation = store.generation
    parsed.problems = [p for p in parsed.problems if p.severity == "error"]
    checked.identical_to, checked.changes = "", pd.DataFrame()
    if not parsed.errors:
        with store.read() as cur:
            same = cur.execute(queries.q("store", "submission_by_sha"), {"sha256": parsed.sha256}).fetchall()
        if same:
            sid, file_name, who, when = same[0]
            checked.identical_to = f"submission {sid} ({file_name}, loaded by {who} on {when:%d %b %Y %H:%M})"
        else:
            _, checked.changes = loading.preview(store, parsed)
    checked.generation = generation
    return checked


def summary(files: list[CheckedFile]) -> pd.DataFrame:
    """One line per file: what it is, what is wrong, and what loading it would change."""
    return pd.DataFrame({
        "File": [f.name for f in files],
        "Agency": [f.agencies for f in files],
        "Quarters": [f.quarters for f in files],
        # A rejected file stores nothing, so it has no count of values (a dash, not an empty cell or "None").
        "Values": ["–" if f.status == REJECTED else f"{f.parsed.value_count:,}" for f in files],
        "Errors": [len(f.parsed.errors) for f in files],
        "Warnings": [len(f.parsed.warnings) for f in files],
        "New": [f.count("new") for f in files],
        "Restated": [f.count("restated") for f in files],
        "Status": [STATUS_WORDS[f.status] for f in files],
    })


def _changes(checked: CheckedFile, change: str) -> pd.DataFrame:
    frame = checked.changes
    return frame[frame["change"] == change] if len(frame) else frame


def _where(checked: CheckedFile, cells) -> list[str]:
    sheet = checked.parsed.sheet
    return [f"{sheet}!{c}" if sheet and c else (c or "") for c in cells]


def new_values(checked: CheckedFile) -> pd.DataFrame:
    """The values the file would add (none stored yet for that agency, quarter and measure)."""
    rows = _changes(checked, "new")
    labels = measures()
    return pd.DataFrame({
        "Agency": rows.get("agency", []),
        "Quarter": [Quarter(pd.Timestamp(q).date()).label for q in rows.get("quarter_start", [])],
        "Measure": [labels[c].label if c in labels else c for c in rows.get("measure", [])],
        "Value": [history.value_text(s, v) for s, v in zip(rows.get("new_state", []), rows.get("new_value", []))],
        "Cell": _where(checked, rows.get("source_cell", [])),
    })


def restated_values(checked: CheckedFile) -> pd.DataFrame:
    """The values the file would replace: stored and new side by side."""
    rows = _changes(checked, "restated")
    labels = measures()
    return pd.DataFrame({
        "Agency": rows.get("agency", []),
        "Quarter": [Quarter(pd.Timestamp(q).date()).label for q in rows.get("quarter_start", [])],
        "Measure": [labels[c].label if c in labels else c for c in rows.get("measure", [])],
        "Stored now": [history.value_text(s, v) for s, v in zip(rows.get("old_state", []), rows.get("old_value", []))],
        "In this file": [history.value_text(s, v)
                         for s, v in zip(rows.get("new_state", []), rows.get("new_value", []))],
        "From submission": [str(int(s)) if pd.notna(s) else "" for s in rows.get("old_submission", [])],
        "Cell": _where(checked, rows.get("source_cell", [])),
    })


def overlaps(files: list[CheckedFile]) -> list[str]:
    """Sentences naming quarters that two or more ready files both carry (the one loaded last wins)."""
    seen: dict[tuple[str, str], list[str]] = {}
    for f in files:
        if f.status != READY:
            continue
        for agency, start in set(zip(f.parsed.frame()["agency"], f.parsed.frame()["quarter_start"])):
            seen.setdefault((agency, Quarter(pd.Timestamp(start).date()).label), []).append(f.name)
    return [f"{agency} {quarter} is in {', '.join(names)}: they load in that order, and where they differ the "
            f"last one's figures are the ones in force." for (agency, quarter), names in sorted(seen.items())
            if len(names) > 1]


def requested(agency: str) -> pd.DataFrame:
    """The measures an agency's return asks for, in template order."""
    return pd.DataFrame([(m.code, m.label, "in the quarter" if m.basis == "flow" else "at the quarter's end")
                         for m in measures_of(agency)], columns=["Measure code", "Measure", "Counted"])


@dataclass(frozen=True)
class Outcome:
    """What loading one file did."""

    file_name: str
    status: str  # loaded | unchanged | rejected | busy
    message: str
    submission_id: int | None = None


def load(store: Store, files: list[CheckedFile], by: str, retries: int = 1) -> list[Outcome]:
    """Load every file that passed, each in its own transaction, in order; say why the others were not loaded.

    A load that meets another write at the same moment (StoreBusy) is tried again `retries` times, then
    reported as busy: nothing of that file was stored, and loading it again will work.
    """
    outcomes = []
    for checked in files:
        if checked.status == REJECTED:
            errors = counted(len(checked.parsed.errors), "error")
            outcomes.append(Outcome(checked.name, "rejected",
                                    f"Not loaded: {errors} to correct; nothing of it was stored."))
            continue
        if checked.status == IDENTICAL:
            outcomes.append(Outcome(checked.name, "unchanged", f"Not loaded again: it is {checked.identical_to}."))
            continue
        for attempt in range(retries + 1):
            try:
                result = loading.commit(store, checked.parsed, by)
            except loading.StoreBusy:
                if attempt < retries:
                    time.sleep(RETRY_PAUSE)
                    continue
                outcomes.append(Outcome(checked.name, BUSY, "Another load was writing the same figures at the same "
                                        "moment; nothing of this file was stored. Press Load again."))
            except StoreError as exc:  # a full disk or a read-only file: its real cause, never a traceback
                outcomes.append(Outcome(checked.name, "rejected", str(exc)))
            else:
                outcomes.append(Outcome(checked.name, result.status, result.message, result.submission_id))
            break
    return outcomes
