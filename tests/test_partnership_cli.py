"""Partnerships kept apart on the command line, in real processes: each command runs against one partnership's own
store, only for people listed in it, and a refusal reads and writes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dashboard_support import ROOT

from safeguarding.periods import Quarter
from safeguarding.template_writer import write_template

MARKER = 9137  # a police protection count loaded into South alone
SECRETS = """
[partnerships.north]
name = "North Partnership"
la_codes = [830, 831]
analysts = ["ana@north.gov.uk"]
viewers = ["vic@north.gov.uk"]

[partnerships.south]
name = "South Partnership"
la_codes = [884]
analysts = ["sam@south.gov.uk"]
"""
Q1 = Quarter.of(2023, 1)


def police(ppo: int) -> bytes:
    return write_template("POL", [Q1], {("POL.PPO", Q1): ppo, ("POL.ENCOMPASS", Q1): 40,
                                        ("POL.ENCOMPASS_TIMELY", Q1): 38})


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("service")
    (folder / "secrets.toml").write_text(SECRETS, encoding="utf-8")
    (folder / "south.xlsx").write_bytes(police(MARKER))
    (folder / "north.xlsx").write_bytes(police(7))
    return folder


def run(folder: Path, *args: str, user: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    top = ["--secrets", str(folder / "secrets.toml")] + (["--user", user] if user else [])
    command = [sys.executable, "-m", "safeguarding", *top, *args]
    if args and args[0] not in ("partnerships",):
        command += ["--db", str(folder / "main.duckdb")]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_partnerships_are_listed_with_their_authorities_and_stores(service):
    done = run(service, "partnerships", "--db", str(service / "main.duckdb"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"north\tNorth Partnership\t830 Derbyshire; 831 Derby\t{service / 'partnerships' / 'north.duckdb'}",
        f"south\tSouth Partnership\t884 Herefordshire\t{service / 'partnerships' / 'south.duckdb'}",
    ]


def test_an_analyst_of_one_partnership_can_neither_read_nor_write_another(service):
    south_db, north_db = service / "partnerships" / "south.duckdb", service / "partnerships" / "north.duckdb"
    loaded = run(service, "--partnership", "south", "load", str(service / "south.xlsx"), user="Sam@South.gov.uk")
    assert loaded.returncode == 0, loaded.stderr
    assert "Submission 1" in loaded.stdout
    named = run(service, "--partnership", "south", "settings", "--name", f"South {MARKER}", user="sam@south.gov.uk")
    assert named.returncode == 0, named.stderr
    south = run(service, "--partnership", "south", "indicators", "--format", "csv", user="sam@south.gov.uk")
    assert f"police_protection,2023-24 Q1,{MARKER},{MARKER}," in south.stdout
    before = digest(south_db)

    # North's analyst, against South: every kind of read and write is refused before anything is opened.
    for attempt in (["load", str(service / "north.xlsx")], ["indicators", "--format", "csv"], ["settings"],
                    ["settings", "--threshold", "3"], ["challenges"], ["plan", "export", str(service / "p.xlsx")],
                    ["export-pack", "--out", str(service / "pack.pptx")], ["reference", "list"]):
        done = run(service, "--partnership", "south", *attempt, user="ana@north.gov.uk")
        assert done.returncode == 2, (attempt, done.stdout, done.stderr)
        assert done.stderr.strip() == ("ana@north.gov.uk is not listed in South Partnership (south): ask its "
                                       "analysts to add you to [partnerships.south] in the secrets file."), attempt
        assert str(MARKER) not in done.stdout + done.stderr
    assert digest(south_db) == before
    assert not (service / "p.xlsx").exists() and not (service / "pack.pptx").exists()
    assert not north_db.exists()  # nothing of North's was made either

    # In North, the same analyst works in North's own store, which never holds South's figures.
    north = run(service, "--partnership", "north", "load", str(service / "north.xlsx"), user="ana@north.gov.uk")
    assert north.returncode == 0, north.stderr
    shown = run(service, "--partnership", "north", "indicators", "--format", "csv", user="ana@north.gov.uk")
    assert "police_protection,2023-24 Q1,7,7," in shown.stdout
    settings = run(service, "--partnership", "north", "settings", user="ana@north.gov.uk")
    assert settings.stdout.splitlines()[:2] == [
        "Partnership: North Partnership",
        "Local authorities: 830 Derbyshire (East Midlands); 831 Derby (East Midlands)"]
    for text in (shown.stdout, settings.stdout, north.stdout):
        assert str(MARKER) not in text
    assert digest(south_db) == before


def test_a_role_is_the_one_held_in_that_partnership(service):
    refused = run(service, "--partnership", "north", "settings", "--threshold", "3", user="vic@north.gov.uk")
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "vic@north.gov.uk is a viewer in North Partnership (north), and only analysts may change settings, "
        "thresholds or benchmarks there: ask one of its analysts to do it, or to list you in "
        "[partnerships.north] analysts.")
    reads = run(service, "--partnership", "north", "settings", user="vic@north.gov.uk")
    assert reads.returncode == 0 and "Suppression threshold: 5" in reads.stdout


@pytest.mark.parametrize(("args", "user", "words"), [
    (["indicators"], "ana@north.gov.uk", "This service holds several partnerships: name one with --partnership "
                                         "CODE (north, south)."),
    (["--partnership", "east", "indicators"], "ana@north.gov.uk", "There is no partnership 'east' in the secrets "
                                                                  "file: the codes are north, south."),
    (["--partnership", "north", "indicators"], None, "Say who you are with --user EMAIL (or $SAFEGUARDING_USER)"),
    (["--partnership", "north", "settings", "--la-code", "884"], "ana@north.gov.uk",
     "North Partnership's local authorities are set in the secrets file ([partnerships.north] la_codes)"),
])
def test_a_command_that_cannot_tell_whose_store_or_who_is_refused(service, args, user, words):
    env = {k: v for k, v in os.environ.items() if k != "SAFEGUARDING_USER"}
    done = run(service, *args, user=user, env=env)
    assert done.returncode == 2 and words in done.stderr, done.stderr


def test_the_user_may_come_from_the_environment(service):
    env = {**os.environ, "SAFEGUARDING_USER": "vic@north.gov.uk"}
    done = run(service, "--partnership", "north", "settings", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Partnership: North Partnership")


def test_without_partnerships_the_service_has_one_store_as_before(tmp_path):
    (tmp_path / "secrets.toml").write_text('[access]\nanalysts = ["a@b.c"]\n', encoding="utf-8")
    done = run(tmp_path, "settings", "--name", "One partnership")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "main.duckdb").exists() and not (tmp_path / "partnerships").exists()
    refused = run(tmp_path, "--partnership", "north", "settings")
    assert refused.returncode == 2 and "No partnerships are listed in the secrets file" in refused.stderr


def test_a_damaged_registry_is_named_and_nothing_runs(tmp_path):
    (tmp_path / "secrets.toml").write_text('[partnerships.north]\nname = "N"\nla_codes = [999]\n', encoding="utf-8")
    done = run(tmp_path, "--partnership", "north", "settings", user="a@b.c")
    assert done.returncode == 2
    assert "la_codes: 999 is not a local authority code in the DfE list" in done.stderr
    assert not (tmp_path / "partnerships").exists() and not (tmp_path / "main.duckdb").exists()


def test_a_postgres_store_is_listed_without_its_password(service):
    done = run(service, "partnerships", "--db", "postgresql://dash:s3cret@db.example:5432/safeguarding")
    assert done.returncode == 0, done.stderr
    assert "s3cret" not in done.stdout
    assert done.stdout.splitlines()[0].endswith("\tpostgresql://dash:***@db.example:5432/safeguarding#north")


def test_the_demo_never_goes_into_a_partnerships_store(service):
    done = run(service, "--partnership", "north", "demo", user="ana@north.gov.uk")
    assert done.returncode == 2 and "never a partnership's store" in done.stderr
