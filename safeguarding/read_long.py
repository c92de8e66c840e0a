"""Layout B: one row per value (sheet 'Data' or a CSV), read fast with calamine."""

from __future__ import annotations

import csv
import datetime as dt
import io
from operator import itemgetter

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from safeguarding.catalogue import agency_code, measures
from safeguarding.cells import UNCALCULATED, CellError, interpret
from safeguarding.parsed import ParsedReturn, ended_check
from safeguarding import untrusted
from safeguarding.periods import Quarter, parse_quarter

REQUIRED = ("agency", "quarter", "measure code", "value")
HEADER_SEARCH_ROWS = 10


def _norm(value: object) -> str:
    return " ".join(str(value).strip().lower().split()) if value is not None else ""


def sheet_rows(data: bytes, sheet_name: str) -> list[list]:
    """The sheet's cells as Python values (calamine; it releases the GIL, so other checks can run meanwhile)."""
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet_name).to_python(
        skip_empty_area=False)


def read_xlsx(parsed: ParsedReturn, rows: list[list], sheet_name: str, today: dt.date, bad_cells: dict[str, str],
              no_value: dict[str, str], percent: set[str]) -> None:
    """Fill `parsed` from a long-layout sheet's `rows` (from sheet_rows). Calamine shows error cells and formulas
    never calculated as blank and does not report number formats, so the sheet scan's findings come in beside it:
    `bad_cells` (Excel errors), `no_value` (uncalculated formulas: value cells are reported here and removed) and
    `percent` (cells formatted as percentages)."""
    parsed.sheet = sheet_name
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
    body = rows[header_at + 1:]
    agency_raw, quarter_raw = _column(body, columns["agency"]), _column(body, columns["quarter"])
    code_raw, value_raw = _column(body, columns["measure code"], typed=False), _column(body, columns["value"])
    comment_raw = _column(body, columns["commentary"], typed=False) if "commentary" in columns else \
        (None,) * len(body)

    keep = _kept_rows(agency_raw, quarter_raw, code_raw, value_raw)
    every = isinstance(keep, range)  # no row skipped: whole columns are used as they are

    def kept(column: tuple) -> tuple | list:
        return column if every else [column[i] for i in keep]

    agency_of = {v: agency_code(_untyped(v)) for v in set(kept(agency_raw))}
    quarter_col, code_col = kept(quarter_raw), kept(code_raw)

    def first_cell(column: str, values: tuple | list, value: object):
        """The sheet cell where `value` first appears in `values` (looked up only for a message)."""
        return lambda: f"{letter[column]}{first + keep[values.index(value)]}"

    quarter_of = {raw: None if _blank(_untyped(raw)) else
                  _quarter(parsed, _untyped(raw), today, first_cell("quarter", quarter_col, raw))
                  for raw in dict.fromkeys(quarter_col)}
    agencies = [agency_of[a] for a in kept(agency_raw)]
    # The codes: each distinct cell judged once; row by row only if a code is unknown or another agency's.
    known = {raw: measures().get(str(raw).strip().upper()) for raw in set(code_col)}
    codes = None
    if None not in known.values():
        code_text, agency_text = {r: m.code for r, m in known.items()}, {r: m.agency for r, m in known.items()}
        if [agency_text[raw] for raw in code_col] == agencies:
            codes = [code_text[raw] for raw in code_col]
    if codes is None:
        pairs = list(zip(agencies, code_col))
        code_of = {pair: parsed.check_code(pair[1], pair[0], first_cell("measure code", pairs, pair))
                   for pair in dict.fromkeys(pairs) if pair[0] is not None}
        codes = [code_of.get(pair) for pair in pairs]
    values = kept(value_raw)
    meaning_of = {v: interpret(None if v == "" else _untyped(v)) for v in set(values)}
    meanings = [meaning_of[v] for v in values]
    cells = _Cells(letter["value"], first, keep)
    changed = []  # meanings the sheet scan corrected
    if bad_cells or no_value or percent:
        for p, ref in enumerate(cells):
            if ref in no_value:
                meanings[p] = UNCALCULATED
                bad_cells[ref] = no_value.pop(ref)
            elif ref in bad_cells:
                meanings[p] = interpret(bad_cells[ref])
            elif ref in percent:
                meanings[p] = interpret(_untyped(values[p]), percent_format=True)
            else:
                continue
            changed.append(meanings[p])

    faulty = None in agency_of.values() or None in quarter_of.values() or None in codes or any(
        isinstance(m, CellError) for m in [*meaning_of.values(), *changed])
    start_of = {raw: (q.start if q is not None else None) for raw, q in quarter_of.items()}
    starts = [start_of[raw] for raw in quarter_col]
    good = None
    if faulty or len(set(zip(agencies, starts, codes))) != len(keep):
        quarters = [quarter_of[raw] for raw in quarter_col]
        good = _judge_rows(parsed, keep, agency_raw, quarter_raw, value_raw, agencies, quarters, codes, meanings,
                           cells, bad_cells, letter, first)
    picked = None if good is None or all(good) else [p for p in range(len(keep)) if good[p]]

    def chosen(column: list) -> list:
        return column if picked is None else [column[p] for p in picked]

    comment_of = {v: _comment(v) for v in set(kept(comment_raw))}
    meanings = chosen(meanings)
    parsed.table = pd.DataFrame({
        "agency": _text(chosen(agencies)),
        "quarter_start": pd.array(chosen(starts), dtype=object),
        "measure": _text(chosen(codes)),
        "state": _text([m.state for m in meanings]),
        "value": pd.array([m.value for m in meanings], dtype="Int64"),
        "commentary": pd.Series([comment_of[c] for c in chosen(kept(comment_raw))], dtype=object),
        "source_cell": _Cells(letter["value"], first, keep if picked is None else [keep[p] for p in picked]).array(),
    })


