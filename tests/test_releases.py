"""Benchmarks refreshed from DfE's statistics-service files: preview, store, credit; bad files change nothing.

tests/fixtures/dfe/ holds DfE's published children in need and children looked after files cut down to a few
areas (Open Government Licence v3.0; see its README).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from dashboard_support import copy_of, empty_database
from conftest import fingerprint

from safeguarding import cli, detail, indicators, loading, releases, scorecard, settings
from safeguarding.definitions import indicators as definitions
from safeguarding.export import contents
from safeguarding.periods import Quarter
from safeguarding.store import open_store
from safeguarding.template_writer import write_template

FIXTURES = Path(__file__).parent / "fixtures" / "dfe"
C1 = FIXTURES / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
B1 = FIXTURES / "b1_children_in_need_2013_to_2025.csv"


def _next_release(text: str) -> str:
    """The c1 file as next autumn's might be: England's 2025 re-referral share revised to 23.4, and 2026 added
    (68 rows of 2 figures, plus 23 rows for 2026: 182 figures)."""
    lines = text.splitlines(keepends=True)
    revised = [line.replace(",142900,22.6,", ",142900,23.4,") if line.startswith("2025,Reporting year,National,")
               else line for line in lines]
    added = [line.replace("2025,", "2026,", 1).replace(",142900,22.6,", ",140000,24.1,")
             for line in lines[1:] if line.startswith("2025,")]
    return "".join(revised + added)


@pytest.fixture(scope="module")
def partnership(tmp_path_factory) -> Path:
    """Herefordshire's partnership with referrals for 2024-25 and 2025-26 Q1, built once and closed."""
    path = copy_of(empty_database(tmp_path_factory.getbasetemp()),
                   tmp_path_factory.mktemp("partnership") / "releases.duckdb")
    s = open_store(path)
    settings.update(s, by="test", la_code=884)
    quarters = [Quarter.of(2024, n) for n in (1, 2, 3, 4)] + [Quarter.of(2025, 1)]
    values = {(code, q): v for q in quarters for code, v in (("CSC.REFERRALS", 400), ("CSC.REREFERRALS_12M", 90))}
    result = loading.load_bytes(s, "csc.xlsx", write_template("CSC", quarters, values), by="test")
    assert result.status == "loaded", [str(p) for p in result.parsed.errors]
    s.close()
    return path


@pytest.fixture()
def store(partnership, tmp_path):
    """A copy of the partnership's database for one test."""
    s = open_store(shutil.copyfile(partnership, tmp_path / "copy.duckdb"))
    yield s
    s.close()


def _rereferral(store, view: str, period: str) -> dict:
    frame = indicators.compute(store, view)
    return frame[(frame["indicator_id"] == "rereferral_rate") & (frame["period"] == period)].iloc[0].to_dict()


def test_shipped_benchmarks_are_the_default(store):
    assert releases.releases(store).empty
    assert _rereferral(store, "year", "2024-25")["england"] == 22.6
    assert detail.benchmark_source(store, "rereferral_rate").startswith("Source: DfE, Children in need statistics, "
                                                                         "via LAIT (")


def test_a_refresh_changes_the_benchmarks_shown(store, tmp_path):
    before = _rereferral(store, "quarter", "2025-26 Q1")
    assert (before["england"], before["benchmark_year"]) == (22.6, "2024-25 (latest published)")
    path = tmp_path / C1.name
    path.write_text(_next_release(C1.read_text(encoding="utf-8")), encoding="utf-8")
    named = [(path.name, path.read_bytes())]

    found = releases.preview(store, named)
    assert found.ok and found.errors == []
    changes = found.changes
    england = changes[changes["Area"] == "England"]
    revised = england[england["Year"] == "2024-25"]
    assert revised[["Benchmark", "Before", "After", "Change"]].values.tolist() == [
        ["Re-referrals to children's social care within 12 months of the previous referral (%)", "22.6", "23.4",
         "revised"]]
    assert set(england[england["Year"] == "2025-26"]["Change"]) == {"new year"}
    assert "new years 2014-15, 2025-26" in found.summary[0] and "5 revised" in found.summary[0]
    assert _rereferral(store, "year", "2024-25")["england"] == 22.6, "a preview stores nothing"

    assert releases.save(store, named, by="analyst") == [
        f"{path.name}: loaded as release 1 (182 figures, 2014-15 to 2025-26)."]
    year = _rereferral(store, "year", "2024-25")
    assert year["england"] == 23.4
    ind = definitions()["rereferral_rate"]
    assert scorecard.comparator_text(ind, year, "england") == "England 23.4%"
    now = _rereferral(store, "quarter", "2025-26 Q1")
    assert (now["england"], now["benchmark_year"]) == (24.1, "2025-26")
    assert now["region"] == 19.5  # the copy's 2026 West Midlands row repeats its 2025 figure
    loaded = dt.date.today()
    assert detail.benchmark_source(store, "rereferral_rate").endswith(
        "OGL v3.0. Figures for 2015-16 to 2022-23: DfE's Local Authority Interactive Tool (LAIT), as shipped; "
        f"2014-15, 2023-24 to 2025-26: {path.name}, loaded {loaded.day} {loaded:%B %Y}.")
    assert path.name in contents.source_credit(ind, contents._sources(store))
    assert "via LAIT" in detail.benchmark_source(store, "cp_rate"), "codes the file does not carry keep their source"
    listed = releases.releases(store)
    assert listed[["Release", "File", "By", "Years"]].values.tolist() == [
        [1, path.name, "analyst", "2014-15 to 2025-26"]]
    again = releases.save(store, named, by="analyst")
    assert again[0].startswith(f"{path.name}: unchanged (the same file was loaded on ")


