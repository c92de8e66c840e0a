"""Each way a hidden count leaks, closed one by one, and partners' commentary that states the number."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import attacker
import disclosure_support as support
from dashboard_support import empty_database
from safeguarding import catalogue, commentary, definitions, detail, indicators, settings
from safeguarding.export import contents, download, protection, suppression
from safeguarding.loading import load_bytes
from safeguarding.store import Store
from safeguarding.template_writer import write_template
from test_disclosure_attack import truth

Q4 = support.QUARTERS[7]  # 2024-25 Q4
SOURCES = ["CSC.REF_SRC_POLICE", "CSC.REF_SRC_SCHOOLS", "CSC.REF_SRC_HEALTH", "CSC.REF_SRC_LA", "CSC.REF_SRC_OTHER"]
OVERRIDES = {
    # 2024-25: ICPCs 4, 9, 6, 7 (a year of 26): Q1 is small.
    ("CSC.ICPC", 4): 4, ("CSC.ICPC", 5): 9, ("CSC.ICPC", 6): 6, ("CSC.ICPC", 7): 7,
    # 2024-25 Q4 referral sources 40, 3, 12, 8, 9 (72 referrals): schools are small.
    **{(code, 7): n for code, n in zip(SOURCES, (40, 3, 12, 8, 9))},
    # 2024-25 Q2 referrals 3 in all (so the rolling 12 months to Q2 and Q3, and the year, each hold a small quarter).
    **{(code, 5): n for code, n in zip(SOURCES, (1, 1, 0, 0, 1))},
    # 3 of 61 plans ended after two years: 4.9%.
    ("CSC.CP_ENDED_2YR", 7): 3, ("CSC.CP_ENDED", 7): 61,
    # 2024-25 care proceedings 40, 35, 45, 30 (a year of 150), later restated.
    ("CSC.CARE_PROCEEDINGS", 4): 40, ("CSC.CARE_PROCEEDINGS", 5): 35, ("CSC.CARE_PROCEEDINGS", 6): 45,
    ("CSC.CARE_PROCEEDINGS", 7): 30,
}
THREE = "Three sets of proceedings issued this quarter."


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("paths") / "paths.duckdb"
    support.build(path, 11, overrides=OVERRIDES, empty=empty_database(tmp_path_factory.getbasetemp()))
    s = Store(path)
    yield s
    s.close()


def _shown(store: Store) -> pd.DataFrame:
    return suppression.protected(store).set_index(["indicator_id", "period"])


def _csv_attack(store: Store) -> dict:
    k = attacker.Knowledge(rounded=False)
    for view, periods in (("quarter", [q.label for q in support.QUARTERS]), ("year", ["2023-24", "2024-25"])):
        for period in periods:
            attacker.read_csv(k, download.scorecard_csv(store, period, view), period)
    return attacker.attack(k, truth(store), 5)


def test_threshold_five_hides_one_to_five_inclusive():
    assert [suppression.is_small(n, 5) for n in (0, 1, 4, 5, 6)] == [False, True, True, True, False]


def test_a_quarter_cannot_be_had_from_the_year_less_the_others(store):
    shown = _shown(store)
    quarters = [shown.loc[("s47_to_icpc", q.label), "numerator_text"] for q in support.QUARTERS[4:]]
    # Hand-checked: 4 is small; the smallest other quarter (6) is hidden too, so 26 - 9 - 7 leaves 10 for two.
    assert quarters == ["c", "9", "c", "7"]
    assert shown.loc[("s47_to_icpc", "2024-25"), "numerator_text"] == "26"
    assert _csv_attack(store) == {}


def test_a_part_cannot_be_had_from_the_total_less_the_others(store):
    shown = _shown(store)
    ids = ["referral_source_police", "referral_source_schools", "referral_source_health", "referral_source_la",
           "referral_source_other"]
    texts = [shown.loc[(i, Q4.label), "numerator_text"] for i in ids]
    assert texts[1] == "c" and texts.count("c") >= 2  # schools (3) and at least one more source
    assert texts[0] == "40"  # the largest part stays
    hidden = [n for n, t in zip((40, 3, 12, 8, 9), texts) if t == "c"]
    assert sum(hidden) >= 11  # what is left for the hidden parts together is not itself small
    assert _csv_attack(store) == {}


def test_a_rolling_year_cannot_be_differenced(store):
    shown = _shown(store)
    assert shown.loc[("contact_conversion", support.QUARTERS[5].label), "numerator_text"] == "c"  # 3 referrals
    # Every published window holding that quarter has a second hidden figure (a quarter, or the window itself).
    for window in support.QUARTERS[5:8]:
        rate = shown.loc[("referral_rate", window.label)]
        quarters = [shown.loc[("contact_conversion", q.label), "numerator_text"]
                    for q in (window.shift(-3), window.shift(-2), window.shift(-1), window)]
        assert rate["numerator_text"] == "c" or quarters.count("c") >= 2, window.label
    assert _csv_attack(store) == {}


def test_a_percentage_is_not_shown_beside_its_denominator_when_its_numerator_is_hidden(store):
    row = _shown(store).loc[("cp_2yr", Q4.label)]
    assert row["numerator_text"] == "c" and row["denominator_text"] == "61" and row["value"] != row["value"]
    text = download.scorecard_csv(store, Q4.label, "quarter").decode("utf-8-sig")
    line = next(x for x in text.splitlines() if ",cp_2yr," in x)
    assert "4.9" not in line and ",c,61," in line


def test_a_restated_figure_shows_only_its_new_version(store):
    assert _shown(store).loc[("care_proceedings", Q4.label), "numerator_text"] == "30"
    codes = [m.code for m in catalogue.measures_of("CSC")]
    with store.read() as cur:
        rows = cur.execute("select measure, value from current_values where agency = 'CSC' and quarter_start = ?",
                           [Q4.start]).fetchall()
    values = {(m, Q4): v for m, v in rows if m in codes}
    values[("CSC.CARE_PROCEEDINGS", Q4)] = 3
    result = load_bytes(store, "CSC restated.xlsx", write_template("CSC", [Q4], values), by="test",
                        today=dt.date(2025, 6, 2))
    assert result.ok, result.summary()
    assert any("restates" in p.message for p in result.parsed.warnings)
    shown = _shown(store)
    # Hand-checked: the year is now 123 (40 + 35 + 45 + 3) and the smallest other quarter (35) is hidden too.
    assert [shown.loc[("care_proceedings", q.label), "numerator_text"] for q in support.QUARTERS[4:]] == \
        ["40", "c", "45", "c"]
    assert shown.loc[("care_proceedings", "2024-25"), "numerator_text"] == "123"
    # Neither the old quarter (30) nor the old year (150) is printed beside the new figures.
    csv_text = "".join(download.scorecard_csv(store, p, v).decode("utf-8-sig")
                       for p, v in ((Q4.label, "quarter"), ("2024-25", "year")))
    lines = [x for x in csv_text.splitlines() if ",care_proceedings," in x]
    assert len(lines) == 2 and not any(",30," in x or ",150," in x for x in lines)
    assert _csv_attack(store) == {}


# ------------------------------------------------------------------------------------------ commentary


@pytest.mark.parametrize("text, limit, found", [
    ("Three sets of proceedings issued this quarter.", 5, ["Three"]),
    ("3 sets of proceedings", 5, ["3"]),
    ("five children, then 12", 5, ["five"]),
    ("five children, then 12", 20, ["five", "12"]),
    ("Q4 figures for 2024-25 were 15% higher", 5, []),
    ("No one was missed; a one-off delay; 6 of the cases", 5, []),
    ("within 15 working days, 7 days late", 7, []),  # durations, not counts of children
    ("decided within 1 working day; 3 children waited", 5, ["3"]),
    ("Six were placed", 5, []),
    ("", 5, []),
])
def test_small_numbers_in_words_and_digits(text, limit, found):
    assert commentary.small_numbers(text, limit) == found


def _restate_with_comment(store: Store, text: str):
    codes = [m.code for m in catalogue.measures_of("CSC")]
    with store.read() as cur:
        rows = cur.execute("select measure, value from current_values where agency = 'CSC' and quarter_start = ?",
                           [Q4.start]).fetchall()
    values = {(m, Q4): v for m, v in rows if m in codes}
    values[("CSC.CARE_PROCEEDINGS", Q4)] = 3  # the figure the comment gives away
    return load_bytes(store, "CSC comment.xlsx",
                      write_template("CSC", [Q4], values, commentary={"CSC.CARE_PROCEEDINGS": text}),
                      by="test", today=dt.date(2025, 6, 3))


def test_commentary_stating_a_small_number_is_flagged_at_load_with_its_cell(store):
    result = _restate_with_comment(store, THREE)
    assert result.ok
    flagged = [p for p in result.parsed.warnings if "states 'Three'" in p.message]
    assert len(flagged) == 1
    warning = flagged[0]
    assert warning.measure == "CSC.CARE_PROCEEDINGS" and warning.cell and warning.cell in warning.message
    assert "2024-25 Q4" in warning.message and "1 to 5" in warning.message
    quiet = _restate_with_comment(store, "Proceedings issued as planned this quarter.")
    assert not [p for p in quiet.parsed.warnings if "states '" in p.message]


def test_a_viewer_reads_the_checks_without_the_figures_they_quote():
    said = commentary.redacted("A sharp drop: 3 in 2024-25 Q4 against an average of 41; commentary states 'Three'.")
    assert said == "A sharp drop: \u2026 in 2024-25 Q4 against an average of \u2026; commentary states '\u2026'."


def test_commentary_on_a_hidden_figure_is_left_out_unless_cleared(store):
    assert _restate_with_comment(store, THREE + " ").status == "loaded"
    assert _shown(store).loc[("care_proceedings", Q4.label), "numerator_text"] == "c"
    plain = contents.build(store, period=Q4.label, preset=["care_proceedings"])
    assert plain.pages[0].comments == ()
    cleared = contents.build(store, period=Q4.label, preset=["care_proceedings"], commentary_on_hidden=True)
    assert [c.text for c in cleared.pages[0].comments] == [THREE]
    hidden = {q for i, q in suppression.hidden_quarters(suppression.protected(store)) if i == "care_proceedings"}
    assert THREE not in detail.commentary(store, "care_proceedings", leave_out=hidden)["Commentary"].tolist()
    assert THREE in detail.commentary(store, "care_proceedings")["Commentary"].tolist()


def test_the_rounding_rule(store, tmp_path):
    assert [suppression.rounded(n) for n in (8, 12, 13, 17, 18, 72, 403)] == [10, 10, 15, 15, 20, 70, 405]
    frame = indicators.compute(store, "quarter")
    out = suppression.suppress(frame, 5, "round").set_index(["indicator_id", "period"])
    exact = frame.set_index(["indicator_id", "period"])
    row, raw = out.loc[("cp_2yr", Q4.label)], exact.loc[("cp_2yr", Q4.label)]
    assert row["numerator_text"] == "*" and row["denominator_text"] == "60" and row["value"] != row["value"]
    police = out.loc[("referral_source_police", Q4.label)]  # 40 of 72: shown as 40 of 70, 57.1%
    assert (police["numerator_text"], police["denominator_text"]) == ("40", "70")
    assert round(police["value"], 1) == 57.1
    schools = out.loc[("referral_source_schools", Q4.label)]
    assert schools["numerator_text"] == "*" and schools["suppressed"]
    # A year is rounded from its exact total, not summed from rounded quarters.
    year = suppression.suppress(indicators.compute(store, "year"), 5, "round").set_index(["indicator_id", "period"])
    exact_year = indicators.compute(store, "year").set_index(["indicator_id", "period"])
    total = exact_year.loc[("s47_to_icpc", "2024-25"), "numerator"]
    assert total == 26 and year.loc[("s47_to_icpc", "2024-25"), "numerator_text"] == "25"
    assert raw["numerator"] == 3


def test_settings_store_the_rule_and_refuse_others(tmp_path):
    path = tmp_path / "s.duckdb"
    s = Store(path)
    try:
        assert settings.disclosure_rule(s) == "suppress"
        settings.update(s, "test", disclosure="round")
        assert settings.disclosure_rule(s) == "round"
        with pytest.raises(settings.SettingsError):
            settings.update(s, "test", disclosure="blur")
    finally:
        s.close()


def test_rates_alone_count_the_rolling_year():
    """The protection assumes rates' numerators are rolling 12-month counts: the indicator files must agree."""
    for ind in definitions.indicators().values():
        rolling = "rolling_value" in ind.sql or "indicator_rate(" in ind.sql  # the rate shape takes the rolling year
        assert rolling is (ind.unit == "rate"), ind.id


def test_the_exact_check_finds_a_difference_of_two_relations():
    """Two relations, each with two hidden members, can still pin one down: the algebra sees it."""
    day = dt.date(2024, 4, 1)
    a, b, c = ("CSC.ICPC", "q", day), ("CSC.ICPC", "q", dt.date(2024, 7, 1)), ("CSC.ICPC", "y", day)
    rels = [(c, (a, b)), (a, (b,))]  # c = a + b and a = b: a and b follow from c
    assert protection.determined(rels, {a, b}) == {a, b}
    assert protection.determined(rels[:1], {a, b}) == set()
