"""Checks on a workbook before any parser sees it: size, zip structure, real (not declared) inflation, XML
entities, and which sheets it has."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from defusedxml import ElementTree

MAX_FILE_BYTES = 50 * 1024 * 1024          # what an upload may weigh
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # what its parts may inflate to (a 500,000-row long sheet is ~110 MB)
MAX_SMALL_PART_BYTES = 16 * 1024 * 1024    # workbook.xml, its relationships and styles: a few KB in real files
MAX_RATIO = 200                            # inflation of any one part (zip bombs go far beyond)
MAX_PARTS = 2_000
CHUNK = 1024 * 1024                        # parts are inflated a megabyte at a time, never whole

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_PROLOG_LIMIT = 1024 * 1024  # Excel's prologs are a line long; a megabyte of them is not a spreadsheet
RESAVE = "Open it in Excel and save it again."


class UnsafeFile(Exception):
    """The file is refused before parsing; the message says why and what to do."""

    def __init__(self, message: str, fix: str, cell: str | None = None, sheet: str | None = None):
        super().__init__(message)
        self.fix, self.cell, self.sheet = fix, cell, sheet


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str  # path inside the zip, e.g. xl/worksheets/sheet1.xml
    state: str = "visible"  # visible | hidden | veryHidden

    @property
    def visible(self) -> bool:
        return self.state == "visible"


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnsafeFile(f"The file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB.",
                         "Split the data into smaller workbooks (for example one per year) and load each.")


def open_xlsx(data: bytes) -> zipfile.ZipFile:
    """The workbook's zip, after checking it is one and that its declared sizes are sane (the real sizes are
    counted later, as each part is inflated)."""
    check_size(len(data))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnsafeFile("The file is not an Excel workbook (.xlsx): it is damaged or of another type.",
                         "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeFile(f"The workbook is damaged ({exc}).", RESAVE) from exc
    if len(infos) > MAX_PARTS:
        raise UnsafeFile("The workbook has an unusual number of internal parts.", "Save it again from Excel.")
    _within_limit(sum(info.file_size for info in infos))
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10_000_000:
            raise UnsafeFile("The workbook is compressed in a way real spreadsheets never are (a 'zip bomb').",
                             "Send the workbook as saved by Excel.")
    if "xl/workbook.xml" not in archive.namelist():
        raise UnsafeFile("The file is a zip archive but not an Excel workbook.",
                         "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.")
    return archive


def _within_limit(total: int) -> None:
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFile(f"The workbook expands to more than {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB in memory, "
                         "the limit.", "Split the data into smaller workbooks and load each.")


def stream_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """A part's inflated bytes, a megabyte at a time, counted as they come: the zip's own record of the size is
    never trusted, and more than `limit` bytes (or a size other than the recorded one) refuses the file."""
    raw = _compressed(archive, info)
    if info.compress_type == zipfile.ZIP_STORED:
        pieces: Iterator[bytes] = (raw[i:i + CHUNK] for i in range(0, len(raw), CHUNK))
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        pieces = _inflate(raw, limit)
    else:
        raise UnsafeFile(f"The workbook's part {info.filename} is compressed in a way Excel never uses.", RESAVE)
    count, crc = 0, 0
    for piece in pieces:
        count += len(piece)
        if count > limit or count > info.file_size:
            raise UnsafeFile(f"The workbook's part {info.filename} inflates beyond the size its zip index records "
                             "(or beyond the limit): the file is damaged or built to mislead.",
                             "Send the workbook as saved by Excel.")
        crc = zlib.crc32(piece, crc)
        yield piece
    if count != info.file_size or crc != info.CRC:
        raise UnsafeFile(f"The workbook's part {info.filename} is damaged (its size or checksum is wrong).", RESAVE)


def _compressed(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The part's compressed bytes, found through its local header."""
    handle = archive.fp
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise UnsafeFile("The workbook is damaged (a part's header is missing).", RESAVE)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    raw = handle.read(info.compress_size)
    if len(raw) != info.compress_size:
        raise UnsafeFile("The workbook is damaged (it ends inside a part).", RESAVE)
    return raw


