"""Layout B: one row per value (sheet 'Data' or a CSV), read fast with calamine."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from safeguarding.catalogue import agency_code
from safeguarding.cells import Cell, CellError, interpret
from safeguarding.parsed import ParsedReturn, ended_check
from safeguarding.periods import Quarter, parse_quarter

REQUIRED = ("agency", "quarter", "measure code", "value")
HEADER_SEARCH_ROWS = 10


def _norm(value: object) -> str:
    return " ".join(str(value).strip().lower().split()) if value is not None else ""


def read_xlsx(parsed: ParsedReturn, data: bytes, sheet_name: str, today: dt.date,
              bad_cells: dict[str, str]) -> None:
    """Fill `parsed` from a long-layout sheet; `bad_cells` are error cells calamine shows as blank."""
    parsed.sheet = sheet_name
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet_name).to_python(
        skip_empty_area=False)
    _read_rows(parsed, rows, today, bad_cells)


def read_csv(parsed: ParsedReturn, data: bytes, today: dt.date) -> None:
    """Fill `parsed` from a CSV with the long layout's header."""
    parsed.sheet = "CSV"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows = [[cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(text))]
    _read_rows(parsed, rows, today, {})


def _read_rows(parsed: ParsedReturn, rows: list[list], today: dt.date, bad_cells: dict[str, str]) -> None:
    header_at, columns = _header(rows)
    if header_at is None:
        parsed.error("No header row with 'Agency', 'Quarter', 'Measure code' and 'Value'.",
                     "Put those headings in the first row of the sheet (add 'Commentary' if you need it).", "A1")
        return
    agency_col, quarter_col = columns["agency"], columns["quarter"]
    code_col, value_col = columns["measure code"], columns["value"]
    comment_col = columns.get("commentary")
    value_letter = get_column_letter(value_col + 1)
    agencies: dict[object, str | None] = {}
    quarters: dict[object, Quarter | None] = {}
    codes: dict[tuple[str, object], str | None] = {}
    seen: dict[tuple, int] = {}
    width = max(columns.values()) + 1
    for index in range(header_at + 1, len(rows)):
        row = rows[index]
        line = index + 1
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        raw_agency, raw_quarter, raw_code = row[agency_col], row[quarter_col], row[code_col]
        if _blank(raw_agency) and _blank(raw_quarter) and _blank(raw_code) and _blank(row[value_col]):
            continue
        if isinstance(raw_code, str) and raw_code.strip().startswith("#"):
            continue
        agency = agencies.get(raw_agency, "?")
        if agency == "?":
            agency = agencies[raw_agency] = agency_code(raw_agency)
            if agency is None:
                parsed.error("The agency is not one the partnership knows.",
                             "Write CSC, POL, HEA, EDU, YJS or TRN (or the agency's name).",
                             f"{get_column_letter(agency_col + 1)}{line}", None, raw_agency)
        quarter = quarters.get(raw_quarter, "?")
        if quarter == "?":
            quarter = quarters[raw_quarter] = _quarter(parsed, raw_quarter, today,
                                                       f"{get_column_letter(quarter_col + 1)}{line}")
        if agency is None or quarter is None:
            continue
        code = codes.get((agency, raw_code), "?")
        if code == "?":
            code = codes[(agency, raw_code)] = parsed.check_code(
                raw_code, agency, f"{get_column_letter(code_col + 1)}{line}")
        if code is None:
            continue
        ref = f"{value_letter}{line}"
        key = (agency, quarter, code)
        if key in seen:
            parsed.error(f"{agency} {code} for {quarter.label} appears twice (also in row {seen[key]}).",
                         "Keep one row per agency, quarter and measure.", ref, code, row[value_col])
            continue
        seen[key] = line
        raw_value = row[value_col]
        if ref in bad_cells:
            meaning: Cell | CellError = interpret(bad_cells[ref])
        elif raw_value == "":
            meaning = interpret(None)
        else:
            meaning = interpret(raw_value)
        if isinstance(meaning, CellError):
            parsed.error(meaning.message, meaning.fix, ref, code, bad_cells.get(ref, raw_value))
            continue
        commentary = row[comment_col] if comment_col is not None else None
        commentary = str(commentary).strip() if not _blank(commentary) else None
        parsed.rows.append((agency, quarter.start, code, meaning.state, meaning.value, commentary, ref))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(rows: list[list]) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {_norm(cell): col for col, cell in enumerate(row) if not _blank(cell)}
        if all(name in names for name in REQUIRED):
            return index, {name: names[name] for name in (*REQUIRED, "commentary") if name in names}
    return None, {}


def _quarter(parsed: ParsedReturn, raw: object, today: dt.date, ref: str) -> Quarter | None:
    quarter = parse_quarter(raw)
    if quarter is None:
        parsed.error("The quarter is not written in a way the dashboard understands.",
                     "Write it as '2024-25 Q1' (or 'Q1 2024/25', 'Apr-Jun 2024', or the quarter's end date).",
                     ref, None, raw)
        return None
    return quarter if ended_check(parsed, quarter, today, ref, raw) else None
