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


def test_each_ratio_shape_divides_once_by_nullif():
    shapes = queries.q("shapes", "define_macros")
    assert shapes.count("nullif(") == 1 and "scale * numerator.value / nullif(denominator.value, 0)" in shapes
    for shape in ("indicator_percent", "indicator_rate"):
        macro = shapes.split(f"macro {shape}(", 1)[1].split("create or replace macro", 1)[0]
        assert "from indicator_ratio(" in macro, shape


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
    # Only the composition of our own indicator files may join SQL text (safeguarding/marts.py), and the shared
    # store the migration script it hands to postgres_execute, which takes no parameters, naming its schema
    # (checked against [A-Za-z0-9_-]+ by schema_of) (safeguarding/shared_store.py).
    offenders = []
    for path in [*ROOT.glob("safeguarding/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"]:
        if not path.exists() or path.name in ("marts.py", "shared_store.py"):
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


# ------------------------------------------------------------------ the README cannot drift from the code


def _table(heading: str, first_column: str) -> list[list[str]]:
    """The rows of the README table under `heading` whose first header cell is `first_column`, cells stripped."""
    section = README.split(heading, 1)[1]
    lines = iter(section.splitlines())
    for line in lines:
        if line.startswith(f"| {first_column} |"):
            break
    next(lines)  # the |---| line
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        # A cell may hold an escaped pipe (`quarter\|year`): split only on unescaped ones.
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append(cells)
    return rows


def _number(x: float) -> str:
    return f"{x:g}"


def _readme_rag(limits) -> str:
    """The README's 'default RAG' wording of an indicator's default limits."""
    if limits.method == "up":
        return f"green ≥ {_number(limits.green_lo)}, amber ≥ {_number(limits.amber_lo)}"
    if limits.method == "down":
        return f"green ≤ {_number(limits.green_hi)}, amber ≤ {_number(limits.amber_hi)}"
    if limits.method == "band":
        return (f"green {_number(limits.green_lo)}–{_number(limits.green_hi)}, "
                f"amber {_number(limits.amber_lo)}–{_number(limits.amber_hi)}")
    if limits.method == "relative":
        return f"within {_number(limits.green_hi)}% / {_number(limits.amber_hi)}% of {limits.comparator}"
    return "not rated"


def test_readme_indicator_table_matches_the_catalogue():
    rows = _table("## Indicators", "id")
    documented = {row[0].strip("`"): row for row in rows}
    assert len(documented) == len(rows), "an indicator is listed twice in the README"
    assert sorted(documented) == sorted(indicators()), "the README's indicator table and queries/indicators/ differ"
    for indicator_id, indicator in indicators().items():
        _, title, formula, polarity, rag, benchmark = documented[indicator_id]
        assert title == indicator.title, indicator_id
        assert formula == indicator.formula, indicator_id
        assert polarity == indicator.polarity, indicator_id
        assert rag == _readme_rag(indicator.default_limits), indicator_id
        assert benchmark == (f"`{indicator.benchmark}`" if indicator.benchmark else "–"), indicator_id


def _subcommands() -> dict[str, str]:
    """Each subcommand of the CLI with its own --help text."""
    from safeguarding import cli

    top = cli.parser()
    action = next(a for a in top._actions if a.choices and isinstance(a.choices, dict))
    return {name: sub.format_help() for name, sub in action.choices.items()}


def _options(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text)) - {"--help"}


def test_readme_command_table_matches_the_cli_help():
    from safeguarding import cli

    rows = _table("## Command line", "command")
    documented = {}
    for command, description in rows:
        match = re.fullmatch(r"`python -m safeguarding ([a-z-]+)(.*)`", command)
        assert match, f"not a command: {command}"
        documented[match.group(1)] = match.group(2)
        assert description, command
    helps = _subcommands()
    assert sorted(documented) == sorted(helps), "the README's command table and the CLI's subcommands differ"
    top_help = cli.parser().format_help()
    for name, usage in documented.items():
        assert name in top_help
        assert _options(usage) == _options(helps[name]), f"{name}: the README and `{name} --help` name other options"
        for choice in re.findall(r"--\w+ ([a-z]+(?:\|[a-z]+)+)", usage):
            for word in choice.split("|"):
                assert word in helps[name], f"{name}: {word} is not a choice in its --help"


def test_every_named_query_is_used_by_the_code():
    # Code calls a query by its name as a string literal: queries.q("store", "audit"), or a name in a table.
    code = "\n".join(path.read_text(encoding="utf-8") for path in
                     [*ROOT.glob("safeguarding/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"])
    literals = set(re.findall(r"""["']([a-z_][a-z0-9_]*)["']""", code))
    unused = [f"{path.stem}.{name}" for path in sorted((ROOT / "queries").glob("*.sql"))
              for name in queries.named(path.stem) if name not in literals or path.stem not in literals]
    assert unused == []


def test_every_browser_test_module_runs_on_the_browser_worker():
    # scripts/test.sh runs two workers with --dist loadgroup; browser modules share one worker and its CPU.
    for path in sorted((ROOT / "tests").glob("test_browser*.py")):
        assert 'pytest.mark.xdist_group("browser")' in path.read_text(encoding="utf-8"), path.name
