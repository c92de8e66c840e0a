"""RAG limits: checked before saving, saved with who and when, reset, and previewed by the one SQL rule."""

from __future__ import annotations

import pytest
from conftest import Q4, TODAY, fingerprint, good_pol_template, query

from safeguarding import definitions, indicators, thresholds
from safeguarding.definitions import Limits
from safeguarding.loading import load_bytes

IND = "police_strategy_attendance"  # POL.STRATEGY_ATTENDED / POL.STRATEGY_INVITED: 180 / 198 = 90.9% in Q4


@pytest.fixture
def loaded(store):
    load_bytes(store, "pol.xlsx", good_pol_template().bytes(), "tester", TODAY)
    return store


def rating(store, period=Q4, view="quarter"):
    frame = indicators.compute(store, view)
    row = frame[(frame["indicator_id"] == IND) & (frame["period"] == period)].iloc[0]
    return row["rag"], row["rag_reason"]


def test_the_preview_rates_with_the_sql_rule_and_stores_nothing(loaded):
    assert rating(loaded)[0] == "amber"  # default: green from 95%, amber from 85%
    before = fingerprint(loaded)  # taken after the indicator values were materialised by the rating
    seen = thresholds.preview(loaded, IND, thresholds.limits("up", green_lo=90, amber_lo=80), Q4, "quarter")
    assert (seen.before, seen.after) == ("amber", "green")
    assert seen.after_reason == "Green: 90.9% is within the green range (at least 90%)."
    assert seen.changes and len(seen.changed_periods) == 4  # Q1 to Q4 all turn green
    assert fingerprint(loaded) == before
    assert rating(loaded)[0] == "amber"


def test_saving_what_the_preview_showed_gives_the_same_rating(loaded):
    proposed = thresholds.limits("band", green_lo=91, green_hi=99, amber_lo=90.5, amber_hi=100)
    seen = thresholds.preview(loaded, IND, proposed, Q4, "quarter")
    thresholds.save(loaded, IND, proposed, "a@x.gov.uk")
    assert rating(loaded) == (seen.after, seen.after_reason)
    assert seen.after == "amber"


def test_a_save_records_who_and_when_in_the_table_the_history_and_the_audit_log(loaded):
    proposed = thresholds.limits("up", green_lo=99, amber_lo=98)
    thresholds.save(loaded, IND, proposed, "a@x.gov.uk")
    stored = thresholds.stored(loaded, IND)
    assert stored.limits == proposed and stored.updated_by == "a@x.gov.uk" and not stored.is_default
    history = thresholds.history(loaded, IND)
    assert history["Who"].tolist() == ["a@x.gov.uk"]
    assert history["Limits"].tolist() == ["green at least 99%, amber at least 98%"]
    assert query(loaded, "select who, action from audit_log where action like 'threshold%'") == [("a@x.gov.uk",
                                                                                                   "threshold")]
    assert rating(loaded)[0] == "red"


def test_reset_puts_the_default_back_and_keeps_the_history(loaded):
    thresholds.save(loaded, IND, thresholds.limits("up", green_lo=99, amber_lo=98), "a")
    default = thresholds.reset(loaded, IND, "b")
    assert default == definitions.indicators()[IND].default_limits
    assert thresholds.stored(loaded, IND).limits == default
    assert thresholds.history(loaded, IND)["Who"].tolist() == ["b", "a"]
    assert rating(loaded)[0] == "amber"


@pytest.mark.parametrize("proposed, words", [
    (Limits("up", green_lo=80, amber_lo=90), "amber minimum"),
    (Limits("up", green_lo=90), "needs a green minimum and an amber minimum"),
    (Limits("band", 10, 5, 0, 20), "lower limit is above its upper"),
    (Limits("band", 10, 20, 12, 30), "must contain the green range"),
    (Limits("down", green_hi=20, amber_hi=10), "amber maximum"),
    (Limits("relative", green_hi=10, amber_hi=20, comparator="moon"), "England, region or statistical neighbours"),
    (Limits("up", green_lo=120, amber_lo=110), "percentage"),
    (Limits("sideways"), "not a kind of limit"),
])
def test_inconsistent_limits_are_refused_and_nothing_is_written(loaded, proposed, words):
    before = fingerprint(loaded)
    with pytest.raises(thresholds.ThresholdError, match=words):
        thresholds.save(loaded, IND, proposed, "a")
    assert fingerprint(loaded) == before


def test_the_limits_keep_only_what_their_kind_reads():
    assert thresholds.limits("up", 90, 100, 80, 100, "england") == Limits("up", green_lo=90, amber_lo=80)
    assert thresholds.limits("relative", 1, 10, 2, 20, "region") == Limits("relative", green_hi=10, amber_hi=20,
                                                                          comparator="region")
    assert thresholds.limits("none", 1, 2, 3, 4) == Limits("none")


def test_a_relative_limit_can_compare_with_another_benchmark(store):
    from safeguarding import settings

    settings.update(store, "a", la_code=884)
    seen = thresholds.preview(store, "cp_rate", thresholds.limits("relative", green_hi=5, amber_hi=6,
                                                                  comparator="region"), None, "quarter")
    assert seen.period == "" and seen.before == seen.after == "grey"  # no figures loaded: nothing to rate


def test_every_indicator_is_in_the_overview(store):
    table = thresholds.overview(store)
    assert len(table) == len(definitions.indicators())
    assert set(table["Set by"]) == {"default"}
