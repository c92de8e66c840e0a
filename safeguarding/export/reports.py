"""The yearly report as a file: its content built once, its charts drawn in one batch, then Word or PDF."""

from __future__ import annotations

import datetime as dt

from safeguarding import yearly_report
from safeguarding.export import report_docx, report_pdf, snapshots
from safeguarding.export.errors import ExportError
from safeguarding.store import Store

CHART_SIZE = (1000, 460)  # CSS pixels: type reads at about 9 pt on an A4 page
FORMATS = {"docx": report_docx.write, "pdf": report_pdf.write}


def export_report(store: Store, fmt: str, year: str | None = None, draft: bool = True,
                  today: dt.date | None = None) -> bytes:
    """The yearly report for `year` ('2024-25', the latest by default) as .docx or .pdf bytes."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format {fmt!r}: use docx or pdf.")
    report = yearly_report.build(store, year, today)
    pngs = snapshots.figures([c.figure for c in report.charts()], "png", *CHART_SIZE, scale=2)
    return FORMATS[fmt](report, pngs, draft)


def file_name(partnership: str, year: str, fmt: str, draft: bool) -> str:
    """'Marcher_Vale_yearly_report_2024-25_DRAFT.docx'."""
    name = "_".join("".join(ch if ch.isalnum() else " " for ch in partnership).split())
    return f"{name}_yearly_report_{year}{'_DRAFT' if draft else ''}.{fmt}"
