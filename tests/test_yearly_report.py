"""The yearly report: statutory sections in order, the business unit's versioned text, the stalled priorities
worked out from the figures, and real Word and PDF files that read back."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from docx import Document
from pypdf import PdfReader

from browser_support import require_chromium
from dashboard_support import copy_of, demo_database
from safeguarding import definitions, plan, report_text, yearly_report
from safeguarding.export import reports
from safeguarding.store import Store

TODAY = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = copy_of(demo_database(tmp_path_factory.getbasetemp()), tmp_path_factory.mktemp("report") / "r.duckdb")
    store = Store(path)
    yield store
    store.close()


def test_report_text_is_versioned_and_the_newest_is_used(store):
    assert report_text.save(store, "bu", 2024, "feedback", "First draft.") == 1
    assert report_text.save(store, "bu", 2024, "feedback", "First draft.") == 1  # unchanged: no new version
    assert report_text.save(store, "manager", 2024, "feedback", "Second\x07 draft.") == 2
    assert report_text.latest(store, 2024)["feedback"].body == "Second draft."
    assert [(w.version, w.written_by) for w in report_text.history(store, 2024, "feedback")] == [
        (2, "manager"), (1, "bu")]
    with pytest.raises(report_text.ReportTextError):
        report_text.save(store, "bu", 2024, "not_a_section", "x")


@pytest.mark.parametrize("polarity, now, before, expected", [
    ("up", 80.04, 79.96, "unchanged"),   # both show as 80.0
    ("up", 80.1, 80.0, "improved"),
    ("down", 20.0, 21.0, "improved"),
    ("down", 22.0, 21.0, "worse"),
    ("band", 30.0, 20.0, "not judged"),
    ("up", None, 20.0, "no figure"),
])
def test_movement_honours_polarity_and_the_shown_precision(polarity, now, before, expected):
    ind = definitions.indicators()["training_attendance"]
    ind = type(ind)(**{**ind.__dict__, "polarity": polarity})
    assert yearly_report.movement(ind, now, before) == expected


def test_the_stalled_list_names_priorities_none_of_whose_indicators_improved(demo):
    report = yearly_report.build(demo, "2024-25", TODAY)
    frame_year = {s.key: s for s in report.sections}
    stalled_text = " ".join(i for b in frame_year["little_progress"].blocks
                            if isinstance(b, yearly_report.Bullets) for i in b.items)
    links = yearly_report.linked_ids(plan.actions(demo))
    from safeguarding.export import suppression
    frame = suppression.protected(demo, "year")
    defs = definitions.indicators()
    for priority in plan.priorities(demo):
        moves = [yearly_report.movement(defs[i], *yearly_report._year_values(frame, i, "2024-25", "2023-24"))
                 for i in links.get(priority.ref, [])]
        listed = f"{priority.ref} {priority.title}" in stalled_text
        assert listed == (bool(moves) and "improved" not in moves), (priority.ref, moves)


def test_the_sections_follow_the_statutory_order(demo):
    report = yearly_report.build(demo, "2024-25", TODAY)
    assert [s.key for s in report.sections] == list(report_text.SECTION_KEYS)
    assert report.year == "2024-25" and report.demo
    written = {s.key: s.written for s in report.sections}
    assert written["feedback"].body.startswith("Synthetic demonstration text")
    assert written["effectiveness"] is None


def test_the_word_report_reads_back_with_every_heading(demo):
    require_chromium()
    data = reports.export_report(demo, "docx", "2024-25", today=TODAY)
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for section in report_text.SECTIONS:
        assert section.heading in headings
    assert headings.index(report_text.SECTIONS[0].heading) < headings.index(report_text.SECTIONS[-1].heading)
    assert "Synthetic demonstration data" in "\n".join(p.text for p in document.paragraphs)
    pictures = document.inline_shapes
    assert len(pictures) == len(yearly_report.build(demo, "2024-25", TODAY).charts())
    assert all(shape._inline.docPr.get("descr") for shape in pictures)  # every chart has alternative text


def test_the_pdf_report_is_tagged_with_an_outline_and_every_heading(demo):
    require_chromium()
    reader = PdfReader(io.BytesIO(reports.export_report(demo, "pdf", "2024-25", today=TODAY)))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    # NFKC undoes the typeface's ligatures ("ﬀ" in "effective") that text extraction keeps.
    text = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages)).replace("\n", " ")
    for section in report_text.SECTIONS:
        assert section.heading in text
    def titles(items):
        return [t for item in items for t in (titles(item) if isinstance(item, list) else [item.title])]

    # Chromium builds the outline from laid-out lines: a heading that wraps loses the space at the wrap.
    outline = {"".join(title.split()) for title in titles(reader.outline)}
    assert all("".join(section.heading.split()) in outline for section in report_text.SECTIONS), outline
