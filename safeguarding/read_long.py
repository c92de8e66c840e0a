"""Layout B: one row per value (sheet 'Data' or a CSV), read fast with calamine."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from safeguarding.catalogue import agency_code
from safeguarding.cells import UNCALCULATED, CellError, interpret
from safeguarding.parsed import ParsedReturn, ended_check
from safeguarding.periods import Quarter, parse_quarter

REQUIRED = ("agency", "quarter", "measure code", "value")
HEADER_SEARCH_ROWS = 10


def _norm(value: object) -> str:
    return " ".join(str(value).strip().lower().split()) if value is not None else ""


def read_xlsx(parsed: ParsedReturn, data: bytes, sheet_name: str, today: dt.date, bad_cells: dict[str, str],
              no_value: dict[str, str], percent: set[str]) -> None:
    """Fill `parsed` from a long-layout sheet. Calamine shows error cells and formulas never calculated as
    blank and does not report number formats, so the sheet scan's findings come in beside it: `bad_cells`
    (Excel errors), `no_value` (uncalculated formulas: value cells are reported here and removed) and
    `percent` (cells formatted as percentages)."""
    parsed.sheet = sheet_name
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet_name).to_python(
        skip_empty_area=False)
    _read_rows(parsed, rows, today, bad_cells, no_value, percent)


def read_csv(parsed: ParsedReturn, data: bytes, today: dt.date) -> None:
    """Fill `parsed` from a CSV with the long layout's header."""
    parsed.sheet = "CSV"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows = [[cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(text))]
    _read_rows(parsed, rows, today, {}, {}, set())


def _typed(values: tuple) -> tuple:
    """Values made safe as dict keys: True == 1 == 1.0 in Python, so bools are tagged."""
    if not any(type(v) is bool for v in set(values)):
        return values
    return tuple(("bool", v) if type(v) is bool else v for v in values)


def _untyped(value: object) -> object:
    return value[1] if isinstance(value, tuple) else value


def _read_rows(parsed: ParsedReturn, rows: list[list], today: dt.date, bad_cells: dict[str, str],
               no_value: dict[str, str], percent: set[str]) -> None:
    """Column-wise: each distinct raw value is judged once; rows are visited one by one only when at fault."""
    header_at, columns = _header(rows)
    if header_at is None:
        parsed.error("No header row with 'Agency', 'Quarter', 'Measure code' and 'Value'.",
                     "Put those headings in the first row of the sheet (add 'Commentary' if you need it).", "A1")
        return
    letter = {name: get_column_letter(col + 1) for name, col in columns.items()}
    first = header_at + 2  # the sheet row of the first data row
    width = max(len(row) for row in rows)
    body = [row if len(row) == width else list(row) + [None] * (width - len(row)) for row in rows[header_at + 1:]]
    grid = list(zip(*body)) if body else [()] * width
    none = (None,) * len(body)
    agency_raw, quarter_raw = _typed(grid[columns["agency"]]), _typed(grid[columns["quarter"]])
    code_raw, value_raw = grid[columns["measure code"]], _typed(grid[columns["value"]])
    comment_raw = grid[columns["commentary"]] if "commentary" in columns else none

    keep = _kept_rows(agency_raw, quarter_raw, code_raw, value_raw)
    agency_of = {v: agency_code(_untyped(v)) for v in set(agency_raw)}
    quarter_of: dict = {}
    for i in _first_rows(quarter_raw, keep):
        raw = quarter_raw[i]
        quarter_of[raw] = None if _blank(_untyped(raw)) else _quarter(
            parsed, _untyped(raw), today, f"{letter['quarter']}{first + i}")
    agencies = [agency_of[agency_raw[i]] for i in keep]
    quarters = [quarter_of[quarter_raw[i]] for i in keep]
    code_of: dict = {}
    pairs = list(zip(agencies, (code_raw[i] for i in keep)))
    for position in _first_rows(pairs, range(len(keep))):
        pair = pairs[position]
        if pair[0] is not None:
            code_of[pair] = parsed.check_code(pair[1], pair[0], f"{letter['measure code']}{first + keep[position]}")
    codes = [code_of.get(pair) for pair in pairs]
    meaning_of = {v: interpret(None if v == "" else _untyped(v)) for v in set(value_raw)}
    meanings = [meaning_of[value_raw[i]] for i in keep]
    cells = [letter["value"] + str(first + i) for i in keep]
    if bad_cells or no_value or percent:
        for p, ref in enumerate(cells):
            if ref in no_value:
                meanings[p] = UNCALCULATED
                bad_cells[ref] = no_value.pop(ref)
            elif ref in bad_cells:
                meanings[p] = interpret(bad_cells[ref])
            elif ref in percent:
                meanings[p] = interpret(_untyped(value_raw[keep[p]]), percent_format=True)

    faulty = None in agencies or None in quarters or None in codes or any(
        isinstance(m, CellError) for m in set(meanings))
    starts = [q.start if q is not None else None for q in quarters]
    good = [True] * len(keep)
    if faulty or len(set(zip(agencies, starts, codes))) != len(keep):
        good = _judge_rows(parsed, keep, agency_raw, quarter_raw, value_raw, agencies, quarters, codes, meanings,
                           cells, bad_cells, letter, first)
    picked = range(len(keep)) if all(good) else [p for p in range(len(keep)) if good[p]]
    comment_of = {v: _comment(v) for v in set(comment_raw)}
    parsed.table = pd.DataFrame({
        "agency": [agencies[p] for p in picked],
        "quarter_start": [starts[p] for p in picked],
        "measure": [codes[p] for p in picked],
        "state": [meanings[p].state for p in picked],
        "value": pd.array([meanings[p].value for p in picked], dtype="Int64"),
        "commentary": pd.Series([comment_of[comment_raw[keep[p]]] for p in picked], dtype=object),
        "source_cell": [cells[p] for p in picked],
    })


