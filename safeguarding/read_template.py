"""Layout A: the one-agency template (label/value pairs, a Measure code header, a column per quarter)."""

from __future__ import annotations

import datetime as dt

from openpyxl.utils import get_column_letter

from safeguarding.catalogue import agency_code
from safeguarding.cells import UNCALCULATED, CellError, interpret
from safeguarding.parsed import ParsedReturn, quarter_check
from safeguarding.periods import parse_quarter
from safeguarding.raw import MAX_TEMPLATE_ROWS, TemplateSheet

HEADER_SEARCH_ROWS = 30
LABELS = {"agency", "partnership", "completed by", "date completed"}


def _norm(value: object) -> str:
    return " ".join(str(value).strip().rstrip(":").lower().split()) if value is not None else ""


def check(parsed: ParsedReturn, sheet: TemplateSheet, today: dt.date, no_value: dict[str, str] | None = None) -> None:
    """Fill `parsed` from a template sheet's cells; value cells in `no_value` (formulas never calculated) are
    reported here with their measure and removed from it."""
    no_value = {} if no_value is None else no_value
    parsed.sheet = sheet.title
    if sheet.max_row > MAX_TEMPLATE_ROWS:
        parsed.error(f"The sheet has {sheet.max_row:,} rows; a template return has a few dozen.",
                     "Use the long layout (sheet 'Data') for large files, or remove the extra rows.")
        return
    header_row, labels = _find_header(sheet)
    agency = _agency(parsed, labels)
    if header_row is None:
        parsed.error(f"No row with 'Measure code' in column A within the first {HEADER_SEARCH_ROWS} rows.",
                     "Keep the template's header row: 'Measure code', 'Measure', then one column per quarter.",
                     "A1")
        return
    columns, commentary_col = _quarter_columns(parsed, sheet, header_row, today)
    _merged(parsed, sheet, header_row)
    if parsed.errors or agency is None:
        return
    latest = max(columns.values(), default=None)
    seen: dict[str, str] = {}
    for row in range(header_row + 1, sheet.max_row + 1):
        raw_code = sheet.value(row, 1)
        if raw_code is None or not str(raw_code).strip() or str(raw_code).strip().startswith("#"):
            continue
        code = parsed.check_code(raw_code, agency, f"A{row}")
        if code is None:
            continue
        if code in seen:
            parsed.error(f"{code} appears twice (also in {seen[code]}).", "Keep one row per measure.",
                         f"A{row}", code, raw_code)
            continue
        seen[code] = f"A{row}"
        commentary = None
        if commentary_col:
            text = sheet.value(row, commentary_col)
            commentary = str(text).strip() if text is not None and str(text).strip() else None
        for col, quarter in columns.items():
            value = sheet.value(row, col)
            ref = f"{get_column_letter(col)}{row}"
            if ref in no_value:
                parsed.error(UNCALCULATED.message, UNCALCULATED.fix, ref, code, no_value.pop(ref))
                continue
            meaning = interpret(value, (row, col) in sheet.percent)
            if isinstance(meaning, CellError):
                parsed.error(meaning.message, meaning.fix, ref, code, value)
                continue
            note = commentary if quarter == latest else None
            parsed.rows.append((agency, quarter.start, code, meaning.state, meaning.value, note, ref))


def _find_header(sheet) -> tuple[int | None, dict[str, tuple[object, str]]]:
    labels: dict[str, tuple[object, str]] = {}
    for row in range(1, min(HEADER_SEARCH_ROWS, sheet.max_row) + 1):
        label = _norm(sheet.value(row, 1))
        if label == "measure code":
            return row, labels
        if label in LABELS:
            labels[label] = (sheet.value(row, 2), f"B{row}")
    return None, labels


def _agency(parsed: ParsedReturn, labels: dict[str, tuple[object, str]]) -> str | None:
    if "agency" not in labels or labels["agency"][0] in (None, ""):
        cell = labels.get("agency", (None, "B1"))[1]
        parsed.error("The agency is missing.", "Put 'Agency' in column A and the agency's code or name "
                     "(CSC, POL, HEA, EDU, YJS or TRN) beside it in column B.", cell)
        return None
    raw, cell = labels["agency"]
    code = agency_code(raw)
    if code is None:
        parsed.error("The agency is not one the partnership knows.",
                     "Write CSC, POL, HEA, EDU, YJS or TRN (or the agency's name).", cell, None, raw)
    return code


def _quarter_columns(parsed: ParsedReturn, sheet, header_row: int, today: dt.date):
    columns = {}
    commentary_col = None
    seen: dict = {}
    for col in range(3, sheet.max_column + 1):
        raw = sheet.value(header_row, col)
        ref = f"{get_column_letter(col)}{header_row}"
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if _norm(raw) == "commentary":
            commentary_col = col
            continue
        quarter = parse_quarter(raw)
        if quarter is None:
            parsed.error("The column heading is not a quarter the dashboard understands.",
                         "Write the quarter as '2024-25 Q1' (or 'Q1 2024/25', 'Apr-Jun 2024', or the quarter's "
                         "end date, 30/06/2024).", ref, None, raw)
            continue
        if quarter in seen:
            parsed.error(f"{quarter.label} appears twice (also in {seen[quarter]}).",
                         "Keep one column per quarter.", ref, None, raw)
            continue
        if not quarter_check(parsed, quarter, today, ref, raw):
            continue
        seen[quarter] = ref
        columns[col] = quarter
    if not columns and not parsed.errors:
        parsed.error("The header row has no quarter columns.",
                     "Add a column per quarter after 'Measure', headed like '2024-25 Q1'.", f"C{header_row}")
    return columns, commentary_col


def _merged(parsed: ParsedReturn, sheet: TemplateSheet, header_row: int) -> None:
    for coord, max_row in sheet.merged:
        if max_row >= header_row:
            parsed.error(f"Cells {coord} are merged inside the table.",
                         "Unmerge them (Home > Merge & Center) and put one value in each cell.",
                         coord.split(":")[0], None, coord)