def _inflate(raw: bytes, limit: int) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-15)
    try:
        for start in range(0, len(raw), 64 * 1024):
            data = raw[start:start + 64 * 1024]
            while data:
                piece = inflater.decompress(data, CHUNK)
                yield piece
                data = inflater.unconsumed_tail
        while not inflater.eof and (piece := inflater.decompress(b"", CHUNK)):
            yield piece
    except zlib.error as exc:
        raise UnsafeFile(f"The workbook is damaged ({exc}).", RESAVE) from exc


def read_part(archive: zipfile.ZipFile, part: str, limit: int = MAX_SMALL_PART_BYTES) -> bytes:
    """A small part's bytes, inflated under `limit`."""
    try:
        info = archive.getinfo(part)
    except KeyError as exc:
        raise UnsafeFile(f"The workbook lacks its part {part}.", RESAVE) from exc
    return b"".join(stream_part(archive, info, limit))


def head_of(archive: zipfile.ZipFile, part: str) -> bytes:
    """The first megabyte (or less) of a part, inflated under the same counting as the whole."""
    return next(stream_part(archive, archive.getinfo(part), MAX_UNCOMPRESSED_BYTES), b"")


def read_xml(archive: zipfile.ZipFile, part: str):
    """Parse one small XML part with entity expansion refused."""
    data = read_part(archive, part)
    try:
        return ElementTree.fromstring(data)
    except Exception as exc:  # defusedxml raises several types for hostile or broken XML
        raise UnsafeFile(f"The workbook's part {part} is not valid XML ({type(exc).__name__}).", RESAVE) from exc


def sheets(archive: zipfile.ZipFile) -> list[SheetPart]:
    """The workbook's sheets in tab order, with the zip part holding each and whether it is hidden."""
    book = read_xml(archive, "xl/workbook.xml")
    rels = read_xml(archive, "xl/_rels/workbook.xml.rels")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)}
    found = []
    for sheet in book.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        found.append(SheetPart(sheet.get("name", ""), part, sheet.get("state") or "visible"))
    return found


def percent_styles(archive: zipfile.ZipFile) -> list[str]:
    """The cell style indexes whose number format is a percentage (calamine does not report formats)."""
    if "xl/styles.xml" not in archive.namelist():
        return []
    try:
        styles = read_xml(archive, "xl/styles.xml")
    except UnsafeFile:
        return []
    formats = {fmt.get("numFmtId") for fmt in styles.findall("m:numFmts/m:numFmt", _NS)
               if "%" in (fmt.get("formatCode") or "")} | {"9", "10"}
    return [str(i) for i, xf in enumerate(styles.findall("m:cellXfs/m:xf", _NS)) if xf.get("numFmtId") in formats]


def check_parts(archive: zipfile.ZipFile, readers: dict[str, Callable[[bytes], None]]) -> None:
    """Inflate every part once, counting: refuse a DOCTYPE/ENTITY declaration, a part larger than its index says,
    and a total past the limit; hand each chunk of the parts in `readers` to its reader as it comes."""
    total = 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        reader = readers.get(info.filename)
        prolog: bytes | None = b"" if info.filename.endswith((".xml", ".rels")) else None
        for chunk in stream_part(archive, info, MAX_UNCOMPRESSED_BYTES - total):
            total += len(chunk)
            if prolog is not None:
                prolog = _prolog_checked(prolog + chunk)
            if reader:
                reader(chunk)
        _within_limit(total)


def _prolog_checked(prolog: bytes) -> bytes | None:
    """None once a part's prolog (everything before its root element, comments included) is known to be free of
    DOCTYPE/ENTITY declarations; the bytes so far while it is not yet known."""
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise UnsafeFile("The workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes; "
                         "it is refused for safety.", RESAVE)
    rest = re.sub(rb"<!--.*?-->|<\?.*?\?>", b"", prolog, flags=re.DOTALL)
    if re.search(rb"<[A-Za-z_]", rest):
        return None
    if len(prolog) > _PROLOG_LIMIT:
        raise UnsafeFile("The workbook contains an XML part that never starts (over a megabyte of preamble).",
                         RESAVE)
    return prolog
