"""The catalogue keeps itself honest: every indicator file is complete, tested and documented."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from safeguarding import queries
from safeguarding.catalogue import measures, sum_groups
from safeguarding.definitions import REQUIRED_KEYS, THEMES, UNITS, benchmark_bases, from_file, indicators
from safeguarding.queries import folder, read_header

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GOLDEN = {row["indicator"] for row in csv.DictReader((Path(__file__).parent / "golden" / "expected.csv").open())}
FILES = sorted((ROOT / "queries" / "indicators").glob("*.sql"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_indicator_file_is_complete(path):
    header = read_header(path.read_text(encoding="utf-8"))
    missing = [key for key in REQUIRED_KEYS if not header.get(key)]
    assert not missing, f"{path.name} lacks {missing}"
    assert header["id"] == path.stem
    assert header["unit"] in UNITS and header["theme"] in THEMES
    assert header["numerator"] in measures()
    assert header["denominator"] in (*measures(), "population", "-")
    assert path.stem in GOLDEN, f"{path.stem} has no hand-checked row in tests/golden/expected.csv"
    assert re.search(rf"^\| `{path.stem}` \|", README, re.MULTILINE), f"{path.stem} is not in the README's table"
    sql = path.read_text(encoding="utf-8")
    assert "nullif" in sql or header["unit"] == "count", "a ratio divides by nullif(denominator, 0)"
    assert sql.rstrip().endswith("select * from final")


def test_every_indicator_loads():
    assert len(indicators()) == len(FILES) >= 40


def test_headlines_are_the_child_protection_ten():
    ordered = sorted((i for i in indicators().values() if i.headline), key=lambda i: i.headline)
    assert [i.id for i in ordered] == ["cp_rate", "cin_rate", "cla_rate", "contacts_decided_1wd",
                                       "contact_conversion", "assessments_45wd", "cp_visits_timely",
                                       "cla_visits_timely", "cp_2yr"]


def test_sum_groups_name_real_wholes():
    for whole, parts in sum_groups().items():
        assert whole in measures() and len(parts) >= 2
    for measure in measures().values():
        assert measure.within is None or measure.within in measures()


def test_every_named_query_parses():
    for path in (ROOT / "queries").glob("*.sql"):
        named = queries.named(path.stem)
        assert named, path.name
        for query in named.values():
            assert query.sql.strip()


def test_no_sql_is_built_with_string_formatting():
    # Only the composition of our own indicator files may join SQL text (safeguarding/marts.py).
    offenders = []
    for path in [*ROOT.glob("safeguarding/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"]:
        if not path.exists() or path.name == "marts.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"""f["'](select|insert|update|delete|with)\b""", text, re.IGNORECASE):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_pages_hold_no_sql_or_thresholds():
    for path in ROOT.glob("pages/*.py"):
        text = path.read_text(encoding="utf-8").lower()
        assert "duckdb" not in text and not re.search(r"\bselect\b[^\n]*\bfrom\b", text), path.name


def test_core_never_imports_streamlit():
    for path in ROOT.glob("safeguarding/**/*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), re.MULTILINE), path


def test_every_staging_view_is_ordered():
    orders = [int(f.header["order"]) for f in folder("staging")]
    assert len(set(orders)) == len(orders)


MISMATCHED = Path(__file__).parent / "fixtures" / "catalogue" / "first_time_entrants.sql"


def test_a_benchmark_in_another_unit_is_refused():
    with pytest.raises(ValueError, match=r"FirstYJS is a rate per 100000 of children aged 10-17 over the calendar "
                                         r"year, but first_time_entrants is a count over the financial year"):
        from_file(MISMATCHED)


@pytest.mark.parametrize("indicator_id, benchmark, differ", [
    ("cp_repeat", "CPP_rate", "unit and population and period differ"),   # a share against a rate at 31 March
    ("cp_rate", "Section_47", "period differ"),                            # a stock against a year's flow
    ("referral_rate", "ReReferral", "unit and population differ"),         # a rate against a share
    ("rereferral_rate", "NoSuchCode", "has no unit, population and period"),
])
def test_each_kind_of_mismatch_is_refused(tmp_path, indicator_id, benchmark, differ):
    text = (ROOT / "queries" / "indicators" / f"{indicator_id}.sql").read_text(encoding="utf-8")
    path = tmp_path / f"{indicator_id}.sql"
    path.write_text(re.sub(r"^-- benchmark: .*$", f"-- benchmark: {benchmark}", text, count=1, flags=re.MULTILINE),
                    encoding="utf-8")
    with pytest.raises(ValueError, match=differ):
        from_file(path)
    assert from_file(ROOT / "queries" / "indicators" / f"{indicator_id}.sql").id == indicator_id


def test_every_published_code_has_a_basis_and_every_benchmark_matches():
    published = {row["lait_code"] for row in
                 csv.DictReader((ROOT / "data" / "reference" / "benchmark_measures.csv").open(encoding="utf-8"))}
    assert published == set(benchmark_bases())
    compared = {i.id: i.benchmark for i in indicators().values() if i.benchmark}
    assert len(compared) >= 12 and "first_time_entrants" not in compared
