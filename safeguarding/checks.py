"""Warnings about a return's plausibility, judged against the catalogue and what is already stored."""

from __future__ import annotations

from contextlib import contextmanager

import pandas as pd

from safeguarding import commentary, numbers, queries
from safeguarding.catalogue import measures
from safeguarding.parsed import ParsedReturn
from safeguarding.periods import Quarter
from safeguarding.words import counted

SHARP_RATIO = 0.5  # a change of more than half the recent average ...
SHARP_FLOOR = 10   # ... and of more than 10, so small counts do not raise alarms
LISTED = 100       # warnings of one kind listed per file; beyond that they are counted, not listed


@contextmanager
def registered(cur, parsed: ParsedReturn):
    """The return's values visible to SQL as the temporary table `incoming` on this cursor (copied once, so the
    checks and the insert read DuckDB's own columns rather than the data frame again and again)."""
    frame = parsed.frame()
    frame["quarter_start"] = pd.to_datetime(frame["quarter_start"]).astype("datetime64[s]")
    cur.register("incoming_frame", frame)
    try:
        cur.execute("create or replace temp table incoming as select agency, cast(quarter_start as date) as "
                    "quarter_start, measure, state, cast(value as bigint) as value, commentary, source_cell "
                    "from incoming_frame")
        yield
    finally:
        cur.execute("drop table if exists incoming")
        cur.unregister("incoming_frame")


def _label(code: str) -> str:
    return measures()[code].label if code in measures() else code


def add_warnings(cur, parsed: ParsedReturn) -> None:
    """Append every warning to `parsed`; needs `incoming` registered on `cur`."""
    sheet = parsed.sheet

    def rows(name: str, params: dict | None = None, kind: str = "") -> list[tuple]:
        """The first LISTED rows of a check (each query also says how many it found in all)."""
        found = cur.execute(queries.q("checks", name), {**(params or {}), "listed": LISTED}).fetchall()
        total = found[0][-1] if found else 0
        if total > LISTED:
            parsed.warn(f"{total - LISTED:,} more {kind} are not listed (the first {LISTED} are).",
                        "Check the source system's export: this many usually means a systematic problem.",
                        None, None, None, sheet)
        return [row[:-1] for row in found]

    for _agency, code, label in rows("absent_measures", kind="absent measures"):
        parsed.warn(f"{code} ({label}) is not in the return.", "Add the row if the agency records it; "
                    "leave the value blank or write n/a if it does not.", None, code, None, sheet)
    for row in rows("parts_not_adding_up", kind="totals whose parts do not add up"):
        agency, start, code, value, cell, total, parts = row
        parsed.warn(f"The {parts} parts of {code} for {Quarter(start).label} add up to {total:,}, not {value:,}.",
                    "Check the breakdown and the total; correct whichever is wrong.", cell, code, value, sheet)
    for row in rows("part_above_whole", kind="parts larger than their whole"):
        agency, start, code, value, cell, whole, whole_value = row
        parsed.warn(f"{_label(code)} ({value:,}) is more than {_label(whole)} ({whole_value:,}) in "
                    f"{Quarter(start).label}.", f"It is a part of {whole}, so it cannot be larger: check both.",
                    cell, code, value, sheet)
    params = {"ratio": SHARP_RATIO, "floor": SHARP_FLOOR}
    for row in rows("sharp_changes", params, kind="sharp changes"):
        agency, start, code, value, cell, mean, count, zero = row
        if zero:
            parsed.warn(f"0 recorded for {Quarter(start).label}, but the previous {count} quarters were never 0.",
                        "Check whether this is a real zero or a gap in recording (the '0 care proceedings' glitch).",
                        cell, code, value, sheet)
        else:
            direction = "rise" if value > mean else "drop"
            parsed.warn(f"A sharp {direction}: {value:,} in {Quarter(start).label} against an average of "
                        f"{numbers.text(mean)} over the previous {count} quarters.",
                        "Confirm the figure with the agency and explain it in the commentary.",
                        cell, code, value, sheet)
    commentary.warn_small_numbers(parsed, commentary.limit(cur))
    restated = cur.execute(queries.q("checks", "restated_quarters")).fetchall()
    changed = changes(cur) if restated else None
    for agency, start, files, loaded_at, loaded_by in restated:
        count = int(((changed["agency"] == agency) & (changed["quarter_start"] == pd.Timestamp(start))
                     & (changed["change"] == "restated")).sum())
        parsed.warn(f"{agency} {Quarter(start).label} is already loaded (from {files}, by {loaded_by}, "
                    f"{loaded_at:%d %b %Y %H:%M}); this file restates it: {counted(count, 'value')} "
                    f"{'changes' if count == 1 else 'change'}.",
                    "Load it only if it corrects the earlier return; the earlier values stay in history.",
                    None, None, None, sheet)


def changes(cur) -> pd.DataFrame:
    """Every value of `incoming` against the value in force (new, restated, unchanged)."""
    frame = cur.execute(queries.q("checks", "changes")).df()
    frame["quarter_start"] = pd.to_datetime(frame["quarter_start"])
    return frame
