"""A stranger reads the regional rug (its table, download and chart specification) beside each partnership's own
published scorecard and must recover no hidden count; and the rug is the same whatever a hidden count is."""

from __future__ import annotations

import io

import openpyxl
import pytest

import attacker
import regional_support as support
from dashboard_support import empty_database
from safeguarding import definitions, indicators, regional, regional_view, settings
from safeguarding.export import download, suppression
from safeguarding.periods import parse_label
from safeguarding.store import Store
from test_disclosure_attack import truth

SHARED = regional.shared_indicators()


def outputs(members: list, view: str = "quarter", period: str = support.LATEST) -> tuple:
    """The rug of `members` as a stranger gets it: table, CSV, workbook cells and chart."""
    rug = regional.rug(members, view, period, SHARED)
    book = openpyxl.load_workbook(io.BytesIO(regional_view.rug_xlsx(rug, period)))
    cells = {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    return (regional_view.table(rug).to_dict("list"), regional_view.rug_csv(rug, period), cells,
            regional_view.figure(rug, period).to_json(), rug)


def everything(paths: dict, view: str = "quarter", period: str = support.LATEST) -> tuple:
    """outputs() of the partnerships at `paths`."""
    opened = [regional.Member(code, support.REGION[code][0], Store(path)) for code, path in paths.items()]
    try:
        return outputs(opened, view, period)
    finally:
        for m in opened:
            m.store.close()


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    return support.region_copy(tmp_path_factory)[1]


@pytest.mark.parametrize("code, measure, hidden", [("esx", "CSC.CP_STARTS_REPEAT", range(1, 8)),
                                                    ("brn", "CSC.ICPC_15WD", range(1, 6))],
                         ids=["rounded", "suppressed"])
def test_the_rug_is_the_same_whatever_a_hidden_count_is(region, tmp_path, tmp_path_factory, code, measure, hidden):
    """esx rounds (1 to 7 hidden), brn suppresses (1 to 5 hidden): each value of its hidden latest-quarter count
    gives byte for byte the same rug, download and chart, so none of them says anything about it."""
    seen, empty = [], empty_database(tmp_path_factory.getbasetemp())
    others = {other: Store(path) for other, path in region.items() if other != code}  # the same for every value
    try:
        for value in hidden:
            path = tmp_path / f"{code}{value}.duckdb"
            support.build(path, code, list(support.REGION).index(code) + 1, {measure: value}, empty=empty)
            store = Store(path)
            try:
                table, csv_bytes, cells, chart, _ = outputs(
                    [regional.Member(c, support.REGION[c][0], others.get(c, store)) for c in region])
            finally:
                store.close()
            seen.append((table, csv_bytes, cells, chart))
    finally:
        for opened in others.values():
            opened.close()
    assert all(s == seen[0] for s in seen[1:])


def _read_rug(k: attacker.Knowledge, rug, code: str, view: str) -> None:
    """The stranger's reading of one partnership's column of the rug: each shown figure (a marker says no more than
    the same figure's marker in the scorecard, which also says which count is hidden)."""
    defs = definitions.indicators()
    for row in rug[rug["code"] == code].to_dict("records"):
        ind = defs[row["indicator_id"]]
        num, den = attacker._cells(ind, *parse_label(row["period"]))
        shown = row["shown"].rstrip("%").replace(",", "")
        if shown.replace(".", "").isdigit() and not k.rounded:
            attacker._from_percent(k, ind, num, den, float(shown), None)
    k.read.append(f"rug {code} {view}")


def attack(paths: dict) -> dict[str, dict]:
    """What the stranger recovers for each partnership from the rug (both views) and its own scorecard downloads."""
    found = {}
    rugs = {view: everything(paths, view, period)[-1].assign(period=period)
            for view, period in (("quarter", support.LATEST), ("year", "2024-25"))}
    for code, path in paths.items():
        store = Store(path)
        try:
            rule = settings.disclosure_rule(store)
            k = attacker.Knowledge(rounded=rule == suppression.ROUND)
            for view, period in (("quarter", support.LATEST), ("year", "2024-25")):
                attacker.read_csv(k, download.scorecard_csv(store, period, view), f"csv {code} {period}")
                _read_rug(k, rugs[view], code, view)
            small = suppression.ROUND_SMALL if k.rounded else settings.suppression_threshold(store)
            exact = truth(store)
            # Read straight off (a marked count pinned by a figure elsewhere), or worked out through the relations.
            read_off = {v: k.facts[v][0] for v in k.marked & set(k.facts)
                        if k.facts[v][0] == k.facts[v][1] == exact.get(v)}
            found[code] = read_off | attacker.attack(k, exact, small)
        finally:
            store.close()
    return found


def test_a_stranger_recovers_no_hidden_count_from_the_rug(region):
    found = attack(region)
    assert found == {code: {} for code in region}


def test_the_attack_finds_a_count_the_rug_would_leak(region, monkeypatch):
    """The same attack against a rug built from unprotected figures recovers brn's hidden 2 conferences in time:
    the attack can fail, and the protection is what stops it."""
    def unprotected(store, view=None):
        frame = suppression.suppress(indicators.compute(store), 0)  # nothing is small: every figure shown
        return frame if view is None else frame[frame["view"] == view].reset_index(drop=True)

    monkeypatch.setattr(regional, "protected", unprotected)  # the rug only: the scorecard stays protected
    found = attack({"brn": region["brn"]})
    assert found["brn"].get(("Q", "CSC.ICPC_15WD", parse_label(support.LATEST)[1])) == 2
