"""Draw the pack's pages with reportlab and lay each chart's vector PDF into its slot with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject
from reportlab.pdfgen.canvas import Canvas

from safeguarding.export import layout as L
from safeguarding.export.slides import LEADING, Chart, Page, Rect, Table, Text, Watermark

CREATOR = "Safeguarding partnership dashboard"


def _colour(canvas: Canvas, hex_colour: str, alpha: float = 1.0, stroke: bool = False) -> None:
    r, g, b = L.rgb(hex_colour)
    if stroke:
        canvas.setStrokeColorRGB(r, g, b, alpha)
    else:
        canvas.setFillColorRGB(r, g, b, alpha)


def _y(top: float) -> float:
    return L.PAGE_H - top


def _draw_line(canvas: Canvas, x: float, baseline: float, text: str, size: float, bold: bool, colour: str) -> None:
    _colour(canvas, colour)
    for name, piece in L.runs(text, bold):
        canvas.setFont(name, size)
        canvas.drawString(x, _y(baseline), piece)
        x += L.width(piece, size, bold)


def _draw_text(canvas: Canvas, item: Text) -> None:
    total = sum(p.height for p in item.paras)
    top = item.box.y + ((item.box.h - total) / 2 if item.valign == "middle" else 0)
    for para in item.paras:
        top += para.space_before
        for number, line in enumerate(para.lines or ("",)):
            baseline = top + para.size * 0.95
            lead = para.symbol + " " if number == 0 and para.symbol else ""
            width = L.width(lead + line, para.size, para.bold)
            x = item.box.x
            if item.align == "center":
                x += (item.box.w - width) / 2
            elif item.align == "right":
                x += item.box.w - width
            if lead:
                _draw_line(canvas, x, baseline, lead, para.size, para.bold, para.symbol_colour)
                x += L.width(lead, para.size, para.bold)
            _draw_line(canvas, x, baseline, line, para.size, para.bold, para.colour)
            top += para.size * LEADING


def _draw_rect(canvas: Canvas, item: Rect) -> None:
    box = item.box
    if item.fill:
        _colour(canvas, item.fill)
    if item.line:
        _colour(canvas, item.line, stroke=True)
        canvas.setLineWidth(item.line_width)
    args = (box.x, _y(box.y + box.h), box.w, box.h)
    if item.rounded:
        canvas.roundRect(*args, 6, stroke=int(bool(item.line)), fill=int(bool(item.fill)))
    else:
        canvas.rect(*args, stroke=int(bool(item.line)), fill=int(bool(item.fill)))


def _draw_table(canvas: Canvas, item: Table) -> None:
    from safeguarding.export.slides import para

    for r, row in enumerate(item.rows):
        top = item.box.y + r * item.row_height
        x = item.box.x
        for cell, width in zip(row, item.widths):
            if cell.fill:
                _draw_rect(canvas, Rect(L.Box(x, top, width, item.row_height), fill=cell.fill))
            text = para(cell.text, item.size, width - 12, bold=cell.bold, colour=cell.colour, symbol=cell.symbol,
                        symbol_colour=cell.symbol_colour)
            _draw_text(canvas, Text(L.Box(x + 6, top, width - 12, item.row_height), (text,), valign="middle",
                                    align=cell.align))
            x += width
        _colour(canvas, L.RULE, stroke=True)
        canvas.setLineWidth(0.5)
        canvas.line(item.box.x, _y(top + item.row_height), item.box.x + item.box.w, _y(top + item.row_height))


def _watermark_pdf(item: Watermark) -> bytes:
    """A transparent page holding only the watermark, laid over the finished page (charts included)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(L.PAGE_W, L.PAGE_H), invariant=1)
    _draw_watermark(canvas, item)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_watermark(canvas: Canvas, item: Watermark) -> None:
    canvas.saveState()
    _colour(canvas, L.WATERMARK, alpha=0.06)
    canvas.translate(L.PAGE_W / 2, L.PAGE_H / 2)
    canvas.rotate(28)
    canvas.setFont(L.fonts()["bold"], 64)
    canvas.drawCentredString(0, -22, item.text)
    canvas.restoreState()


def _place(writer: PdfWriter, page, pdf: bytes, slot: L.Box, name: str) -> None:
    """Draw a one-page PDF into a box of the page as a Form XObject: vector, and no content-stream parsing."""
    chart = PdfReader(io.BytesIO(pdf)).pages[0]
    contents = chart.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    box = chart.mediabox
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (box.left, box.bottom, box.right, box.top)]),
        NameObject("/Resources"): chart.get("/Resources", DictionaryObject()),
    })
    form_ref = writer._add_object(form.flate_encode().clone(writer))
    resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
    xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
    xobjects[NameObject(name)] = form_ref
    scale = min(slot.w / float(box.width), slot.h / float(box.height))
    x, y = slot.x - float(box.left) * scale, L.PAGE_H - slot.y - float(box.top) * scale
    draw = DecodedStreamObject()
    draw.set_data(f"q {scale:.5f} 0 0 {scale:.5f} {x:.3f} {y:.3f} cm {name} Do Q".encode())
    existing = page["/Contents"].get_object()
    parts = list(existing) if isinstance(existing, ArrayObject) else [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(draw)])


def write(pages: Sequence[Page], chart_pdfs: Sequence[bytes], title: str, author: str,
          when: dt.datetime | None = None) -> bytes:
    """The pack as PDF bytes; chart_pdfs[i] fills the slot of Chart(index=i)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(L.PAGE_W, L.PAGE_H), pageCompression=1, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(CREATOR)
    canvas.setProducer(CREATOR)
    canvas.setSubject("")
    canvas.setKeywords("")
    slots: list[tuple[int, Chart]] = []
    marks: list[tuple[int, Watermark]] = []
    draw = {Text: _draw_text, Rect: _draw_rect, Table: _draw_table}
    for number, page in enumerate(pages):
        for item in page.elements:
            if isinstance(item, Chart):
                slots.append((number, item))
            elif isinstance(item, Watermark):
                marks.append((number, item))
            else:
                draw[type(item)](canvas, item)
        canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for number, slot in slots:
        _place(writer, writer.pages[number], chart_pdfs[slot.index], slot.box, f"/Chart{slot.index}")
    overlays: dict[str, bytes] = {}
    for number, mark in marks:
        overlay = overlays.setdefault(mark.text, _watermark_pdf(mark))
        _place(writer, writer.pages[number], overlay, L.Box(0, 0, L.PAGE_W, L.PAGE_H), "/Watermark")
    stamp = (when or dt.datetime.now()).strftime("D:%Y%m%d%H%M%S")
    writer.metadata = {"/Title": title, "/Author": author, "/Creator": CREATOR, "/Producer": CREATOR,
                       "/CreationDate": stamp, "/ModDate": stamp}
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
