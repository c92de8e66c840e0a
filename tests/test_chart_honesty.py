"""Charts that never mislead, walked over every chart the pages draw (AppTest) and every pack builds: categories
never take a RAG colour, every count, share and rate axis starts at zero, attendance bars carry their limits,
every chart has a title and a text alternative, and no pack page contradicts itself."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_support import CHARTS_EXPECTED, QUESTION_CHARTS, ROOT, app_db, demo_db, each_question  # noqa: F401
from pages.ui import navigation
from safeguarding import charts, definitions, palette
from safeguarding.export import contents, packs
from safeguarding.store import Store

# One worker builds the packs once for every test here.
pytestmark = pytest.mark.xdist_group("chart_honesty")

RAG_COLOURS = {c.upper() for c in palette.RAG.values()}
RGBA = re.compile(r"rgba?\((\d+),\s*(\d+),\s*(\d+)")


def _hex(colour) -> str | None:
    if not isinstance(colour, str):
        return None
    match = RGBA.match(colour)
    if match:
        return "#" + "".join(f"{int(v):02X}" for v in match.groups())
    return colour.upper() if colour.startswith("#") else None


def _colours(trace: dict) -> set[str]:
    """Every colour a trace paints with: line, marker (one or per point), marker outline, fill."""
    marker = trace.get("marker") or {}
    found = [(trace.get("line") or {}).get("color"), trace.get("fillcolor"), (marker.get("line") or {}).get("color")]
    colour = marker.get("color")
    found += colour if isinstance(colour, list) else [colour]
    return {h for h in map(_hex, found) if h}


def category_traces_with_rag_colours(spec: dict) -> list[str]:
    """Traces not marked as ratings that paint with a RAG colour (named, for the failure message)."""
    rag_rgb = RAG_COLOURS | {_hex(c) for c in palette.RAG_FILLS.values()}
    return [f"{trace.get('name')}: {sorted(_colours(trace) & rag_rgb)}" for trace in spec.get("data", [])
            if trace.get("meta") != charts.RATING and _colours(trace) & rag_rgb]


def value_axes_not_from_zero(spec: dict) -> list[str]:
    """Value axes (y, or x for horizontal bars) whose range does not start at 0."""
    data, layout = spec.get("data", []), spec.get("layout", {})
    if all(trace.get("type") in ("pie", "funnel") for trace in data) or not data:
        return []
    horizontal = any(trace.get("orientation") == "h" for trace in data)
    axis = layout.get("xaxis" if horizontal else "yaxis", {})
    starts = (axis.get("range") or [None])[0]
    if starts == 0 or (starts is None and axis.get("rangemode") == "tozero"):
        return []
    return [f"{(layout.get('title') or {}).get('text')}: value axis starts at {starts}"]


def check(spec: dict) -> list[str]:
    return category_traces_with_rag_colours(spec) + value_axes_not_from_zero(spec)


# ------------------------------------------------------------------------------------------- the rules themselves


def test_the_check_catches_a_category_in_a_rag_colour_and_a_cut_axis():
    spec = {"data": [{"type": "bar", "name": "Police", "marker": {"color": palette.RAG["amber"]}}],
            "layout": {"title": {"text": "x"}, "yaxis": {"range": [40, 100]}}}
    assert len(check(spec)) == 2
    spec["data"][0]["meta"] = charts.RATING
    spec["layout"]["yaxis"]["range"] = [0, 100]
    assert check(spec) == []


# ------------------------------------------------------------------------------------------- every page's charts


CHART_PAGES = [page for page, wanted in CHARTS_EXPECTED.items() if wanted]


def _page_specs(view: str) -> dict[str, list[dict]]:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    if view == "year":
        at.radio(key="view").set_value("year").run()
    found = {}
    for page in CHART_PAGES:
        at.switch_page(page).run()
        assert not at.exception, at.exception
        found[page] = [json.loads(chart.proto.spec) for _ in _each_view(at, page) for chart in at.get("plotly_chart")]
    return found


def _each_view(at: AppTest, page: str):
    """The page as it opened, or each of its questions' tabs opened in turn: every chart it offers is drawn once."""
    yield from each_question(at, page) if page in QUESTION_CHARTS else [page]


def test_the_chart_pages_are_pages_of_the_dashboard():
    assert len(CHART_PAGES) >= 6 and set(CHART_PAGES) <= set(navigation.all_pages())


@pytest.mark.parametrize("view", ["quarter", "year"])
def test_every_page_chart_keeps_ratings_and_categories_apart_and_starts_at_zero(app_db, view):
    specs = _page_specs(view)
    assert sum(len(v) for v in specs.values()) >= 23
    problems = [f"{page}: {p}" for page, found in specs.items() for spec in found for p in check(spec)]
    assert not problems, problems
    for page, found in specs.items():
        for spec in found:
            assert (spec["layout"].get("title") or {}).get("text"), f"a chart on {page} has no title"


