"""Read any partner return (template or long layout, .xlsx or .csv) into values and problems, in one straight line:
gate (measure and open) -> read (in a memory-limited process) -> check -> the parsed return."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from contextlib import contextmanager
import zipfile
from dataclasses import dataclass, field

from safeguarding import filetype, raw, read_long, read_template, safety, sandbox
from safeguarding.cells import UNCALCULATED
from safeguarding.parsed import ParsedReturn
from safeguarding.sheet_scan import SheetScan, StringCount

DATA_SHEETS = {"data": "long", "return": "template"}
UNHIDE = "Hidden sheets are never read: unhide it (right-click a sheet tab, Unhide) or move the figures to a " \
         "visible sheet named 'Return' (the template) or 'Data' (the long layout)."


@dataclass
class Gated:
    """A file that passed the gate: what it is, the one sheet to read, and the scans that measure every part
    (the chosen sheet's scan also collects what the parsers hide)."""

    data: bytes
    layout: str  # template | long
    sheet: safety.SheetPart | None = None  # None for a CSV
    archive: zipfile.ZipFile | None = None
    scans: dict = field(default_factory=dict)

    @property
    def scan(self) -> SheetScan | None:
        return self.scans.get(self.sheet.part) if self.sheet else None


@contextmanager
def _collector_paused():
    """Python's cycle collector off while a sheet's rows are checked: a large sheet is a million short-lived
    objects, none in a cycle, and the collector would scan them again and again."""
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
            gated = gate(parsed, file_name, data)
            if gated is not None:
                check(parsed, gated, read(gated), today)
    except (safety.UnsafeFile, filetype.WrongKind) as exc:
        parsed.error(str(exc), exc.fix, getattr(exc, "cell", None), sheet=getattr(exc, "sheet", None))
    except Exception as exc:  # a damaged file can fail inside any step; the user gets a message, not a trace
        parsed.error(f"The file could not be read: it is damaged or not what its name says "
                     f"({type(exc).__name__}: {str(exc)[:200]}).",
                     "Open it in Excel, check it shows the return, and save it again as .xlsx (or as CSV UTF-8).")
    if parsed.more_errors:
        parsed.error(f"{parsed.more_errors:,} more errors are not listed.", "Correct the errors above and load again.")
    return parsed


def gate(parsed: ParsedReturn, file_name: str, data: bytes) -> Gated | None:
    """Open the file before any parser sees it: its real kind, its zip, the one sheet to read, and every sheet's
    recorded size. None (with the errors recorded) when it goes no further."""
    safety.check_size(len(data))
    if file_name.lower().endswith(".csv"):
        filetype.check_csv(file_name, data)
        parsed.layout, parsed.sheet = "long", "CSV"
        return Gated(data, "long")
    filetype.check_workbook(file_name, data)
    archive = safety.open_xlsx(data)
    sheets = safety.sheets(archive)
    chosen = choose_sheet(parsed, sheets)
    if chosen is None:
        return None
    sheet, parsed.layout = chosen
    parsed.sheet = sheet.name
    scans = {s.part: SheetScan(s.name) for s in sheets} | {"xl/sharedStrings.xml": StringCount()}
    scans[sheet.part] = SheetScan(sheet.name, findings=True, percent_styles=safety.percent_styles(archive))
    if sheet.part not in archive.namelist():
        raise safety.UnsafeFile(f"The workbook lacks the part holding its sheet '{sheet.name}'.", safety.RESAVE)
    for part in set(archive.namelist()) & {s.part for s in sheets}:
        scans[part].dimension(safety.head_of(archive, part))
    return Gated(data, parsed.layout, sheet, archive, scans)


def choose_sheet(parsed: ParsedReturn, sheets: list[safety.SheetPart]) -> tuple[safety.SheetPart, str] | None:
    """The one visible sheet of figures, openly: 'Data' (long) or 'Return' (template), or a workbook's only
    visible sheet; two such sheets, or only hidden ones, are errors that name them."""
    visible = [s for s in sheets if s.visible]
    named = [s for s in visible if s.name.strip().lower() in DATA_SHEETS]
    hidden = [s for s in sheets if not s.visible and s.name.strip().lower() in DATA_SHEETS]
    if len(named) > 1:
        names = " and ".join(f"'{s.name}'" for s in named)
        parsed.error(f"The workbook has two sheets of figures, {names}; only one can be read, so neither is.",
                     "Keep the figures on one sheet (named 'Return' for the template or 'Data' for the long layout) "
                     "and delete or rename the other, then load the file again.")
        return None
    if named:
        return named[0], DATA_SHEETS[named[0].name.strip().lower()]
    if len(visible) == 1:
        return visible[0], "template"
    names = ", ".join(f"'{s.name}'" for s in visible) or "none"
    if hidden:
        parsed.error(f"The sheet '{hidden[0].name}' is hidden and no visible sheet is named 'Return' or 'Data' "
                     f"(the visible sheets: {names}).", UNHIDE, sheet=hidden[0].name)
    else:
        parsed.error(f"No sheet named 'Return' (the template) or 'Data' (the long layout); the sheets are {names}.",
                     "Rename the sheet with the figures to 'Return', or use the blank template.")
    return None


def read(gated: Gated) -> raw.LongSheet | raw.TemplateSheet:
    """The chosen sheet's cells, parsed in a memory-limited process, while every part is inflated and counted and
    every sheet's cell positions are checked here: the result is used only when all of that passed."""
    if gated.sheet is None:
        return sandbox.run("csv", gated.data)
    reader = "long_xlsx" if gated.layout == "long" else "template"
    reading = sandbox.Reading(reader, (gated.data, gated.sheet.name))
    try:
        safety.check_parts(gated.archive, gated.scans)
    except BaseException:
        reading.cancel()
        raise
    return reading.result()


def check(parsed: ParsedReturn, gated: Gated, sheet: raw.LongSheet | raw.TemplateSheet, today: dt.date) -> None:
    """Judge every value against the return contract; the scan's findings stand in for what the parsers hide."""
    scan = gated.scan
    no_value = dict(scan.no_value) if scan else {}
    if isinstance(sheet, raw.TemplateSheet):
        read_template.check(parsed, sheet, today, no_value)
    else:
        read_long.check(parsed, sheet, today, dict(scan.errors) if scan else {}, no_value,
                        set(scan.percent) if scan else set())
    for cell, formula in no_value.items():  # the readers report (and remove) those holding values
        parsed.error(UNCALCULATED.message, UNCALCULATED.fix, cell, None, formula)
