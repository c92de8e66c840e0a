"""Parsing proper, run inside the memory-limited reading process: a sheet's cells as plain values, handed back
compactly (a long sheet's columns dictionary-encoded). Kept free of pandas so the process stays small."""

from __future__ import annotations

import csv
import io
import sys
import warnings
from array import array
from dataclasses import dataclass, field
from operator import itemgetter

REQUIRED = ("agency", "quarter", "measure code", "value")
OPTIONAL = ("commentary",)
HEADER_SEARCH_ROWS = 10
TYPED = ("agency", "quarter", "value")  # columns where TRUE and 1 must stay apart
MAX_TEMPLATE_ROWS = 2_000
MAX_CSV_FIELD = 32_767  # the most characters an Excel cell holds


class Refused(Exception):
    """The reading process refuses the file with a message, a fix and, where one is at fault, a cell."""

    def __init__(self, message: str, fix: str, cell: str | None = None):
        super().__init__(message, fix, cell)
        self.message, self.fix, self.cell = message, fix, cell


@dataclass
class Column:
    """One column's values, dictionary-encoded: each distinct value once, and its index for every row."""

    uniques: list
    codes: array

    def values(self) -> tuple:
        return tuple(map(self.uniques.__getitem__, self.codes))


@dataclass
class LongSheet:
    """A long-layout sheet: where its header is, and its body's columns by header name."""

    header_at: int | None = None
    letters: dict[str, str] = field(default_factory=dict)
    columns: dict[str, Column] = field(default_factory=dict)
    length: int = 0


@dataclass
class TemplateSheet:
    """A template sheet's non-blank cells by (row, column), which of them are formatted as percentages, and its
    merged ranges."""

    title: str
    max_row: int
    max_column: int
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    percent: set[tuple[int, int]] = field(default_factory=set)
    merged: list[tuple[str, int]] = field(default_factory=list)

    def value(self, row: int, column: int) -> object:
        return self.cells.get((row, column))


def column_letter(index: int) -> str:
    """'A' for 1, 'AA' for 27 (openpyxl's get_column_letter, without importing openpyxl here)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def norm(value: object) -> str:
    return " ".join(str(value).strip().lower().split()) if value is not None else ""


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_header(rows: list[list]) -> tuple[int | None, dict[str, int]]:
    """The first of the first rows naming every required column, and each named column's index."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {norm(cell): col for col, cell in enumerate(row) if not blank(cell)}
        if all(name in names for name in REQUIRED):
            return index, {name: names[name] for name in (*REQUIRED, *OPTIONAL) if name in names}
    return None, {}


def encode(values: list, typed: bool) -> Column:
    """A column dictionary-encoded (bools tagged where TRUE must not count as 1); three passes, all in C."""
    if typed and bool in set(map(type, values)):
        values = [("bool", v) if type(v) is bool else v for v in values]
    position = dict.fromkeys(values)
    for index, value in enumerate(position):
        position[value] = index
    return Column(list(position), array("I", map(position.__getitem__, values)))


def long_sheet(rows: list[list]) -> LongSheet:
    """The header's place and the body's named columns (short rows read as blank)."""
    header_at, columns = find_header(rows)
    if header_at is None:
        return LongSheet()
    body = rows[header_at + 1:]
    sheet = LongSheet(header_at, {name: column_letter(col + 1) for name, col in columns.items()}, {}, len(body))
    for name, col in columns.items():
        try:
            values = list(map(itemgetter(col), body))
        except IndexError:
            values = [row[col] if col < len(row) else None for row in body]
        sheet.columns[name] = encode(values, name in TYPED)
    return sheet


def read_long_xlsx(data: bytes, sheet_name: str) -> LongSheet:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet_name).to_python(
        skip_empty_area=False)
    return long_sheet(rows)


def read_csv(data: bytes) -> LongSheet:
    """A CSV's rows as a long sheet; a semicolon-separated file or an over-long field is refused by name."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    csv.field_size_limit(MAX_CSV_FIELD)
    rows = []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            rows.append([cell if cell != "" else None for cell in row])
    except csv.Error as exc:
        _refuse_csv(text, len(rows), reader.line_num, exc)
    sheet = long_sheet(rows)
    if sheet.header_at is None:
        _semicolons(rows)
    return sheet


def _refuse_csv(text: str, records: int, line: int, exc: csv.Error) -> None:
    if "field larger than field limit" not in str(exc):
        raise Refused(f"The CSV cannot be read at line {line} ({exc}).",
                      "Open it in Excel and save it as 'CSV UTF-8 (Comma delimited) (*.csv)'.")
    csv.field_size_limit(sys.maxsize)
    for index, row in enumerate(csv.reader(io.StringIO(text))):
        if index == records:
            column = next((i for i, cell in enumerate(row) if len(cell) > MAX_CSV_FIELD), 0)
            cell = f"{column_letter(column + 1)}{records + 1}"
            raise Refused(f"The field in row {records + 1}, column {column_letter(column + 1)} is "
                          f"{len(row[column]):,} characters long; a cell holds at most {MAX_CSV_FIELD:,}.",
                          "Shorten that cell (a stray quote mark often joins many lines into one field), save the "
                          "file and load it again.", cell)
    raise Refused(f"A field near line {line} is longer than {MAX_CSV_FIELD:,} characters.",
                  "Shorten it, save the file and load it again.")


def _semicolons(rows: list[list]) -> None:
    for row in rows[:HEADER_SEARCH_ROWS]:
        text = ",".join(cell for cell in row if cell)
        for separator in (";", "\t", "|"):
            if separator in text and find_header([text.split(separator)])[0] is not None:
                name = {";": "semicolons (;)", "\t": "tabs", "|": "vertical bars (|)"}[separator]
                raise Refused(f"The CSV separates its columns with {name}, not commas.",
                              "Save it from Excel as 'CSV UTF-8 (Comma delimited) (*.csv)', which uses commas, "
                              "or load the workbook as .xlsx.", "A1")


def read_template(data: bytes, sheet_name: str) -> TemplateSheet:
    """A template sheet's cells (cached formula results), read with openpyxl so formats and merges are known."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheet = book[sheet_name]
    found = TemplateSheet(sheet.title, sheet.max_row, sheet.max_column)
    if sheet.max_row > MAX_TEMPLATE_ROWS:
        return found
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                found.cells[cell.row, cell.column] = cell.value
                if "%" in (cell.number_format or ""):
                    found.percent.add((cell.row, cell.column))
    found.merged = [(merged.coord, merged.max_row) for merged in sheet.merged_cells.ranges]
    return found
