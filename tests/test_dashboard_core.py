"""The dashboard's core (no Streamlit): words for changes, tiles, charts from limits, data quality, glossary."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard_support import copy_of, demo_database
from safeguarding import chart_text, charts, definitions, figure, figure_inputs, glossary, indicators, quality, \
    scorecard, views
from safeguarding.definitions import Limits
from safeguarding.store import Store

DEFS = definitions.indicators()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A store on a copy of the session's demo database, and its quarter results."""
    path = copy_of(demo_database(tmp_path_factory.getbasetemp()), tmp_path_factory.mktemp("core") / "demo.duckdb")
    store = Store(path)
    yield store, indicators.compute(store, "quarter")
    store.close()


@pytest.mark.parametrize("indicator_id, current, previous, words", [
    ("contacts_decided_1wd", 73.9, 76.9, "down 3.0 points, worse"),     # higher is better
    ("contacts_decided_1wd", 80.04, 79.96, "no change"),                # both shown as 80.0%
    ("cp_2yr", 6.1, 8.9, "down 2.8 points, better"),                    # lower is better
    ("cp_2yr", 6.1, 3.1, "up 3.0 points, worse"),
    ("contact_conversion", 24.4, 22.9, "up 1.5 points"),               # a band: no better or worse
    ("cp_category_emotional", 40.0, 42.0, "down 2.0 points"),          # context only
    ("cp_rate", 43.6, 43.8, "down 0.2 per 10,000"),
    ("care_proceedings", 0, 12, "down 12"),
    ("cp_rate", 43.64, 43.61, "no change"),                            # both shown as 43.6
    ("cp_rate", 43.6, None, "no earlier figure to compare"),
])
def test_change_in_words_respects_polarity(indicator_id, current, previous, words):
    assert scorecard.change_text(DEFS[indicator_id], current, previous) == words


def test_rates_carry_their_unit_in_the_title_so_values_can_drop_it():
    for ind in DEFS.values():
        if ind.unit == "rate":
            assert "per 10,000" in ind.title, ind.id


@pytest.mark.parametrize("indicator_id, value, shown", [
    ("cp_rate", 43.555, "43.6"), ("contacts_decided_1wd", 73.93, "73.9%"), ("care_proceedings", 1234, "1,234"),
    ("cp_rate", None, "No data"), ("cp_rate", float("nan"), "No data"),
])
def test_values_as_shown(indicator_id, value, shown):
    assert scorecard.value_text(DEFS[indicator_id], value) == shown


def test_a_count_is_never_compared_with_a_published_rate():
    row = {"england": 1258.0, "region": 141.0, "neighbours": 116.6, "benchmark_year": "2023-24"}
    assert scorecard.comparator_text(DEFS["first_time_entrants"], row, "england") == (
        "No comparable DfE figure (DfE publishes a rate)")
    figure = charts.indicator_figure("first_time_entrants", pd.DataFrame({
        "period": ["2024-25 Q1"], "period_start": [pd.Timestamp("2024-04-01")], "value": [5.0],
        "rag": ["grey"], "view": ["quarter"], **{k: [v] for k, v in row.items()}}))
    assert [t.name for t in figure.data] == ["This partnership"]


def test_tiles_headlines_first_and_attention_filter(demo):
    store, frame = demo
    period = scorecard.default_period(frame)
    tiles = figure.build(figure_inputs.load(store, "quarter", period))
    groups = scorecard.overview_groups(tiles)
    assert groups[0][0] == "Child protection headlines"
    assert [t.indicator_id for t in groups[0][1]] == [i.id for i in definitions.headlines()]
    shown = [t.indicator_id for _, members in groups for t in members]
    assert sorted(shown) == sorted(DEFS), "every indicator appears exactly once"
    attention = scorecard.overview_groups(tiles, attention_only=True)
    assert all(t.state in ("red", "amber") for _, members in attention for t in members)
    assert all(len(t.trend) <= scorecard.SPARK_PERIODS for t in tiles)


