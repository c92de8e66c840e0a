"""Submission semantics: all-or-nothing, idempotent reloads, restatements with history, rollback, the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys

import pytest
from conftest import (
    GOOD_POL, POL_CODES, Q1, Q2, ROOT, TODAY, Template, current, fingerprint, good_pol_template, long_csv,
    long_xlsx, query,
)

from safeguarding.loading import load_bytes, load_paths, preview, rollback
from safeguarding.workbooks import read_return

D = dt.date
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


def load(store, data, name, by="tester", today=TODAY):
    return load_bytes(store, name, data, by, today)


def ppo(store, quarter=dt.date(2024, 4, 1), agency="POL"):
    return current(store).get((agency, quarter, "POL.PPO"))


# ============================================================ all or nothing


def test_one_bad_cell_stores_nothing(store):
    load(store, good_pol_template().bytes(), "good.xlsx")
    before = fingerprint(store)
    values = {code: list(v) for code, v in GOOD_POL.items()}
    values["POL.STRATEGY_ATTENDED"][3] = "#REF!"  # the very last value cell
    book = good_pol_template(values=values)
    result = load(store, book.bytes(), "onebad.xlsx")
    assert result.status == "rejected" and result.submission_id is None
    assert [e.cell for e in result.parsed.errors] == [book.ref(5, 3)]
    assert fingerprint(store) == before


def test_one_bad_row_in_long_file_stores_nothing(store):
    before = fingerprint(store)
    rows = [["POL", Q1, code, 5] for code in POL_CODES] + [["CSC", Q1, "CSC.REFERRALS", 2.5]]
    result = load(store, long_csv(rows), "long.csv")
    assert result.status == "rejected"
    assert fingerprint(store) == before


def test_empty_store_rejected_file_writes_no_audit(store):
    before = fingerprint(store)
    result = load(store, b"", "empty.xlsx")
    assert result.status == "rejected"
    assert fingerprint(store) == before
    assert query(store, "select count(*) from audit_log") == [(0,)]


# ============================================================ idempotent reload


def test_identical_file_again_changes_nothing(store):
    data = good_pol_template().bytes()
    first = load(store, data, "good.xlsx")
    assert first.status == "loaded"
    before = fingerprint(store)
    again = load(store, data, "good.xlsx")
    assert again.status == "unchanged"
    assert again.submission_id == first.submission_id
    assert "good.xlsx" in again.message and str(first.submission_id) in again.message
    assert fingerprint(store) == before
    renamed = load(store, data, "copy of good.xlsx")  # the same bytes under another name
    assert renamed.status == "unchanged" and fingerprint(store) == before


def test_changed_file_is_not_unchanged(store):
    load(store, good_pol_template().bytes(), "good.xlsx")
    values = {code: list(v) for code, v in GOOD_POL.items()}
    values["POL.PPO"][0] = 13
    assert load(store, good_pol_template(values=values).bytes(), "good.xlsx").status == "loaded"


# ============================================================ restatement and history


def _q1(ppo_value, encompass=80, commentary=None):
    rows = [["POL.PPO", "x", ppo_value, commentary], ["POL.ENCOMPASS", "y", encompass, None]]
    return Template(rows=rows).bytes()


def test_restatement_supersedes_and_history_keeps_old_values(store):
    v1, v2 = _q1(5), _q1(8)
    first = load(store, v1, "pol-v1.xlsx", by="alice")
    second = load(store, v2, "pol-v2.xlsx", by="bob")
    assert (first.status, second.status) == ("loaded", "loaded")
    assert ppo(store)[:2] == ("number", 8)
    assert ppo(store)[2] == second.submission_id
    # unchanged values stay in force too (from the later submission, same figure)
    assert current(store)[("POL", D(2024, 4, 1), "POL.ENCOMPASS")][:2] == ("number", 80)
    history = query(store, """
        select s.submission_id, s.file_name, s.sha256, s.loaded_by, s.loaded_at, s.status, v.value
        from submission_values v join submissions s using (submission_id)
        where v.measure = 'POL.PPO' order by s.submission_id""")
    assert [(h[1], h[2], h[3], h[5], h[6]) for h in history] == [
        ("pol-v1.xlsx", hashlib.sha256(v1).hexdigest(), "alice", "loaded", 5),
        ("pol-v2.xlsx", hashlib.sha256(v2).hexdigest(), "bob", "loaded", 8),
    ]
    for row in history:
        assert isinstance(row[4], dt.datetime)
        assert abs((dt.datetime.now(dt.UTC).replace(tzinfo=None) - row[4]).total_seconds()) < 600


def test_restatement_only_touches_what_it_contains(store):
    load(store, good_pol_template().bytes(), "year.xlsx", by="alice")
    load(store, _q1(99), "q1-fix.xlsx", by="bob")
    now = current(store)
    assert now[("POL", D(2024, 4, 1), "POL.PPO")][1] == 99
    assert now[("POL", D(2024, 7, 1), "POL.PPO")][1] == GOOD_POL["POL.PPO"][1]
    assert now[("POL", D(2024, 4, 1), "POL.DA_INCIDENTS_CHILDREN")][1] == GOOD_POL["POL.DA_INCIDENTS_CHILDREN"][0]


def test_blank_cell_in_restatement_keeps_earlier_number(store):
    load(store, _q1(5), "v1.xlsx")
    second = load(store, _q1(None, encompass=81), "v2.xlsx")
    assert second.status == "loaded"
    assert ppo(store)[:2] == ("number", 5)
    assert current(store)[("POL", D(2024, 4, 1), "POL.ENCOMPASS")][1] == 81
    # the blank was recorded as 'missing' in the later submission's history
    assert query(store, "select state, value from submission_values where submission_id=? and measure='POL.PPO'",
                 [second.submission_id]) == [("missing", None)]


@pytest.mark.parametrize("raw,state", [("n/a", "not_applicable"), ("<5", "suppressed"), (0, "number")])
def test_marker_in_restatement_supersedes_number(store, raw, state):
    load(store, _q1(5), "v1.xlsx")
    load(store, _q1(raw), "v2.xlsx")
    assert ppo(store)[0] == state


def test_long_layout_restates_per_agency_and_quarter(store):
    load(store, long_xlsx([["POL", Q1, "POL.PPO", 5], ["POL", Q2, "POL.PPO", 6], ["CSC", Q1, "CSC.REFERRALS", 300]]),
         "first.xlsx")
    load(store, long_csv([["POL", Q2, "POL.PPO", 9], ["CSC", Q1, "CSC.REFERRALS", None]]), "second.csv")
    assert ppo(store)[1] == 5
    assert ppo(store, D(2024, 7, 1))[1] == 9
    assert current(store)[("CSC", D(2024, 4, 1), "CSC.REFERRALS")][1] == 300


def test_preview_stores_nothing(store):
    load(store, _q1(5), "v1.xlsx")
    before = fingerprint(store)
    parsed, changes = preview(store, read_return("v2.xlsx", _q1(8), TODAY))
    assert fingerprint(store) == before
    row = changes[changes["measure"] == "POL.PPO"].iloc[0]
    assert (row["change"], row["old_value"], row["new_value"]) == ("restated", 5, 8)
    assert any("restate" in w.message.lower() for w in parsed.warnings)


# ============================================================ rollback


def test_rollback_restores_previous_values(store):
    first = load(store, _q1(5, commentary="first"), "v1.xlsx", by="alice")
    second = load(store, _q1(8, commentary="second"), "v2.xlsx", by="bob")
    assert ppo(store)[1] == 8
    assert rollback(store, second.submission_id, by="carol") is True
    assert ppo(store)[:3] == ("number", 5, first.submission_id)
    status = query(store, "select submission_id, status, rolled_back_by, rolled_back_at is not null "
                          "from submissions order by 1")
    assert status == [(first.submission_id, "loaded", None, False),
                      (second.submission_id, "rolled_back", "carol", True)]
    # its values stay in history
    assert query(store, "select value from submission_values where submission_id=? and measure='POL.PPO'",
                 [second.submission_id]) == [(8,)]
    assert query(store, "select commentary from current_values where measure='POL.PPO'") == [("first",)]


def test_rollback_of_only_submission_empties_current_values(store):
    first = load(store, _q1(5), "v1.xlsx")
    assert rollback(store, first.submission_id, by="carol")
    assert current(store) == {}


def test_rollback_twice_or_unknown_is_refused_and_writes_nothing(store):
    first = load(store, _q1(5), "v1.xlsx")
    assert rollback(store, first.submission_id, by="carol")
    before = fingerprint(store)
    assert rollback(store, first.submission_id, by="carol") is False
    assert rollback(store, 987654, by="carol") is False
    assert fingerprint(store) == before


def test_rolled_back_file_can_be_loaded_again(store):
    load(store, _q1(5), "v1.xlsx")
    data = _q1(8)
    second = load(store, data, "v2.xlsx")
    rollback(store, second.submission_id, by="carol")
    again = load(store, data, "v2.xlsx")
    assert again.status == "loaded" and again.submission_id not in (None, second.submission_id)
    assert ppo(store)[:3] == ("number", 8, again.submission_id)


def test_audit_log_records_loads_and_rollbacks(store):
    first = load(store, _q1(5), "v1.xlsx", by="alice")
    rollback(store, first.submission_id, by="carol")
    log = query(store, "select who, action, detail from audit_log order by happened_at, action")
    assert ("alice", "load", "v1.xlsx") in log
    assert any(who == "carol" and action == "rollback" for who, action, _ in log)


def test_load_paths_each_file_on_its_own(store, tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(_q1(5))
    bad.write_bytes(Template(rows=[["POL.PPO", "x", -1]]).bytes())
    results = load_paths(store, [bad, good, tmp_path / "missing.xlsx"], by="t", today=TODAY)
    assert [r.status for r in results] == ["rejected", "loaded", "rejected"]
    assert ppo(store)[1] == 5


# ============================================================ CLI


def run_cli(*args, cwd=ROOT):
    return subprocess.run([PYTHON, "-m", "safeguarding", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_cli_good_and_bad(tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(_q1(5))
    bad.write_bytes(Template(rows=[["POL.PPO", "x", "#DIV/0!"]]).bytes())
    db = tmp_path / "cli.duckdb"
    done = run_cli("load", good, bad, "--db", db, "--by", "tester")
    assert done.returncode == 1, done
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("good.xlsx:")][0].startswith("good.xlsx: loaded")
    bad_line = [line for line in lines if line.startswith("bad.xlsx:")]
    assert bad_line and "rejected" in bad_line[0]
    assert any("Return!C4" in line and "POL.PPO" in line for line in lines)  # the error, with its cell
    from safeguarding.store import Store

    store = Store(db)
    try:
        assert query(store, "select file_name, loaded_by from submissions") == [("good.xlsx", "tester")]
        assert ppo(store)[1] == 5
    finally:
        store.close()


def test_cli_all_good_exit_0_and_by_recorded(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.csv"
    a.write_bytes(_q1(5))
    b.write_bytes(long_csv([["CSC", Q1, "CSC.REFERRALS", 300]]))
    db = tmp_path / "cli.duckdb"
    done = run_cli("load", a, b, "--db", db, "--by", "Ann Analyst")
    assert done.returncode == 0, done
    assert "a.xlsx: loaded" in done.stdout and "b.csv: loaded" in done.stdout
    again = run_cli("load", a, "--db", db, "--by", "someone else")
    assert again.returncode == 0 and "a.xlsx: unchanged" in again.stdout
    from safeguarding.store import Store

    store = Store(db)
    try:
        assert sorted(query(store, "select file_name, loaded_by from submissions")) == [
            ("a.xlsx", "Ann Analyst"), ("b.csv", "Ann Analyst")]
    finally:
        store.close()
