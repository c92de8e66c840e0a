"""Shared fixtures and real-file builders for the loader's tests (no mocks: every workbook is a real file).

Builders:
- `Template`: layout A workbooks with arbitrary label cells, header cells and rows (malformed variants are easy).
- `long_xlsx` / `long_csv`: layout B workbooks and CSVs.
- `rezip` / `edit_part`: post-process a saved workbook's XML (inject DOCTYPEs, drop cached values ...).
- `fingerprint(store)`: every base table's ordered rows, hashed, to prove "nothing was stored".
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the package lives at the project root
    sys.path.insert(0, str(ROOT))

from safeguarding.store import Store  # noqa: E402
# One dashboard server for the browser modules that only look at pages (a fixture defined here is shared across
# modules, where a module's own import would start its own), and Chromium for each browser module.
from browser_support import debian_chromium, server  # noqa: E402, F401 (fixtures)
from dashboard_support import empty_database  # noqa: E402

# The shared store's tests (tests/shared/) need DuckDB 1.5.5 and its postgres extension: scripts/test.sh runs
# them in .venv-shared after this suite, which leaves them out.
collect_ignore = [] if importlib.util.find_spec("duckdb_extension_postgres") else ["shared"]

TODAY = dt.date(2026, 11, 22)
LONG_HEADER = ("Agency", "Quarter", "Measure code", "Value", "Commentary")
POL_CODES = ["POL.DA_INCIDENTS_CHILDREN", "POL.ENCOMPASS", "POL.ENCOMPASS_TIMELY", "POL.PPO",
             "POL.STRATEGY_INVITED", "POL.STRATEGY_ATTENDED"]
Q1, Q2, Q3, Q4 = "2024-25 Q1", "2024-25 Q2", "2024-25 Q3", "2024-25 Q4"
# Plausible POL figures for 2024-25 Q1..Q4 (parts never above their wholes, no sharp changes).
GOOD_POL = {
    "POL.DA_INCIDENTS_CHILDREN": [120, 130, 125, 118],
    "POL.ENCOMPASS": [80, 85, 82, 79],
    "POL.ENCOMPASS_TIMELY": [70, 75, 72, 70],
    "POL.PPO": [12, 14, 13, 11],
    "POL.STRATEGY_INVITED": [200, 210, 205, 198],
    "POL.STRATEGY_ATTENDED": [180, 190, 186, 180],
}


# --------------------------------------------------------------------------------------------- store


@pytest.fixture(scope="session")
def pristine_db(tmp_path_factory) -> Path:
    """A freshly created, empty store file, made once: opening a new store builds every table and loads the
    reference data (a few seconds), so each test copies this file instead of building its own."""
    return empty_database(tmp_path_factory.getbasetemp())


def copy_db(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    return target


@pytest.fixture
def store(tmp_path, pristine_db):
    """A database file of this test's own (tmp_path/t.duckdb), empty of submissions."""
    s = Store(copy_db(pristine_db, tmp_path / "t.duckdb"))
    yield s
    s.close()


def base_tables(store: Store) -> list[str]:
    with store.read() as cur:
        return [r[0] for r in cur.execute(
            "select table_name from information_schema.tables where table_schema='main' "
            "and table_type='BASE TABLE' order by table_name").fetchall()]


def fingerprint(store: Store) -> dict[str, tuple[int, str]]:
    """(row count, md5 of the ordered rows) of every base table in the main schema. Each row is rendered as
    text by DuckDB and the rows are sorted, so any change to any value of any row changes the digest."""
    found = {}
    with store.read() as cur:
        for table in base_tables(store):
            count, digest = cur.execute(
                f'select count(*), md5(coalesce(string_agg(cast(t as varchar), chr(10) '
                f'order by cast(t as varchar)), \'\')) from "{table}" as t').fetchone()
            found[table] = (count, digest)
    return found


