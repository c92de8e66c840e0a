"""The passphrase guard under a real server: Streamlit's clear-cache message, sent over the app's own websocket,
leaves the guessing limit in force."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from browser_support import Runs, dashboard_server
from dashboard_support import copy_of, demo_database
from safeguarding import access

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]  # one worker runs the browser tests
PASSPHRASE = "correct horse battery staple"


async def _clear_caches(url: str) -> None:
    """Send what the menu's "Clear cache" sends, then wait for the server's answer to a heartbeat sent after it
    (messages are handled in order, so the caches are empty by then)."""
    async with websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"]) as ws:
        await ws.send(BackMsg(clear_cache=True).SerializeToString())
        await ws.send(BackMsg(app_heartbeat=True).SerializeToString())
        while True:
            answer = ForwardMsg()
            answer.ParseFromString(await asyncio.wait_for(ws.recv(), 30))
            if answer.WhichOneof("type") == "heartbeat_ack":
                return


def _open(page, runs: Runs, go) -> None:
    """Load the page (`go`), wait for its first run to end, and check the sidebar's way in for analysts is drawn."""
    before = runs.finished
    go()
    runs.wait_past(before)
    page.get_by_text("Analysts: unlock uploads and settings").wait_for(timeout=90_000)


def _guess(page, runs: Runs, typed: str) -> str:
    """Type a passphrase in the sidebar and press Unlock; the message shown once the server has handled it."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    expander = sidebar.get_by_text("Analysts: unlock uploads and settings")
    if not sidebar.get_by_label("Analyst passphrase").is_visible():
        expander.click()
    sidebar.get_by_label("Analyst passphrase").fill(typed)
    # The message of the guess before stays on screen until this run replaces it: wait for the run itself, so each
    # guess is counted before the next (or the reload) is made.
    before = runs.finished
    sidebar.get_by_role("button", name="Unlock").click()
    runs.wait_past(before)
    alert = sidebar.locator('[data-testid="stAlertContentError"]')
    alert.wait_for(timeout=30_000)
    return alert.inner_text()


def test_clearing_the_caches_does_not_reset_the_guessing_limit(tmp_path_factory, debian_chromium):
    demo = demo_database(tmp_path_factory.getbasetemp())
    folder = tmp_path_factory.mktemp("guard")
    secrets = folder / "secrets.toml"
    secrets.write_text(f'analyst_passphrase_hash = "{access.hash_passphrase(PASSPHRASE, n=2**4)}"\n')
    with dashboard_server(copy_of(demo, folder / "dashboard.duckdb"), secrets) as url:
        page = debian_chromium.new_page(viewport={"width": 1440, "height": 1000})
        runs = Runs(page)
        _open(page, runs, lambda: page.goto(f"{url}/data_quality", wait_until="domcontentloaded"))
        for n in range(access.GUARD.limit):
            assert _guess(page, runs, f"wrong guess {n}") == "That is not the analyst passphrase."
        with ThreadPoolExecutor(1) as other:  # Playwright's own event loop runs in this thread
            other.submit(asyncio.run, _clear_caches(url)).result()
        # A new session too: its session state starts empty.
        _open(page, runs, lambda: page.reload(wait_until="domcontentloaded"))
        assert _guess(page, runs, PASSPHRASE).startswith("Too many wrong passphrases: try again in ")
        page.close()
