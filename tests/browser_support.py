"""What the browser tests share: the real dashboard under `streamlit run`, and Debian's Chromium driving it.

On CI (CI=true) a missing Chromium fails the browser tests; elsewhere they are skipped with the way to install it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard_support import CHARTS_EXPECTED, ROOT, copy_of, demo_database
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Charts plotly has drawn (a chart holds more than one .main-svg, so count the charts that have one).
DRAWN_CHARTS = ("[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                ".filter(chart => chart.querySelector('.main-svg')).length")
# The main area and its content (the taller of them is the page's length), and the tallest window a screenshot takes.
CONTENT = "'[data-testid=\"stMain\"], [data-testid=\"stMainBlockContainer\"]'"
MAX_HEIGHT = 16_000
MISSING = "Debian's Chromium is not installed: run scripts/setup.sh (or sudo apt-get install chromium)"


def require_chromium() -> None:
    """Fail on CI, skip elsewhere, when /usr/bin/chromium is missing."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(MISSING)
    pytest.skip(MISSING)


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


@contextlib.contextmanager
def dashboard_server(db: Path, secrets: Path | None = None, launcher: list[str] | None = None,
                     seconds: float = 60) -> Iterator[str]:
    """`streamlit run dashboard.py` (or `launcher`, given the same options) on 127.0.0.1 and a free port over
    `db`, with the `secrets` file (else the project's own, usually none): yields its address once it answers
    (within `seconds`)."""
    port = _free_port()
    launcher = launcher or [sys.executable, "-m", "streamlit", "run", "dashboard.py"]
    command = [*launcher, "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"] + (["--secrets.files", str(secrets)] if secrets else [])
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "SAFEGUARDING_DB": str(db)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, seconds)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium under Playwright (never a browser Playwright downloads)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


# Generous: the machine that runs the suite may be busy, and a slow page is not a broken one.
WAIT_MS = 90_000


# Streamlit marks its root with the state of the script run; "notRunning" once a run has ended (before the first
# run it says "initial").
RUN_ENDED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def settle(page) -> None:
    """Wait until the script run has finished and no element is still a loading placeholder."""
    page.wait_for_selector(RUN_ENDED, state="attached", timeout=WAIT_MS)
    page.wait_for_function(
        f"() => document.querySelector('{RUN_ENDED}')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] *').length > 20",
        timeout=WAIT_MS)


def wait_for_charts(page, page_file: str) -> int:
    """Wait until plotly has drawn as many charts as the page must show; the number drawn."""
    wanted = CHARTS_EXPECTED[page_file]
    main = "document.querySelector('[data-testid=\"stMain\"]')"
    deadline = time.monotonic() + WAIT_MS / 1000
    # Scroll down a step at a time: a chart below the fold may wait to be seen before plotly draws it.
    while (drawn := page.evaluate(f"() => {DRAWN_CHARTS}")) < wanted and time.monotonic() < deadline:
        page.evaluate(f"() => {main}.scrollBy(0, 400)")
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(f"n => {DRAWN_CHARTS} > n", arg=drawn, timeout=250)
    page.evaluate(f"() => {main}.scrollTo({{top: 0, behavior: 'instant'}})")
    assert drawn >= wanted, f"{page_file}: {drawn} of {wanted} charts drawn in {WAIT_MS // 1000} s"
    return drawn


def full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main area, not the document: grow the window to the content, then shoot."""
    height = page.evaluate(f"() => Math.max(...[...document.querySelectorAll({CONTENT})].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(height + 40, MAX_HEIGHT)})
    # Shoot once the main area no longer scrolls (the window holds it all), or the window is as tall as allowed.
    page.wait_for_function(f"() => [...document.querySelectorAll({CONTENT})].every(e => e.scrollHeight <= "
                           f"e.clientHeight + 1) || window.innerHeight >= {MAX_HEIGHT}", timeout=WAIT_MS)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


class Runs:
    """The script runs the server reports finished, in full, to a page (read off the app's websocket)."""

    def __init__(self, page):
        self.page, self.finished = page, 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._count))

    def _count(self, payload) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "script_finished" and (
                    message.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY):
                self.finished += 1

    def wait_past(self, before: int) -> None:
        """Wait until a run has finished since `before` were counted (Playwright delivers events while it waits)."""
        deadline = time.monotonic() + WAIT_MS / 1000
        while self.finished <= before:
            assert time.monotonic() < deadline, f"the server finished no run in {WAIT_MS // 1000} s"
            self.page.wait_for_timeout(50)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The dashboard on a copy of the demo database, shared by the browser modules that only look at pages (they run
    on one worker: see scripts/test.sh)."""
    demo = demo_database(tmp_path_factory.getbasetemp())
    with dashboard_server(copy_of(demo, tmp_path_factory.mktemp("browser") / "dashboard.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def debian_chromium():
    """Debian's Chromium, for one test module (Playwright's event loop must not outlive the browser tests: the same
    worker runs other tests afterwards)."""
    with chromium() as browser:
        yield browser
