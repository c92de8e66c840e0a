"""The dashboard as `bash scripts/run.sh` starts it (scripts/serve.py): the start-up work done before the server
answers, then the first visit in Debian's Chromium shows the Overview's figures."""

from __future__ import annotations

import sys

import pytest

from browser_support import WAIT_MS, dashboard_server, settle
from dashboard_support import copy_of, demo_database

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_first_visit_after_serve_shows_the_overview_figures(tmp_path_factory, debian_chromium):
    demo = demo_database(tmp_path_factory.getbasetemp())
    db = copy_of(demo, tmp_path_factory.mktemp("serve") / "dashboard.duckdb")
    with dashboard_server(db, launcher=[sys.executable, "scripts/serve.py"], seconds=300) as url:
        page = debian_chromium.new_page(viewport={"width": 1440, "height": 1000})
        try:
            page.goto(url, wait_until="domcontentloaded")
            page.get_by_text("Demo data.").first.wait_for(timeout=WAIT_MS)
            settle(page)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.get_by_text("Child protection headlines").count() == 1
            assert page.locator('[data-testid="stMetricValue"]').count() >= 9  # the nine headline tiles
        finally:
            page.close()