class _Cells:
    """The value cell of each kept row ('D2', 'D3', ...), made only when asked for."""

    def __init__(self, letter: str, first: int, keep):
        self.letter, self.first, self.keep = letter, first, keep

    def __len__(self) -> int:
        return len(self.keep)

    def __getitem__(self, position: int) -> str:
        return f"{self.letter}{self.first + self.keep[position]}"

    def __iter__(self):
        letter, first = self.letter, self.first
        return (f"{letter}{first + i}" for i in self.keep)

    def array(self):
        """All of them as a string column, built by pyarrow rather than row by row."""
        numbers = pc.add(pa.array(self.keep, type=pa.int64()), self.first)
        return pd.Series(pc.binary_join_element_wise(self.letter, pc.cast(numbers, pa.string()), ""), dtype="str")


def _text(values: list) -> pd.Series:
    """A text column (pandas' str dtype) built through pyarrow: a quarter of the time of pd.array for 200,000."""
    return pd.Series(pa.array(values, type=pa.string()), dtype="str")


def _column(body: list[list], index: int, typed: bool = True) -> tuple:
    """One column of the sheet's rows (short rows read as blank there)."""
    try:
        values = tuple(map(itemgetter(index), body))
    except IndexError:
        values = tuple([row[index] if index < len(row) else None for row in body])
    return _typed(values) if typed else values


def _kept_rows(agency_raw, quarter_raw, code_raw, value_raw) -> list[int] | range:
    """Indexes of the rows to read: not wholly blank, not a '#' comment."""
    distinct = [set(column) for column in (agency_raw, quarter_raw, code_raw, value_raw)]
    skip_of = {v: isinstance(v, str) and v.lstrip().startswith("#") for v in distinct[2]}
    if not any(skip_of.values()) and not all(any(_blank(_untyped(v)) for v in d) for d in distinct):
        return range(len(code_raw))  # no comment rows, and some column is never blank: every row is read
    blank_of = {v: _blank(_untyped(v)) for d in distinct for v in d}
    return [i for i in range(len(code_raw))
            if not skip_of[code_raw[i]]
            and not (blank_of[agency_raw[i]] and blank_of[quarter_raw[i]] and blank_of[code_raw[i]]
                     and blank_of[value_raw[i]])]


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
    return None if _blank(value) else untrusted.comment(value)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(rows: list[list]) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {_norm(cell): col for col, cell in enumerate(row) if not _blank(cell)}
        if all(name in names for name in REQUIRED):
            return index, {name: names[name] for name in (*REQUIRED, "commentary") if name in names}
    return None, {}


def _quarter(parsed: ParsedReturn, raw: object, today: dt.date, ref) -> Quarter | None:
    quarter = parse_quarter(raw)
    if quarter is None:
        parsed.error("The quarter is not written in a way the dashboard understands.",
                     "Write it as '2024-25 Q1' (or 'Q1 2024/25', 'Apr-Jun 2024', or the quarter's end date).",
                     ref, None, raw)
        return None
    return quarter if ended_check(parsed, quarter, today, ref, raw) else None