def current(store: Store) -> dict[tuple, tuple]:
    """current_values as {(agency, quarter_start, measure): (state, value, submission_id)}."""
    with store.read() as cur:
        rows = cur.execute("select agency, quarter_start, measure, state, value, submission_id "
                           "from current_values").fetchall()
    return {(a, q, m): (s, v, sid) for a, q, m, s, v, sid in rows}


def query(store: Store, sql: str, params=None) -> list[tuple]:
    with store.read() as cur:
        return cur.execute(sql, params or []).fetchall()


# --------------------------------------------------------------------------------------------- layout A


@dataclass
class Template:
    """A layout-A workbook. Labels go in A/B from row 1, then `gap` blank rows, then the header row.

    `header` is the whole header row (None means the standard one built from `quarters`); `rows` are lists
    written from column A (code, label, values..., commentary). `edit(ws)` may tweak the sheet before saving.
    """

    agency: object = "POL"
    quarters: tuple = (Q1,)
    rows: list = field(default_factory=list)
    labels: list | None = None
    gap: int = 1
    commentary: bool = True
    header: list | None = None
    sheet: str = "Return"
    other_sheets: tuple = ()
    formats: dict = field(default_factory=dict)  # cell ref -> number format
    edit: Callable | None = None

    @property
    def label_rows(self) -> list:
        return self.labels if self.labels is not None else [("Agency", self.agency)]

    @property
    def header_row(self) -> int:
        return len(self.label_rows) + self.gap + 1

    @property
    def header_cells(self) -> list:
        if self.header is not None:
            return list(self.header)
        return ["Measure code", "Measure", *self.quarters, *(["Commentary"] if self.commentary else [])]

    def row_of(self, index: int) -> int:
        """Sheet row of rows[index]."""
        return self.header_row + 1 + index

    def ref(self, index: int, quarter_index: int = 0) -> str:
        """Cell reference of rows[index]'s value for quarters[quarter_index]."""
        return f"{get_column_letter(3 + quarter_index)}{self.row_of(index)}"

    def workbook(self) -> openpyxl.Workbook:
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = self.sheet
        for row, pair in enumerate(self.label_rows, start=1):
            for col, value in enumerate(pair, start=1):
                ws.cell(row, col, value)
        for col, value in enumerate(self.header_cells, start=1):
            ws.cell(self.header_row, col, value)
        for index, values in enumerate(self.rows):
            for col, value in enumerate(values, start=1):
                if value is not None:
                    ws.cell(self.row_of(index), col, value)
        for ref, fmt in self.formats.items():
            ws[ref].number_format = fmt
        for name in self.other_sheets:
            book.create_sheet(name)["A1"] = "other"
        if self.edit:
            self.edit(ws)
        return book

    def bytes(self) -> bytes:
        return save(self.workbook())


def save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pol_rows(values: dict[str, object] | None = None, quarters: int = 1, commentary: dict | None = None) -> list:
    """Every POL measure as a template row; `values` gives a value per code (the same in each quarter,
    unless it is a list with one value per quarter)."""
    values = values or {}
    commentary = commentary or {}
    rows = []
    for code in POL_CODES:
        given = values.get(code, 1)
        per_quarter = list(given) if isinstance(given, list) else [given] * quarters
        rows.append([code, code.lower(), *per_quarter, commentary.get(code)])
    return rows


def good_pol_template(**kwargs) -> Template:
    quarters = kwargs.pop("quarters", (Q1, Q2, Q3, Q4))
    values = kwargs.pop("values", {code: GOOD_POL[code][:len(quarters)] for code in POL_CODES})
    return Template(agency="POL", quarters=quarters, rows=pol_rows(values, len(quarters)), **kwargs)


# --------------------------------------------------------------------------------------------- layout B


