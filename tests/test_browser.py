"""The real dashboard in Debian's Chromium: every page opens, draws its charts, and raises nothing.

A full-page screenshot of each page goes to test-artifacts/screenshots/<page>.png for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import SCREENSHOTS, settle, wait_for_charts
from dashboard_support import CHARTS_EXPECTED, PAGE_URLS

# One worker runs every browser test (pytest-xdist --dist loadgroup), so they share one Chromium.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main area, not the document: grow the window to the content, then shoot."""
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                           "'[data-testid=\"stMain\"], [data-testid=\"stMainBlockContainer\"]')]"
                           ".map(element => element.scrollHeight))")
    page.set_viewport_size({"width": 1440, "height": min(height + 40, 16_000)})
    page.wait_for_timeout(1_000)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


@pytest.mark.parametrize("page_file", list(PAGE_URLS))
def test_every_page_draws_without_error(server, debian_chromium, page_file):
    page = debian_chromium.new_page(viewport={"width": 1440, "height": 1000})
    try:
        page.goto(f"{server}/{PAGE_URLS[page_file]}", wait_until="domcontentloaded")
        settle(page)
        drawn = wait_for_charts(page, page_file)
        assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
            '[data-testid="stException"]').first.inner_text()
        assert page.get_by_text("Demo data.").count() >= 1, "the synthetic-data banner is missing"
        assert drawn >= CHARTS_EXPECTED[page_file]
        _full_page_screenshot(page, SCREENSHOTS / f"{Path(page_file).stem}.png")
    finally:
        page.close()


def test_a_tile_opens_its_detail(server, debian_chromium):
    page = debian_chromium.new_page(viewport={"width": 1440, "height": 1000})
    try:
        page.goto(server, wait_until="domcontentloaded")
        settle(page)
        page.locator(".st-key-overview_0_cla_rate").get_by_role("button", name="Details").click()
        page.wait_for_url("**/indicator?indicator=*", timeout=30_000)
        settle(page)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
        assert "indicator=cla_rate" in page.url
        assert page.get_by_text("Children looked after per 10,000").count() >= 1
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_a_chart_downloads_as_a_png_drawn_on_the_server(server, debian_chromium):
    page = debian_chromium.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    try:
        page.goto(f"{server}/indicator?indicator=cp_2yr", wait_until="domcontentloaded")
        settle(page)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
        with page.expect_download(timeout=90_000) as info:
            page.locator('[data-testid="stDownloadButton"] button', has_text="PNG").first.click()
        download = info.value
        assert download.suggested_filename == "Child_protection_plans_ending_after_2_years_or_more_2024_25_Q4.png"
        png = Path(download.path()).read_bytes()
        assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 2000
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
