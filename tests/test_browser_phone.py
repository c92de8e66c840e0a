"""The dashboard on a phone (390x844) in Debian's Chromium: the period, view and comparator are on the first screen
without opening the menu, and every chart is at least 300 px wide with no title, label or legend cut off.

Screenshots go to test-artifacts/screenshots/: phone-<page>.png (390x844) and first-screen-<size>-<page>.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import SCREENSHOTS, settle, wait_for_charts
from dashboard_support import CHARTS_EXPECTED, PAGE_URLS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]  # one worker runs the browser tests

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}
CHART_PAGES = [page for page, wanted in CHARTS_EXPECTED.items() if wanted]

# Each drawn chart's width, and every piece of its text that reaches outside the chart (and so is cut off).
MEASURE = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .filter(chart => chart.querySelector('.main-svg'))
  .map(chart => {
    const box = chart.querySelector('.main-svg').getBoundingClientRect();
    const cut = [...chart.querySelectorAll('.main-svg text, .infolayer text')]
      .filter(text => text.textContent.trim())
      .map(text => [text.textContent.trim(), text.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1))
      .map(([words, r]) => `${words} (${Math.round(r.left - box.left)} to ${Math.round(r.right - box.left)})`);
    const title = chart.querySelector('.gtitle');
    return {width: Math.round(box.width), title: title ? title.textContent : '', cut};
  })"""
# Where the filters are, in the page as first shown (no scrolling, menu closed).
FILTERS = """() => ['View', 'Period', 'Compare with'].map(label => {
  const widget = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stWidgetLabel"]')]
    .find(element => element.textContent.trim().startsWith(label));
  if (!widget) return [label, null];
  const r = widget.getBoundingClientRect();
  return [label, r.bottom];
})"""


def _open(browser, url: str, page_file: str, viewport: dict):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=viewport)
    page.goto(f"{url}/{PAGE_URLS[page_file]}", wait_until="domcontentloaded")
    settle(page)
    wait_for_charts(page, page_file)
    return page


@pytest.mark.parametrize("page_file", CHART_PAGES)
def test_on_a_phone_every_chart_is_wide_enough_and_nothing_is_cut_off(server, debian_chromium, page_file):
    page = _open(debian_chromium, server, page_file, PHONE)
    try:
        page.screenshot(path=str(SCREENSHOTS / f"phone-{Path(page_file).stem}.png"))
        # Scroll through so every chart has been laid out at the phone's width, then measure.
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 1e6)")
        page.wait_for_timeout(1_000)
        charts = page.evaluate(MEASURE)
        assert len(charts) >= CHARTS_EXPECTED[page_file]
        narrow = [(c["title"], c["width"]) for c in charts if c["width"] < 300]
        assert not narrow, narrow
        cut = [(c["title"], c["cut"]) for c in charts if c["cut"]]
        assert not cut, cut
    finally:
        page.close()


@pytest.mark.parametrize(("page_file", "size"), [("pages/overview.py", "phone"), ("pages/indicator.py", "phone"),
                                                  ("pages/overview.py", "desk")])
def test_the_filters_are_on_the_first_screen(server, debian_chromium, page_file, size):
    viewport = PHONE if size == "phone" else DESK
    page = _open(debian_chromium, server, page_file, viewport)
    try:
        page.screenshot(path=str(SCREENSHOTS / f"first-screen-{size}-{Path(page_file).stem}.png"))
        where = dict(page.evaluate(FILTERS))
        assert all(bottom is not None and bottom <= viewport["height"] for bottom in where.values()), where
    finally:
        page.close()
