"""One streamed pass over a worksheet's XML before any parser opens it: the sheet's size and every cell's position
within bounds, and what calamine cannot report (formulas saved without a result, error cells, percentage formats)."""

from __future__ import annotations

import re

from openpyxl.utils import column_index_from_string, get_column_letter

from safeguarding.safety import UnsafeFile

# A return never comes near Excel's own limits (1,048,576 rows, 16,384 columns); a parser sizes its grid by the
# farthest cell, so one cell far out costs gigabytes. These bounds fit the largest history file with room to spare.
MAX_ROWS = 500_000
MAX_COLUMNS = 200  # column GR
MAX_CELLS = 1_500_000  # what the reading process's memory limit holds comfortably (a 200,000-row file has 800,000)
_CARRY = 64 * 1024  # a cell split between two chunks is read again whole from the next

# A cell or row position written the usual way (r="XFD1048576") that may be out of bounds: three letters, two beyond
# GR, or a row of seven digits or of six from 500000 up. Starting with a literal keeps the search at memchr speed.
_FAR = re.compile(rb'r="(?<=\sr=")((?:[A-Za-z]{3}|[H-Zh-z][A-Za-z]|[Gg][S-Zs-z])[A-Za-z]*\d*|[A-Za-z]{0,2}'
                  rb'(?:\d{7,}|[5-9]\d{5}))"')
# The attribute in single quotes, checked only where a single quote occurs (a byte search, as fast as memchr).
# Other spellings no writer uses (spaces around '=') are left to the reading process's memory limit.
_ODD = re.compile(rb"""(?<=\s)r\s*=\s*'([A-Za-z]*\d*)'""")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_REF = re.compile(r"([A-Za-z]*)(\d*)")

# A formula cell closed without a cached value: `<f>..</f></c>`, `<f/></c>`, or an empty `<v/>`.
_FORMULA_NO_VALUE = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_FORMULA_TEXT = re.compile(rb"<f\b[^>]*>([^<]*)</f>")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3}\d{1,7})"')
_STRING_TYPE = re.compile(rb'\bt="str"')
_ERROR_CELL = re.compile(rb'<c\b[^>]*\bt="e"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)

BOUNDS_FIX = ("Delete the rows and columns beyond the table (select them, right-click, Delete), save the workbook "
              "and load it again.")


def beyond(ref: str) -> bool:
    """Whether a cell position ('XFD1048576', or a row number alone) lies outside the bounds."""
    letters, digits = _REF.fullmatch(ref).groups() if _REF.fullmatch(ref) else ("", "")
    if digits and (len(digits) > 7 or int(digits) > MAX_ROWS):
        return True
    return bool(letters) and (len(letters) > 3 or column_index_from_string(letters.upper()) > MAX_COLUMNS)


class StringCount:
    """Fed the shared-strings part a chunk at a time; refuses more strings than a sheet may have cells."""

    def __init__(self):
        self.strings = 0

    def __call__(self, chunk: bytes) -> None:
        self.strings += chunk.count(b"<si>") + chunk.count(b"<si ")
        if self.strings > MAX_CELLS:
            raise UnsafeFile(f"The workbook holds more than {MAX_CELLS:,} pieces of text, more than any return.",
                             "Remove everything but the return's table (or split the data), save it and load it "
                             "again.")


class SheetScan:
    """Fed a worksheet's XML a chunk at a time; raises UnsafeFile at the first position out of bounds. With
    `findings`, also collects formulas without a result, error cells and percentage-formatted cells."""

    def __init__(self, sheet: str, findings: bool = False, percent_styles: list[str] | None = None):
        self.sheet, self.findings = sheet, findings
        self.no_value: dict[str, str] = {}
        self.errors: dict[str, str] = {}
        self.percent: set[str] = set()
        self.cells = self.rows = 0
        self._carry = b""
        self._dimension_seen = False
        self._percent = re.compile(rb'<c r="([A-Z]{1,3}\d{1,7})"[^>]*?\bs="(?:' + "|".join(percent_styles).encode()
                                   + rb')"') if findings and percent_styles else None

    def __call__(self, chunk: bytes) -> None:
        self.cells += chunk.count(b"<c")  # '<col' and '<cfRule' count too: a few, on the safe side
        self.rows += chunk.count(b"<row")
        if self.cells > MAX_CELLS or self.rows > MAX_ROWS:
            raise UnsafeFile(f"The sheet has more than {min(self.cells, MAX_CELLS):,} cells or "
                             f"{MAX_ROWS:,} rows, more than any return holds.",
                             "Split the data into smaller workbooks and load each.", sheet=self.sheet)
        region = self._carry + chunk
        self._bounds(region)
        if self.findings:
            self._scan(region)
        start = region.rfind(b"<c", max(0, len(region) - _CARRY))
        self._carry = region[start:] if start >= 0 else region[-64:]

    def dimension(self, head: bytes) -> None:
        """Refuse the sheet if its recorded size (the <dimension> near its start) reaches beyond the bounds."""
        dimension = _DIMENSION.search(head)
        if dimension:
            self._dimension_seen = True
            for corner in dimension.group(1).decode("ascii", "replace").replace("$", "").split(":"):
                self._refuse_if_beyond(corner, "The sheet's recorded size reaches")
        elif b"sheetData" in head:
            self._dimension_seen = True

    def _bounds(self, region: bytes) -> None:
        if not self._dimension_seen:
            self.dimension(region)
        far = _FAR.search(region)
        while far:
            self._refuse_if_beyond(far.group(1).decode("ascii"), "The sheet has a cell at")
            far = _FAR.search(region, far.end())
        if b"'" in region:
            for odd in _ODD.finditer(region):
                self._refuse_if_beyond(odd.group(1).decode("ascii"), "The sheet has a cell at")

    def _refuse_if_beyond(self, ref: str, what: str) -> None:
        if ref and beyond(ref):
            shown = ref.upper() if len(ref) <= 20 else ref[:20].upper() + "..."
            raise UnsafeFile(f"{what} {shown}, beyond what a return can use ({MAX_ROWS:,} rows and "
                             f"{MAX_COLUMNS} columns, up to column {get_column_letter(MAX_COLUMNS)}).",
                             BOUNDS_FIX, cell=shown, sheet=self.sheet)

    def _scan(self, data: bytes) -> None:
        if b"<f" in data:
            self._formulas(data)
        if b't="e"' in data:
            for match in _ERROR_CELL.finditer(data):
                ref = _CELL_REF.search(match.group(0))
                if ref:
                    self.errors[ref.group(1).decode()] = match.group(1).decode(errors="replace")
        if self._percent is not None:
            self.percent.update(match.group(1).decode() for match in self._percent.finditer(data))

    def _formulas(self, data: bytes) -> None:
        for match in _FORMULA_NO_VALUE.finditer(data):
            start = data.rfind(b"<c ", 0, match.start())
            if start < 0:
                continue
            tag = data[start:data.find(b">", start) + 1]
            ref = _CELL_REF.search(tag)
            if not ref or (_STRING_TYPE.search(tag) and b"<v" in data[start:match.end()]):
                continue  # t="str" with an empty <v>: a formula whose result is the empty string
            formula = _FORMULA_TEXT.search(data, start, match.end())
            text = formula.group(1).decode(errors="replace") if formula else ""
            self.no_value[ref.group(1).decode()] = "=" + text.replace("&quot;", '"').replace("&amp;", "&").replace(
                "&lt;", "<").replace("&gt;", ">")
