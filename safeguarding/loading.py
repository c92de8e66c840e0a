"""Load returns into the store: each file in one transaction, all or nothing, never twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from safeguarding import checks, queries
from safeguarding.parsed import ParsedReturn
from safeguarding.periods import Quarter
from safeguarding.store import Store, StoreError, now
from safeguarding.words import counted
from safeguarding.workbooks import read_return

WARNING_COLUMNS = ["severity", "file", "message", "fix", "sheet", "cell", "measure", "found"]


class StoreBusy(Exception):
    """Another write got there first; trying again will work."""


class _Undo(Exception):
    """Leave a write transaction without changing anything (the audit log included)."""

    def __init__(self, found=None):
        super().__init__("undo")
        self.found = found


class _Refused(Exception):
    """The store's own checks refused the values inside the transaction: it is rolled back."""


@dataclass
class LoadResult:
    """What happened to one file."""

    file_name: str
    status: str  # loaded | unchanged | rejected
    parsed: ParsedReturn
    submission_id: int | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    def summary(self) -> str:
        return f"{self.file_name}: {self.status}. {self.message}".strip()


def preview(store: Store, parsed: ParsedReturn) -> tuple[ParsedReturn, pd.DataFrame]:
    """The warnings and the value-by-value changes a return would make, without storing anything."""
    if parsed.errors:
        return parsed, pd.DataFrame()
    with store.read() as cur, checks.registered(cur, parsed):
        checks.add_warnings(cur, parsed)
        changed = checks.changes(cur)
    return parsed, changed


def load_bytes(store: Store, file_name: str, data: bytes, by: str, today: dt.date | None = None) -> LoadResult:
    """Read, check and store one file."""
    return commit(store, read_return(file_name, data, today), by)


def commit(store: Store, parsed: ParsedReturn, by: str) -> LoadResult:
    """Store a parsed return in one transaction (warnings recomputed inside it), unless it has errors."""
    if parsed.errors:
        return LoadResult(parsed.file_name, "rejected", parsed,
                          message=f"{counted(len(parsed.errors), 'error')}; nothing was stored.")
    if not parsed.value_count or set(parsed.frame()["state"].unique()) == {"missing"}:
        parsed.error("The return has no figures: every value cell is blank.", "Fill in at least one quarter's figures.")
        return LoadResult(parsed.file_name, "rejected", parsed, message="Nothing to load; nothing was stored.")
    parsed.problems = [p for p in parsed.problems if p.severity == "error"]  # warnings are judged afresh
    try:
        with store.write(by, "load", parsed.file_name) as cur:
            same = cur.execute(queries.q("store", "submission_by_sha"), {"sha256": parsed.sha256}).fetchall()
            if same:
                raise _Undo(same[0])
            with checks.registered(cur, parsed):
                checks.add_warnings(cur, parsed)
                sid = _insert(cur, parsed, by)
    except _Refused as refused:
        parsed.error(str(refused), "Keep one row per agency, quarter and measure, then load the file again.")
        return LoadResult(parsed.file_name, "rejected", parsed, message="1 error; nothing was stored.")
    except _Undo as undo:
        sid, name, who, when = undo.found
        return LoadResult(parsed.file_name, "unchanged", parsed, sid,
                          f"Identical to submission {sid} ({name}, loaded by {who} on {when:%d %b %Y %H:%M}); "
                          "nothing changed.")
    except duckdb.TransactionException as exc:
        raise StoreBusy("Another load changed the same figures at the same moment; load this file again.") from exc
    quarters = ", ".join(q.label for q in parsed.quarters)
    return LoadResult(parsed.file_name, "loaded", parsed, sid,
                      f"Submission {sid}: {counted(parsed.value_count, 'value')} for {', '.join(parsed.agencies)}, "
                      f"{quarters}; {counted(len(parsed.warnings), 'warning')}.")


def _insert(cur, parsed: ParsedReturn, by: str) -> int:
    repeated = cur.execute(queries.q("store", "repeated_values")).fetchall()
    if repeated:  # never reached through the readers, which refuse repeated rows: a guard, not a path
        agency, start, code, times = repeated[0]
        raise _Refused(f"{agency} {code} for {Quarter(start).label} appears {times} times in the return.")
    sid = cur.execute(queries.q("store", "next_submission_id")).fetchone()[0]
    cur.execute(queries.q("store", "insert_submission"), {
        "submission_id": sid, "agencies": ",".join(parsed.agencies), "file_name": parsed.file_name,
        "sha256": parsed.sha256, "layout": parsed.layout, "quarters": ",".join(q.label for q in parsed.quarters),
        "value_count": parsed.value_count, "warning_count": len(parsed.warnings), "who": by, "at": now(),
    })
    cur.execute(queries.q("store", "insert_values_from_frame"), {"submission_id": sid})
    if parsed.warnings:
        warnings = pd.DataFrame([p.as_row() for p in parsed.warnings], columns=WARNING_COLUMNS)
        warnings.insert(0, "position", range(1, len(warnings) + 1))
        cur.register("warnings_frame", warnings)
        try:
            cur.execute(queries.q("store", "insert_warnings_from_frame"), {"submission_id": sid})
        finally:
            cur.unregister("warnings_frame")
    return sid


def load_paths(store: Store, paths: list[Path], by: str, today: dt.date | None = None,
               settle: bool = False) -> list[LoadResult]:
    """Load several files, each on its own: one file's rejection does not stop the others. With `settle`, each
    load is written into the database file before it is called loaded (a load that cannot be is taken back), and
    a store that cannot be written stops the rest."""
    if settle:
        store.checkpoint()
    results = []
    for path in paths:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            parsed = ParsedReturn(path.name, "")
            parsed.error(f"The file could not be read ({exc.strerror or exc}).", "Check the path and try again.")
            results.append(LoadResult(path.name, "rejected", parsed, message="Not read; nothing was stored."))
            continue
        try:
            result = load_bytes(store, path.name, data, by, today)
            if settle and result.status == "loaded":
                store.settle()
            results.append(result)
        except StoreBusy:
            raise
        except StoreError as exc:  # the disk, not the file: the files after it would fail the same way
            parsed = ParsedReturn(path.name, "")
            parsed.error(str(exc), "Free space on the disk or make the database writable, then load the files again.")
            results.append(LoadResult(path.name, "rejected", parsed, message="Nothing of it was stored; the files "
                                      "after it were not tried."))
            break
        except Exception as exc:  # one file's failure must not hide the others' results
            parsed = ParsedReturn(path.name, "")
            parsed.error(f"The file could not be loaded ({type(exc).__name__}: {str(exc)[:200]}).",
                         "Check the file opens in Excel; if it does, report this message to the dashboard's "
                         "maintainers.")
            results.append(LoadResult(path.name, "rejected", parsed, message="Nothing was stored."))
    return results


def rollback(store: Store, submission_id: int, by: str) -> bool:
    """Withdraw a submission's values (its record stays, marked rolled back); False if it was not loaded."""
    try:
        with store.write(by, "rollback", f"submission {submission_id}") as cur:
            if not cur.execute(queries.q("store", "loaded_submission"), {"submission_id": submission_id}).fetchall():
                raise _Undo()
            cur.execute(queries.q("store", "rollback_submission"), {"submission_id": submission_id, "who": by,
                                                                    "at": now()})
    except _Undo:
        return False
    return True
