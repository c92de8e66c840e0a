"""The seeded demo: the files it writes, the database built from data/sample/, and each deliberate feature."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard_support import copy_of, demo_database, demo_summary
from safeguarding import demo, indicators
from safeguarding.catalogue import agencies, measures
from safeguarding.demo_model import QUARTERS
from safeguarding.store import Store, open_store
from safeguarding.parsed import ParsedReturn
from safeguarding.workbooks import read_return

Q1_2024, Q2_2024, Q3_2024, Q4_2024 = (q.start for q in QUARTERS[8:])


def _expected_names() -> set[str]:
    names = {demo.HISTORY_FILE, "2024-25-Q2_CSC_restated.xlsx"}
    names |= {demo.file_name(q, a) for q in QUARTERS[4:] for a in agencies()}
    return names - {"2024-25-Q3_POL.xlsx"}


def _plain(value):
    """A parsed cell as plain Python (numpy integers to int, NaN/NA to None), so rows compare by value."""
    if isinstance(value, (str, dt.date)):
        return value
    if value is None or pd.isna(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


_READ: dict[tuple[str, str], ParsedReturn] = {}


def _parsed(path: Path) -> ParsedReturn:
    """The workbook read by the real reader; a file with the same name and bytes as one read before is not read
    again (the reader is deterministic), so comparing folders costs one read per distinct file."""
    data = path.read_bytes()
    key = (path.name, hashlib.sha256(data).hexdigest())
    if key not in _READ:
        _READ[key] = read_return(path.name, data)
    return _READ[key]


def _rows(folder: Path) -> dict[str, list[tuple]]:
    return {p.name: [tuple(_plain(v) for v in row) for row in _parsed(p).rows] for p in sorted(folder.glob("*.xlsx"))}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    demo.generate(folder, seed=42)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the database built from the committed data/sample (the one the page tests use), and its summary."""
    built = demo_database(tmp_path_factory.getbasetemp())
    store = Store(copy_of(built, tmp_path_factory.mktemp("demo") / "demo.duckdb"))
    yield store, demo_summary(built)
    store.close()


def _one(store, sql: str, *params):
    with store.read() as cur:
        return cur.execute(sql, list(params)).fetchall()


def test_the_file_set_and_its_loading_order(generated):
    names = sorted(p.name for p in generated.glob("*.xlsx"))
    assert set(names) == _expected_names()
    assert len(names) == 49
    assert names[0] == demo.HISTORY_FILE
    original = names.index("2024-25-Q2_CSC.xlsx")
    assert names[original + 1] == "2024-25-Q2_CSC_restated.xlsx"


def test_generated_files_read_cleanly_with_their_layouts(generated):
    for path in sorted(generated.glob("*.xlsx")):
        parsed = _parsed(path)
        assert not parsed.errors, (path.name, parsed.errors)
        assert parsed.layout == ("long" if path.name == demo.HISTORY_FILE else "template")
    history = _parsed(generated / demo.HISTORY_FILE)
    assert history.agencies == sorted(agencies())
    assert [q.label for q in history.quarters] == [q.label for q in QUARTERS[:4]]


def test_same_seed_same_values_and_committed_sample_is_current(generated, tmp_path):
    demo.generate(tmp_path, seed=42)
    again = _rows(tmp_path)
    assert again == _rows(generated)
    assert all((tmp_path / name).read_bytes() == (generated / name).read_bytes() for name in again)
    assert _rows(demo.SAMPLE_DIR) == again, "data/sample is stale: run scripts/make_demo.py"
    other = tmp_path / "other"
    demo.generate(other, seed=7)
    assert _rows(other) != again


def test_parts_never_exceed_wholes_and_sums_add_up_except_the_glitches():
    rows = [row for rows in _rows(demo.SAMPLE_DIR).values() for row in rows]
    latest = {}
    for _, start, code, state, value, _, _ in rows:  # later files win, as in the store (the restatement)
        latest[(start, code)] = value if state == "number" else None
    sums: dict[tuple, int] = {}
    for (start, code), value in latest.items():
        measure = measures()[code]
        if measure.within and value is not None and latest.get((start, measure.within)) is not None:
            assert value <= latest[(start, measure.within)], (start, code)
        if measure.sum_of and value is not None:
            sums[(start, measure.sum_of)] = sums.get((start, measure.sum_of), 0) + value
    for (start, whole), total in sums.items():
        expected = latest[(start, whole)] - (3 if (start, whole) == (Q1_2024, "CSC.CP_PLANS") else 0)
        assert total == expected, (start, whole)


def test_every_file_loads_none_rejected(built):
    store, summary = built
    assert "0 rejected" in summary
    assert "49 of 49 files loaded" in summary
    count, statuses = _one(store, "select count(*), string_agg(distinct status) from submissions")[0]
    assert (count, statuses) == (49, "loaded")
    settings = dict(_one(store, "select key, value from settings"))
    assert settings["la_code"] == "884" and settings["demo"] == "yes" and settings["name"] == demo.NAME
    assert {r[0] for r in _one(store, "select distinct loaded_by from submissions")} == {"demo"}


def test_a_missing_police_return(built):
    store, _ = built
    counts = dict(_one(store, "select quarter_start, count(*) from current_values where agency = 'POL' "
                              "and quarter_start >= ? group by all", Q1_2024))
    assert Q3_2024 not in counts and counts[Q2_2024] > 0 and counts[Q4_2024] > 0
    assert not _one(store, "select 1 from submissions where file_name like '2024-25-Q3_POL%'")