def test_the_default_period_skips_one_with_no_figures():
    frame = pd.DataFrame({"period": ["2024-25 Q4", "2025-26 Q1"], "value": [1.0, None],
                          "period_start": [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-04-01")]})
    assert scorecard.periods(frame) == ["2025-26 Q1", "2024-25 Q4"]
    assert scorecard.default_period(frame) == "2024-25 Q4"


@pytest.mark.parametrize("limits, lo, hi, bands", [
    (Limits("up", 90, None, 80, None), 70, 100, [("red", 70, 80), ("amber", 80, 90), ("green", 90, 100)]),
    (Limits("down", None, 5, None, 8), 0, 10, [("green", 0, 5), ("amber", 5, 8), ("red", 8, 10)]),
    (Limits("band", 18, 35, 12, 45), 5, 50,
     [("red", 5, 12), ("amber", 12, 18), ("green", 18, 35), ("amber", 35, 45), ("red", 45, 50)]),
    (Limits("band", 18, 35, 12, 45), 20, 30, [("green", 20, 30)]),
])
def test_rag_bands_come_from_the_limits_and_never_overlap(limits, lo, hi, bands):
    assert charts._bands(limits, lo, hi) == bands


def _rows(values, england=None):
    starts = pd.date_range("2023-04-01", periods=len(values), freq="QS-APR")
    labels = [f"{s.year if s.month >= 4 else s.year - 1}-{(s.year + (1 if s.month >= 4 else 0)) % 100:02d} "
              f"Q{((s.month - 4) % 12) // 3 + 1}" for s in starts]
    return pd.DataFrame({"period": labels, "period_start": starts, "value": values, "view": "quarter",
                         "rag": "green", "england": england or [None] * len(values), "region": None,
                         "neighbours": None, "numerator": values, "denominator": 100.0,
                         "benchmark_year": "2024-25", "rag_reason": "Green."})


def test_an_indicator_chart_shades_its_stored_limits_and_labels_them():
    limits = Limits("up", 85, None, 70, None)  # not the default 90/80: the stored limits are drawn
    figure = charts.indicator_figure("contacts_decided_1wd", _rows([92.0, 88.0, 74.0]), limits, selected="2023-24 Q3")
    rects = [(s.y0, s.y1) for s in figure.layout.shapes if s.type == "rect"]
    assert (85, pytest.approx(figure.layout.yaxis.range[1])) in rects
    assert any(r[0] == 70 and r[1] == 85 for r in rects)
    words = {a.text for a in figure.layout.annotations}
    assert {"Green", "Amber"} <= words
    # The selected period is marked with its value, in a box on a leader above the marker, not over it.
    label = next(a for a in figure.layout.annotations if a.text == "<b>74.0%</b>")
    assert (label.x, label.y, label.ay, label.bgcolor) == (2, 74.0, -34, "white")
    assert figure.layout.yaxis.range[0] == 0  # a share starts at zero


def test_relative_limits_are_drawn_around_the_comparator():
    limits = Limits("relative", None, 15, None, 30, "england")
    figure = charts.indicator_figure("cp_rate", _rows([44.0, 46.0], england=[40.0, 40.0]), limits)
    bands = [t for t in figure.data if t.fill == "toself"]
    assert len(bands) == 5
    green = next(t for t in bands if "0,158,115" in t.fillcolor)
    low = figure.layout.yaxis.range[0]  # the band is clipped to the axis
    assert max(green.y) == pytest.approx(46.0) and min(green.y) == pytest.approx(max(34.0, low))


def test_summary_sentence_and_download_name():
    rows = _rows([38.1, 40.0, 42.3], england=[40.6, 40.6, 40.6])
    text = chart_text.indicator_summary("cp_rate", rows, "england")
    assert text == ("Children on child protection plans per 10,000 rose from 38.1 to 42.3 over the 3 quarters "
                    "to 2023-24 Q3; England 40.6. Rated green.")
    config = charts.download_config("cp_rate", "2024-25 Q4")
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "cp_rate_2024_25_Q4", "width": 1600,
                                              "height": 900, "scale": 1}


def test_every_stored_warning_is_recognised(demo):
    store, _ = demo
    with store.read() as cur:
        messages = [row[0] for row in cur.execute("select message from submission_warnings").fetchall()]
    assert messages
    unknown = [m for m in messages if quality.warning_kind(m) == quality.OTHER_KIND]
    assert not unknown, f"the checks' wording changed: teach quality.WARNING_KINDS {unknown}"


def test_a_corrected_value_leaves_the_open_warnings(demo):
    store, _ = demo
    open_ = quality.open_warnings(store)
    assert not any("178" in m for m in open_["What the check found"]), "the typo the restatement corrected"
    assert "Zero where there was never zero" in set(open_["Check"])


def test_gaps_name_the_missing_return(demo):
    store, _ = demo
    year = indicators.compute(store, "year")
    gaps = quality.gaps(year, "2024-25", quality.tracker(store))
    police = gaps[gaps["Indicator"] == DEFS["police_strategy_attendance"].title]
    assert police["Why there is no figure"].iloc[0] == "No Police return for 2024-25 Q3."


def test_theme_views_use_the_period_counts(demo):
    _, frame = demo
    ctx = views.Context(frame, {}, "2024-25 Q4")
    chart = views.s47_flow(ctx)
    row = scorecard.row_for(frame, "s47_to_icpc", "2024-25 Q4")
    assert chart.figure.data[0].x[0] == row["denominator"]
    assert "ended without a conference" in chart.summary
    sources = views.referral_sources(ctx)
    assert "police was the largest" in sources.summary and "England" in sources.summary


@pytest.mark.parametrize("text, terms", [
    ("Section 47 enquiries leading to an ICPC", ["s47", "ICPC"]),
    ("Return home interviews within 72 hours", ["RHI"]),
    ("Booked places not attended (DNA)", ["DNA"]),
    ("Referrals to the LADO", ["referral", "LADO"]),
])
def test_jargon_is_one_hover_away(text, terms):
    assert glossary.terms_in(text) == terms
    assert all(glossary.TERMS[t] for t in terms)


@pytest.mark.parametrize("label, expected", [
    ("Health at ICPCs", "health at ICPCs"), ("ICPCs within 15 working days", "ICPCs within 15 working days"),
    ("DNA", "DNA"), ("Children's social care", "children's social care"), ("A", "a"), ("", ""),
])
def test_labels_keep_their_abbreviations_mid_sentence(label, expected):
    from safeguarding.words import in_sentence

    assert in_sentence(label) == expected


def test_counts_take_the_right_number():
    from safeguarding.words import counted

    assert [counted(n, "value") for n in (0, 1, 2, 1204)] == ["0 values", "1 value", "2 values", "1,204 values"]
    assert counted(1, "child", "children") == "1 child" and counted(3, "child", "children") == "3 children"
