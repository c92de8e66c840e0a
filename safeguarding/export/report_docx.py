"""The yearly report as a Word document: real headings, tables with header rows, charts with alternative text."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from safeguarding.yearly_report import Bullets, Chart, Heading, Para, Table, YearlyReport

NOTE_COLOUR = RGBColor(0x5B, 0x64, 0x70)


def _language(document, tag: str = "en-GB") -> None:
    """Tell screen readers and spell checkers the document is in British English."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    rpr.append(lang)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _table(document, table: Table) -> None:
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Light Grid Accent 1"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, name in zip(grid.rows[0].cells, table.columns):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(grid.rows[0])
    for values in table.rows:
        for cell, value in zip(grid.add_row().cells, values):
            cell.text = value
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def _chart(document, chart: Chart, png: bytes) -> None:
    document.add_heading(chart.title, level=3)
    document.add_paragraph(chart.summary)
    document.add_picture(io.BytesIO(png), width=Cm(16))
    properties = document.inline_shapes[-1]._inline.docPr
    properties.set("descr", chart.summary)
    properties.set("title", chart.title)
    _table(document, chart.table)


def _para(document, para: Para) -> None:
    paragraph = document.add_paragraph(para.text)
    if para.note:
        for run in paragraph.runs:
            run.italic = True
            run.font.color.rgb = NOTE_COLOUR


def write(report: YearlyReport, chart_pngs: Sequence[bytes], draft: bool = True) -> bytes:
    """The .docx bytes; chart_pngs are the report's charts in order."""
    document = Document()
    _language(document)
    document.core_properties.title = report.title
    document.core_properties.author = report.partnership
    document.core_properties.language = "en-GB"
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.opening(draft))
    if report.demo:
        document.add_paragraph("Synthetic demonstration data: not real figures for any area.").runs[0].bold = True
    pngs = iter(chart_pngs)
    for section in report.sections:
        document.add_heading(section.heading, level=1)
        if draft:
            _para(document, Para(f"What this section should show: {section.asks}", note=True))
        for block in section.blocks:
            if isinstance(block, Para):
                _para(document, block)
            elif isinstance(block, Heading):
                document.add_heading(block.text, level=2)
            elif isinstance(block, Bullets):
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                _table(document, block)
            elif isinstance(block, Chart):
                _chart(document, block, next(pngs))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
