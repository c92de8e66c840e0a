"""Read any partner return (template or long layout, .xlsx or .csv) into values and problems."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from safeguarding import read_long, read_template, safety
from safeguarding.cells import UNCALCULATED
from safeguarding.parsed import ParsedReturn


@contextmanager
def _collector_paused():
    """Python's cycle collector off while a sheet's rows are read: a large sheet is a million short-lived
    objects, none in a cycle, and the collector would scan them again and again (a fifth of a 200,000-row load)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read_return(file_name: str, data: bytes, today: dt.date | None = None) -> ParsedReturn:
    """Everything a workbook says, and everything wrong with it; nothing is stored here."""
    today = today or dt.date.today()
    parsed = ParsedReturn(file_name, hashlib.sha256(data).hexdigest())
    try:
        with _collector_paused():
            if file_name.lower().endswith(".csv"):
                safety.check_size(len(data))
                parsed.layout = "long"
                read_long.read_csv(parsed, data, today)
            else:
                _read_xlsx(parsed, data, today)
    except safety.UnsafeFile as exc:
        parsed.error(str(exc), exc.fix)
    except Exception as exc:  # a damaged file can fail inside any parser; the user gets a message, not a trace
        parsed.error(f"The file could not be read: it is damaged or not what its name says "
                     f"({type(exc).__name__}: {str(exc)[:200]}).",
                     "Open it in Excel, check it shows the return, and save it again as .xlsx (or as CSV UTF-8).")
    if parsed.more_errors:
        parsed.error(f"{parsed.more_errors:,} more errors are not listed.", "Correct the errors above and load again.")
    return parsed


def _read_xlsx(parsed: ParsedReturn, data: bytes, today: dt.date) -> None:
    archive = safety.open_xlsx(data)
    sheets = safety.sheets(archive)
    by_name = {sheet.name.strip().lower(): sheet for sheet in sheets}
    if "data" in by_name:
        sheet, parsed.layout = by_name["data"], "long"
    elif "return" in by_name:
        sheet, parsed.layout = by_name["return"], "template"
    elif len(sheets) == 1:
        sheet, parsed.layout = sheets[0], "template"
    else:
        names = ", ".join(f"'{s.name}'" for s in sheets)
        parsed.error(f"No sheet named 'Return' (the template) or 'Data' (the long layout); the sheets are {names}.",
                     "Rename the sheet with the figures to 'Return', or use the blank template.")
        return
    parsed.sheet = sheet.name
    if parsed.layout == "long":
        with ThreadPoolExecutor(max_workers=1) as pool:
            rows = pool.submit(read_long.sheet_rows, data, sheet.name)  # while calamine reads, scan the XML
            no_value, error_cells = safety.scan_sheet(archive, sheet.part)
            percent = safety.percent_cells(archive, sheet.part)
            read_long.read_xlsx(parsed, rows.result(), sheet.name, today, error_cells, no_value, percent)
    else:
        no_value, _ = safety.scan_sheet(archive, sheet.part)
        read_template.read(parsed, data, sheet.name, today, no_value)
    for cell, formula in no_value.items():  # the readers report (and remove) those holding values
        parsed.error(UNCALCULATED.message, UNCALCULATED.fix, cell, None, formula)
