"""Board packs, chart snapshots and the scorecard download, through real Kaleido and real Chromium.

The fixture partnership has a small number in 2024-25 Q4: 3 of 61 child protection plans ended after two
years (4.9%, which must never appear), 2 private fostering notifications (shown as c) and 0 care
proceedings (shown as 0).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import plotly.graph_objects as go
import pytest
from dashboard_support import copy_of, empty_database
from pptx import Presentation
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from safeguarding import catalogue, definitions, indicators, output, rag, settings, sheet_text, views  # noqa: E402
from safeguarding.export import contents, download, kaleido_server, packs, snapshots, suppression  # noqa: E402
from safeguarding.loading import load_bytes  # noqa: E402
from safeguarding.periods import Quarter  # noqa: E402
from safeguarding.store import Store  # noqa: E402
from safeguarding.template_writer import write_template  # noqa: E402

NAME = "Wyebridge Safeguarding Children Partnership"
LATEST, PREVIOUS = "2024-25 Q4", "2024-25 Q3"
QUARTERS = [Quarter.of(2023, 4).shift(i) for i in range(5)]  # 2023-24 Q4 .. 2024-25 Q4
SMALL = {"CSC.CP_ENDED_2YR": 3, "CSC.CP_ENDED": 61, "CSC.PRIVATE_FOSTERING": 2, "CSC.CARE_PROCEEDINGS": 0}
HIDDEN_PERCENT = re.compile(r"(?<![\d.])4\.9\d*\s*%|4\.91\d")  # 3 / 61 = 4.918...%: shown, or the raw ratio
COMMENT = "Front door vacancies filled in February; decisions recovering."
BASE = {"CSC.CONTACTS": 1500, "CSC.ASSESSMENTS": 420, "CSC.EH_ASSESSMENTS": 300, "CSC.S47": 160,
        "CSC.S47_CONCLUDED": 150, "CSC.ICPC": 55, "CSC.CP_PLANS": 160, "CSC.CP_STARTS": 55, "CSC.CP_ENDED": 50,
        "CSC.CIN": 1100, "CSC.CLA": 300, "CSC.MISSING_EPISODES": 120, "CSC.CARE_PROCEEDINGS": 12,
        "CSC.LADO_REFERRALS": 40, "CSC.PRIVATE_FOSTERING": 9, "POL.DA_INCIDENTS_CHILDREN": 600,
        "POL.ENCOMPASS": 450, "POL.PPO": 15, "POL.STRATEGY_INVITED": 150, "HEA.ICPC_INVITED": 55,
        "HEA.REPORTS_REQUESTED": 50, "HEA.L3_REQUIRED": 900, "EDU.ICPC_INVITED": 50, "EDU.S175_SETTINGS": 90,
        "YJS.FIRST_TIME_ENTRANTS": 20, "TRN.COURSES": 30, "TRN.PLACES_OFFERED": 700, "TRN.ELEARNING": 800,
        "TRN.EVAL_RESPONSES": 300}
SHARE = {"CSC.REFERRALS": .24, "CSC.CONTACTS_DECIDED_1WD": .88, "CSC.REREFERRALS_12M": .2, "CSC.REFERRALS_NFA": .1,
         "CSC.ASSESSMENTS_45WD": .87, "CSC.S47_NFA": .6, "CSC.ICPC_15WD": .8, "CSC.CP_STARTS_REPEAT": .2,
         "CSC.CP_ENDED_2YR": .12, "CSC.CP_VISITS_TIMELY": .93, "CSC.CLA_VISITS_TIMELY": .94, "CSC.RHI_72H": .7,
         "POL.ENCOMPASS_TIMELY": .92, "POL.STRATEGY_ATTENDED": .9, "HEA.ICPC_ATTENDED": .85,
         "HEA.REPORTS_ON_TIME": .8, "HEA.L3_TRAINED": .86, "EDU.ICPC_ATTENDED": .8, "EDU.S175_RETURNS": .9,
         "TRN.BOOKED": .8, "TRN.ATTENDED": .82, "TRN.EVAL_GOOD": .9}


def _split(total: int, shares: list[tuple[str, float]]) -> dict[str, int]:
    out, left = {}, total
    for code, share in shares[:-1]:
        out[code] = min(left, round(total * share))
        left -= out[code]
    out[shares[-1][0]] = left
    return out


def _values(rng: random.Random, overrides: dict[str, int]) -> dict[str, int]:
    """One quarter's plausible figures: parts never above wholes, breakdowns adding up."""
    v = {code: round(base * rng.uniform(.9, 1.1)) for code, base in BASE.items()}
    v.update({k: overrides[k] for k in overrides if k in BASE})
    for code, share in SHARE.items():
        whole = catalogue.measures()[code].within
        v[code] = min(v[whole], round(v[whole] * share * rng.uniform(.95, 1.05)))
    v.update(overrides)
    v.update(_split(v["CSC.REFERRALS"], [("CSC.REF_SRC_POLICE", .4), ("CSC.REF_SRC_SCHOOLS", .2),
                                         ("CSC.REF_SRC_HEALTH", .15), ("CSC.REF_SRC_LA", .1),
                                         ("CSC.REF_SRC_OTHER", 0)]))
    v.update(_split(v["CSC.CP_PLANS"], [("CSC.CP_CAT_NEGLECT", .45), ("CSC.CP_CAT_EMOTIONAL", .35),
                                        ("CSC.CP_CAT_PHYSICAL", .1), ("CSC.CP_CAT_SEXUAL", .04),
                                        ("CSC.CP_CAT_MULTIPLE", 0)]))
    agencies = ["CSC", "POLICE", "HEALTH", "EDUCATION", "VCS", "OTHER"]
    booked = _split(v["TRN.BOOKED"], [(f"TRN.BOOKED_{a}", s) for a, s in zip(agencies, (.3, .1, .2, .25, .1, 0))])
    v.update(booked)
    v["TRN.DNA"] = v["TRN.BOOKED"] - v["TRN.ATTENDED"]
    attended = _split(v["TRN.ATTENDED"], [(f"TRN.ATTENDED_{a}", s) for a, s in zip(agencies, (.3, .1, .2, .25, .1, 0))])
    for code, value in attended.items():
        v[code] = min(value, booked[code.replace("ATTENDED", "BOOKED")])
    v["TRN.ATTENDED_OTHER"] = v["TRN.ATTENDED"] - sum(v[f"TRN.ATTENDED_{a}"] for a in agencies[:-1])
    return v


