"""The regional rug: hand-checked figures, states and fifths of seeded partnerships, the rule for ties and small
regions, the shared indicator list, and who may see it."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

import regional_support as support
from safeguarding import definitions, regional, regional_view
from safeguarding.store import Store


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """The six partnerships of regional_support.REGION, each a real DuckDB file loaded from a real .xlsx return."""
    return support.region_copy(tmp_path_factory)[1]


def members(paths: dict, codes=None) -> list[regional.Member]:
    return [regional.Member(code, support.REGION[code][0], Store(paths[code])) for code in codes or paths]


@pytest.fixture(scope="module")
def rug(region):
    opened = members(region)
    try:
        yield regional.rug(opened, "quarter", support.LATEST, regional.shared_indicators())
    finally:
        for m in opened:
            m.store.close()


def cells(rug: pd.DataFrame, indicator_id: str) -> dict[str, tuple]:
    rows = rug[rug["indicator_id"] == indicator_id]
    return {r["code"]: (r["shown"], r["state_text"], None if pd.isna(r["quintile"]) else int(r["quintile"]), r["fifth"])
            for r in rows.to_dict("records")}


def test_repeat_plans_hand_checked(rug):
    # Shown 20.0, 24.0, 24.0, 30.0, 40.0 (esx's 3 of 40 is hidden under rounding): mid-ranks 1, 2.5, 2.5, 4, 5 of 5
    # are 0, 0.375, 0.375, 0.75 and 1 of the way up, so fifths 1, 2, 2, 4, 5. Lower is better (limits <= 20, 25).
    assert cells(rug, "cp_repeat") == {
        "avn": ("20.0%", "\u2714 Green", 1, "Bottom fifth (better)"),
        "brn": ("24.0%", "\u25b2 Amber", 2, ""),
        "cmb": ("30.0%", "\u2716 Red", 4, ""),
        "dor": ("24.0%", "\u25b2 Amber", 2, ""),
        "esx": ("*", "\u2298 Suppressed", None, ""),
        "fyl": ("40.0%", "\u2716 Red", 5, "Top fifth (worse)"),
    }


def test_conferences_in_time_hand_checked(rug):
    # Shown 90.0, 80.0, 90.0, 50.0 (esx under rounding: 12 of 20 shown as 10 of 20), 100.0; brn's 2 of 20 hidden.
    # Mid-ranks 3.5, 2, 3.5, 1, 5: fractions 0.625, 0.25, 0.625, 0, 1, so fifths 4, 2, 4, 1, 5. Higher is better
    # (limits >= 85, 75); esx is rated on its own figure (60%: red).
    assert cells(rug, "icpc_15wd") == {
        "avn": ("90.0%", "\u2714 Green", 4, ""),
        "brn": ("c", "\u2298 Suppressed", None, ""),
        "cmb": ("80.0%", "\u25b2 Amber", 2, ""),
        "dor": ("90.0%", "\u2714 Green", 4, ""),
        "esx": ("50.0%", "\u2716 Red", 1, "Bottom fifth (worse)"),
        "fyl": ("100.0%", "\u2714 Green", 5, "Top fifth (better)"),
    }
    assert set(rug.loc[rug["indicator_id"] == "icpc_15wd", "ranked"]) == {5}


def test_the_financial_year_hand_checked(region):
    # 2024-25: three steady quarters of 10 repeat plans in 50, then the latest quarter's. avn 40/200 = 20.0%,
    # brn and dor 42/200 = 21.0%, cmb 45/200 = 22.5%, fyl 50/200 = 25.0%; esx 33/190 rounds to 35/190 = 18.4%
    # (rated on its own 17.4%). Mid-ranks 2, 3.5, 5, 3.5, 1, 6 of 6: 0.2 and 0.5 of the way go to the middle.
    opened = members(region)
    try:
        rug = regional.rug(opened, "year", "2024-25", ["cp_repeat"])
    finally:
        for m in opened:
            m.store.close()
    assert cells(rug, "cp_repeat") == {
        "avn": ("20.0%", "\u2714 Green", 2, ""),
        "brn": ("21.0%", "\u25b2 Amber", 3, ""),
        "cmb": ("22.5%", "\u25b2 Amber", 4, ""),
        "dor": ("21.0%", "\u25b2 Amber", 3, ""),
        "esx": ("18.4%", "\u2714 Green", 1, "Bottom fifth (better)"),
        "fyl": ("25.0%", "\u25b2 Amber", 5, "Top fifth (worse)"),
    }


def test_the_table_summary_and_chart_say_the_same(rug):
    table = regional_view.table(rug)
    assert list(table.columns) == ["Indicator"] + [support.REGION[c][0] for c in support.REGION]
    row = table[table["Indicator"] == definitions.indicators()["cp_repeat"].title].iloc[0]
    assert row["Fylde Partnership"] == "40.0% \u00b7 \u2716 Red \u00b7 fifth 5 (top, worse)"
    assert row["Brent Children's Partnership"] == "24.0% \u00b7 \u25b2 Amber \u00b7 fifth 2"
    assert row["Essex Partnership"] == "* \u00b7 \u2298 Suppressed"
    line = regional_view.summary(rug, support.LATEST)
    flagged = rug[rug["fifth"] != ""]
    hidden = int((rug["state"] == "suppressed").sum())
    assert line.startswith(f"In {support.LATEST}, {flagged['partnership'].nunique()} of 6 partnerships have figures "
                           f"in the top or bottom fifth of the region ({len(flagged)} figures: ")
    assert line.endswith(f"; {hidden} figures are not shown (disclosure control) and take no fifth.")
    spec = regional_view.figure(rug, support.LATEST).to_plotly_json()
    [trace] = spec["data"]
    assert list(trace["x"])[:2] == ["Avon<br>Safeguarding<br>Partnership", "Brent Children's<br>Partnership"]
    marked_up = rug.assign(partnership=rug["partnership"].str.replace("Avon", "<b>Avon</b>"))
    [named] = regional_view.figure(marked_up, support.LATEST).to_plotly_json()["data"]
    assert named["x"][0] == "&lt;b&gt;Avon&lt;/b&gt;<br>Safeguarding<br>Partnership"  # shown as written
    y = list(trace["y"]).index(definitions.indicators()["cp_repeat"].title)
    assert list(trace["text"][y]) == ["\u2714 1", "\u25b2 2", "\u2716 4", "\u25b2 2", "\u2298", "\u2716 5"]
    assert list(trace["z"][y]) == [0, 1, 2, 1, 3, 2]  # green, amber, red, amber, grey (suppressed), red


def test_downloads_hold_what_the_page_shows(rug):
    table = regional_view.table(rug)
    text = regional_view.rug_csv(rug, support.LATEST).decode("utf-8-sig").splitlines()
    assert text[0].split(",")[:2] == ["Indicator", "Avon Safeguarding Partnership"]
    assert len(text) == 1 + len(table) + 2
    book = openpyxl.load_workbook(io.BytesIO(regional_view.rug_xlsx(rug, support.LATEST)))
    sheet = [list(r) for r in book["Regional rug"].iter_rows(values_only=True)]
    assert sheet[0] == list(table.columns)
    assert [[v or "" for v in r] for r in sheet[1:]] == table.fillna("").values.tolist()
    figures = [list(r) for r in book["Figures"].iter_rows(values_only=True)]
    assert figures[0][:4] == ["Partnership", "Indicator", "Figure", "Rating"]
    assert len(figures) == 1 + len(rug)


def test_fewer_than_five_partnerships_take_no_fifths(region):
    opened = members(region, ["avn", "brn", "cmb"])
    try:
        rug = regional.rug(opened, "quarter", support.LATEST, ["cp_repeat", "icpc_15wd"])
    finally:
        for m in opened:
            m.store.close()
    assert rug["quintile"].isna().all() and (rug["fifth"] == "").all()
    assert cells(rug, "cp_repeat")["cmb"] == ("30.0%", "\u2716 Red", None, "")
    assert regional_view.summary(rug, support.LATEST) == (
        f"In {support.LATEST}, no shared indicator has 5 or more partnerships with a figure shown, so none is placed "
        "in fifths of the region; 1 figure is not shown (disclosure control) and takes no fifth.")


def test_a_partnership_with_nothing_loaded_shows_no_data(region):
    opened = members(region, ["avn"]) + [regional.Member("new", "New Partnership", None)]
    try:
        rug = regional.rug(opened, "quarter", support.LATEST, ["cp_repeat"])
    finally:
        opened[0].store.close()
    assert cells(rug, "cp_repeat")["new"] == ("No data", "\u2205 No data", None, "")


@pytest.mark.parametrize("values, expected", [
    ([10, 20, 30, 40, 50], [1, 2, 3, 4, 5]),
    ([7, 7, 7, 7, 7], [3, 3, 3, 3, 3]),  # all tied: the middle, never all "bottom"
    ([1, 2, 3, 4, 5, 6], [1, 2, 3, 3, 4, 5]),  # 0.4 and 0.6 of the way go to the middle: one top, one bottom
    (list(range(10)), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
    ([1, 1, 2, 3, 4, 9, 9], [1, 1, 2, 3, 4, 5, 5]),  # mid-ranks 1.5, 1.5, 3, 4, 5, 6.5, 6.5 of 7
    ([5, 6, 7, 8], [None] * 4),  # fewer than five
    ([5, None, 6, 7, 8, None], [None] * 6),  # hidden figures are left out: four shown
    ([5, None, 6, 7, 8, 9], [1, None, 2, 3, 4, 5]),
])
def test_fifths_rule(values, expected):
    frame = pd.DataFrame({"code": [f"p{i}" for i in range(len(values))], "indicator_id": "cp_rate",
                          "value": pd.array(values, dtype="Float64").astype("float64")})
    got = dict(zip(*regional.fifths(frame)[["partnership", "quintile"]].values.T))
    assert [None if pd.isna(got.get(f"p{i}", None)) else int(got[f"p{i}"]) for i in range(len(values))] == expected


@pytest.mark.parametrize("quintile, polarity, words", [
    (5, "up", "Top fifth (better)"), (1, "up", "Bottom fifth (worse)"), (5, "down", "Top fifth (worse)"),
    (1, "down", "Bottom fifth (better)"), (5, "band", "Top fifth (highest)"), (1, "none", "Bottom fifth (lowest)"),
    (3, "up", ""), (None, "up", ""),
])
def test_fifth_words(quintile, polarity, words):
    assert regional.fifth_words(quintile, polarity) == words


def test_the_shared_indicators():
    shared = regional.catalogue()
    defs = definitions.indicators()
    assert 15 <= len(shared) <= 20 and set(shared) <= set(defs)
    assert all(reason.strip() for reason in shared.values())
    assert all(defs[i].unit in ("percent", "rate") for i in shared)  # counts do not compare across sizes
    assert regional.shared_indicators({}) == list(shared)
    assert regional.shared_indicators({"region": {"indicators": ["cp_rate", "referral_rate", "cp_rate"]}}) == \
        ["cp_rate", "referral_rate"]
    with pytest.raises(ValueError, match=r"\[region\] indicators .* names cp_rates, which is not an indicator"):
        regional.shared_indicators({"region": {"indicators": ["cp_rate", "cp_rates"]}})
    with pytest.raises(ValueError, match="must be a list"):
        regional.shared_indicators({"region": {"indicators": "cp_rate"}})
    with pytest.raises(ValueError, match="is empty"):
        regional.shared_indicators({"region": {"indicators": []}})
