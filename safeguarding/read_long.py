"""Layout B: one row per value (sheet 'Data' or a CSV), checked column by column: gathered, kept, recognised,
interpreted, judged row by row only where at fault, and tabled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from safeguarding.catalogue import agency_code, measures
from safeguarding.cells import UNCALCULATED, CellError, interpret
from safeguarding.parsed import ParsedReturn, quarter_check
from safeguarding.periods import Quarter, parse_quarter
from safeguarding.raw import REQUIRED, LongSheet
from safeguarding.raw import blank as _blank


@dataclass
class _Body:
    """The rows being read, handed from step to step: raw columns, the rows kept, and what each row means."""

    letter: dict[str, str]
    first: int  # the sheet row of the first body row
    raw: dict[str, tuple]
    keep: list[int] | range = range(0)
    agencies: list = field(default_factory=list)
    quarter_of: dict = field(default_factory=dict)
    codes: list = field(default_factory=list)
    meanings: list = field(default_factory=list)
    faulty: bool = False

    def kept(self, column: str) -> tuple | list:
        values = self.raw[column]
        return values if isinstance(self.keep, range) else [values[i] for i in self.keep]

    def first_cell(self, column: str, values: tuple | list, value: object):
        """The sheet cell where `value` first appears in `values` (looked up only for a message)."""
        return lambda: f"{self.letter[column]}{self.first + self.keep[values.index(value)]}"


def check(parsed: ParsedReturn, sheet: LongSheet, today: dt.date, bad_cells: dict[str, str],
          no_value: dict[str, str], percent: set[str]) -> None:
    """Fill `parsed` from a long sheet's columns. Calamine shows error cells and formulas never calculated as blank
    and does not report number formats, so the sheet scan's findings come in beside it: `bad_cells` (Excel errors),
    `no_value` (uncalculated formulas: value cells are reported here and removed) and `percent` (cells formatted
    as percentages). Column-wise: each distinct raw value is judged once; rows are visited one by one only when at
    fault."""
    if sheet.header_at is None:
        parsed.error("No header row with 'Agency', 'Quarter', 'Measure code' and 'Value'.",
                     "Put those headings in the first row of the sheet (add 'Commentary' if you need it).", "A1")
        return
    body = _columns(sheet)
    body.keep = _kept_rows(*(body.raw[name] for name in REQUIRED))
    _recognise(parsed, body, today)
    _meanings(body, bad_cells, no_value, percent)
    good = None
    starts = [(q.start if q is not None else None) for q in map(body.quarter_of.__getitem__, body.kept("quarter"))]
    if body.faulty or len(set(zip(body.agencies, starts, body.codes))) != len(body.keep):
        good = _judge_rows(parsed, body, bad_cells)
    _table(parsed, body, starts, None if good is None or all(good) else [p for p in range(len(body.keep)) if good[p]])


def _columns(sheet: LongSheet) -> _Body:
    """The sheet's columns as raw values; a sheet without a commentary column reads as one of blanks."""
    raw = {name: column.values() for name, column in sheet.columns.items()}
    raw.setdefault("commentary", (None,) * sheet.length)
    return _Body(sheet.letters, sheet.header_at + 2, raw)


