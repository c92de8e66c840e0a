"""The learning loop in Chromium: a question raised on a red figure reaches the agenda and the agenda pack, an answer
closes it, and it stays in the indicator's history.

The dashboard runs in single-user local mode on 127.0.0.1, so the person at the browser may raise and answer.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from browser_support import WAIT_MS, dashboard_server, settle
from dashboard_support import copy_of, demo_database

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
QUESTION = "Marker 6620: why did decisions within a day fall?"
ANSWER = "Two vacancies in the front door were filled in April."
RED = "contacts_decided_1wd"  # red in the demo partnership's 2024-25 Q4


@pytest.fixture(scope="module")
def loop_server(tmp_path_factory):
    db = copy_of(demo_database(tmp_path_factory.getbasetemp()), tmp_path_factory.mktemp("loop") / "loop.duckdb")
    with dashboard_server(db) as url:
        yield url


def _main_text(page) -> str:
    return " ".join(page.locator('[data-testid="stMain"]').inner_text().split())


def _pdf_text(data: bytes) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_a_question_on_a_red_figure_reaches_the_agenda_and_the_pack_until_answered(loop_server, debian_chromium,
                                                                                   tmp_path):
    page = debian_chromium.new_page(viewport={"width": 1440, "height": 1400})
    page.goto(f"{loop_server}/indicator?indicator={RED}", wait_until="domcontentloaded")
    settle(page)
    page.get_by_role("button", name="Ask an agency about this figure").click()
    page.get_by_role("textbox", name="Question", exact=True).fill(QUESTION)
    page.get_by_role("button", name="Record the question").click()
    page.get_by_text("Recorded as challenge").wait_for(timeout=WAIT_MS)

    page.goto(loop_server, wait_until="domcontentloaded")
    settle(page)
    page.get_by_text(QUESTION, exact=False).first.wait_for(timeout=WAIT_MS)
    assert QUESTION in _main_text(page), "the open question is not on the red figure's agenda line"

    page.goto(f"{loop_server}/board_pack", wait_until="domcontentloaded")
    settle(page)
    page.get_by_role("button", name="Build the PDF").click()
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="Download the PDF").click(timeout=WAIT_MS)
    info.value.save_as(tmp_path / "pack.pdf")
    pack = _pdf_text((tmp_path / "pack.pdf").read_bytes())
    assert QUESTION in pack, "the agenda pack does not carry the open question"

    page.goto(f"{loop_server}/challenges", wait_until="domcontentloaded")
    settle(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Challenge").last.click()
    page.get_by_role("option").filter(has_text="Contacts decided within 1 working day").first.click()
    page.get_by_role("textbox", name="The agency's answer").fill(ANSWER)
    page.get_by_role("button", name="Save").click()
    page.get_by_text(re.compile(r"^Challenge \d+ answered\.$")).wait_for(timeout=WAIT_MS)

    page.goto(loop_server, wait_until="domcontentloaded")
    settle(page)
    page.get_by_text("Every indicator by theme").first.wait_for(timeout=WAIT_MS)  # the page's last block
    assert QUESTION not in _main_text(page), "an answered question is still on the agenda"
    page.goto(f"{loop_server}/indicator?indicator={RED}", wait_until="domcontentloaded")
    settle(page)
    page.get_by_text("Questions asked about this indicator").wait_for(timeout=WAIT_MS)
    history = _main_text(page)
    assert QUESTION in history and ANSWER in history, "the answered question left the indicator's history"
