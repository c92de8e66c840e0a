"""Every dashboard page under Streamlit's AppTest, on its own copy of the demo database."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_support import (CHARTS_EXPECTED, QUESTION_CHARTS, ROOT, app_db, copy_of, demo_db,  # noqa: F401
                               each_question, explicit_navigation_only, fresh_caches, started, table_seen)
from pages.ui import navigation
from safeguarding import definitions




def on_page(page: str) -> AppTest:
    at = started()
    at.switch_page(page)
    at.run()
    return at


def texts(at: AppTest) -> str:
    """Every markdown, caption and title on the page, as one string."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [h.value for h in at.header]
    return "\n".join(parts)


def shown_values(at: AppTest) -> dict[str, str]:
    """Each tile's value as shown, by indicator title."""
    return {metric.label: metric.value for metric in at.metric}


@pytest.mark.parametrize("page", navigation.all_pages())
def test_every_page_runs_and_says_the_data_is_synthetic(app_db, page):
    at = on_page(page)
    assert not at.exception, at.exception
    assert any("Demo data" in w.value for w in at.warning), "the synthetic-data banner is missing"


@pytest.mark.parametrize("page", navigation.all_pages())
def test_every_page_runs_in_the_year_view_compared_with_neighbours(app_db, page):
    at = started()
    at.radio(key="view").set_value("year").run()
    at.selectbox(key="comparator").set_value("neighbours").run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="period").value == "2024-25"


