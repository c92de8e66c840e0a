"""The regional view in Debian's Chromium: a secrets file with three partnerships (then six), the rug's table read
off the page.

A full-page screenshot goes to test-artifacts/screenshots/regional-view.png for a person to look at.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import regional_support as support
from axe_support import run_axe, serious_of_ours
from browser_support import (SCREENSHOTS, WAIT_MS, dashboard_server, debian_chromium,  # noqa: F401 (fixture)
                             full_page_screenshot, settle)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


MEMBER = "member@avon.gov.uk"
COOKIE_SECRET = "regional-view-test-cookie-secret"
AUTH = {"redirect_uri": "http://127.0.0.1/oauth2callback", "cookie_secret": COOKIE_SECRET, "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://login.example/.well-known/openid-configuration"}


def toml(secrets: dict) -> str:
    """[auth] and the [partnerships] tables as a secrets file (TOML's basic strings and arrays read JSON's)."""
    lines = ["[auth]"] + [f"{key} = {json.dumps(value)}" for key, value in secrets["auth"].items()]
    for code, entry in secrets["partnerships"].items():
        lines.append(f"[partnerships.{code}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in entry.items()]
    return "\n".join(lines) + "\n"


def signed_in(browser, url: str, email: str = MEMBER):
    """A browser context signed in as `email`: the sign-in cookie Streamlit sets after the identity provider's
    answer, signed with the secrets file's cookie secret (the server checks it as it checks any)."""
    from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

    payload = json.dumps({"origin": url, "is_logged_in": True, "email": email})
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.add_cookies([{"name": "_streamlit_user", "url": url,
                          "value": create_signed_value(COOKIE_SECRET, "_streamlit_user", payload).decode()}])
    return context


@contextlib.contextmanager
def region_server(folder: Path, codes: tuple[str, ...]) -> Iterator[str]:
    """The dashboard with a secrets file holding sign-in and the partnerships `codes` (counts large enough that few
    are hidden; MEMBER a member of the first)."""
    support.region(folder, codes, scale=10)
    secrets = folder / "secrets.toml"
    hosted = {"auth": AUTH, **support.secrets(codes)}
    hosted["partnerships"][codes[0]]["members"] = [MEMBER]
    secrets.write_text(toml(hosted), encoding="utf-8")
    with dashboard_server(folder / "dashboard.duckdb", secrets) as url:
        yield url


def open_regional_view(browser, url: str):
    """The regional view for a member of the first partnership, reached from the sidebar, its chart drawn."""
    page = signed_in(browser, url).new_page()
    page.goto(url, wait_until="domcontentloaded")
    settle(page)
    page.get_by_role("link", name="Regional view").click()
    page.wait_for_url("**/regional", timeout=WAIT_MS)
    settle(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=WAIT_MS)
    assert page.locator('[data-testid="stException"]').count() == 0
    return page


def rug_rows(page) -> tuple[list[str], dict[str, list[str]]]:
    """The rug's table as the page shows it: its header, and each indicator's cells."""
    table = page.locator('[data-testid="stTable"] table').first
    header = [t.strip() for t in table.locator("thead th").all_inner_texts()]
    rows = {cells[0]: cells[1:] for cells in (
        [t.strip() for t in row.locator("td, th").all_inner_texts()] for row in table.locator("tbody tr").all())}
    return header, rows


def test_three_partnerships_side_by_side(tmp_path, debian_chromium):
    codes = ("avn", "brn", "cmb")
    with region_server(tmp_path, codes) as url:
        page = open_regional_view(debian_chromium, url)
        try:
            header, rows = rug_rows(page)
            assert header[-4:] == ["Indicator"] + [support.REGION[c][0] for c in codes]
            assert len(rows) == 18
            # Three partnerships are fewer than five: each figure rated, none placed in a fifth of the region.
            assert rows["Second or subsequent child protection plans"][-3:] == [
                "20.0% \u00b7 \u2714 Green", "24.0% \u00b7 \u25b2 Amber", "30.0% \u00b7 \u2716 Red"]
            assert rows["ICPCs within 15 working days"][-3:] == [
                "90.0% \u00b7 \u2714 Green", "c \u00b7 \u2298 Suppressed", "80.0% \u00b7 \u25b2 Amber"]
            assert page.get_by_text("no shared indicator has 5 or more partnerships with a figure shown").count() == 1
        finally:
            page.context.close()


def test_six_partnerships_in_fifths(tmp_path, debian_chromium):
    """Six partnerships: the fifths in the table, the screenshot, and no serious axe-core violation of ours."""
    with region_server(tmp_path, tuple(support.REGION)) as url:
        page = open_regional_view(debian_chromium, url)
        try:
            header, rows = rug_rows(page)
            assert header[-6:] == [support.REGION[c][0] for c in support.REGION]
            assert rows["Second or subsequent child protection plans"][-6:] == [
                "20.0% \u00b7 \u2714 Green \u00b7 fifth 1 (bottom, better)", "24.0% \u00b7 \u25b2 Amber \u00b7 fifth 2",
                "30.0% \u00b7 \u2716 Red \u00b7 fifth 4", "24.0% \u00b7 \u25b2 Amber \u00b7 fifth 2",
                "* \u00b7 \u2298 Suppressed", "40.0% \u00b7 \u2716 Red \u00b7 fifth 5 (top, worse)"]
            full_page_screenshot(page, SCREENSHOTS / "regional-view.png")
            assert not (ours := serious_of_ours(run_axe(page, "pages/regional.py"))), ours
        finally:
            page.context.close()
