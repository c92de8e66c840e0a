"""An analyst uploads returns through the real file input in Chromium, checks them, loads the good one, sees it.

The dashboard runs in single-user local mode on 127.0.0.1 (no secrets file), so the person at the browser is the
analyst. Screenshots go to test-artifacts/screenshots/upload_preview.png and upload_loaded.png for a person to look at.
"""

from __future__ import annotations

import pytest

from browser_support import SCREENSHOTS, dashboard_server, settle
from dashboard_support import copy_of, demo_database
from safeguarding.periods import Quarter
from safeguarding.template_writer import write_template

# One worker runs every browser test (pytest-xdist --dist loadgroup), so they share one Chromium (tests/conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
Q3 = Quarter.of(2024, 3)  # the demo partnership has no police return for 2024-25 Q3


def police_q3(**changed) -> bytes:
    """The police return for 2024-25 Q3 with plausible figures, some replaced by `changed` (by measure name)."""
    values = {"DA_INCIDENTS_CHILDREN": 480, "ENCOMPASS": 330, "ENCOMPASS_TIMELY": 312, "PPO": 10,
              "STRATEGY_INVITED": 215, "STRATEGY_ATTENDED": 195} | changed
    return write_template("POL", [Q3], {(f"POL.{name}", Q3): value for name, value in values.items()})


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard on 127.0.0.1 over a copy of the demo database, no secrets: single-user local mode."""
    db = copy_of(demo_database(tmp_path_factory.getbasetemp()), tmp_path_factory.mktemp("upload") / "d.duckdb")
    with dashboard_server(db) as url:
        yield url


def test_an_analyst_uploads_checks_and_loads_a_return(server, debian_chromium, tmp_path):
    good = tmp_path / "police_2024-25_Q3.xlsx"
    good.write_bytes(police_q3())
    bad = tmp_path / "police_2024-25_Q3_draft.xlsx"
    bad.write_bytes(police_q3(ENCOMPASS_TIMELY="#REF!", STRATEGY_ATTENDED=-4))
    page = debian_chromium.new_page(viewport={"width": 1440, "height": 1800})
    try:
        page.goto(f"{server}/upload", wait_until="domcontentloaded")
        settle(page)
        page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files([str(good), str(bad)])
        load = page.get_by_role("button", name="Load 1 file")
        load.wait_for(timeout=30_000)
        settle(page)
        main = page.locator('[data-testid="stMain"]')
        assert "1 ready to load" in main.inner_text() and "1 rejected" in main.inner_text()
        assert page.get_by_text("Download these problems for the partner (.xlsx)").count() == 1  # the draft's
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "upload_preview.png"), full_page=True)

        load.click()
        page.get_by_text("6 values for POL, 2024-25 Q3").wait_for(timeout=30_000)
        settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stAlertContentSuccess"]').count() == 1
        assert page.get_by_text("Not loaded: 2 errors to correct; nothing of it was stored.").count() == 1
        page.screenshot(path=str(SCREENSHOTS / "upload_loaded.png"), full_page=True)

        page.get_by_role("link", name="See submission").click()
        page.wait_for_url("**/submissions?submission=*", timeout=30_000)
        settle(page)
        assert page.get_by_text("police_2024-25_Q3.xlsx").count() >= 1
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def far_corner_workbook() -> bytes:
    """A 5 KB long-layout workbook with one cell at Excel's far corner (XFD1048576), saved by openpyxl."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Agency", "Quarter", "Measure code", "Value"])
    sheet.append(["POL", "2024-25 Q3", "POL.PPO", 10])
    sheet["XFD1048576"] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_dropping_the_far_corner_file_leaves_the_server_healthy(server, debian_chromium, tmp_path):
    """The file that once took the whole dashboard down: it is refused by name and cell, the server still answers,
    and the next page load works."""
    import urllib.request

    far = tmp_path / "far_corner.xlsx"
    far.write_bytes(far_corner_workbook())
    slow = 120_000  # a shared machine under load can take this long for a first render; nothing here is timed
    page = debian_chromium.new_page(viewport={"width": 1440, "height": 1800})
    try:
        page.goto(f"{server}/upload", wait_until="domcontentloaded")
        uploader = page.locator('[data-testid="stFileUploader"] input[type=file]')
        uploader.wait_for(state="attached", timeout=slow)
        uploader.set_input_files([str(far)])
        page.get_by_text("1 rejected").wait_for(timeout=slow)
        main = page.locator('[data-testid="stMain"]')
        assert "0 ready to load" in main.inner_text()
        assert page.locator('[data-testid="stException"]').count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "upload_far_corner.png"), full_page=True)
        with urllib.request.urlopen(f"{server}/_stcore/health", timeout=30) as response:
            assert response.status == 200
    finally:
        page.close()
    after = debian_chromium.new_page(viewport={"width": 1440, "height": 1000})
    try:
        after.goto(server, wait_until="domcontentloaded")
        after.locator('[data-testid="stSidebarNav"]').wait_for(timeout=slow)
        after.locator('[data-testid="stMain"] h1').first.wait_for(timeout=slow)
        assert after.locator('[data-testid="stException"]').count() == 0
    finally:
        after.close()
