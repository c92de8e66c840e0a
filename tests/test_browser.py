"""The real dashboard in Debian's Chromium: every page opens, draws its charts, and raises nothing.

A full-page screenshot of each page goes to test-artifacts/screenshots/<page>.png for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard_support import CHARTS_EXPECTED, PAGE_URLS, ROOT, copy_of, demo_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Charts plotly has drawn (a chart holds more than one .main-svg, so count the charts that have one).
DRAWN_CHARTS = ("[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                ".filter(chart => chart.querySelector('.main-svg')).length")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed (scripts/setup.sh installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the dashboard was not healthy within {seconds} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run dashboard.py` on a free port, on a copy of the demo database."""
    demo = demo_database(tmp_path_factory.getbasetemp())
    db = copy_of(demo, tmp_path_factory.mktemp("browser") / "dashboard.duckdb")
    port = _free_port()
    env = {**os.environ, "SAFEGUARDING_DB": str(db)}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _settle(page) -> None:
    """Wait until the script run has finished and nothing is still drawing."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] *').length > 20",
        timeout=30_000)
    page.wait_for_timeout(700)


@pytest.mark.parametrize("page_file", list(PAGE_URLS))
def test_every_page_draws_without_error(server, chromium, page_file):
    page = chromium.new_page(viewport={"width": 1440, "height": 1000})
    try:
        page.goto(f"{server}/{PAGE_URLS[page_file]}", wait_until="domcontentloaded")
        _settle(page)
        wanted = CHARTS_EXPECTED[page_file]
        if wanted:
            page.wait_for_function(f"() => {DRAWN_CHARTS} >= {wanted}", timeout=30_000)
        page.wait_for_timeout(500)
        assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
            '[data-testid="stException"]').first.inner_text()
        assert page.get_by_text("Demo data.").count() >= 1, "the synthetic-data banner is missing"
        assert page.evaluate(f"() => {DRAWN_CHARTS}") >= wanted
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{Path(page_file).stem}.png"), full_page=True)
    finally:
        page.close()


def test_a_tile_opens_its_detail(server, chromium):
    page = chromium.new_page(viewport={"width": 1440, "height": 1000})
    try:
        page.goto(server, wait_until="domcontentloaded")
        _settle(page)
        page.locator('[data-testid="stButton"] button', has_text="Details").first.click()
        page.wait_for_url("**/indicator?indicator=*", timeout=30_000)
        _settle(page)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
        assert "indicator=cp_rate" in page.url
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