def long_xlsx(rows: list, header=LONG_HEADER, sheet: str = "Data", formats: dict | None = None,
              edit: Callable | None = None) -> bytes:
    """A layout-B workbook: `header` in row 1 (None: no header), then `rows`; data row i is sheet row i+2."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    if edit:
        edit(ws)
    return save(book)


def long_csv(rows: list, header=LONG_HEADER, encoding: str = "utf-8") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


# --------------------------------------------------------------------------------------------- zip surgery


def rezip(data: bytes, edit: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None,
          compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The same workbook with every part passed through `edit(name, content)` (None drops the part)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for info in source.infolist():
            content = edit(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def edit_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    return rezip(data, lambda name, content: change(content) if name == part else content)


def sheet_part(data: bytes, index: int = 1) -> str:
    return f"xl/worksheets/sheet{index}.xml"


def part_text(data: bytes, part: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(part)


def set_cached_value(data: bytes, ref: str, cached: str, cell_type: str | None = None) -> bytes:
    """Give the formula in `ref` a cached value, as a calculating program would have saved it."""
    def change(xml: bytes) -> bytes:
        pattern = re.compile(rb'<c r="' + ref.encode() + rb'"([^>]*)>(<f>.*?</f>)<v\s*/?>(?:</v>)?</c>')
        type_attr = f' t="{cell_type}"'.encode() if cell_type else b""

        def fill(match):
            attrs = re.sub(rb'\s+t="[^"]*"', b"", match.group(1))
            return b'<c r="' + ref.encode() + b'"' + attrs + type_attr + b">" + match.group(2) + \
                b"<v>" + cached.encode() + b"</v></c>"
        new, count = pattern.subn(fill, xml)
        assert count == 1, f"formula cell {ref} not found"
        return new
    return edit_part(data, sheet_part(data), change)


def strip_cached_values(data: bytes) -> bytes:
    """Remove every formula's cached `<v>` (what a program that does not calculate saves)."""
    def change(xml: bytes) -> bytes:
        new, count = re.subn(rb"(</f>)<v>[^<]*</v>", rb"\1", xml)
        assert count, "no formula with a cached value found"
        return new
    return edit_part(data, sheet_part(data), change)


# --------------------------------------------------------------------------------------------- values


def _plain_value(value):
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def plain_rows(parsed) -> list[tuple]:
    """parsed.rows as plain Python values: (agency, quarter_start date, measure, state, value int|None,
    commentary str|None, source_cell), whatever container the reader used internally."""
    out = []
    for agency, start, measure, state, value, commentary, cell in parsed.rows:
        if isinstance(start, dt.datetime):
            start = start.date()
        value = _plain_value(value)
        commentary = _plain_value(commentary)
        out.append((str(agency), start, str(measure), str(state), None if value is None else int(value),
                    None if commentary is None else str(commentary), str(cell)))
    return out


# --------------------------------------------------------------------------------------------- problems


def problem_at(problems, cell: str, sheet: str | None = None):
    """The one problem naming `cell` (and `sheet`); fails with every problem listed otherwise."""
    found = [p for p in problems if p.cell == cell and (sheet is None or p.sheet == sheet)]
    assert found, f"no problem at {sheet}!{cell}; problems: {[str(p) for p in problems]}"
    return found[0]


def assert_cell_problem(problem, file: str, sheet: str, cell: str, measure: str | None = None,
                        found: str | None = None) -> None:
    """A problem names the file, the sheet, the cell, the measure, the value found, and has a fix."""
    assert problem.message.strip(), problem
    assert problem.fix and problem.fix.strip(), f"no fix: {problem}"
    assert problem.file == file, problem
    assert problem.sheet == sheet, problem
    assert problem.cell == cell, problem
    text = str(problem)
    assert file in text and f"{sheet}!{cell}" in text, text
    if measure is not None:
        assert problem.measure == measure, f"measure not named: {problem}"
        assert measure in text
    if found is not None:
        assert problem.found is not None and problem.found.strip().lower() == found.strip().lower(), \
            f"found {problem.found!r}, expected {found!r}: {problem}"