def test_overview_headlines_match_the_command_line(app_db, demo_db, tmp_path):
    # The CLI opens its own copy: the app process holds a lock on app_db.
    cli_db = copy_of(demo_db, tmp_path / "cli.duckdb")
    result = subprocess.run([sys.executable, "-m", "safeguarding", "indicators", "--db", str(cli_db),
                             "--format", "csv"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    at = started()
    period = at.selectbox(key="period").value
    assert period == max((r["period"] for r in rows if r["value"]), key=lambda p: (p[:7], p[-1]))
    expected = {r["indicator"]: r["value"] for r in rows if r["period"] == period}
    shown = shown_values(at)
    headlines = definitions.headlines()
    assert len(headlines) >= 9
    years = subprocess.run([sys.executable, "-m", "safeguarding", "indicators", "--db", str(cli_db), "--format",
                            "csv", "--view", "year"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    year = {r["indicator"]: r["value"] for r in csv.DictReader(io.StringIO(years.stdout)) if r["period"] == "2024-25"}
    small = {r["indicator"] for r in rows if r["period"] == period and r["numerator"] and 0 < float(r["numerator"]) < 5}
    assert small == {"cp_2yr"}  # 3 of 49 plans: suppressed, so the year's figure stands in, labelled
    for ind in headlines:
        value = year[ind.id] if ind.id in small else expected[ind.id]
        text = f"{float(value):,.1f}" + ("%" if ind.unit == "percent" else "")
        text += " (2024-25 financial year)" if ind.id in small else ""
        assert shown[ind.title] == text, f"{ind.id}: shown {shown[ind.title]!r}, command line {value!r}"


def test_the_first_visit_takes_what_the_start_prepared_and_shows_the_same(app_db):
    """scripts/serve.py works out what the Overview reads before the server answers: the first visit must take
    every piece an analyst reads (keys that miss would leave them unused) and show what it would have worked out."""
    import streamlit as st

    from pages.ui import data

    data.prepare(app_db)
    before = set(data._PREPARED)
    assert {key[0] for key in before} == {"results", "protected", "partnership", "limits", "inputs", "tiles"}
    prepared = shown_values(started())
    # The rest (the year's results, the limits, a viewer's figures, ...) waits for the pages that read them.
    assert {key[0] + (f" {key[3]}" if key[0] == "results" else "") for key in before - set(data._PREPARED)} == {
        "results quarter", "partnership", "tiles"}
    data._PREPARED.clear()
    st.cache_data.clear()
    assert prepared == shown_values(started())


def test_what_the_start_prepared_is_not_shown_after_a_write(app_db):
    from pages.ui import data
    from safeguarding import settings
    from safeguarding.store import open_store

    data.prepare(app_db)
    left = dict(data._PREPARED)
    settings.update(open_store(app_db), by="test", name="Renamed after the start")
    at = started()
    assert "Renamed after the start" in texts(at) + "".join(m.value for m in at.sidebar.markdown)
    assert data._PREPARED.keys() == left.keys()  # a later generation: nothing prepared was taken


def test_choosing_another_quarter_changes_the_figures(app_db):
    at = started()
    period = at.selectbox(key="period")
    before = shown_values(at)
    earlier = period.options[1]
    period.set_value(earlier).run()
    assert not at.exception
    assert f"Where do we stand in {earlier}" in texts(at)
    assert shown_values(at) != before


def test_the_year_view_shows_financial_years(app_db):
    at = started()
    before = shown_values(at)
    at.radio(key="view").set_value("year").run()
    assert not at.exception
    period = at.selectbox(key="period")
    assert all(len(option) == 7 for option in period.options), period.options  # '2024-25'
    assert period.value in period.options
    assert shown_values(at) != before
    assert "against the previous year" in texts(at)


def test_the_comparator_changes_what_tiles_compare_with(app_db):
    at = started()
    assert "England 40.6" in texts(at)
    at.selectbox(key="comparator").set_value("region").run()
    assert not at.exception
    shown = texts(at)
    assert "West Midlands 40.3" in shown and "England 40.6" not in shown


def test_needs_attention_shows_only_red_and_amber(app_db):
    at = started()
    assert not at.toggle  # the grid of every indicator is drawn only once it is opened
    at.session_state["every_indicator"] = True
    at.run()
    at.toggle(key="attention_only").set_value(True).run()
    assert not at.exception
    grid = at.expander[0]  # every indicator by theme: the headlines and the agenda stay above it
    tiles = [m.value for m in grid.markdown if "-badge[" in m.value and "&nbsp;" in m.value]
    assert tiles and all(":red-badge" in b or ":orange-badge" in b for b in tiles), tiles


def test_a_tile_opens_the_indicator_detail(app_db):
    at = started()
    at.button(key="overview_0_cla_rate").click().run()
    assert not at.exception
    assert at.selectbox(key="indicator").value == "cla_rate"
    assert "Children looked after per 10,000" in texts(at)
    assert at.query_params.get("indicator") == ["cla_rate"] or at.query_params.get("indicator") == "cla_rate"


def test_the_detail_page_reads_the_indicator_from_its_address(app_db):
    at = started()
    at.query_params["indicator"] = "referral_source_police"
    at.switch_page("pages/indicator.py").run()
    assert not at.exception
    assert at.selectbox(key="indicator").value == "referral_source_police"
    shown = texts(at)
    assert "Red:" in shown and "above England" in shown
    assert "Source: DfE" in shown and "OGL v3.0" in shown
    figure = at.get("plotly_chart")[0].proto.spec
    assert "England" in figure and "This partnership" in figure


def test_the_detail_page_shows_the_partners_commentary(app_db):
    at = started()
    at.query_params["indicator"] = "contact_conversion"
    at.switch_page("pages/indicator.py").run()
    at.selectbox(key="period").set_value("2024-25 Q2").run()
    assert not at.exception
    assert "What partners said about 2024-25 Q2" in texts(at)
    quoted = [t.value for t in at.text]  # partners' words: plain text, never Markdown
    assert any("Restated in January 2025" in q for q in quoted), quoted


def test_data_quality_shows_the_missing_return_and_the_zero(app_db):
    at = on_page("pages/data_quality.py")
    assert not at.exception
    grid = table_seen(at.table[0])
    police = grid[grid["Agency"] == "Police"].iloc[0]
    assert police["2024-25 Q3"].endswith("Missing")
    warnings = table_seen(at.table[1])
    assert "Zero where there was never zero" in set(warnings["Check"])
    assert "Parts not adding up" in set(warnings["Check"])


def test_data_quality_explains_the_gaps_of_an_incomplete_year(app_db):
    at = started()
    at.radio(key="view").set_value("year").run()
    at.selectbox(key="period").set_value("2024-25").run()
    at.switch_page("pages/data_quality.py").run()
    assert not at.exception
    gaps = table_seen(at.table[-1])
    reasons = " ".join(gaps["Why there is no figure"])
    assert "No Police return for 2024-25 Q3" in reasons


def test_the_annual_view_has_three_years_beside_the_benchmarks(app_db):
    at = on_page("pages/annual.py")
    assert not at.exception
    table = table_seen(at.table[0])
    for column in ("2022-23", "2023-24", "2024-25", "RAG 2024-25", "England", "West Midlands",
                   "Statistical neighbours"):
        assert column in table.columns


def _questions(at: AppTest, page: str) -> list[tuple[int, int, str]]:
    """(charts drawn, tables of figures offered, the page's words) with each question's tab open."""
    opened = []
    for _ in each_question(at, page):
        tables = [e for e in at.expander if e.label == "The figures behind this chart"]
        opened.append((len(at.get("plotly_chart")), len(tables), texts(at)))
    return opened


@pytest.mark.parametrize("page", list(QUESTION_CHARTS))
def test_a_theme_page_draws_only_the_open_question_and_every_chart_is_reachable(app_db, page):
    at = on_page(page)
    assert len(at.get("plotly_chart")) == CHARTS_EXPECTED[page]
    opened = _questions(at, page)
    assert tuple(drawn for drawn, _, _ in opened) == QUESTION_CHARTS[page]
    assert all(tables == drawn for drawn, tables, _ in opened)  # every chart keeps its table of figures


def test_theme_pages_draw_their_charts_with_summaries(app_db):
    at = on_page("pages/front_door.py")
    shown = "\n".join(words for _, _, words in _questions(at, "pages/front_door.py"))
    assert "contacts" in shown and "did not become a referral" in shown
    assert "police was the largest" in shown
    assert "within 1 working day" in shown.lower()
    at.switch_page("pages/child_protection.py").run()
    shown = "\n".join(words for _, _, words in _questions(at, "pages/child_protection.py"))
    assert "ended without a conference" in shown
    assert "emotional abuse was the largest" in shown


def test_the_first_start_builds_the_demo_database(tmp_path, monkeypatch):
    db = tmp_path / "new" / "safeguarding.duckdb"
    monkeypatch.setenv("SAFEGUARDING_DB", str(db))
    explicit_navigation_only(monkeypatch)
    with fresh_caches(db):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=240)
        at.run()
        assert not at.exception, at.exception
        assert db.exists()
        assert any("Demo data" in w.value for w in at.warning)
        assert len(at.metric) >= 9


def test_every_page_file_is_in_the_navigation_and_the_browser_suite():
    from dashboard_support import PAGE_URLS

    from pages.ui import access

    files = {f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py")}
    listed = set(navigation.all_pages()) | {entry.path for entry in access.ANALYST_PAGES} | {access.REGION_PAGE.path}
    # The regional view is listed only when partnerships are configured: tests/test_browser_regional.py opens it.
    assert files == listed == set(PAGE_URLS) | {access.REGION_PAGE.path}


def test_a_charts_figures_are_drawn_when_its_table_is_opened(app_db):
    at = on_page(navigation.CHILD_PROTECTION)
    assert not any("Neglect (number)" in d.value.columns for d in at.dataframe)  # closed: not drawn
    at.session_state["figures_open_abuse_categories"] = True
    at.run()
    assert not at.exception, at.exception
    [shown] = [d.value for d in at.dataframe if "Neglect (number)" in d.value.columns]
    assert shown["Period"].iloc[0] == "2024-25 Q4" and len(shown) == 8  # newest first, the last eight quarters