def test_computed_children_in_need_rates_reproduce_the_published_ones(store):
    found = releases.preview(store, [(B1.name, B1.read_bytes())])
    assert found.ok
    assert set(found.changes["Change"]) == {"new year"}, "every 2024 and 2025 rate equals LAIT's published one"
    assert found.summary[0].endswith("0 other new figures, 0 revised, 46 unchanged.")


def _broken(text: str, how: str) -> str:
    lines = text.splitlines(keepends=True)
    if how == "letters in a figure":
        return lines[0] + lines[1].replace(",22.6,", ",22.6%x,") + "".join(lines[2:])
    if how == "a column missing":
        return "".join(line.replace(",rereferral_percent,", ",rereferral_pc,") for line in lines)
    if how == "an unknown region":
        return lines[0] + lines[2].replace(",North East,", ",Northumbria,") + "".join(lines[3:])
    if how == "a bad LA code":
        return "".join(line.replace(",884,E06000019,", ",88x,E06000019,") for line in lines)
    if how == "a bad year":
        return lines[0] + lines[1].replace("2025,", "FY25,", 1) + "".join(lines[2:])
    if how == "a repeated row":
        return "".join(lines) + lines[1]
    if how == "a short row":
        return lines[0] + lines[1].rsplit(",", 3)[0] + "\n" + "".join(lines[2:])
    raise AssertionError(how)


@pytest.mark.parametrize("how, message", [
    ("letters in a figure", "row 2, column rereferral_percent: '22.6%x' is not a number"),
    ("a column missing", "row 1: the referrals and re-referrals (c1) file lacks the column(s) rereferral_percent"),
    ("an unknown region", "row 2, column region_name: 'Northumbria' is not one of England's regions"),
    ("a bad LA code", "column old_la_code: '88x' is not a 3-digit DfE local authority code"),
    ("a bad year", "row 2, column time_period: 'FY25' is not a year"),
    ("a repeated row", "England 2025 appears again (first in row 2)"),
    ("a short row", "row 2: 18 cells where the header has 21"),
])
def test_a_malformed_file_changes_nothing(store, tmp_path, capsys, how, message):
    good = tmp_path / "good" / B1.name
    good.parent.mkdir()
    shutil.copyfile(B1, good)
    bad = tmp_path / C1.name
    bad.write_text(_broken(C1.read_text(encoding="utf-8"), how), encoding="utf-8")
    before = fingerprint(store)
    found = releases.preview(store, [(good.name, good.read_bytes()), (bad.name, bad.read_bytes())])
    assert not found.ok and any(e.startswith(f"{bad.name}: ") and message in e for e in found.errors), found.errors
    with pytest.raises(releases.ReleaseError, match="Nothing was changed"):
        releases.save_paths(store, [good, bad], by="analyst")
    assert cli.main(["reference", "update", str(good), str(bad), "--db", str(store.path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Nothing was changed." in err
    assert fingerprint(store) == before, "the good file in the same batch is not stored either"


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe\x00t\x00i", "not a UTF-8 text file"),
    (b"a,b,c\n1,2,3\n", "row 1: not a DfE file this dashboard reads"),
    (b"", "row 1: not a DfE file this dashboard reads"),
])
def test_files_that_are_not_dfe_csvs_are_refused(store, data, message):
    before = fingerprint(store)
    found = releases.preview(store, [("upload.csv", data)])
    assert not found.ok and found.errors[0].startswith(f"upload.csv: {message}")
    with pytest.raises(releases.ReleaseError):
        releases.save(store, [("upload.csv", data)], by="analyst")
    assert fingerprint(store) == before


def test_the_command_line_shows_then_stores(store, capsys):
    assert cli.main(["reference", "update", str(B1), "--db", str(store.path), "--check"]) == 0
    out = capsys.readouterr().out
    assert "new years 2014-15 (22 figures)" in out and "Checked only (--check): nothing was changed." in out
    assert releases.releases(store).empty
    assert cli.main(["reference", "update", str(B1), "--db", str(store.path), "--by", "ana"]) == 0
    assert f"{B1.name}: loaded as release 1 (68 figures, 2014-15 to 2024-25)." in capsys.readouterr().out
    assert cli.main(["reference", "list", "--db", str(store.path)]) == 0
    assert B1.name in capsys.readouterr().out
