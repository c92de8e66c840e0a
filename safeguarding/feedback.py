"""The problems found in partners' returns as a workbook to send back to them: errors first, then warnings."""

from __future__ import annotations

import io
from collections.abc import Iterable

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from safeguarding.catalogue import measures
from safeguarding.problems import Problem
from safeguarding.sheet_text import as_text
from safeguarding.words import counted

COLUMNS = (  # (heading, width)
    ("Type", 12), ("File", 28), ("Sheet", 12), ("Cell", 8), ("Measure", 40), ("Value found", 16),
    ("Problem", 60), ("How to fix it", 60),
)
SEVERITY_WORDS = {"error": "Error", "warning": "Warning"}
_HEAD = PatternFill("solid", fgColor="1F4E79")
_ERROR = PatternFill("solid", fgColor="FDE2E1")


def measure_words(code: str | None) -> str:
    """'POL.PPO: Children taken into police protection' (the code alone when it is not in the catalogue)."""
    if not code:
        return ""
    known = measures().get(code)
    return f"{code}: {known.label}" if known else code


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then warnings; otherwise in the order they were found."""
    found = list(problems)
    return [p for p in found if p.severity == "error"] + [p for p in found if p.severity != "error"]


def rows(problems: Iterable[Problem]) -> list[list[str]]:
    """One row per problem in the partner's words, errors first (the workbook's table, also shown on screen)."""
    return [[SEVERITY_WORDS.get(p.severity, p.severity), p.file, p.sheet or "", p.cell or "", measure_words(p.measure),
             p.found or "", p.message, p.fix] for p in ordered(problems)]


def workbook(problems: Iterable[Problem]) -> bytes:
    """An .xlsx listing every problem (sheet 'Problems') and how to read it (sheet 'About')."""
    table = rows(problems)
    book = Workbook()
    sheet = book.active
    sheet.title = "Problems"
    for col, (heading, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(1, col, heading)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEAD
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(table, start=2):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(r, col)
            cell.value = as_text(value)
            cell.data_type = "s"  # text, whatever it looks like
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if values[0] == SEVERITY_WORDS["error"]:
                cell.fill = _ERROR
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(table) + 1)}"
    about = book.create_sheet("About")
    errors = sum(1 for row in table if row[0] == SEVERITY_WORDS["error"])
    lines = [
        "Problems found when your return was checked",
        "",
        f"{counted(errors, 'error')} and {counted(len(table) - errors, 'warning')}.",
        "Errors: the return could not be loaded. Correct each one in the cell named, save, and send the file again.",
        "Warnings: the return was accepted, but please check each figure and reply, or send a corrected return.",
        "Cell: where to look, for example D14 on the sheet named. Value found: what the cell held.",
    ]
    for r, line in enumerate(lines, start=1):
        about.cell(r, 1, as_text(line)).data_type = "s"
    about["A1"].font = Font(bold=True, size=13)
    about.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """The same table as the workbook's, as a data frame for the screen (errors first)."""
    return pd.DataFrame(rows(problems), columns=[heading for heading, _ in COLUMNS])
