"""The regional view under AppTest, signed in: the rug's table, chart and downloads for someone in any of the region's
partnerships; not listed for anyone else; a clear message for a wrong setting."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import regional_support as support
from dashboard_support import ROOT, copy_of, explicit_navigation_only, fresh_caches, table_seen
from pages.ui import access
from safeguarding import store as store_module
from safeguarding import thresholds
from safeguarding.store import open_store
from test_loop_pages import SIGN_IN


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    return support.region_copy(tmp_path_factory)


@pytest.fixture
def dashboard(region, tmp_path, monkeypatch):
    """The dashboard over a private copy of the region: its default database a copy of one partnership's (for the
    filters); every partnership's store the app opened closed at the end."""
    _, paths = region
    copies = {code: copy_of(path, tmp_path / "partnerships" / path.name) for code, path in paths.items()}
    db = copy_of(paths["avn"], tmp_path / "dashboard.duckdb")
    explicit_navigation_only(monkeypatch)
    monkeypatch.setenv("SAFEGUARDING_DB", str(db))
    try:
        with fresh_caches(db):
            yield copies
    finally:
        for path in copies.values():
            opened = store_module._open.get(str(path.resolve()))
            if opened is not None:
                opened.close()


MEMBER = {"is_logged_in": True, "email": "member@avon.gov.uk"}


def hosting(**changes) -> dict:
    """The secrets file of a service hosting the region, with sign-in; Avon lists MEMBER among its members."""
    secrets = {**SIGN_IN, **support.secrets()}
    secrets["partnerships"]["avn"]["members"] = [MEMBER["email"]]
    return secrets | changes


def regional_page(secrets: dict, user: dict | None = MEMBER) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in secrets.items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.run()
    at.switch_page(access.REGIONAL).run()
    assert not at.exception, at.exception
    return at


def test_the_rug_for_a_member_of_one_partnership(dashboard):
    secrets = hosting()
    secrets["partnerships"]["dor"]["name"] = "Dorset <b>Safeguarding</b>"
    at = regional_page(secrets)
    assert [h.value for h in at.header] == [f"Shared indicators, {support.LATEST}"]
    table = table_seen(at.table[0])
    names = [secrets["partnerships"][c]["name"] for c in support.REGION]
    assert list(table.columns) == ["Indicator"] + names  # by name, each shown as written
    row = table[table["Indicator"] == "Second or subsequent child protection plans"].iloc[0]
    assert row["Avon Safeguarding Partnership"] == "20.0% \u00b7 \u2714 Green \u00b7 fifth 1 (bottom, better)"
    assert row["Essex Partnership"] == "* \u00b7 \u2298 Suppressed"
    assert row["Dorset <b>Safeguarding</b>"] == "24.0% \u00b7 \u25b2 Amber \u00b7 fifth 2"  # a name shown as written
    shown = "\n".join(m.value for m in at.markdown)
    assert "of 6 partnerships have figures in the top or bottom fifth of the region" in shown.replace("\\", "")
    assert len(at.get("plotly_chart")) == 1
    assert {b.proto.label for b in at.get("download_button")} >= {"CSV", "Excel"}


def test_the_region_s_own_list_of_indicators(dashboard):
    at = regional_page(hosting(region={"indicators": ["icpc_15wd", "cp_repeat"]}))
    table = table_seen(at.table[0])
    assert list(table["Indicator"]) == ["ICPCs within 15 working days", "Second or subsequent child protection plans"]
    assert table.loc[0, "Brent Children's Partnership"] == "c \u00b7 \u2298 Suppressed"


def test_a_wrong_indicator_in_the_secrets_file_is_explained(dashboard):
    at = regional_page(hosting(region={"indicators": ["cp_rates"]}))
    assert any("names cp_rates, which is not an indicator" in e.value for e in at.error)
    assert not at.table


def not_listed(secrets: dict, user: dict | None = None) -> None:
    """The regional view is not in this person's navigation (so switching to it finds no page)."""
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        regional_page(secrets, user)


def test_no_region_without_partnerships(dashboard):
    not_listed({}, None)
    not_listed(SIGN_IN)


@pytest.mark.parametrize("user", [{"email": "viewer@brent.gov.uk"}, {"email": "x@y.org", "groups": ["Brent-Board"]}])
def test_anyone_in_any_partnership_sees_every_partnership(dashboard, user):
    secrets = hosting()
    secrets["partnerships"]["brn"]["viewers"] = ["viewer@brent.gov.uk", "group:brent-board"]
    table = table_seen(regional_page(secrets, {"is_logged_in": True, **user}).table[0])
    assert table.shape == (18, 7)


def test_not_listed_for_someone_in_no_partnership(dashboard):
    not_listed(hosting(), {"is_logged_in": True, "email": "someone@elsewhere.org"})


def test_a_partnership_s_own_thresholds_rate_its_cell_and_a_change_shows_at_once(dashboard):
    """brn tightens its repeat-plan limits: its 24.0% turns from amber to red on the next run, the others stay."""
    at = regional_page(hosting())
    row = "Second or subsequent child protection plans"
    assert table_seen(at.table[0]).set_index("Indicator").loc[row, "Brent Children's Partnership"].startswith(
        "24.0% \u00b7 \u25b2 Amber")
    store = open_store(dashboard["brn"])  # the store the dashboard holds in this process
    thresholds.save(store, "cp_repeat", thresholds.limits("down", green_hi=15, amber_hi=20), by="test")
    at.run()
    assert not at.exception, at.exception
    shown = table_seen(at.table[0]).set_index("Indicator").loc[row]
    assert shown["Brent Children's Partnership"] == "24.0% \u00b7 \u2716 Red \u00b7 fifth 2"
    assert shown["Dorset Safeguarding Partnership"] == "24.0% \u00b7 \u25b2 Amber \u00b7 fifth 2"