def _kept_rows(agency_raw, quarter_raw, code_raw, value_raw) -> list[int] | range:
    """Indexes of the rows to read: not wholly blank, not a '#' comment."""
    blank_of = {v: _blank(_untyped(v)) for v in {*agency_raw, *quarter_raw, *code_raw, *value_raw}}
    skip_of = {v: isinstance(v, str) and v.lstrip().startswith("#") for v in set(code_raw)}
    if not any(skip_of.values()) and not all(
            any(blank_of[v] for v in set(column)) for column in (agency_raw, quarter_raw, code_raw, value_raw)):
        return range(len(code_raw))
    return [i for i in range(len(code_raw))
            if not skip_of[code_raw[i]]
            and not (blank_of[agency_raw[i]] and blank_of[quarter_raw[i]] and blank_of[code_raw[i]]
                     and blank_of[value_raw[i]])]


def _first_rows(values, indexes) -> list[int]:
    """For each distinct value, the first index at which it appears (to report the first cell)."""
    firsts: dict = {}
    for i in indexes:
        firsts.setdefault(values[i], i)
    return list(firsts.values())


def _judge_rows(parsed, keep, agency_raw, quarter_raw, value_raw, agencies, quarters, codes, meanings, cells,
                bad_cells, letter, first) -> list[bool]:
    """Which rows load; an error for every faulty or repeated row."""
    good = []
    seen: dict[tuple, int] = {}
    for p, i in enumerate(keep):
        line = first + i
        agency, quarter, code, meaning = agencies[p], quarters[p], codes[p], meanings[p]
        if agency is None:
            missing = _blank(_untyped(agency_raw[i]))
            parsed.error("The agency is missing." if missing else "The agency is not one the partnership knows.",
                         "Write CSC, POL, HEA, EDU, YJS or TRN (or the agency's name).",
                         f"{letter['agency']}{line}", None, None if missing else _untyped(agency_raw[i]))
        elif quarter is None and _blank(_untyped(quarter_raw[i])):
            parsed.error("The quarter is missing.", "Write the quarter, e.g. '2024-25 Q1'.",
                         f"{letter['quarter']}{line}")
        elif quarter is not None and code is not None and isinstance(meaning, CellError):
            parsed.error(meaning.message, meaning.fix, cells[p], code, bad_cells.get(cells[p], _untyped(value_raw[i])))
        elif quarter is not None and code is not None:
            key = (agency, quarter.start, code)
            if key not in seen:
                seen[key] = line
                good.append(True)
                continue
            parsed.error(f"{agency} {code} for {quarter.label} appears twice (also in row {seen[key]}).",
                         "Keep one row per agency, quarter and measure.", cells[p], code, _untyped(value_raw[i]))
        good.append(False)
    return good


def _comment(value: object) -> str | None:
    return None if _blank(value) else str(value).strip()


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