def _recognise(parsed: ParsedReturn, body: _Body, today: dt.date) -> None:
    """The agency, quarter and measure of every kept row, each distinct cell judged once."""
    agency_of = {v: agency_code(_untyped(v)) for v in set(body.kept("agency"))}
    quarter_col, code_col = body.kept("quarter"), body.kept("measure code")
    body.quarter_of = {raw: None if _blank(_untyped(raw)) else
                       _quarter(parsed, _untyped(raw), today, body.first_cell("quarter", quarter_col, raw))
                       for raw in dict.fromkeys(quarter_col)}
    body.agencies = [agency_of[a] for a in body.kept("agency")]
    # The codes: row by row only if a code is unknown or another agency's.
    known = {raw: measures().get(str(raw).strip().upper()) for raw in set(code_col)}
    body.codes = None
    if None not in known.values():
        code_text, agency_text = {r: m.code for r, m in known.items()}, {r: m.agency for r, m in known.items()}
        if [agency_text[raw] for raw in code_col] == body.agencies:
            body.codes = [code_text[raw] for raw in code_col]
    if body.codes is None:
        pairs = list(zip(body.agencies, code_col))
        code_of = {pair: parsed.check_code(pair[1], pair[0], body.first_cell("measure code", pairs, pair))
                   for pair in dict.fromkeys(pairs) if pair[0] is not None}
        body.codes = [code_of.get(pair) for pair in pairs]
    body.faulty = None in agency_of.values() or None in body.quarter_of.values() or None in body.codes


def _meanings(body: _Body, bad_cells: dict[str, str], no_value: dict[str, str], percent: set[str]) -> None:
    """What every kept value cell means, with the sheet scan's corrections (errors, uncalculated formulas,
    percentage formats)."""
    values = body.kept("value")
    meaning_of = {v: interpret(None if v == "" else _untyped(v)) for v in set(values)}
    body.meanings = [meaning_of[v] for v in values]
    changed = []
    if bad_cells or no_value or percent:
        for p, ref in enumerate(_Cells(body.letter["value"], body.first, body.keep)):
            if ref in no_value:
                body.meanings[p] = UNCALCULATED
                bad_cells[ref] = no_value.pop(ref)
            elif ref in bad_cells:
                body.meanings[p] = interpret(bad_cells[ref])
            elif ref in percent:
                body.meanings[p] = interpret(_untyped(values[p]), percent_format=True)
            else:
                continue
            changed.append(body.meanings[p])
    body.faulty = body.faulty or any(isinstance(m, CellError) for m in [*meaning_of.values(), *changed])


def _table(parsed: ParsedReturn, body: _Body, starts: list, picked: list[int] | None) -> None:
    """The values that load, as the parsed return's table."""
    def chosen(column: list) -> list:
        return column if picked is None else [column[p] for p in picked]

    comments = body.kept("commentary")
    comment_of = {v: _comment(v) for v in set(comments)}
    meanings = chosen(body.meanings)
    keep = body.keep if picked is None else [body.keep[p] for p in picked]
    parsed.table = pd.DataFrame({
        "agency": _text(chosen(body.agencies)),
        "quarter_start": pd.array(chosen(starts), dtype=object),
        "measure": _text(chosen(body.codes)),
        "state": _text([m.state for m in meanings]),
        "value": pd.array([m.value for m in meanings], dtype="Int64"),
        "commentary": pd.Series([comment_of[c] for c in chosen(comments)], dtype=object),
        "source_cell": _Cells(body.letter["value"], body.first, keep).array(),
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


def _untyped(value: object) -> object:
    return value[1] if isinstance(value, tuple) else value


def _judge_rows(parsed: ParsedReturn, body: _Body, bad_cells: dict[str, str]) -> list[bool]:
    """Which rows load; an error for every faulty or repeated row."""
    keep, letter, first = body.keep, body.letter, body.first
    agency_raw, quarter_raw, value_raw = body.raw["agency"], body.raw["quarter"], body.raw["value"]
    agencies, codes, meanings = body.agencies, body.codes, body.meanings
    quarters = [body.quarter_of[raw] for raw in body.kept("quarter")]
    cells = _Cells(letter["value"], first, keep)
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


def _quarter(parsed: ParsedReturn, raw: object, today: dt.date, ref) -> Quarter | None:
    quarter = parse_quarter(raw)
    if quarter is None:
        parsed.error("The quarter is not written in a way the dashboard understands.",
                     "Write it as '2024-25 Q1' (or 'Q1 2024/25', 'Apr-Jun 2024', or the quarter's end date).",
                     ref, None, raw)
        return None
    return quarter if quarter_check(parsed, quarter, today, ref, raw) else None
