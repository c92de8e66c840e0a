"""The passphrase guard under a real server: Streamlit's clear-cache message, sent over the app's own websocket,
leaves the guessing limit in force."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from browser_support import dashboard_server
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


def _ready(page) -> None:
    """The sidebar's way in for analysts is drawn."""
    page.get_by_text("Analysts: unlock uploads and settings").wait_for(timeout=90_000)


def _guess(page, typed: str) -> str:
    """Type a passphrase in the sidebar and press Unlock; the message shown after it."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    expander = sidebar.get_by_text("Analysts: unlock uploads and settings")
    if not sidebar.get_by_label("Analyst passphrase").is_visible():
        expander.click()
    sidebar.get_by_label("Analyst passphrase").fill(typed)
    sidebar.get_by_role("button", name="Unlock").click()
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
        page.goto(f"{url}/data_quality", wait_until="domcontentloaded")
        _ready(page)
        for n in range(access.GUARD.limit):
            assert _guess(page, f"wrong guess {n}") == "That is not the analyst passphrase."
        with ThreadPoolExecutor(1) as other:  # Playwright's own event loop runs in this thread
            other.submit(asyncio.run, _clear_caches(url)).result()
        page.reload(wait_until="domcontentloaded")  # a new session too: its session state starts empty
        _ready(page)
        assert _guess(page, PASSPHRASE).startswith("Too many wrong passphrases: try again in ")
        page.close()
