"""Write the quarterly return template (layout A), blank or filled, with validation and notes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from safeguarding.catalogue import agencies, measures_of
from safeguarding.periods import Quarter

HEADER_ROW = 7
_HEAD = PatternFill("solid", fgColor="1F4E79")
_INPUT = PatternFill("solid", fgColor="FFF9E5")
_FIXED_TIME = dt.datetime(2024, 1, 1)


def write_template(agency: str, quarters: list[Quarter], values: Mapping[tuple[str, Quarter], object] | None = None,
                   commentary: Mapping[str, str] | None = None, partnership: str = "",
                   completed_by: str = "", completed_on: dt.date | None = None) -> bytes:
    """The template workbook as bytes; `values` fills cells by (measure code, quarter)."""
    if agency not in agencies():
        raise ValueError(f"unknown agency {agency!r}; use one of {', '.join(agencies())}")
    book = Workbook()
    book.properties.creator = "Safeguarding partnership dashboard"
    book.properties.created = book.properties.modified = _FIXED_TIME
    sheet = book.active
    sheet.title = "Return"
    _labels(sheet, agency, partnership, completed_by, completed_on)
    heads = ["Measure code", "Measure", *[q.label for q in quarters], "Commentary"]
    for col, text in enumerate(heads, start=1):
        cell = sheet.cell(HEADER_ROW, col, text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = measures_of(agency)
    values = values or {}
    commentary = commentary or {}
    for offset, measure in enumerate(rows, start=1):
        row = HEADER_ROW + offset
        sheet.cell(row, 1, measure.code)
        sheet.cell(row, 2, measure.label)
        for col, quarter in enumerate(quarters, start=3):
            cell = sheet.cell(row, col, values.get((measure.code, quarter)))
            cell.fill = _INPUT
            cell.number_format = "#,##0"
        if measure.code in commentary:
            sheet.cell(row, 3 + len(quarters), commentary[measure.code])
    _validation(sheet, len(quarters), HEADER_ROW + 1, HEADER_ROW + len(rows))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 62
    for col in range(3, 3 + len(quarters)):
        sheet.column_dimensions[get_column_letter(col)].width = 13
    sheet.column_dimensions[get_column_letter(3 + len(quarters))].width = 60
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)
    _notes(book.create_sheet("Notes"), agency)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _labels(sheet, agency: str, partnership: str, completed_by: str, completed_on: dt.date | None) -> None:
    sheet["A1"] = "Quarterly safeguarding return"
    sheet["A1"].font = Font(bold=True, size=14)
    pairs = [("Agency", agency), ("Partnership", partnership), ("Completed by", completed_by),
             ("Date completed", completed_on)]
    for row, (label, value) in enumerate(pairs, start=2):
        sheet.cell(row, 1, label).font = Font(bold=True)
        sheet.cell(row, 2, value)
        if isinstance(value, dt.date):
            sheet.cell(row, 2).number_format = "dd/mm/yyyy"


def _validation(sheet, quarter_count: int, first_row: int, last_row: int) -> None:
    if quarter_count == 0:
        return
    first = f"C{first_row}"
    rule = (f'=OR(AND(ISNUMBER({first}),{first}>=0,INT({first})={first}),'
            f'{first}="n/a",{first}="<5",{first}="c",{first}="*",{first}="-")')
    check = DataValidation(type="custom", formula1=rule, allow_blank=True, showErrorMessage=True,
                           errorTitle="Counts only",
                           error="Enter a whole number of 0 or more, leave blank, or write n/a or <5.",
                           promptTitle="A count", prompt="A whole number; n/a if not applicable; <5 to suppress.",
                           showInputMessage=True)
    last_col = get_column_letter(2 + quarter_count)
    check.add(f"C{first_row}:{last_col}{last_row}")
    sheet.add_data_validation(check)


def _notes(sheet, agency: str) -> None:
    lines = [
        ("How to fill in this return", ""),
        ("Values", "Counts only: a whole number of 0 or more. The dashboard works out every percentage and rate."),
        ("Blank", "Not provided this quarter."),
        ("n/a", "Not applicable this quarter."),
        ("<5", "A count from 1 to 4 you choose to suppress (c or * also accepted)."),
        ("Flow / stock", "Flow: events during the quarter. Stock: the position on the quarter's last day."),
        ("Commentary", "Explains the latest quarter's figures: the narrative behind the number."),
        ("Rows", "Do not rename codes. Rows starting with # are ignored."),
        ("", ""),
        ("Measure code", "What to count"),
    ]
    for row, (a, b) in enumerate(lines, start=1):
        sheet.cell(row, 1, a).font = Font(bold=row in (1, len(lines)))
        sheet.cell(row, 2, b).font = Font(bold=row == len(lines))
    for offset, measure in enumerate(measures_of(agency), start=len(lines) + 1):
        basis = "stock, at quarter end" if measure.basis == "stock" else "flow, during the quarter"
        extra = f" Part of {measure.sum_of}: the parts add up to it." if measure.sum_of else ""
        extra += f" Never more than {measure.within}." if measure.within else ""
        sheet.cell(offset, 1, measure.code)
        sheet.cell(offset, 2, f"{measure.label} ({basis}).{extra}")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
