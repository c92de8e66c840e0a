"""The attacker reads every export of seeded partnerships full of small numbers and must recover no hidden count."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import attacker
import disclosure_support as support
from dashboard_support import built_once, copy_of, empty_database
from safeguarding import definitions, indicators, scorecard, settings
from safeguarding.export import contents, download, packs, protection, suppression
from safeguarding.store import Store

SEEDS = (1, 2, 3)
RENDERED = 8  # pack pages drawn as PowerPoint and PDF: referral rate, conversion and the five sources
LATEST_Q, LATEST_Y = "2024-25 Q4", "2024-25"
# Indicators whose figures are tied by the relations: flows and their years, parts and wholes, rolling rates.
PACK = ["referral_rate", "contact_conversion", "referral_source_police", "referral_source_schools",
        "referral_source_health", "referral_source_la", "referral_source_other", "care_proceedings",
        "cp_category_sexual", "training_attendance_vcs"]


def truth(store: Store) -> dict:
    """Every count behind the indicators, exactly, named as the attacker names them."""
    frame = indicators.compute(store)
    defs = definitions.indicators()
    out = {}
    for row in frame.to_dict("records"):
        ind = defs[row["indicator_id"]]
        start = pd.Timestamp(row["period_start"]).date()
        num, den = attacker._cells(ind, row["view"], start)
        for v, value in ((num, row["numerator"]), (den, row["denominator"])):
            if v is not None and value == value and value is not None:
                out[v] = float(value)
    return out


def read_everything(store: Store, rounded: bool, render: bool = False) -> attacker.Knowledge:
    """Every scorecard download (each period, both views), the packs' chart specifications, and (when `render`)
    the PowerPoint and PDF packs themselves."""
    k = attacker.Knowledge(rounded=rounded)
    frame = suppression.protected(store)
    for view in ("quarter", "year"):
        for period in scorecard.periods(frame[frame["view"] == view]):
            attacker.read_csv(k, download.scorecard_csv(store, period, view), f"csv {period}")
        latest = LATEST_Q if view == "quarter" else LATEST_Y
        attacker.read_xlsx(k, download.scorecard_xlsx(store, latest, view), f"xlsx {latest}")
        pack = contents.build(store, period=latest, view=view, preset=PACK)
        for page in pack.pages:
            if page.figure is not None:  # None: nothing left to draw once small numbers are hidden
                attacker.read_figure(k, packs.page_figure(page.figure), page.indicator_id, view, f"chart {page.title}")
        if render and view == "quarter":  # drawing a pack is slow: the figures it prints are the chart's and table's
            drawn = replace(pack, pages=pack.pages[:RENDERED])
            assert attacker.read_pptx(k, packs.render_pack(drawn, "pptx"), view, f"pptx {view}") == RENDERED
            assert attacker.read_pdf(k, packs.render_pack(drawn, "pdf"), view, f"pdf {view}") == RENDERED
    return k


def _seeded(base: Path, seed: int, rule: str) -> Path:
    """Seed `seed`'s partnership under `rule`: its returns loaded once for the whole run, then copied for rounding."""
    def rounding(path: Path) -> None:
        shutil.copyfile(_seeded(base, seed, "suppress"), path)
        store = Store(path)
        settings.update(store, "test", disclosure="round")
        store.close()

    if rule == "round":
        return built_once(base, f"disclosure-seed{seed}-round.duckdb", rounding)
    empty = empty_database(base)
    return built_once(base, f"disclosure-seed{seed}.duckdb", lambda path: support.build(path, seed, empty=empty))


@pytest.fixture(scope="module")
def partnerships(tmp_path_factory):
    """partnerships(seed, rule): this worker's copy of the seeded partnership's database (built on first use)."""
    base, mine, copies = tmp_path_factory.getbasetemp(), tmp_path_factory.mktemp("disclosure"), {}

    def database(seed: int, rule: str) -> Path:
        if (seed, rule) not in copies:
            copies[(seed, rule)] = copy_of(_seeded(base, seed, rule), mine / f"seed{seed}-{rule}.duckdb")
        return copies[(seed, rule)]
    return database


def _small(store: Store) -> int:
    return 7 if settings.disclosure_rule(store) == "round" else settings.suppression_threshold(store)


@pytest.mark.parametrize("rule", ["suppress", "round"])
@pytest.mark.parametrize("seed", SEEDS)
def test_the_attacker_recovers_no_hidden_count(partnerships, seed, rule):
    store = Store(partnerships(seed, rule))
    try:
        known = read_everything(store, rounded=rule == "round", render=seed == SEEDS[0])
        counts, small = truth(store), _small(store)
        hidden_small = {v for v in known.marked if 1 <= counts.get(v, 0) <= small}
        assert len(hidden_small) >= 20, "the seeded partnership must be full of small numbers"
        assert attacker.attack(known, counts, small) == {}
    finally:
        store.close()


def test_the_attacker_breaks_primary_suppression_alone(partnerships, monkeypatch):
    """The attack is real: with no secondary suppression it recovers hidden counts (years less quarters, ...)."""
    monkeypatch.setattr(protection, "protect", lambda values, primary: set(primary))
    store = Store(partnerships(1, "suppress"))
    try:
        found = attacker.attack(read_everything(store, rounded=False), truth(store), _small(store))
    finally:
        store.close()
    assert len(found) >= 5
    assert all(1 <= value for value in found.values())


def test_the_attacker_reads_a_percentage_with_its_denominator():
    k = attacker.Knowledge(rounded=False)
    ind = definitions.indicators()["cp_2yr"]
    num, den = attacker._cells(ind, "quarter", pd.Timestamp("2025-01-01").date())
    k.count(den, "61")
    k.count(num, "c")
    attacker._from_percent(k, ind, num, den, 4.9, None)
    assert k.facts[num] == (3, 3)  # 3 of 61 is 4.9%: so a percentage beside its denominator must go