def test_every_chart_has_a_text_alternative(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    for page in CHART_PAGES:
        at.switch_page(page).run()
        for chart in [chart for _ in _each_view(at, page) for chart in at.get("plotly_chart")]:
            assert len(chart.proto.alt or "") > 20, f"a chart on {page} has no text alternative"


def test_partner_attendance_bars_show_each_partners_limits(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    at.switch_page("pages/partners.py").run()
    spec = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if json.loads(c.proto.spec)["layout"]["title"]["text"].startswith("Attendance"))
    marks = {t["name"]: t for t in spec["data"] if t["name"].endswith("limit")}
    assert set(marks) == {"Green limit", "Amber limit"}
    # police at strategy discussions: green from 95%, amber from 85%; health and schools at ICPCs: 90% and 75%.
    assert sorted(marks["Green limit"]["x"]) == [90, 90, 95]
    assert sorted(marks["Amber limit"]["x"]) == [75, 75, 85]


# ------------------------------------------------------------------------------------------- every pack's charts


@pytest.fixture(scope="module")
def pack_store(demo_db, tmp_path_factory):
    from dashboard_support import copy_of

    store = Store(copy_of(demo_db, tmp_path_factory.mktemp("packs") / "packs.duckdb"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def scorecards(pack_store) -> dict:
    """The full scorecard pack (every indicator: the other presets are parts of it) in both views."""
    return {view: contents.build(pack_store, view=view, preset="scorecard") for view in ("quarter", "year")}


@pytest.mark.parametrize("view", ["quarter", "year"])
def test_every_pack_chart_keeps_ratings_and_categories_apart_and_starts_at_zero(scorecards, view):
    pack = scorecards[view]
    assert len(pack.pages) == len(definitions.indicators())
    problems = [f"{page.indicator_id}: {p}" for page in pack.pages if page.figure is not None
                for p in check(packs.page_figure(page.figure))]
    assert not problems, problems


def test_no_pack_page_says_there_is_no_figure_and_then_gives_one(scorecards):
    quoted = re.compile(r"\bEngland\b[^.;]{0,20}?\d")
    pages = {page.indicator_id: page for page in scorecards["quarter"].pages}
    for page in pages.values():
        texts = (page.summary, page.source, page.item.reason, page.definition, page.item.parts_text)
        if any(quoted.search(text) for text in texts):
            assert not page.item.comparison_text.startswith(("No DfE", "No England")), (
                page.indicator_id, page.item.comparison_text, [t for t in texts if quoted.search(t)])
    assert pages["assessments_45wd"].item.comparison_text == "No LAIT benchmark"
    assert "England was about 86%" in pages["assessments_45wd"].source


def test_a_sparkline_states_its_range_so_a_small_change_is_not_a_cliff():
    from safeguarding import chart_text

    quarters = ("2024-25 Q2", "2024-25 Q3", "2024-25 Q4")
    assert chart_text.sparkline_text("training_attendance", (85.1, None, 85.3), quarters) == (
        "Last 3 quarters: 85.1% to 85.3%")
    assert chart_text.sparkline_text("care_proceedings", (4.0, 4.0), ("2023-24", "2024-25")) == (
        "Last 2 years: 4 throughout")
    assert chart_text.sparkline_text("care_proceedings", (4.0,), ("2024-25",)) == ""


def test_the_figures_behind_attendance_bars_give_each_bars_limits():
    from safeguarding import chart_text
    from safeguarding.definitions import Limits

    items = [("Police at strategy discussions", 90.0, "amber"), ("Health at ICPCs", None, "grey")]
    limits = [Limits("up", 95, None, 85, None), Limits("up", 90, None, 75, None)]
    table = chart_text.bars_table(items, "percent", limits)
    assert table.to_dict("records") == [
        {"": "Police at strategy discussions", "Value": "90.0%", "Rating": "\u25b2 Amber",
         "Limits": "green at least 95%, amber at least 85%"},
        {"": "Health at ICPCs", "Value": "\u2013", "Rating": "\u25cb Not rated",
         "Limits": "green at least 90%, amber at least 75%"}]


def test_stacked_parts_paint_their_own_colour_under_the_pattern():
    """Streamlit's plotly.js leaves a patterned bar transparent unless the pattern names its background: every
    part must draw in its own colour in the browser, not only in Kaleido's images."""
    import pandas as pd

    rows = {key: pd.DataFrame({"period": ["2024-25 Q1"], "period_start": [pd.Timestamp("2024-04-01")],
                               "value": [25.0], "numerator": [n]}) for n, key in enumerate("abcd", start=1)}
    figure = charts.composition_figure(rows, {key: key.upper() for key in rows}, "numerator", "count")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert len(bars) == 4
    for bar in bars:
        assert bar.marker.pattern.bgcolor == bar.marker.color, bar.name
    assert len({bar.marker.color for bar in bars}) == len({bar.marker.pattern.shape for bar in bars}) == 4
