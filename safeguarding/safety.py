"""Checks on a workbook file before any parser sees it: size, zip structure, XML entities, formulas."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from defusedxml import ElementTree

MAX_FILE_BYTES = 50 * 1024 * 1024          # what an upload may weigh
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # what its parts may inflate to
MAX_RATIO = 200                            # inflation of any one part (zip bombs go far beyond)
MAX_PARTS = 2_000

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
# A formula cell closed without a cached value: `<f>..</f></c>`, `<f/></c>`, or an empty `<v/>`.
_FORMULA_NO_VALUE = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_FORMULA_TEXT = re.compile(rb"<f\b[^>]*>([^<]*)</f>")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3}\d{1,7})"')
_STRING_TYPE = re.compile(rb'\bt="str"')
_PROLOG_CHUNK = 65536
_PROLOG_LIMIT = 1024 * 1024  # Excel's prologs are a line long; a megabyte of them is not a spreadsheet
_ERROR_CELL = re.compile(rb'<c\b[^>]*\bt="e"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)


class UnsafeFile(Exception):
    """The file is refused before parsing; the message says why and what to do."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str  # path inside the zip, e.g. xl/worksheets/sheet1.xml


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnsafeFile(f"The file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB.",
                         "Split the data into smaller workbooks (for example one per year) and load each.")


def open_xlsx(data: bytes) -> zipfile.ZipFile:
    """The workbook's zip, after checking it is one and that it does not inflate dangerously."""
    import io

    check_size(len(data))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnsafeFile("The file is not an Excel workbook (.xlsx): it is damaged or of another type.",
                         "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeFile(f"The workbook is damaged ({exc}).", "Open it in Excel and save it again.") from exc
    if len(infos) > MAX_PARTS:
        raise UnsafeFile("The workbook has an unusual number of internal parts.", "Save it again from Excel.")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFile(f"The workbook would expand to {total / 1024 / 1024:.0f} MB in memory; the limit is "
                         f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB.",
                         "Split the data into smaller workbooks and load each.")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10_000_000:
            raise UnsafeFile("The workbook is compressed in a way real spreadsheets never are (a 'zip bomb').",
                             "Send the workbook as saved by Excel.")
    if "xl/workbook.xml" not in archive.namelist():
        raise UnsafeFile("The file is a zip archive but not an Excel workbook.",
                         "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, info):
            raise UnsafeFile("The workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes; "
                             "it is refused for safety.", "Open it in Excel and save it again.")
    return archive


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part's prolog (everything before its root element, comments included) has a DOCTYPE."""
    prolog = b""
    with archive.open(info) as part:
        while chunk := part.read(_PROLOG_CHUNK):
            prolog += chunk
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                return True
            # Drop complete comments and processing instructions; the root element ends the prolog.
            rest = re.sub(rb"<!--.*?-->|<\?.*?\?>", b"", prolog, flags=re.DOTALL)
            if re.search(rb"<[A-Za-z_]", rest):
                return False
            if len(prolog) > _PROLOG_LIMIT:
                return True
    return False


def read_xml(archive: zipfile.ZipFile, part: str):
    """Parse one XML part with entity expansion refused."""
    try:
        return ElementTree.fromstring(archive.read(part))
    except KeyError as exc:
        raise UnsafeFile(f"The workbook lacks its part {part}.", "Open it in Excel and save it again.") from exc
    except Exception as exc:  # defusedxml raises several types for hostile or broken XML
        raise UnsafeFile(f"The workbook's part {part} is not valid XML ({type(exc).__name__}).",
                         "Open it in Excel and save it again.") from exc


def sheets(archive: zipfile.ZipFile) -> list[SheetPart]:
    """The workbook's sheets in tab order, with the zip part holding each."""
    book = read_xml(archive, "xl/workbook.xml")
    rels = read_xml(archive, "xl/_rels/workbook.xml.rels")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)}
    found = []
    for sheet in book.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        found.append(SheetPart(sheet.get("name", ""), part))
    return found


def scan_sheet(archive: zipfile.ZipFile, part: str) -> tuple[dict[str, str], dict[str, str]]:
    """One pass over a sheet's XML: formulas saved without a result (by cell, with the formula), and
    Excel error cells (by cell, with the error)."""
    try:
        data = archive.read(part)
    except KeyError:
        return {}, {}
    no_value = {}
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
        no_value[ref.group(1).decode()] = "=" + text.replace("&quot;", '"').replace("&amp;", "&").replace(
            "&lt;", "<").replace("&gt;", ">")
    errors = {}
    if b't="e"' in data:
        for match in _ERROR_CELL.finditer(data):
            ref = _CELL_REF.search(match.group(0))
            if ref:
                errors[ref.group(1).decode()] = match.group(1).decode(errors="replace")
    return no_value, errors


def percent_cells(archive: zipfile.ZipFile, part: str) -> set[str]:
    """Cells styled with a percentage number format (calamine does not report formats)."""
    try:
        styles = read_xml(archive, "xl/styles.xml")
    except UnsafeFile:
        return set()
    formats = {fmt.get("numFmtId") for fmt in styles.findall("m:numFmts/m:numFmt", _NS)
               if "%" in (fmt.get("formatCode") or "")} | {"9", "10"}
    xfs = styles.findall("m:cellXfs/m:xf", _NS)
    percent = [str(i) for i, xf in enumerate(xfs) if xf.get("numFmtId") in formats]
    if not percent:
        return set()
    pattern = re.compile(rb'<c r="([A-Z]{1,3}\d{1,7})"[^>]*?\bs="(?:' + "|".join(percent).encode() + rb')"')
    return {match.group(1).decode() for match in pattern.finditer(archive.read(part))}