def build_db(path: Path, empty: Path) -> Path:
    """A partnership with five quarters of every return, the small numbers in the latest, then closed; in a copy of
    `empty` (a new store file)."""
    rng = random.Random(42)
    figures = {q: _values(rng, SMALL if q.label == LATEST else {}) for q in QUARTERS}
    store = Store(copy_of(empty, path))
    try:
        for agency in catalogue.agencies():
            codes = [m.code for m in catalogue.measures_of(agency)]
            values = {(c, q): figures[q][c] for q in QUARTERS for c in codes}
            notes = {"CSC.CONTACTS_DECIDED_1WD": COMMENT} if agency == "CSC" else None
            result = load_bytes(store, f"{agency}.xlsx", write_template(agency, QUARTERS, values, commentary=notes),
                                by="test", today=dt.date(2025, 6, 1))
            assert result.ok, result.summary()
        settings.update(store, "test", la_code=884, name=NAME, demo=True)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """(the database the tests open, an untouched copy for command-line runs, a non-demo 'live' copy)."""
    folder = tmp_path_factory.mktemp("exports")
    main = build_db(folder / "pack.duckdb", empty_database(tmp_path_factory.getbasetemp()))
    spare = shutil.copyfile(main, folder / "cli.duckdb")
    live = Path(shutil.copyfile(main, folder / "live.duckdb"))  # the same returns, a partnership's own name
    store = Store(live)
    settings.update(store, "test", name="=HYPERLINK(\"http://x\",\"Live\") partnership", demo=False)
    store.close()
    return Path(main), Path(spare), live


