"""The real dashboard in Debian's Chromium, one visit per page: the page opens, draws its charts, raises nothing, shows
the demo banner and has no serious axe-core violation in our markup (tests/axe_support.py); then, at a phone's width,
every chart is wide enough with nothing cut off and the filters are on the first screen (tests/phone_support.py).

Screenshots go to test-artifacts/screenshots/ for a person to look at: <page>.png (full page), phone-<page>.png
(390x844) and first-screen-<size>-<page>.png; each page's axe result goes to test-artifacts/axe/<page>.json.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import axe_support as axe
import phone_support as phone
from browser_support import SCREENSHOTS, WAIT_MS, Runs, full_page_screenshot, settle, wait_for_charts
from dashboard_support import CHARTS_EXPECTED, PAGE_URLS

# One worker runs every browser test (pytest-xdist --dist loadgroup), so they share one Chromium.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
FOUND: dict[str, list[dict]] = {}  # each page's axe violations, for the summary printed after the last page


@pytest.fixture(scope="module")
def visitor(server, debian_chromium):
    """One person's tab on the dashboard, moving from page to page through the sidebar (one session, as a person's
    is; the other browser tests open pages by their address in new sessions)."""
    context = debian_chromium.new_context(viewport=phone.DESK)
    page = context.new_page()
    runs = Runs(page)
    page.goto(server, wait_until="domcontentloaded")
    settle(page)
    yield page, runs
    context.close()


def _go_to(page, runs: Runs, server: str, page_file: str) -> None:
    """Open a page from the sidebar at a desk's size, and wait until its run has ended."""
    page.set_viewport_size(phone.DESK)
    address = f"{server}/{PAGE_URLS[page_file]}"

    def there(url: str) -> bool:  # a page may add its choice to the address (?indicator=, ?submission=)
        return url.split("?")[0].rstrip("/") == address.rstrip("/")

    if there(page.url):
        return
    link = page.locator(f'[data-testid="stSidebarNavLink"][href="{address}"]')
    _open_sidebar(page, link)
    before = runs.finished
    link.click()
    page.wait_for_url(there, timeout=WAIT_MS)
    runs.wait_past(before)
    settle(page)


def _open_sidebar(page, link) -> None:
    """Make the sidebar's `link` visible. Back at a desk's width Streamlit may open the sidebar by itself, taking
    the expand button away mid-click, so the button is tried briefly and again until the link shows."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not link.is_visible():
        assert time.monotonic() < deadline, "the sidebar did not open"
        with contextlib.suppress(PlaywrightTimeout):
            page.locator('[data-testid="stExpandSidebarButton"]').click(timeout=2_000)


def _first_screen(page, page_file: str, size: str) -> None:
    stem = Path(page_file).stem
    page.screenshot(path=str(SCREENSHOTS / f"first-screen-{size}-{stem}.png"))
    viewport = phone.PHONE if size == "phone" else phone.DESK
    assert not (where := phone.filters_below_first_screen(page, viewport)), f"{stem}, {size}: {where}"


@pytest.mark.parametrize("page_file", list(PAGE_URLS))
def test_every_page_draws_passes_axe_and_fits_a_phone(server, visitor, page_file, capsys):
    stem = Path(page_file).stem
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page, runs = visitor
    _go_to(page, runs, server, page_file)
    drawn = wait_for_charts(page, page_file)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    assert page.get_by_text("Demo data.").count() >= 1, "the synthetic-data banner is missing"
    assert drawn >= CHARTS_EXPECTED[page_file]
    if page_file in phone.FIRST_SCREEN["desk"]:
        _first_screen(page, page_file, "desk")

    rows = FOUND[page_file] = axe.run_axe(page, page_file)
    with capsys.disabled():
        print(f"\n{page_file}: {axe.in_words(rows)}")
        if len(FOUND) == len(PAGE_URLS):
            print("\n" + axe.summary(FOUND))
    assert not (ours := axe.serious_of_ours(rows)), ours

    full_page_screenshot(page, SCREENSHOTS / f"{stem}.png")

    if not CHARTS_EXPECTED[page_file] and page_file not in phone.FIRST_SCREEN["phone"]:
        return
    # The same page at a phone's width: the charts are redrawn as on a phone's first visit (same widths, same text).
    phone.at_width(page, phone.PHONE, WAIT_MS)
    if page_file in phone.FIRST_SCREEN["phone"]:
        _first_screen(page, page_file, "phone")
    if CHARTS_EXPECTED[page_file]:
        page.screenshot(path=str(SCREENSHOTS / f"phone-{stem}.png"))
        assert not (problems := phone.charts_too_narrow_or_cut(page, page_file, WAIT_MS)), problems


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
