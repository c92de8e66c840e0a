"""A viewer of a shared dashboard sees figures under the disclosure rule; the analyst sees them exactly."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from dashboard_support import ROOT, demo_database, explicit_navigation_only, private_database
from safeguarding import definitions

HIDDEN = "cp_2yr"  # the demo's 2024-25 Q4 plans ending after two years rest on a count of 1 to 5


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_database(tmp_path_factory.getbasetemp())


def _overview(address: str) -> dict[str, str]:
    before = config.get_option("server.address")
    config.set_option("server.address", address)  # listening beyond this machine: no one is the analyst by default
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        return {metric.label: metric.value for metric in at.metric}
    finally:
        config.set_option("server.address", before)


@pytest.mark.parametrize("address", ["127.0.0.1", "0.0.0.0"])
def test_the_overview_tiles_are_protected_for_everyone_so_they_agree_with_the_pack(demo_db, tmp_path, monkeypatch,
                                                                                     address):
    explicit_navigation_only(monkeypatch)
    title = definitions.indicators()[HIDDEN].title
    with private_database(demo_db, tmp_path / "viewer.duckdb", monkeypatch):
        shown = _overview(address)
    assert title in shown
    # The quarter rests on a small count: its financial year stands in, for the analyst and a viewer alike.
    assert not shown[title].endswith("%") and "financial year" in shown[title], shown[title]
    # Figures that rest on no small number look the same to both.
    assert shown[definitions.indicators()["cp_rate"].title][:1].isdigit()
