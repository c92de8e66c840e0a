"""The yearly report as an accessible PDF: semantic HTML printed by Chromium as a tagged PDF with an outline."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

from safeguarding.export.errors import ExportUnavailable
from safeguarding.export.kaleido_server import browser_path
from safeguarding.yearly_report import Bullets, Chart, Heading, Para, Table, YearlyReport

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STYLE = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #1F2328; line-height: 1.4; }
h1 { font-size: 22pt; color: #0B3C5D; margin: 0 0 6pt; }
h2 { font-size: 15pt; color: #0B3C5D; border-bottom: 1px solid #D0D5DB; padding-bottom: 3pt; margin-top: 18pt;
     break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 10pt 0 3pt; break-after: avoid; }
p.note { color: #5B6470; font-style: italic; }
p.demo { font-weight: bold; color: #B3261E; }
figure { margin: 6pt 0 10pt; break-inside: avoid; }
figure img { width: 100%; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border: 1px solid #D0D5DB; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #E9EEF3; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
table.short { break-inside: avoid; }
"""


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in table.rows)
    short = ' class="short"' if len(table.rows) <= 12 else ""
    return (f"<table{short}><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _chart(chart: Chart, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f"<h4>{escape(chart.title)}</h4><figure><img src=\"data:image/png;base64,{data}\" "
            f"alt=\"{escape(chart.summary)}\"><figcaption>{escape(chart.summary)}</figcaption></figure>"
            + _table(chart.table))


def html(report: YearlyReport, chart_pngs: Sequence[bytes], draft: bool = True) -> str:
    """The report as one self-contained HTML page (every piece of text escaped)."""
    pngs = iter(chart_pngs)
    parts = [f"<h1>{escape(report.title)}</h1>", f"<p>{escape(report.opening(draft))}</p>"]
    if report.demo:
        parts.append('<p class="demo">Synthetic demonstration data: not real figures for any area.</p>')
    for section in report.sections:
        parts.append(f"<section><h2>{escape(section.heading)}</h2>")
        if draft:
            parts.append(f'<p class="note">What this section should show: {escape(section.asks)}</p>')
        for block in section.blocks:
            if isinstance(block, Para):
                kind = ' class="note"' if block.note else ""
                parts.append(f"<p{kind}>{escape(block.text)}</p>")
            elif isinstance(block, Heading):
                parts.append(f"<h3>{escape(block.text)}</h3>")
            elif isinstance(block, Bullets):
                parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>")
            elif isinstance(block, Table):
                parts.append(_table(block))
            elif isinstance(block, Chart):
                parts.append(_chart(block, next(pngs)))
        parts.append("</section>")
    return (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(report.title)}</title>'
            f"<style>{STYLE}</style></head><body><main>{''.join(parts)}</main></body></html>")


def write(report: YearlyReport, chart_pngs: Sequence[bytes], draft: bool = True) -> bytes:
    """The tagged PDF's bytes, printed by Debian's Chromium."""
    from playwright.sync_api import Error, sync_playwright

    path = browser_path()
    if path is None:
        raise ExportUnavailable("The PDF needs Chromium: install it with `sudo apt-get install chromium`.")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.set_content(html(report, chart_pngs, draft), wait_until="load")
                return page.pdf(format="A4", tagged=True, outline=True, print_background=True,
                                display_header_footer=True, header_template="<span></span>",
                                footer_template='<div style="font-size:8pt;width:100%;text-align:center;'
                                                'color:#5B6470"><span class="pageNumber"></span> of '
                                                '<span class="totalPages"></span></div>',
                                margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            finally:
                browser.close()
    except Error as exc:
        raise ExportUnavailable(f"Chromium could not print the report ({exc.message.splitlines()[0]}).") from exc
