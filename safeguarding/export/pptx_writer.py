"""Build the pack's pages as a 16:9 PowerPoint deck: real text boxes and tables, charts as PNGs with alt text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from safeguarding.export import layout as L
from safeguarding.export.slides import LEADING, Chart, Page, Para, Rect, Table, Text, Watermark

FONT = "Arial"  # the metrics layout.wrap uses (Liberation Sans), so lines break where the PDF's do
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


def _run(paragraph, text: str, size: float, bold: bool, colour: str) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour)


def _fill_frame(frame, paras: Sequence[Para], align: str, valign: str) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if valign == "middle" else MSO_ANCHOR.TOP
    for number, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.alignment = ALIGN[align]
        paragraph.line_spacing = Pt(para.size * LEADING)
        paragraph.space_before = Pt(para.space_before)
        if para.symbol:
            _run(paragraph, para.symbol + " ", para.size, para.bold, para.symbol_colour)
        # A cut paragraph keeps its cut (its lines end in an ellipsis); otherwise PowerPoint wraps the text.
        text = " ".join(para.lines) if para.lines and para.lines[-1].endswith("\u2026") else para.text
        _run(paragraph, text, para.size, para.bold, para.colour)


def _text(slide, item: Text) -> None:
    box = item.box
    if item.heading and slide.shapes.title is not None:
        # The slide's title placeholder, so screen readers and PowerPoint's accessibility checker find the title.
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h)
    else:
        shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    _fill_frame(shape.text_frame, item.paras, item.align, item.valign)
    if item.rotate:
        shape.rotation = item.rotate


def _rect(slide, item: Rect) -> None:
    box = item.box
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if item.rounded else MSO_SHAPE.RECTANGLE
    shape = slide.shapes.add_shape(kind, Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    if item.rounded:
        shape.adjustments[0] = min(0.25, 6 / max(min(box.w, box.h), 1))
    shape.shadow.inherit = False
    if item.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(item.fill)
    else:
        shape.fill.background()
    if item.line:
        shape.line.color.rgb = RGBColor.from_string(item.line)
        shape.line.width = Pt(item.line_width)
    else:
        shape.line.fill.background()


def _table(slide, item: Table) -> None:
    box = item.box
    frame = slide.shapes.add_table(len(item.rows), len(item.widths), Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for number, width in enumerate(item.widths):
        table.columns[number].width = Pt(width)
    for r, row in enumerate(item.rows):
        table.rows[r].height = Pt(item.row_height)
        for c, cell_data in enumerate(row):
            cell = table.cell(r, c)
            if cell_data.fill:
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(cell_data.fill)
            else:
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string("FFFFFF")
            cell.margin_left = cell.margin_right = Pt(6)
            cell.margin_top = cell.margin_bottom = Pt(2)
            para = Para(cell_data.text, item.size, cell_data.bold, cell_data.colour, symbol=cell_data.symbol,
                        symbol_colour=cell_data.symbol_colour)
            _fill_frame(cell.text_frame, (para,), cell_data.align, "middle")


def _watermark(slide, item: Watermark) -> None:
    """Faint diagonal text over everything (7% opaque), the same as the PDF's."""
    width, height = 760.0, 90.0
    shape = slide.shapes.add_textbox(Pt((L.PAGE_W - width) / 2), Pt((L.PAGE_H - height) / 2), Pt(width), Pt(height))
    _fill_frame(shape.text_frame, (Para(item.text, 64, True, L.WATERMARK),), "center", "middle")
    for colour in shape._element.iter(qn("a:srgbClr")):
        alpha = colour.makeelement(qn("a:alpha"), {"val": "6000"})
        colour.append(alpha)
    shape.rotation = -28
    shape.name = "Watermark"


def _chart(slide, item: Chart, pngs: Sequence[bytes], alt: Sequence[str]) -> None:
    box = item.box
    picture = slide.shapes.add_picture(io.BytesIO(pngs[item.index]), Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    picture.name = f"Chart {item.index + 1}"
    picture._element.nvPicPr.cNvPr.set("descr", alt[item.index])  # alt text for screen readers


def write(pages: Sequence[Page], chart_pngs: Sequence[bytes], alt_texts: Sequence[str], notes: Sequence[str],
          title: str, author: str, when: dt.datetime | None = None) -> bytes:
    """The pack as .pptx bytes; chart_pngs[i] fills Chart(index=i); notes[n] are page n's speaker notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Pt(L.PAGE_W), Pt(L.PAGE_H)
    titled = next(layout for layout in deck.slide_layouts if layout.name == "Title Only")
    draw = {Text: _text, Rect: _rect, Table: _table, Watermark: _watermark}
    for number, page in enumerate(pages):
        slide = deck.slides.add_slide(titled)
        if not any(isinstance(item, Text) and item.heading for item in page.elements):
            slide.shapes.title._element.getparent().remove(slide.shapes.title._element)
        for item in page.elements:
            if isinstance(item, Chart):
                _chart(slide, item, chart_pngs, alt_texts)
            else:
                draw[type(item)](slide, item)
        if number < len(notes) and notes[number]:
            slide.notes_slide.notes_text_frame.text = notes[number]
    when = (when or dt.datetime.now()).replace(microsecond=0)
    props = deck.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.subject = props.keywords = props.comments = props.category = props.content_status = ""
    props.identifier = props.language = props.version = ""
    props.created = props.modified = when
    props.last_printed = when
    props.revision = 1
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
