"""A generated corpus of malformed returns. Each is loaded into a store that already holds a good submission:
it must be rejected with a message naming the file (and the cell, where a cell is at fault), and the database
must be exactly as before (every base table, audit_log included)."""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from conftest import (
    GOOD_POL, POL_CODES, Q1, Q2, ROOT, TODAY, Template, copy_db, edit_part, fingerprint, good_pol_template,
    long_csv, long_xlsx, pol_rows, rezip, strip_cached_values,
)

from safeguarding import safety, sandbox
from safeguarding.loading import load_bytes
from safeguarding.periods import Quarter
from safeguarding.store import Store
from safeguarding.workbooks import read_return

PYTHON = str(ROOT / ".venv" / "bin" / "python")
LAUGH = "LAUGH_HERE"  # a text cell the DOCTYPE injections turn into an entity reference


# ============================================================ building blocks


def good_template() -> bytes:
    return good_pol_template(quarters=(Q1, Q2)).bytes()


def good_long() -> bytes:
    return long_xlsx([["POL", Q1, code, GOOD_POL[code][0], LAUGH if code == "POL.PPO" else None]
                      for code in POL_CODES])


def template_with(value, fmt: str | None = None) -> Template:
    """A good two-quarter POL template with POL.PPO's Q2 cell (D8) replaced by `value`."""
    values = {code: GOOD_POL[code][:2] for code in POL_CODES}
    values["POL.PPO"] = [GOOD_POL["POL.PPO"][0], value]
    book = good_pol_template(quarters=(Q1, Q2), values=values)
    assert book.ref(3, 1) == "D7"
    if fmt:
        book.formats = {"D7": fmt}
    return book


def long_with(value, fmt: str | None = None) -> bytes:
    rows = [["POL", Q1, code, GOOD_POL[code][0]] for code in POL_CODES]
    rows[3][3] = value  # POL.PPO: sheet row 5, cell D5
    return long_xlsx(rows, formats={"D5": fmt} if fmt else None)


def long_csv_with(rows_edit) -> bytes:
    rows = [["POL", Q1, code, GOOD_POL[code][0]] for code in POL_CODES]
    rows_edit(rows)
    return long_csv(rows)


def laughs(depth: int = 3) -> bytes:
    """A billion-laughs DTD, kept shallow (10**depth characters) so no parser can be hurt by the test."""
    lines = [b'<!ENTITY lol0 "lol">']
    for level in range(1, depth + 1):
        lines.append(b"<!ENTITY lol%d \"" % level + (b"&lol%d;" % (level - 1)) * 10 + b'">')
    return b"<!DOCTYPE lolz [" + b"".join(lines) + b"]>"


