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
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3}\d{1,7})"')
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
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnsafeFile("The workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes; "
                                 "it is refused for safety.", "Open it in Excel and save it again.")
    return archive


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


def scan_sheet(archive: zipfile.ZipFile, part: str) -> tuple[list[str], dict[str, str]]:
    """One pass over a sheet's XML: formula cells saved without a result, and Excel error cells by reference."""
    try:
        data = archive.read(part)
    except KeyError:
        return [], {}
    no_value = []
    for match in _FORMULA_NO_VALUE.finditer(data):
        start = data.rfind(b"<c ", 0, match.start())
        ref = _CELL_REF.search(data, start, match.start()) if start >= 0 else None
        if ref:
            no_value.append(ref.group(1).decode())
    errors = {}
    if b't="e"' in data:
        for match in _ERROR_CELL.finditer(data):
            ref = _CELL_REF.search(match.group(0))
            if ref:
                errors[ref.group(1).decode()] = match.group(1).decode(errors="replace")
    return no_value, errors