@pytest.fixture(scope="module")
def store(files):
    s = Store(files[0])
    yield s
    s.close()


@pytest.fixture(scope="module")
def pptx_bytes(store):
    return packs.export_pack(store, "pptx", today=dt.date(2026, 1, 15))


@pytest.fixture(scope="module")
def pdf_bytes(store):
    return packs.export_pack(store, "pdf", today=dt.date(2026, 1, 15))


def slide_texts(data: bytes) -> list[str]:
    """Each slide's text: text boxes and table cells, in order."""
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        out.append("\n".join(parts))
    return out


def summary_table(data: bytes) -> list[list[str]]:
    slide = Presentation(io.BytesIO(data)).slides[1]
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


def zip_text(data: bytes) -> str:
    """Every XML part of an Office file, as one string."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                     if n.endswith((".xml", ".rels")))


HEADLINES = [i.title for i in definitions.headlines()]


# ------------------------------------------------------------------------------------------ the packs


def test_pptx_has_cover_summary_and_a_slide_per_headline(pptx_bytes):
    texts = slide_texts(pptx_bytes)
    assert len(texts) == 2 + len(HEADLINES)
    cover = texts[0]
    for expected in (NAME, LATEST, "DRAFT", "SYNTHETIC DEMO DATA", "15 January 2026", "Child protection headlines"):
        assert expected in cover, expected
    for number, (title, text) in enumerate(zip(HEADLINES, texts[2:]), start=3):
        assert text.splitlines()[0] == title
        assert "SYNTHETIC DEMO DATA" in text and "DRAFT" in text and f"Page {number} of {len(texts)}" in text
    deck = Presentation(io.BytesIO(pptx_bytes))
    assert deck.slide_width == 12192000 and deck.slide_height == 6858000  # 16:9, 13.333 x 7.5 in
    pictures = [[s for s in slide.shapes if s.shape_type == 13] for slide in deck.slides]
    assert [len(p) for p in pictures] == [0, 0] + [1] * len(HEADLINES)
    assert all(p[0]._element.nvPicPr.cNvPr.get("descr").startswith("Chart: ") for p in pictures[2:])


def test_pptx_every_slide_has_its_title_in_the_title_placeholder(pptx_bytes):
    # PowerPoint's accessibility checker ("Missing slide title") and screen readers read the title placeholder.
    deck = Presentation(io.BytesIO(pptx_bytes))
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title is not None else None for slide in deck.slides]
    assert titles == [NAME, f"Summary: {contents.PRESETS['headlines']}", *HEADLINES]
    assert len(set(titles)) == len(titles)
    for slide in deck.slides:
        assert slide.shapes.title.is_placeholder and slide.shapes.title.placeholder_format.type == 1  # TITLE


def test_summary_table_has_titles_values_ratings_and_changes(store, pptx_bytes):
    rows = summary_table(pptx_bytes)
    assert rows[0] == ["Indicator", "Value", "Rating", f"Change since {PREVIOUS}", "Compared with"]
    assert [r[0] for r in rows[1:]] == HEADLINES
    frame = indicators.compute(store, "quarter")
    latest = frame[frame["period"] == LATEST].set_index("indicator_id")
    by_title = {r[0]: r for r in rows[1:]}
    for ind in definitions.headlines():
        row = by_title[ind.title]
        assert row[2] in {rag.state_label(key) for key in rag.STATES}  # symbol and word
        if ind.id == "cp_2yr":
            continue
        value = latest.loc[ind.id, "value"]
        expected = f"{value:,.1f}%" if ind.unit == "percent" else f"{value:,.1f} per 10,000"
        assert row[1] == expected, (ind.id, row)
        assert row[3].startswith(("Up ", "Down ", "No change"))
    assert by_title["Child protection plans ending after 2 years or more"][1:3] == ["Suppressed", "\u2298 Suppressed"]


def test_commentary_definition_and_source_on_chart_slides(pptx_bytes):
    texts = dict(zip(HEADLINES, slide_texts(pptx_bytes)[2:]))
    decided = texts["Contacts decided within 1 working day"]
    assert COMMENT in decided and "Children's social care" in decided
    assert definitions.indicators()["contacts_decided_1wd"].definition in decided
    assert "Source: partner returns (Children's social care)." in decided
    rate = texts["Children on child protection plans per 10,000"]
    assert "benchmark: DfE, Children in need statistics, via LAIT, OGL v3.0" in rate
    assert "No commentary was given" in rate


def test_pdf_pages_carry_the_same_content(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) == 2 + len(HEADLINES)
    pages = [page.extract_text() for page in reader.pages]
    flat = [re.sub(r"\s+", " ", p) for p in pages]
    for expected in (NAME, LATEST, "DRAFT", "SYNTHETIC DEMO DATA"):
        assert expected in flat[0]
    for title in HEADLINES:
        assert title in flat[1], title
    for word in ("Green", "Amber", "Red"):
        assert any(word in p for p in flat[1:2]), word
    for title, text in zip(HEADLINES, flat[2:]):
        assert text.startswith(title) or title in text[:200], title
        assert "SYNTHETIC DEMO DATA" in text and "DRAFT" in text
    assert COMMENT in flat[2 + HEADLINES.index("Contacts decided within 1 working day")]
    # The charts are vector drawings (a Form XObject per chart page), not pictures.
    assert all("/Chart" in str(page["/Resources"]["/XObject"]) for page in reader.pages[2:])


def test_pdf_metadata_holds_only_title_partnership_and_dates(pdf_bytes):
    meta = dict(PdfReader(io.BytesIO(pdf_bytes)).metadata)
    assert set(meta) == {"/Title", "/Author", "/Creator", "/Producer", "/CreationDate", "/ModDate"}
    assert meta["/Author"] == NAME and NAME in meta["/Title"] and LATEST in meta["/Title"]


def test_pptx_core_properties_hold_only_title_partnership_and_date(pptx_bytes):
    props = Presentation(io.BytesIO(pptx_bytes)).core_properties
    assert props.author == NAME and props.last_modified_by == NAME and LATEST in props.title
    assert props.subject == props.keywords == props.comments == props.category == ""


def test_final_pack_for_live_data_has_no_draft_or_demo_marks(files):
    live = Store(files[2])
    try:
        data = packs.export_pack(live, "pptx", preset="training", final=True)
    finally:
        live.close()
    texts = slide_texts(data)
    ids = [i.id for i in definitions.by_theme()["training"]]
    assert len(texts) == 1 + 1 + len(ids)  # 13 rows: the theme's summary on one slide
    assert "FINAL" in texts[0] and "Training and workforce" in texts[0]
    joined = zip_text(data)
    assert "DRAFT" not in joined and "SYNTHETIC" not in joined
    assert "(1 of" not in texts[1] and all(definitions.indicators()[i].title in texts[1] for i in ids)


def test_explicit_indicator_list_and_year_view(store):
    data = packs.export_pack(store, "pptx", period="2024-25", preset=["cp_rate", "private_fostering"])
    texts = slide_texts(data)
    assert len(texts) == 4 and "2024-25" in texts[0] and "Financial year figures" in texts[0]
    assert texts[2].startswith("Children on child protection plans per 10,000")


@pytest.mark.parametrize("kwargs, message", [
    (dict(path="pack.docx"), "name the file .pptx (PowerPoint) or .pdf"),
    (dict(path="pack.pdf", period="2031-32 Q1"), "No figures for 2031-32 Q1: choose one of 2024-25 Q4"),
    (dict(path="pack.pdf", period="last quarter"), "is not a period such as '2024-25 Q4'"),
    (dict(path="pack.pdf", preset="everything"), "Unknown preset 'everything': use one of agenda, headlines"),
    (dict(path="pack.pdf", preset=["cp_rate", "nope"]), "Unknown indicator id(s) nope"),
])
def test_unusable_requests_say_what_would_work(store, tmp_path, kwargs, message):
    path = tmp_path / kwargs.pop("path")
    with pytest.raises(packs.ExportError) as caught:
        packs.export_pack_to_file(store, path, **kwargs)
    assert message in str(caught.value)
    assert not path.exists()


# ------------------------------------------------------------------------------------------ suppression


@pytest.mark.parametrize("count, threshold, small", [
    (0, 5, False), (1, 5, True), (4, 5, True), (4.0, 5, True), (5, 5, True), (6, 5, False), (None, 5, False),
    (float("nan"), 5, False), (2, 3, True), (3, 3, True), (4, 3, False), (10, 10, True), (11, 10, False),
])
def test_small_counts(count, threshold, small):
    assert suppression.is_small(count, threshold) is small


def test_suppress_hides_small_parts_and_what_is_worked_out_from_them(store):
    frame = indicators.compute(store, "quarter")
    raw = frame[(frame["indicator_id"] == "cp_2yr") & (frame["period"] == LATEST)].iloc[0]
    assert raw["numerator"] == 3 and round(raw["value"], 1) == 4.9  # the test would see a leak
    shown = suppression.suppress(frame, 5).set_index(["indicator_id", "period"])
    row = shown.loc[("cp_2yr", LATEST)]
    assert row["suppressed"] and row["numerator_text"] == "c" and row["denominator_text"] == "61"
    assert row["value"] != row["value"] and row["numerator"] != row["numerator"]  # NaN
    assert row["rag"] == "grey" and row["note"] == suppression.NOTE
    assert shown.loc[("private_fostering", LATEST), "numerator_text"] == "c"
    zero = shown.loc[("care_proceedings", LATEST)]
    assert zero["numerator_text"] == "0" and zero["value"] == 0 and not zero["suppressed"]
    rate = shown.loc[("cp_rate", LATEST)]  # a population denominator is never a small number
    assert not rate["suppressed"] and rate["denominator_text"] == ""
    # The threshold is the partnership's: about a dozen care proceedings pass at 5 and are suppressed at 20.
    before = frame[(frame["indicator_id"] == "care_proceedings") & (frame["period"] == PREVIOUS)].iloc[0]
    assert 5 <= before["value"] < 20
    for threshold, hidden in ((5, False), (20, True)):
        again = suppression.suppress(frame, threshold).set_index(["indicator_id", "period"])
        assert bool(again.loc[("care_proceedings", PREVIOUS), "suppressed"]) is hidden


def test_small_numbers_reach_no_file(store, pptx_bytes, pdf_bytes):
    pack = packs.contents.build(store, preset=["cp_2yr", "private_fostering", "care_proceedings"])
    texts = slide_texts(pptx_bytes)
    page = texts[2 + HEADLINES.index("Child protection plans ending after 2 years or more")]
    assert "c of 61" in page and "Suppressed" in page and "3 of 61" not in page
    everything = {
        "pptx xml": zip_text(pptx_bytes),
        "pdf text": "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages),
        "xlsx": zip_text(download.scorecard_xlsx(store)),
        "csv": download.scorecard_csv(store).decode("utf-8-sig"),
    }
    for name, text in everything.items():
        assert not HIDDEN_PERCENT.search(text), name
        assert re.search(r">c<|\bc of 61|,c,", text), name
    cp_2yr = next(p for p in pack.pages if p.indicator_id == "cp_2yr")  # the pack page draws the years instead
    assert cp_2yr.item.fallback_period == "2024-25" and not HIDDEN_PERCENT.search(cp_2yr.figure.to_json())
    # The chart image of the quarters (the dashboard's PNG/SVG buttons) marks the hidden quarter.
    hidden = suppression.protected(store, "quarter")
    quarters = views.indicator_chart(views.Context(hidden, {}, LATEST), "cp_2yr").figure
    svg = snapshots.figure_svg(quarters).decode()
    assert "suppressed" in svg and not HIDDEN_PERCENT.search(svg)
    ours = next(trace for trace in quarters.data if trace.name == "This partnership")
    assert ours.y[-1] is None  # the point is not drawn, not merely hidden
    fig_json = quarters.to_json()
    assert not HIDDEN_PERCENT.search(fig_json)  # nor in the hover data a live chart would carry
    for picture in zipfile.ZipFile(io.BytesIO(pptx_bytes)).namelist():
        if picture.endswith(".png"):
            png = zipfile.ZipFile(io.BytesIO(pptx_bytes)).read(picture)
            chunks = re.findall(rb"(tEXt|iTXt|zTXt|eXIf)", png[:64] + png[-64:])
            assert not chunks, picture
    counts = slide_texts(packs.render_pack(pack, "pptx"))
    assert "\nc\n" in counts[1] and "\n0\n" in counts[1]  # private fostering c; care proceedings 0


def test_scorecard_download_is_suppressed_and_defined(store):
    book = openpyxl.load_workbook(io.BytesIO(download.scorecard_xlsx(store)))
    assert book.sheetnames == ["Scorecard", "Definitions", "About"]
    sheet = book["Scorecard"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("Indicator id")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(definitions.indicators())
    row = rows["cp_2yr"]
    assert row[header.index("Value")] is None and row[header.index("Numerator")] == "c"
    assert row[header.index("Note")] == suppression.NOTE
    assert rows["care_proceedings"][header.index("Numerator")] == 0
    assert book["Definitions"].max_row == len(definitions.indicators()) + 1
    text = download.scorecard_csv(store).decode("utf-8-sig")
    assert "\r\nDefinitions\r\n" in text and "cp_2yr" in text and "SYNTHETIC DEMO DATA" in text


def test_download_and_csv_show_no_benchmark_beside_a_count(store):
    book = openpyxl.load_workbook(io.BytesIO(download.scorecard_xlsx(store)))
    sheet = book["Scorecard"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("Indicator id")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    entrants = rows["first_time_entrants"]
    assert entrants[header.index("Value")] is not None
    assert [entrants[header.index(k)] for k in ("England", "Region", "Statistical neighbours")] == [None] * 3
    assert isinstance(rows["cp_rate"][header.index("England")], float)  # rates keep theirs
    printed = output.indicators_csv(indicators.compute(store, "quarter"))
    lines = [line.split(",") for line in printed.splitlines() if line.startswith("first_time_entrants,")]
    assert lines and all(line[2] and line[-1] == "" for line in lines)
    assert "1258" not in printed and "1,258" not in download.scorecard_csv(store).decode("utf-8-sig")


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_injection_is_neutralised(text):
    assert sheet_text.safe_text(text) == "'" + text
    assert sheet_text.safe_text("Partnership = good") == "Partnership = good"


def test_a_hostile_partnership_name_stays_text(files):
    live = Store(files[2])
    try:
        book = openpyxl.load_workbook(io.BytesIO(download.scorecard_xlsx(live)))
        text = download.scorecard_csv(live).decode("utf-8-sig")
    finally:
        live.close()
    about = {r[0]: r[1] for r in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Partnership"].startswith("'=HYPERLINK")
    assert "\r\nPartnership,\"'=HYPERLINK" in text
    assert all(not str(c.value or "").startswith("=") for s in book for row in s.iter_rows() for c in row)


# ------------------------------------------------------------------------------------------ snapshots


def test_page_chart_images_are_drawn_from_suppressed_figures(store):
    """What a page's PNG/SVG buttons draw: the page's own chart, built from the suppressed figures."""

    frame = indicators.compute(store, "quarter")
    with store.read() as cur:
        limits = indicators.thresholds(cur)
    on_screen = views.indicator_chart(views.Context(frame, limits, LATEST), "cp_2yr")
    assert HIDDEN_PERCENT.search(on_screen.figure.to_json())  # the page itself shows the figure to its users
    hidden = views.Context(suppression.suppress(frame, settings.suppression_threshold(store)), limits, LATEST)
    image = views.indicator_chart(hidden, "cp_2yr").figure
    assert not HIDDEN_PERCENT.search(image.to_json())
    assert "suppressed" in [a.text for a in image.layout.annotations]
    svg = snapshots.figure_svg(image).decode()
    assert "suppressed" in svg and not HIDDEN_PERCENT.search(svg)

    def small_counts(chart) -> list:
        return [y for trace in chart.figure.data for y in (trace.y or ()) if y is not None and 0 < y < 5]

    # 2 private fostering notifications in the latest quarter: drawn on the page, never in an image.
    assert set(small_counts(views.indicator_chart(views.Context(frame, limits, LATEST), "private_fostering"))) == {2}
    assert not small_counts(views.indicator_chart(hidden, "private_fostering"))




def test_png_and_svg_snapshots():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout_title_text="Snapshot check")
    png = snapshots.figure_png(fig)
    assert png.startswith(b"\x89PNG") and png[16:24] == (3200).to_bytes(4, "big") + (1800).to_bytes(4, "big")
    assert b"Snapshot check" in snapshots.figure_svg(fig)
    assert snapshots.figure_pdf(fig).startswith(b"%PDF")


def test_two_threads_get_their_own_charts():
    results: dict[str, list[bytes]] = {"Alpha chart": [], "Omega chart": []}

    def work(title: str) -> None:
        fig = go.Figure(go.Scatter(y=[1, 3, 2]), layout_title_text=title)
        for _ in range(4):
            results[title].append(snapshots.figure_svg(fig))

    threads = [threading.Thread(target=work, args=(t,)) for t in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for title, other in (("Alpha chart", "Omega chart"), ("Omega chart", "Alpha chart")):
        assert len(results[title]) == 4
        assert all(title.encode() in svg and other.encode() not in svg for svg in results[title])


def test_a_stuck_export_times_out_and_the_next_one_works():
    fig = go.Figure(go.Bar(y=[1]), layout_title_text="After the restart")
    with pytest.raises(kaleido_server.ExportUnavailable, match="took longer than"):
        kaleido_server.render([fig.to_dict()], "png", 400, 300, timeout=0.001)
    assert b"After the restart" in snapshots.figure_svg(fig)


def test_a_crashed_browser_is_restarted_unnoticed():
    snapshots.figure_svg(go.Figure())
    kaleido_server._server.kaleido.subprocess.kill()  # as if Chromium died between two exports
    fig = go.Figure(go.Bar(y=[2]), layout_title_text="After the crash")
    assert b"After the crash" in snapshots.figure_svg(fig)


def _run(args: list[str], env: dict, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    return done, time.monotonic() - started


def test_missing_chromium_says_so_quickly(tmp_path):
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-such-chromium")}
    code = ("import plotly.graph_objects as go\n"
            "from safeguarding.export import snapshots\n"
            "print(snapshots.chromium_available())\n"
            "snapshots.figure_png(go.Figure())\n")
    done, took = _run([sys.executable, "-c", code], env, timeout=30)
    assert took < 30
    assert done.returncode != 0 and done.stdout.strip() == "False"
    assert "Chart exports need Chromium: install it with 'sudo apt-get install chromium'" in done.stderr


def test_command_line_writes_a_pack(files, tmp_path):
    out = tmp_path / "board" / "pack.pdf"
    args = [sys.executable, "-m", "safeguarding", "export-pack", "--out", str(out), "--db", str(files[1]),
            "--preset", "headlines"]
    done, _ = _run(args, dict(os.environ), timeout=180)
    assert done.returncode == 0, done.stderr
    assert f"Wrote {out}" in done.stdout
    assert len(PdfReader(out).pages) == 2 + len(HEADLINES)
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "none")}
    done, took = _run(args[:5] + [str(tmp_path / "x.pptx")] + args[6:], env, timeout=30)
    assert done.returncode == 1 and "Chart exports need Chromium" in done.stderr and took < 30
    done, _ = _run(args[:5] + [str(tmp_path / "x.docx")] + args[6:], dict(os.environ), timeout=60)
    assert done.returncode == 1 and "name the file .pptx (PowerPoint) or .pdf" in done.stderr


# ------------------------------------------------------------------------------------------ pages


@pytest.fixture
def app(files, tmp_path, monkeypatch):
    """The dashboard on a copy of the fixture database."""
    from streamlit.testing.v1 import AppTest

    from dashboard_support import explicit_navigation_only, private_database

    explicit_navigation_only(monkeypatch)
    with private_database(files[1], tmp_path / "app.duckdb", monkeypatch):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        yield at


def test_every_theme_chart_offers_png_and_svg(app):
    from dashboard_support import each_question

    app.switch_page("pages/child_protection.py").run()
    assert not app.exception
    charts_drawn = 0
    for _ in each_question(app, "pages/child_protection.py"):
        labels = [d.proto.label for d in app.get("download_button")]
        drawn = len(app.get("plotly_chart"))
        assert drawn and labels.count("PNG") == drawn and labels.count("SVG") == drawn
        charts_drawn += drawn
    assert charts_drawn >= 6


def test_board_pack_page(app):
    app.switch_page("pages/board_pack.py").run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Board pack"]
    labels = [b.label for b in app.button]
    assert "Build the PowerPoint" in labels and "Build the PDF" in labels
    assert not any(b.disabled for b in app.button if b.label.startswith("Build"))
    assert [d.proto.label for d in app.get("download_button")] == ["Excel (.xlsx)", "CSV"]
    contents_box = next(box for box in app.selectbox if box.label == "Contents")
    contents_box.set_value("training").run()
    assert not app.exception and any("Training and workforce" in m.value for m in app.markdown)


def test_board_pack_page_without_chromium(app, monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "none"))
    app.switch_page("pages/board_pack.py").run()
    assert not app.exception
    assert any("need" in w.value and "Chromium" in w.value for w in app.warning)
    assert all(b.disabled for b in app.button if b.label.startswith("Build"))


def test_image_buttons(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    def script():
        import plotly.graph_objects as go

        from pages.ui import exports

        exports.image_buttons(go.Figure(go.Bar(y=[1, 2])), "Referrals per 10,000", "2024-25 Q4")

    at = AppTest.from_function(script, default_timeout=30).run()
    assert [d.proto.label for d in at.get("download_button")] == ["PNG", "SVG"]
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "none"))
    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.get("download_button") and "need Chromium" in at.caption[0].value


# ------------------------------------------------------------------------------------------ layout


def _overflows(pages) -> list[str]:
    """Every text block taller than its box, or with a line wider than it."""
    from safeguarding.export import layout
    from safeguarding.export.slides import Text

    found = []
    for number, page in enumerate(pages, start=1):
        for item in page.elements:
            if not isinstance(item, Text) or item.rotate:
                continue
            if sum(p.height for p in item.paras) > item.box.h + 0.5:
                found.append(f"page {number}: {item.paras[0].text[:40]!r} is too tall")
            for p in item.paras:
                lead = p.symbol + " " if p.symbol else ""
                for line in p.lines:
                    if layout.width(lead + line, p.size, p.bold) > item.box.w + 0.5:
                        found.append(f"page {number}: {line[:40]!r} is too wide")
    return found


def test_no_text_overflows_its_box(store):
    from safeguarding.export import contents, slides

    for preset in ("agenda", "headlines", "scorecard"):
        pack = contents.build(store, preset=preset)
        assert _overflows(slides.pages(pack)) == [], preset


def test_long_commentary_is_cut_on_the_page_and_given_in_full_at_the_end(store):
    from dataclasses import replace

    from safeguarding.export import contents, slides

    pack = contents.build(store, preset=["contacts_decided_1wd", "cp_rate"])
    story = "Three of eight front door posts were vacant from October; agency staff started in February. " * 12
    long = replace(pack.pages[0], comments=(contents.Comment("Children's social care", LATEST, "x", story),))
    pack = replace(pack, pages=(long, pack.pages[1]))
    pages = slides.pages(pack)
    assert _overflows(pages) == []
    texts = ["\n".join(" ".join(p.lines) for item in page.elements if hasattr(item, "paras") for p in item.paras)
             for page in pages]
    assert len(pages) == 5 and "(in full at the end of the pack)" in texts[2]
    assert texts[-1].startswith("What partners said, in full") and story.strip()[:200] in texts[-1].replace("\n", " ")
    notes = Presentation(io.BytesIO(packs.render_pack(pack, "pptx"))).slides[2].notes_slide.notes_text_frame.text
    assert story.strip() in notes