def inject_doctype(data: bytes, part: str, pad: int = 0, depth: int = 3) -> bytes:
    """`part` with a DOCTYPE (after `pad` bytes of comment) and the LAUGH text turned into an entity reference."""
    def change(xml: bytes) -> bytes:
        decl = re.match(rb"<\?xml[^>]*\?>\s*", xml)
        body = xml[decl.end():] if decl else xml
        head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        comment = b"<!--" + b" padding" * (pad // 8) + b"-->\n" if pad else b""
        body = body.replace(LAUGH.encode(), b"&lol%d;" % depth)
        return head + comment + laughs(depth) + b"\n" + body
    return edit_part(data, part, change)


def xlsxwriter_template(laugh_cell: bool = True) -> bytes:
    """A template saved by xlsxwriter (strings in xl/sharedStrings.xml)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Return")
    sheet.write_row(0, 0, ["Agency", "POL"])
    sheet.write_row(2, 0, ["Measure code", "Measure", Q1, "Commentary"])
    for row, code in enumerate(POL_CODES, start=3):
        sheet.write_row(row, 0, [code, code.lower(), GOOD_POL[code][0], LAUGH if laugh_cell and row == 3 else ""])
    book.close()
    return buffer.getvalue()


def zip_of(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A real workbook plus one part that inflates from ~12 KB to 12 MB (ratio ~1000). safety.open_xlsx
    refuses on the declared sizes (ratio > MAX_RATIO and > 10 MB), before anything is inflated."""
    bomb = zipfile.ZipInfo("xl/media/image1.png")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    out = io.BytesIO(good_template())
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(bomb, b"\0" * (12 * 1024 * 1024), compresslevel=9)
    return out.getvalue()


def zip_bomb_sheet() -> bytes:
    """The sheet XML itself padded with 12 MB of spaces before its root closes."""
    return edit_part(good_template(), "xl/worksheets/sheet1.xml",
                     lambda xml: xml.replace(b"</worksheet>", b" " * (12 * 1024 * 1024) + b"</worksheet>"))


def over_size_xlsx() -> bytes:
    """Just over safety.MAX_FILE_BYTES. The padding is a *stored* (uncompressed) part, so the bytes really are
    that large without any monkeypatching of the limit; it is zeros, so building it costs ~0.1 s."""
    padding = zipfile.ZipInfo("xl/media/padding.bin")
    padding.compress_type = zipfile.ZIP_STORED
    out = io.BytesIO(good_template())
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(padding, b"\0" * (safety.MAX_FILE_BYTES - len(out.getvalue()) + 1024))
    data = out.getvalue()
    assert safety.MAX_FILE_BYTES < len(data) < safety.MAX_FILE_BYTES + 64 * 1024
    assert zipfile.is_zipfile(io.BytesIO(data))
    return data


def over_size_csv() -> bytes:
    head = long_csv([["POL", Q1, "POL.PPO", 5]])
    line = b"POL,2024-25 Q1,#padding,0\r\n"  # '#' rows are skipped: only the size is wrong
    data = head + line * ((safety.MAX_FILE_BYTES - len(head)) // len(line) + 2)
    assert len(data) > safety.MAX_FILE_BYTES
    return data


def truncated_xml(part: str, data: bytes) -> bytes:
    return edit_part(data, part, lambda xml: xml[: len(xml) - 40])


def huge_template() -> bytes:
    rng = random.Random(42)
    rows = [[rng.choice(POL_CODES), "x", rng.randint(0, 500)] for _ in range(5_000)]
    return Template(rows=rows, commentary=False).bytes()


def many_good_rows_one_bad_csv() -> tuple[bytes, str]:
    rng = random.Random(42)
    quarters = [Quarter.of(year, n) for year in range(2000, 2021) for n in (1, 2, 3, 4)]
    rows = [["POL", q.label, code, rng.randint(0, 400)] for q in quarters for code in POL_CODES]
    bad = rng.randrange(len(rows))
    rows[bad][3] = "12.5"
    return long_csv(rows), f"D{bad + 2}"


BIG_CSV, BIG_CSV_CELL = None, None


def big_csv() -> bytes:
    global BIG_CSV, BIG_CSV_CELL
    if BIG_CSV is None:
        BIG_CSV, BIG_CSV_CELL = many_good_rows_one_bad_csv()
    return BIG_CSV


def merged(ws):
    ws.merge_cells("C5:D5")


def merged_header(ws):
    ws.merge_cells("C3:D3")


def no_rows_template() -> bytes:
    return Template(rows=[]).bytes()


def comment_rows_only() -> bytes:
    return Template(rows=[["# POL.PPO", "commented", 4], [None, "no code", 5]]).bytes()


def formula_no_cache_template() -> bytes:
    return template_with("=SUM(1,2)").bytes()


def formula_no_cache_long() -> bytes:
    return long_with("=SUM(1,2)")


def xlsxwriter_formula_stripped() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Return")
    sheet.write_row(0, 0, ["Agency", "POL"])
    sheet.write_row(2, 0, ["Measure code", "Measure", Q1])
    sheet.write_row(3, 0, ["POL.PPO", "x"])
    sheet.write_formula("C4", "=3+4", None, 7)
    book.close()
    return strip_cached_values(buffer.getvalue())


def docx_like() -> bytes:
    return zip_of({"[Content_Types].xml": b'<?xml version="1.0"?><Types/>', "word/document.xml": b"<w:document/>"})


def drop_part(data: bytes, part: str) -> bytes:
    return rezip(data, lambda name, content: None if name == part else content)


# ============================================================ hostile and wrong-kind files the corpus adds


def far_corner(ws):
    ws["XFD1048576"] = 1  # the one cell that made the parser ask for ~550 GB


def far_corner_xlsx() -> bytes:
    """A good long workbook plus one cell at Excel's far corner, saved by openpyxl (dimension A1:XFD1048576)."""
    return long_xlsx([["POL", Q1, code, GOOD_POL[code][0]] for code in POL_CODES], edit=far_corner)


def sheet_xml(cells: str, dimension: str = "A1:D2", quote: str = '"') -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
            f"<dimension ref={quote}{dimension}{quote}/><sheetData>{cells}</sheetData></worksheet>").encode()


def hand_made(sheet: bytes, shared: bytes | None = None) -> bytes:
    """A minimal workbook written part by part with zipfile: one sheet 'Data' holding `sheet`."""
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    return zip_of(parts)


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER_CELLS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Agency</t></is></c><c r="B1" t="inlineStr"><is><t>Quarter'
                '</t></is></c><c r="C1" t="inlineStr"><is><t>Measure code</t></is></c><c r="D1" t="inlineStr"><is><t>'
                'Value</t></is></c></row>')


def far_cell(ref: str, dimension: str = "A1:D2", quote: str = '"', spaces: str = "") -> bytes:
    """Hand-made: a header row and one cell at `ref`, the dimension saying `dimension` (it may lie)."""
    cell = f"<c r{spaces}={spaces}{quote}{ref}{quote}><v>1</v></c>"
    return hand_made(sheet_xml(HEADER_CELLS + f'<row r="2">{cell}</row>', dimension, quote))