def test_the_restatement_supersedes_the_typo(built):
    store, _ = built
    subs = dict(_one(store, "select file_name, submission_id from submissions where file_name like '2024-25-Q2_CSC%'"))
    original, restated = subs["2024-25-Q2_CSC.xlsx"], subs["2024-25-Q2_CSC_restated.xlsx"]
    assert restated > original
    sent = dict(_one(store, "select submission_id, value from submission_values where measure = 'CSC.CONTACTS' "
                            "and quarter_start = ?", Q2_2024))
    assert sent[original] * 10 <= sent[restated] < sent[original] * 10 + 10
    value, sid, note = _one(store, "select value, submission_id, commentary from current_values "
                                   "where measure = 'CSC.CONTACTS' and quarter_start = ?", Q2_2024)[0]
    assert (value, sid) == (sent[restated], restated) and note.startswith("Restated")
    referrals = dict(_one(store, "select submission_id, value from submission_values where measure = "
                                 "'CSC.REFERRALS' and quarter_start = ?", Q2_2024))
    assert referrals[restated] - referrals[original] == 14
    warnings = _one(store, "select submission_id, measure, message from submission_warnings")
    assert (original, "CSC.CONTACTS") in {(w[0], w[1]) for w in warnings if "sharp drop" in w[2]}
    assert any(w[0] == restated and "restates it: 3 values change" in w[2] for w in warnings)


def test_suppressed_zero_and_not_applicable(built):
    store, _ = built
    state = _one(store, "select state, value from current_values where measure = 'CSC.PRIVATE_FOSTERING' "
                        "and quarter_start = ?", Q1_2024)
    assert state == [("suppressed", None)]
    care = _one(store, "select quarter_start, value from current_values where measure = 'CSC.CARE_PROCEEDINGS' "
                       "order by quarter_start")
    assert len(care) == 12 and care[-1] == (Q4_2024, 0) and all(v > 0 for _, v in care[:-1])
    assert _one(store, "select count(*) from submission_warnings where measure = 'CSC.CARE_PROCEEDINGS' "
                       "and message like '0 recorded%'") == [(1,)]
    s175 = _one(store, "select quarter_start, state from current_values where measure = 'EDU.S175_SETTINGS' "
                       "order by quarter_start")
    assert [s for _, s in s175] == ["not_applicable", "not_applicable", "number", "not_applicable"] * 3


def test_the_categories_that_do_not_add_up(built):
    store, _ = built
    plans, parts = _one(store, "select max(value) filter (where measure = 'CSC.CP_PLANS'), "
                               "sum(value) filter (where measure like 'CSC.CP_CAT_%') from current_values "
                               "where quarter_start = ?", Q1_2024)[0]
    assert plans - parts == 3
    messages = [m for (m,) in _one(store, "select message from submission_warnings where message like '%add up to%'")]
    assert messages == [f"The 5 parts of CSC.CP_PLANS for 2024-25 Q1 add up to {parts:,}, not {plans:,}."]


def test_no_incidental_consistency_warnings(built):
    store, _ = built
    above = _one(store, "select s.file_name, w.measure from submission_warnings w join submissions s "
                        "using (submission_id) where w.message like '%is more than%'")
    assert sorted(above) == [("2024-25-Q2_CSC.xlsx", "CSC.CONTACTS_DECIDED_1WD"),
                             ("2024-25-Q2_CSC.xlsx", "CSC.REFERRALS")]


def test_indicators_look_like_a_real_partnership(built):
    store, _ = built
    frame = indicators.compute(store, "year")
    latest = frame[frame["period"] == "2024-25"].set_index("indicator_id")
    cp = latest.loc["cp_rate"]
    assert abs(cp["value"] - 40.6) / 40.6 < 0.3 and cp["england"] == pytest.approx(40.6)
    assert 18 <= latest.loc["contact_conversion", "value"] <= 35
    assert 45 <= latest.loc["referral_source_police", "value"] <= 55
    assert 50 <= latest.loc["s47_nfa", "value"] <= 56
    expected = {"contacts_decided_1wd": "red", "referral_source_police": "red", "training_attendance_police": "red",
                "training_attendance_csc": "green", "rhi_72h": "green", "cla_visits_timely": "green",
                "contact_conversion": "green", "cp_rate": "green", "cp_2yr": "amber"}
    assert {k: latest.loc[k, "rag"] for k in expected} == expected
    categories = latest.loc[[i for i in latest.index if i.startswith("cp_category_")], "value"]
    assert categories.idxmax() == "cp_category_emotional"
    assert pd.isna(latest.loc["police_strategy_attendance", "value"])  # POL 2024-25 Q3 is missing
    earlier = frame[frame["period"] == "2022-23"].set_index("indicator_id")
    assert earlier.loc["contacts_decided_1wd", "value"] > 90 and earlier.loc["rhi_72h", "rag"] == "red"


def test_rebuild_replaces_an_open_database(tmp_path):
    sample = tmp_path / "sample"
    sample.mkdir()
    for name in (demo.HISTORY_FILE, "2023-24-Q1_CSC.xlsx"):
        shutil.copy(demo.SAMPLE_DIR / name, sample / name)
    path = tmp_path / "demo.duckdb"
    first = open_store(path)  # e.g. the dashboard holding the file open
    with first.read() as cur:
        assert cur.execute("select count(*) from submissions").fetchone() == (0,)
    messages: list[str] = []
    summary = demo.build_demo_database(path, progress=messages.append, sample_dir=sample)
    assert "2 of 2 files loaded" in summary and "0 rejected" in summary
    assert any("2023-24-Q1_CSC.xlsx: loaded" in m for m in messages)
    again = open_store(path)
    assert again is not first
    try:
        with again.read() as cur:
            assert cur.execute("select count(*) from submissions").fetchone() == (2,)
    finally:
        again.close()
