"""The theme pages in Debian's Chromium: each question's tab, once opened, draws its own charts (and only those), at a
desk's width and on a phone's, with nothing cut off.

A screenshot of each tab goes to test-artifacts/screenshots/<page>-<n>.png (and phone-<page>-<n>.png).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import DRAWN_CHARTS, SCREENSHOTS, WAIT_MS, settle
from dashboard_support import PAGE_URLS, QUESTION_CHARTS
from phone_support import MEASURE, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]  # one worker runs the browser tests

OPEN_TAB = '[role="tabpanel"]:not([hidden])'
# Every chart in the open tab has been drawn, and the open tab holds `n` of them.
TAB_DRAWN = (f"n => {{ const charts = [...document.querySelectorAll('{OPEN_TAB} [data-testid=\"stPlotlyChart\"]')];"
             " return charts.length === n && charts.every(chart => chart.querySelector('.main-svg')); }")


def _each_question(page, page_file: str):
    """Click each question's tab in turn and wait for its charts; yields the tab's number and how many it drew."""
    tabs = page.locator(f".st-key-theme_question_{Path(page_file).stem} [role='tab']")
    assert tabs.count() == len(QUESTION_CHARTS[page_file])
    for number, wanted in enumerate(QUESTION_CHARTS[page_file], start=1):
        tabs.nth(number - 1).click()
        page.wait_for_function(TAB_DRAWN, arg=wanted, timeout=WAIT_MS)
        settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        yield number, page.evaluate(f"() => {DRAWN_CHARTS}")


@pytest.mark.parametrize("page_file", list(QUESTION_CHARTS))
@pytest.mark.parametrize("size", ["desk", "phone"])
def test_each_question_draws_its_own_charts(server, debian_chromium, page_file, size):
    viewport = PHONE if size == "phone" else {"width": 1440, "height": 1000}
    page = debian_chromium.new_page(viewport=viewport)
    stem = Path(page_file).stem
    try:
        page.goto(f"{server}/{PAGE_URLS[page_file]}", wait_until="domcontentloaded")
        settle(page)
        for number, drawn in _each_question(page, page_file):
            assert drawn == QUESTION_CHARTS[page_file][number - 1]  # the other questions' charts are not drawn
            page.screenshot(path=str(SCREENSHOTS / f"{'phone-' if size == 'phone' else ''}{stem}-{number}.png"),
                            full_page=True)
            if size == "phone":
                charts = page.evaluate(MEASURE)
                assert [c["width"] for c in charts if c["width"] < 300] == [], charts
                assert [(c["title"], c["cut"]) for c in charts if c["cut"]] == []
    finally:
        page.close()