def many_cells_xlsx() -> bytes:
    """Two megabytes that inflate to ~190 MB: a sheet of millions of tiny cells, streamed into the zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        base = zipfile.ZipFile(io.BytesIO(hand_made(sheet_xml(HEADER_CELLS))))
        for name in base.namelist():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, base.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(sheet_xml("").split(b"<sheetData>")[0] + b"<sheetData>")
            row = b'<row r="2">' + b"".join(b'<c r="%s2"><v>1</v></c>' % letter for letter in (b"A", b"B", b"C", b"D"))
            block = (row + b"</row>") * 10_000
            for _ in range(190 * 1024 * 1024 // len(block)):
                part.write(block)
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def many_strings_xlsx() -> bytes:
    """A shared-strings part of ~150 MB (millions of strings) behind a tiny sheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        base = zipfile.ZipFile(io.BytesIO(hand_made(sheet_xml(HEADER_CELLS))))
        for name in base.namelist():
            archive.writestr(name, base.read(name))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">'.encode())
            block = b"<si><t>x</t></si>" * 100_000
            for _ in range(150 * 1024 * 1024 // len(block)):
                part.write(block)
            part.write(b"</sst>")
    return out.getvalue()


def lying_sizes(data: bytes, part: str = "xl/worksheets/sheet1.xml", size: int = 200) -> bytes:
    """The zip with `part`'s uncompressed size under-stated in its local header and central directory."""
    data = bytearray(data)
    name = part.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory entries
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if bytes(data[at + 46:at + 46 + length]) == name:
            data[at + 24:at + 28] = size.to_bytes(4, "little")
            local = int.from_bytes(data[at + 42:at + 46], "little")
            data[local + 22:local + 26] = size.to_bytes(4, "little")
        at += 4
    return bytes(data)


def encrypted_xlsx() -> bytes:
    """The good template encrypted with a password by msoffcrypto-tool (Excel's own agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(good_template())).encrypt("secret", out)
    return out.getvalue()


def xls_workbook() -> bytes:
    """The long layout saved as an Excel 97-2003 .xls by xlwt."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for r, row in enumerate([["Agency", "Quarter", "Measure code", "Value"], ["POL", Q1, "POL.PPO", 5]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_workbook() -> bytes:
    """The long layout saved as OpenDocument by pandas with odfpy."""
    import pandas as pd

    out = io.BytesIO()
    pd.DataFrame([["POL", Q1, "POL.PPO", 5]], columns=["Agency", "Quarter", "Measure code", "Value"]).to_excel(
        out, sheet_name="Data", index=False, engine="odf")
    return out.getvalue()


def xlsm_workbook() -> bytes:
    """The good long workbook marked macro-enabled, with a VBA project part, as Excel saves an .xlsm."""
    def change(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return content.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
        return content
    return rezip(good_long(), change, extra={"xl/vbaProject.bin": random.Random(42).randbytes(2048)})


def sheets_book(sheets: list[tuple[str, str, str]]) -> bytes:
    """A workbook of several sheets: (name, 'template'|'long'|'notes', state) each, written by openpyxl."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, kind, state in sheets:
        ws = book.create_sheet(name)
        if kind == "template":
            source = openpyxl.load_workbook(io.BytesIO(good_template())).active
            for row in source.iter_rows(values_only=True):
                ws.append(list(row))
        elif kind == "long":
            ws.append(["Agency", "Quarter", "Measure code", "Value"])
            for code in POL_CODES:
                ws.append(["POL", Q1, code, GOOD_POL[code][0] + 1000])
        else:
            ws.append(["Notes"])
        ws.sheet_state = state
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(text: str, encoding: str = "utf-8") -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


GOOD_CSV_ROWS = "".join(f"POL,{Q1},{code},{GOOD_POL[code][0]}\n" for code in POL_CODES)


# ============================================================ the corpus: (file name, builder, cell at fault or None)

CASES = [
    # ---- not a workbook at all, damaged, hostile
    ("empty.xlsx", lambda: b"", None),
    ("random-bytes.xlsx", lambda: random.Random(42).randbytes(8192), None),
    ("random-bytes-zip-magic.xlsx", lambda: b"PK\x03\x04" + random.Random(42).randbytes(4096), None),
    ("truncated-half.xlsx", lambda: good_template()[: len(good_template()) // 2], None),
    ("truncated-tail.xlsx", lambda: good_template()[:-200], None),
    ("zip-of-text.xlsx", lambda: zip_of({"readme.txt": b"hello"}), None),
    ("docx-renamed.xlsx", docx_like, None),
    ("no-workbook-part.xlsx", lambda: drop_part(good_template(), "xl/workbook.xml"), None),
    ("no-workbook-rels.xlsx", lambda: drop_part(good_template(), "xl/_rels/workbook.xml.rels"), None),
    ("no-sheet-part.xlsx", lambda: drop_part(good_template(), "xl/worksheets/sheet1.xml"), None),
    ("csv-text-named.xlsx", lambda: long_csv([["POL", Q1, "POL.PPO", 5]]), None),
    ("xlsx-bytes-named.csv", good_long, None),
    ("utf16.csv", lambda: long_csv([["POL", Q1, "POL.PPO", 5]], encoding="utf-16"), None),
    ("bad-bytes-header.csv", lambda: b"Ag\xff\xfency,Quarter,Measure code,Value\r\nPOL,2024-25 Q1,POL.PPO,5\r\n", None),
    ("bad-bytes-value.csv", lambda: b"Agency,Quarter,Measure code,Value\r\nPOL,2024-25 Q1,POL.PPO,1\xff2\r\n", "D2"),
    ("nul-byte-value.csv", lambda: b"Agency,Quarter,Measure code,Value\r\nPOL,2024-25 Q1,POL.PPO,3\x00\r\n", "D2"),
    ("billion-laughs-template.xlsx", lambda: inject_doctype(good_template_laugh(), "xl/worksheets/sheet1.xml"), None),
    ("billion-laughs-long.xlsx", lambda: inject_doctype(good_long(), "xl/worksheets/sheet1.xml"), None),
    ("billion-laughs-sharedstrings.xlsx", lambda: inject_doctype(xlsxwriter_template(), "xl/sharedStrings.xml"), None),
    ("doctype-workbook-xml.xlsx", lambda: inject_doctype(good_template(), "xl/workbook.xml"), None),
    ("doctype-content-types.xlsx", lambda: inject_doctype(good_template(), "[Content_Types].xml"), None),
    ("doctype-after-5kb-template.xlsx",
     lambda: inject_doctype(good_template_laugh(), "xl/worksheets/sheet1.xml", pad=5000), None),
    ("doctype-after-5kb-long.xlsx", lambda: inject_doctype(good_long(), "xl/worksheets/sheet1.xml", pad=5000), None),
    ("doctype-after-5kb-sharedstrings.xlsx",
     lambda: inject_doctype(xlsxwriter_template(), "xl/sharedStrings.xml", pad=5000), None),
    ("zip-bomb-part.xlsx", zip_bomb, None),
    ("zip-bomb-sheet.xlsx", zip_bomb_sheet, None),
    ("over-size-limit.xlsx", over_size_xlsx, None),
    ("over-size-limit.csv", over_size_csv, None),
    ("malformed-sheet-xml-template.xlsx", lambda: truncated_xml("xl/worksheets/sheet1.xml", good_template()), None),
    ("malformed-sheet-xml-long.xlsx", lambda: truncated_xml("xl/worksheets/sheet1.xml", good_long()), None),
    ("malformed-workbook-xml.xlsx", lambda: truncated_xml("xl/workbook.xml", good_template()), None),
    ("malformed-sharedstrings.xlsx", lambda: truncated_xml("xl/sharedStrings.xml", xlsxwriter_template()), None),
    # ---- sheets
    ("wrong-sheet-names.xlsx", lambda: Template(sheet="Figures", other_sheets=("Notes",),
                                                rows=pol_rows(quarters=1)).bytes(), None),
    ("three-sheets-none-right.xlsx", lambda: Template(sheet="Q1", other_sheets=("Q2", "Summary"),
                                                      rows=pol_rows(quarters=1)).bytes(), None),
    ("single-empty-sheet.xlsx", lambda: Template(labels=[], header=[], rows=[], gap=0).bytes(), None),
    # ---- value cells (template: POL.PPO Q2 is D7)
    ("div0.xlsx", lambda: template_with("#DIV/0!").bytes(), "D7"),
    ("ref.xlsx", lambda: template_with("#REF!").bytes(), "D7"),
    ("value-error.xlsx", lambda: template_with("#VALUE!").bytes(), "D7"),
    ("na-error.xlsx", lambda: template_with("#N/A").bytes(), "D7"),
    ("formula-no-cache.xlsx", formula_no_cache_template, "D7"),
    ("formula-no-cache-xlsxwriter.xlsx", xlsxwriter_formula_stripped, "C4"),
    ("negative.xlsx", lambda: template_with(-4).bytes(), "D7"),
    ("fraction.xlsx", lambda: template_with(3.5).bytes(), "D7"),
    ("percent-text.xlsx", lambda: template_with("12%").bytes(), "D7"),
    ("percent-format.xlsx", lambda: template_with(0.12, "0%").bytes(), "D7"),
    ("text.xlsx", lambda: template_with("see note").bytes(), "D7"),
    ("bool.xlsx", lambda: template_with(True).bytes(), "D7"),
    ("date.xlsx", lambda: template_with(__import__("datetime").datetime(2024, 6, 30), "dd/mm/yyyy").bytes(), "D7"),
    ("merged-values.xlsx", lambda: Template(quarters=(Q1, Q2), rows=pol_rows(quarters=2), edit=merged).bytes(),
     "C5"),
    ("merged-header.xlsx", lambda: Template(quarters=(Q1, Q2), rows=pol_rows(quarters=2), edit=merged_header).bytes(),
     "C3"),
    # ---- value cells (long: POL.PPO is D5)
    ("long-div0.xlsx", lambda: long_with("#DIV/0!"), "D5"),
    ("long-ref.xlsx", lambda: long_with("#REF!"), "D5"),
    ("long-value-error.xlsx", lambda: long_with("#VALUE!"), "D5"),
    ("long-na-error.xlsx", lambda: long_with("#N/A"), "D5"),
    ("long-formula-no-cache.xlsx", formula_no_cache_long, "D5"),
    ("long-negative.xlsx", lambda: long_with(-1), "D5"),
    ("long-fraction.xlsx", lambda: long_with(0.5), "D5"),
    ("long-percent-format.xlsx", lambda: long_with(1, "0%"), "D5"),
    ("long-text.xlsx", lambda: long_with("twelve"), "D5"),
    ("long-bool.xlsx", lambda: long_with(False), "D5"),
    ("long-date.xlsx", lambda: long_with(__import__("datetime").datetime(2024, 6, 30), "dd/mm/yyyy"), "D5"),
    ("long-percent.csv", lambda: long_csv_with(lambda rows: rows[3].__setitem__(3, "40%")), "D5"),
    # ---- structure of the template
    ("duplicate-quarters.xlsx", lambda: Template(quarters=(Q1, "Q1 2024/25"), rows=pol_rows(quarters=2)).bytes(),
     "D3"),
    ("duplicate-measures.xlsx", lambda: Template(rows=pol_rows() + [["POL.PPO", "again", 3]]).bytes(), "A10"),
    ("unknown-agency.xlsx", lambda: Template(agency="Fire and rescue", rows=pol_rows()).bytes(), "B1"),
    ("missing-agency.xlsx", lambda: Template(labels=[("Agency", None)], rows=pol_rows()).bytes(), "B1"),
    ("no-agency-label.xlsx", lambda: Template(labels=[("Partnership", "Anytown")], rows=pol_rows()).bytes(), None),
    ("unknown-code.xlsx", lambda: Template(rows=pol_rows() + [["POL.PP0", "typo", 3]]).bytes(), "A10"),
    ("other-agency-code.xlsx", lambda: Template(rows=pol_rows() + [["HEA.ICPC_INVITED", "x", 3]]).bytes(), "A10"),
    ("missing-header.xlsx", lambda: Template(header=["Code", "Measure", Q1], rows=pol_rows()).bytes(), None),
    ("header-row-31.xlsx", lambda: Template(gap=29, rows=pol_rows()).bytes(), None),
    ("quarter-not-ended.xlsx", lambda: Template(quarters=("2026-27 Q3",), rows=pol_rows()).bytes(), "C3"),
    ("header-garbage.xlsx", lambda: Template(quarters=(Q1, "Total"), rows=pol_rows(quarters=2)).bytes(), "D3"),
    ("header-number.xlsx", lambda: Template(quarters=(2024,), rows=pol_rows()).bytes(), "C3"),
    ("header-no-quarters.xlsx", lambda: Template(quarters=(), rows=[["POL.PPO", "x"]]).bytes(), "C3"),
    ("no-rows.xlsx", no_rows_template, None),
    ("only-skipped-rows.xlsx", comment_rows_only, None),
    ("huge-template.xlsx", huge_template, None),
    ("one-bad-among-good.xlsx", lambda: template_with("lots").bytes(), "D7"),
    # ---- long layout structure
    ("long-duplicate-rows.xlsx", lambda: long_xlsx([["POL", Q1, "POL.PPO", 5], ["POL", Q1, "POL.PPO", 5]]), "D3"),
    ("long-duplicate-rows.csv", lambda: long_csv([["POL", Q1, "POL.PPO", 5], ["pol", "Apr-Jun 2024", "POL.PPO", 6]]),
     "D3"),
    ("long-unknown-agency.xlsx", lambda: long_xlsx([["POL", Q1, "POL.PPO", 5], ["Ambulance", Q1, "POL.PPO", 5]]),
     "A3"),
    ("long-unknown-code.csv", lambda: long_csv([["POL", Q1, "POL.PPO", 5], ["POL", Q1, "POL.PPOS", 5]]), "C3"),
    ("long-other-agency-code.xlsx", lambda: long_xlsx([["POL", Q1, "CSC.S47", 5]]), "C2"),
    ("long-quarter-not-ended.xlsx", lambda: long_xlsx([["POL", "2026-27 Q3", "POL.PPO", 5]]), "B2"),
    ("long-quarter-garbage.csv", lambda: long_csv([["POL", "Q1", "POL.PPO", 5]]), "B2"),
    ("long-wrong-header.xlsx", lambda: long_xlsx([["POL", Q1, "POL.PPO", 5]],
                                                 header=("Agency", "Qtr", "Measure code", "Value")), None),
    ("long-wrong-header.csv", lambda: long_csv([["POL", Q1, "POL.PPO", 5]],
                                               header=("Agency", "Quarter", "Code", "Count")), None),
    ("long-no-header.xlsx", lambda: long_xlsx([["POL", Q1, "POL.PPO", 5]], header=None), None),
    ("long-header-only.csv", lambda: long_csv([]), None),
    ("long-500-rows-one-bad.csv", big_csv, "BIG"),
    # ---- sheets far beyond any return: refused before a parser allocates for them
    ("far-corner.xlsx", far_corner_xlsx, "XFD1048576"),
    ("far-cell-small-dimension.xlsx", lambda: far_cell("XFD1048576"), "XFD1048576"),
    ("far-row.xlsx", lambda: far_cell("A600000"), "A600000"),
    ("far-column.xlsx", lambda: far_cell("GS2"), "GS2"),
    ("far-dimension-only.xlsx", lambda: hand_made(sheet_xml(HEADER_CELLS, "A1:D1048576")), "D1048576"),
    ("far-cell-single-quotes.xlsx", lambda: far_cell("ZZZ9", quote="'"), "ZZZ9"),
    ("far-cell-spaced-attribute.xlsx", lambda: far_cell("XFD1048576", spaces=" "), None),
    ("millions-of-cells.xlsx", many_cells_xlsx, None),
    ("millions-of-strings.xlsx", many_strings_xlsx, None),
    ("lying-zip-sizes.xlsx", lambda: lying_sizes(good_long()), None),
    ("lying-zip-sizes-far-corner.xlsx", lambda: lying_sizes(far_corner_xlsx()), None),
    # ---- the wrong kind of file
    ("encrypted.xlsx", encrypted_xlsx, None),
    ("old-format.xls", xls_workbook, None),
    ("old-format-renamed.xlsx", xls_workbook, None),
    ("opendocument.ods", ods_workbook, None),
    ("macro-enabled.xlsm", xlsm_workbook, None),
    ("semicolons.csv", lambda: csv_text("Agency;Quarter;Measure code;Value\n" + GOOD_CSV_ROWS.replace(",", ";")), "A1"),
    ("over-long-field.csv", lambda: csv_text("Agency,Quarter,Measure code,Value,Commentary\n"
                                             f"POL,{Q1},POL.PPO,5,{'x' * 40_000}\n"), "E2"),
    ("utf16-bom.csv", lambda: csv_text("Agency,Quarter,Measure code,Value\n" + GOOD_CSV_ROWS, "utf-16"), None),
    # ---- one sheet, chosen openly
    ("two-data-sheets.xlsx", lambda: sheets_book([("Return", "template", "visible"), ("Data", "long", "visible")]),
     None),
    ("hidden-data-only.xlsx", lambda: sheets_book([("Notes", "notes", "visible"), ("Summary", "notes", "visible"),
                                                   ("Data", "long", "hidden")]), None),
    ("very-hidden-return-only.xlsx", lambda: sheets_book([("Notes", "notes", "visible"), ("Cover", "notes", "visible"),
                                                          ("Return", "template", "veryHidden")]), None),
    # ---- counts written as text, and quarters, obey the contract
    ("text-nine-billion.csv", lambda: long_csv_with(lambda rows: rows[3].__setitem__(3, "9,000,000,000")), "D5"),
    ("text-spaced-digits.csv", lambda: long_csv_with(lambda rows: rows[3].__setitem__(3, "1 234 5")), "D5"),
    ("text-twenty-digits.csv", lambda: long_csv_with(lambda rows: rows[3].__setitem__(3, "12345678901234567890")),
     "D5"),
    ("number-twenty-digits.xlsx", lambda: long_with(12345678901234567890), "D5"),
    ("arabic-indic-digits.csv", lambda: long_csv_with(lambda rows: rows[3].__setitem__(3, "\u0661\u0662")), "D5"),
    ("fullwidth-digits.xlsx", lambda: template_with("\uff11\uff12").bytes(), "D7"),
    ("year-0001.csv", lambda: long_csv([["POL", "0001-02 Q1", "POL.PPO", 5]]), "B2"),
    ("year-9999.csv", lambda: long_csv([["POL", "9999-00 Q4", "POL.PPO", 5]]), "B2"),
    ("year-1999.xlsx", lambda: Template(quarters=("1999-00 Q4",), rows=pol_rows()).bytes(), "C3"),
    ("year-2030.xlsx", lambda: long_xlsx([["POL", "2030-31 Q1", "POL.PPO", 5]]), "B2"),
    ("date-year-1900.xlsx", lambda: long_xlsx([["POL", __import__("datetime").datetime(1900, 6, 30), "POL.PPO", 5]]),
     "B2"),
]


def good_template_laugh() -> bytes:
    """The good template with a commentary cell holding the LAUGH marker."""
    book = good_pol_template(quarters=(Q1, Q2))
    book.rows[0][-1] = LAUGH
    return book.bytes()


assert len(CASES) >= 50
assert len({name for name, _, _ in CASES}) == len(CASES)


# ============================================================ the store with a good submission in it


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, pristine_db) -> Path:
    """A store file holding one good POL submission (2024-25 Q1-Q4), made once and copied per test."""
    path = copy_db(pristine_db, tmp_path_factory.mktemp("seeded") / "seeded.duckdb")
    store = Store(path)
    try:
        result = load_bytes(store, "good.xlsx", good_pol_template().bytes(), "seed", TODAY)
        assert result.status == "loaded", [str(e) for e in result.parsed.errors]
    finally:
        store.close()
    return path


@pytest.fixture
def seeded(tmp_path, seeded_db):
    store = Store(copy_db(seeded_db, tmp_path / "t.duckdb"))
    yield store
    store.close()


@pytest.mark.parametrize("name,builder,cell", CASES, ids=[c[0] for c in CASES])
def test_malformed_file_is_rejected_and_stores_nothing(seeded, name, builder, cell):
    data = builder()
    if cell == "BIG":
        cell = BIG_CSV_CELL
    before = fingerprint(seeded)
    assert before["submissions"][0] == 1 and before["submission_values"][0] == 24
    result = load_bytes(seeded, name, data, "tester", TODAY)
    errors = result.parsed.errors
    assert result.status == "rejected", f"{name} was {result.status}: {[str(w) for w in result.parsed.warnings]}"
    assert result.submission_id is None
    assert errors, "rejected without an error"
    for error in errors:
        assert error.message.strip() and error.file == name and name in str(error), error
    assert any(e.fix and e.fix.strip() for e in errors)
    if cell is not None:
        at_cell = [e for e in errors if e.cell == cell]
        assert at_cell, f"no error names {cell}: {[str(e) for e in errors]}"
        assert at_cell[0].sheet, at_cell[0]
    assert fingerprint(seeded) == before


# ============================================================ the command line never shows a traceback


CLI_CASES = ["truncated-half.xlsx", "random-bytes.xlsx", "malformed-sheet-xml-template.xlsx",
             "malformed-sheet-xml-long.xlsx", "doctype-after-5kb-long.xlsx", "utf16.csv"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_rejects_without_traceback(tmp_path, name):
    builder = {n: b for n, b, _ in CASES}[name]
    path = tmp_path / name
    path.write_bytes(builder())
    done = subprocess.run([PYTHON, "-m", "safeguarding", "load", str(path), "--db", str(tmp_path / "c.duckdb"),
                           "--by", "tester"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert done.returncode == 1, output
    assert done.stdout.startswith(f"{name}: rejected"), output


def test_cli_whole_corpus_one_line_per_file(tmp_path):
    """Every corpus file in one command: a 'rejected' line for each, exit 1, no traceback."""
    names = []
    for name, builder, _ in CASES:
        if "over-size" in name or "zip-bomb" in name or "millions-of" in name:
            continue  # covered above; large files on disk add nothing here
        (tmp_path / name).write_bytes(builder())
        names.append(name)
    done = subprocess.run([PYTHON, "-m", "safeguarding", "load", *names, "--db", str(tmp_path / "c.duckdb"),
                           "--by", "tester"], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output[-3000:]
    assert done.returncode == 1, output[-3000:]
    summaries = [line for line in done.stdout.splitlines() if not line.startswith("  ")]
    for name in names:
        assert any(line.startswith(f"{name}: rejected") for line in summaries), (name, output[-3000:])


# ============================================================ each refusal says what is really wrong

SAYS = [
    ("far-corner.xlsx", ["XFD1048576", "500,000 rows", "200 columns"]),
    ("far-cell-small-dimension.xlsx", ["XFD1048576"]),
    ("far-cell-spaced-attribute.xlsx", ["nothing else was affected"]),
    ("millions-of-cells.xlsx", ["more than"]),
    ("millions-of-strings.xlsx", ["pieces of text"]),
    ("lying-zip-sizes.xlsx", ["inflates beyond the size its zip index records"]),
    ("encrypted.xlsx", ["password-protected"]),
    ("old-format.xls", ["Excel 97-2003", ".xls"]),
    ("old-format-renamed.xlsx", ["Excel 97-2003"]),
    ("opendocument.ods", ["OpenDocument", ".ods"]),
    ("macro-enabled.xlsm", ["macro-enabled", ".xlsm"]),
    ("xlsx-bytes-named.csv", ["Excel workbook", "not a CSV"]),
    ("csv-text-named.xlsx", ["CSV", "not an Excel workbook"]),
    ("utf16.csv", ["UTF-16"]),
    ("utf16-bom.csv", ["UTF-16"]),
    ("semicolons.csv", ["semicolons"]),
    ("over-long-field.csv", ["row 2, column E", "40,000 characters"]),
    ("two-data-sheets.xlsx", ["'Return'", "'Data'"]),
    ("hidden-data-only.xlsx", ["'Data' is hidden"]),
    ("very-hidden-return-only.xlsx", ["'Return' is hidden"]),
    ("text-nine-billion.csv", ["far larger"]),
    ("text-spaced-digits.csv", ["spaces"]),
    ("text-twenty-digits.csv", ["far larger"]),
    ("number-twenty-digits.xlsx", ["far larger"]),
    ("arabic-indic-digits.csv", ["digits other than 0-9"]),
    ("fullwidth-digits.xlsx", ["digits other than 0-9"]),
    ("year-0001.csv", ["2000-01 Q1"]),
    ("year-1999.xlsx", ["2000-01 Q1"]),
    ("year-2030.xlsx", ["outside"]),
    ("date-year-1900.xlsx", ["outside"]),
]


@pytest.mark.parametrize("name,words", SAYS, ids=[s[0] for s in SAYS])
def test_the_refusal_names_the_real_cause(name, words):
    builder = {n: b for n, b, _ in CASES}[name]
    parsed = read_return(name, builder(), TODAY)
    text = " ".join(str(e) for e in parsed.errors)
    assert parsed.errors and "could not be read" not in text, text
    for word in words:
        assert word in text, (word, text)


# ============================================================ one sheet, chosen openly


@pytest.mark.parametrize("sheets,expected", [
    ([("Return", "template", "visible"), ("Data", "long", "veryHidden")], "Return"),
    ([("Return", "template", "visible"), ("Data", "long", "hidden")], "Return"),
    ([("Figures", "template", "visible"), ("Return", "long", "hidden")], "Figures"),
    ([("Data", "long", "visible"), ("Return", "template", "veryHidden")], "Data"),
], ids=["very-hidden-data", "hidden-data", "hidden-return", "very-hidden-return"])
def test_hidden_sheets_are_never_read(sheets, expected):
    parsed = read_return("book.xlsx", sheets_book(sheets), TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert parsed.sheet == expected
    # The long sheets carry the good figures plus 1000: whichever sheet was read shows in the values.
    frame = parsed.frame()
    first_quarter = frame[frame["quarter_start"] == Quarter.of(2024, 1).start]
    values = dict(zip(first_quarter["measure"], first_quarter["value"]))
    read_long = dict((name, kind) for name, kind, _ in sheets)[expected] == "long"
    assert values["POL.PPO"] == GOOD_POL["POL.PPO"][0] + (1000 if read_long else 0)


# ============================================================ no file takes a process down


def test_far_corner_file_is_refused_by_the_command_line_in_its_own_process(tmp_path):
    """The file that once made the parser abort the whole process: the CLI, run as a separate process so a
    regression cannot take the test run with it, says which cell and exits 1."""
    path = tmp_path / "far-corner.xlsx"
    path.write_bytes(far_corner_xlsx())
    done = subprocess.run([PYTHON, "-m", "safeguarding", "load", str(path), "--db", str(tmp_path / "c.duckdb"),
                           "--by", "tester"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert done.stdout.startswith("far-corner.xlsx: rejected"), output
    assert "Data!XFD1048576" in output and "Traceback" not in output, output


def test_a_parser_that_runs_away_takes_only_its_own_process():
    """Past the gate (called directly here), calamine meets the far corner inside the memory-limited reading
    process: that process fails, this one gets a refusal and carries on."""
    with pytest.raises(safety.UnsafeFile) as refused:
        sandbox.run("long_xlsx", far_corner_xlsx(), "Data")
    assert "nothing else was affected" in str(refused.value) or "memory" in str(refused.value)
    assert read_return("good.xlsx", good_long(), TODAY).value_count == len(POL_CODES)


def test_a_refused_large_file_stays_small_in_memory():
    """The gate refuses the 190 MB sheet as it streams it, without ever holding it: measured in a fresh process,
    reading the file raises its peak memory by far less than the sheet's size."""
    script = (
        "import resource, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "import test_malformed_corpus as corpus\n"
        "from safeguarding.workbooks import read_return\n"
        "data = corpus.many_cells_xlsx()\n"
        "read_return('warm.csv', b'Agency\\r\\n', corpus.TODAY)\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "parsed = read_return('millions-of-cells.xlsx', data, corpus.TODAY)\n"
        "assert parsed.errors, 'accepted'\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)\n")
    done = subprocess.run([PYTHON, "-c", script, str(ROOT), str(ROOT / "tests")], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    grown = float(done.stdout.strip().splitlines()[-1])
    assert grown < 60, f"reading the file raised the peak by {grown:.0f} MB"
