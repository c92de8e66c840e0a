"""Partners' commentary and visitors' words are text, never markup, on the pages, in packs and in downloads."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from dashboard_support import ROOT, demo_database, explicit_navigation_only, private_database
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from safeguarding import feedback, untrusted
from safeguarding.export import packs, snapshots
from safeguarding.loading import load_bytes
from safeguarding.problems import Problem
from safeguarding.store import open_store

LINK = "[Read the guidance](https://evil.example/phish)"
NOTICE = ":red[**Security notice:** your session expired, re-enter the analyst passphrase at evil.example]"
IMAGE = "![](https://evil.example/pixel.png)"
HTML = "<img src=x onerror=alert(1)><a href='https://evil.example'>here</a>"
HOSTILE = f"Encompass fell. {LINK} {NOTICE} {IMAGE} {HTML} \x1b[31mred\x1b[0m\x07 done"
SHOWN = untrusted.clean(HOSTILE)  # what a reader should see: every character but the control ones
OLD_NOTE = "Stored before loads were cleaned:\x1b[1m bold?\x1b[0m \x0c[x](https://evil.example/old)"
Q3 = "2024-25 Q3"


def police_csv() -> bytes:
    """The police return for 2024-25 Q3 in the long layout, with the hostile commentary, written by csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Agency", "Quarter", "Measure code", "Value", "Commentary"])
    for code, value in {"POL.DA_INCIDENTS_CHILDREN": 480, "POL.ENCOMPASS": 330, "POL.ENCOMPASS_TIMELY": 312,
                        "POL.PPO": 10, "POL.STRATEGY_INVITED": 215, "POL.STRATEGY_ATTENDED": 195}.items():
        writer.writerow(["POL", Q3, code, value, HOSTILE if code == "POL.ENCOMPASS_TIMELY" else ""])
    return buffer.getvalue().encode("utf-8")


def hostile_notes(store) -> None:
    """The hostile return loaded, and a note stored by an earlier version, control characters and all."""
    assert load_bytes(store, "police_q3.csv", police_csv(), "test").status == "loaded"
    with store.write("test", "test") as cur:
        cur.execute("update submission_values set commentary = ? where measure = 'POL.ENCOMPASS' "
                    "and quarter_start = date '2024-10-01'", [OLD_NOTE])


@pytest.fixture
def db(tmp_path, tmp_path_factory, monkeypatch):
    demo = demo_database(tmp_path_factory.getbasetemp())
    with private_database(demo, tmp_path / "untrusted.duckdb", monkeypatch) as path:
        hostile_notes(open_store(path))
        yield path


def test_control_characters_are_dropped_on_the_way_in(db):
    with open_store(db).read() as cur:
        stored = cur.execute("select commentary from submission_values where measure = 'POL.ENCOMPASS_TIMELY' "
                             "and quarter_start = date '2024-10-01'").fetchall()
    assert stored == [(SHOWN,)]
    assert "\x1b" not in SHOWN and "\x07" not in SHOWN and "[31mred" in SHOWN


def test_the_detail_page_shows_commentary_as_plain_text(db):
    explicit_navigation_only()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.session_state["period"] = Q3
    at.session_state["indicator"] = "encompass_timely"
    at.switch_page("pages/indicator.py").run()
    assert not at.exception, at.exception
    texts = [t.value for t in at.text]
    assert SHOWN in texts  # st.text: never Markdown, HTML or a link
    assert untrusted.clean(OLD_NOTE) in texts
    markup = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success")
              for e in at.get(kind)]
    assert markup and not [m for m in markup if "evil.example" in m or "\x1b" in m]


def test_markdown_literal_leaves_nothing_for_markdown_to_read():
    escaped = untrusted.markdown_literal(HOSTILE)
    assert re.fullmatch(r"(?:[^!-/:-@\[-`{-~]|\\[!-/:-@\[-`{-~])*", escaped)  # every mark escaped
    assert escaped.replace("\\", "") == " ".join(SHOWN.split())


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_packs_carry_the_words_without_control_characters_or_links(db, fmt):
    if not snapshots.chromium_available():
        pytest.fail("packs need Chromium: run scripts/setup.sh")
    data = packs.export_pack(open_store(db), fmt, period=Q3, preset=["encompass_timely"])
    if fmt == "pptx":
        with zipfile.ZipFile(io.BytesIO(data)) as pack:
            xml = "".join(pack.read(name).decode("utf-8") for name in pack.namelist() if name.endswith(".xml"))
            rels = "".join(pack.read(name).decode("utf-8") for name in pack.namelist() if name.endswith(".rels"))
        assert "Encompass fell." in xml and "Stored before loads were cleaned:" in xml
        assert "_x001B_" not in xml and "_x0007_" not in xml and "_x000C_" not in xml
        assert "hlinkClick" not in xml and "evil.example" not in rels
    else:
        reader = PdfReader(io.BytesIO(data))
        words = " ".join(page.extract_text() for page in reader.pages)
        assert "Encompass fell." in words and "\x1b" not in words
        links = [a.get_object().get("/A") for page in reader.pages for a in page.get("/Annots") or []]
        assert not [link for link in links if link is not None]


def test_the_problems_workbook_keeps_what_was_found_as_text_without_control_characters():
    found = "=HYPERLINK(\"https://evil.example\")\x1b"
    book = openpyxl.load_workbook(io.BytesIO(feedback.workbook([Problem("error", "f.csv", "bad", "fix", "S", "D2",
                                                                         None, found)])))
    cells = [c.value for c in book["Problems"][2]]
    assert "'=HYPERLINK(\"https://evil.example\")" in cells
