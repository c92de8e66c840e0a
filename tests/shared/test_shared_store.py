"""The shared store on a real PostgreSQL: the same figures as the embedded store, writes seen by every process,
one schema per partnership, loads from many processes at once stored exactly once, plain words on failure."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from safeguarding import challenges, demo, indicators, settings, thresholds
from safeguarding.loading import load_paths, rollback
from safeguarding.shared_store import CHECK_EVERY, SharedStore, migration_script, schema_of
from safeguarding.store import Store, StoreError, open_store

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = sorted((ROOT / "data" / "sample").glob("*.xlsx"))
HISTORY = ROOT / "data" / "sample" / "2022-23_history_all_agencies.xlsx"
Q1_FILES = sorted((ROOT / "data" / "sample").glob("2023-24-Q1_*.xlsx"))


def rows(store, sql: str, params=None) -> list[tuple]:
    with store.read() as cur:
        return cur.execute(sql, params or {}).fetchall()


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["indicator_id", "view", "period_start"]
    return frame.sort_values(keys).reset_index(drop=True)


def test_locations_name_their_schema():
    assert schema_of("postgresql://u@h:5432/db") == "partnership"
    assert schema_of("postgresql://u@h:5432/db#north-east") == "p_north_east"
    with pytest.raises(StoreError, match="not a partnership code"):
        schema_of("postgresql://u@h/db#a;drop")


def test_the_same_figures_as_the_embedded_store(shared_url, tmp_path):
    files = [HISTORY, *Q1_FILES]
    shared = SharedStore(shared_url)
    embedded = Store(tmp_path / "embedded.duckdb")
    try:
        loaded = [r.summary() for r in load_paths(shared, files, by="analyst", settle=True)]
        assert [r.summary() for r in load_paths(embedded, files, by="analyst", settle=True)] == loaded
        assert all("loaded" in line for line in loaded)
        for view in ("quarter", "year"):
            pd.testing.assert_frame_equal(ordered(indicators.compute(shared, view)),
                                          ordered(indicators.compute(embedded, view)))
        # Hand-checked from data/sample/2023-24-Q1_CSC.xlsx: 37 values; the history file: 296 values.
        assert rows(shared, "select submission_id, value_count from submissions order by 1")[:2] == [(1, 296), (2, 37)]
    finally:
        shared.close()
        embedded.close()


def test_every_write_kind_lands_in_postgresql(shared_url):
    store = SharedStore(shared_url)
    try:
        [result] = load_paths(store, [HISTORY], by="analyst")
        settings.update(store, by="analyst", la_code=884, name="Shared partnership")
        assert settings.partnership_name(store) == "Shared partnership"
        thresholds.save(store, "cin_rate", thresholds.limits("up", green_lo=500, amber_lo=400), by="analyst")
        assert thresholds.stored(store, "cin_rate").limits.green_lo == 500
        first = challenges.raise_challenge(store, "analyst", "cin_rate", "quarter", dt.date(2022, 4, 1), "CSC",
                                           "Why did it rise?", dt.date(2023, 1, 10))
        second = challenges.raise_challenge(store, "analyst", "cin_rate", "quarter", dt.date(2022, 7, 1), "CSC",
                                            "And here?", dt.date(2023, 1, 10))
        assert (first, second) == (1, 2)
        challenges.answer(store, "csc", first, "A new team.")
        with pytest.raises(challenges.ChallengeError, match="not open"):
            challenges.withdraw(store, "analyst", first, "asked twice")
        assert rollback(store, result.submission_id, by="analyst")
        assert not rollback(store, result.submission_id, by="analyst")
        schema = f'pg."{store.schema}"'
        assert rows(store, f"select status from {schema}.submissions") == [("rolled_back",)]
        assert rows(store, f"select green_lo from {schema}.rag_threshold_history where indicator_id = 'cin_rate'") \
            == [(500.0,)]
        assert rows(store, f"select challenge_id, status from {schema}.challenges order by 1") == [
            (1, "answered"), (2, "open")]
        actions = {a for (a,) in rows(store, f"select action from {schema}.audit_log")}
        assert {"load", "settings", "threshold", "raise challenge", "answer challenge", "rollback"} <= actions
    finally:
        store.close()


def test_another_process_write_is_seen_within_a_second(shared_url):
    writer, reader = SharedStore(shared_url), SharedStore(shared_url)
    try:
        before = reader.generation
        assert indicators.compute(reader.fresh(), "quarter")["numerator"].notna().sum() == 0
        load_paths(writer, [HISTORY], by="analyst")
        time.sleep(CHECK_EVERY + 0.05)  # the reader looks at the write counter at most once a second
        assert reader.generation > before
        assert rows(reader, "select count(*) from submissions") == [(1,)]
        assert indicators.compute(reader.fresh(), "quarter")["numerator"].notna().sum() > 0
    finally:
        writer.close()
        reader.close()


def test_each_partnership_is_its_own_schema(postgres):
    north, south = SharedStore(f"{postgres}#iso-north"), SharedStore(f"{postgres}#iso-south")
    try:
        load_paths(north, [HISTORY], by="north analyst")
        assert rows(north, "select count(*) from submissions") == [(1,)]
        assert rows(south, "select count(*) from submissions") == [(0,)]
        assert (north.schema, south.schema) == ("p_iso_north", "p_iso_south")
    finally:
        north.close()
        south.close()


def test_a_server_that_refuses_is_named_in_plain_words(postgres):
    port = int(postgres.rsplit(":", 1)[1].split("/")[0]) + 1
    with pytest.raises(StoreError, match=rf"PostgreSQL at 127\.0\.0\.1:{port} refused the connection"):
        SharedStore(f"postgresql://postgres@127.0.0.1:{port}/postgres")


def test_open_store_takes_the_url_as_text(shared_url):
    store = open_store(shared_url)
    try:
        assert store.shared and store.path == shared_url and open_store(shared_url) is store
    finally:
        store.close()


def test_migrations_run_once_however_many_processes_start(shared_url):
    script = migration_script(schema_of(shared_url))
    assert "pg_advisory_xact_lock" in script and "double precision" in script


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "safeguarding", *args], cwd=ROOT, env=os.environ.copy(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_parallel_loads_store_each_file_exactly_once_and_never_half(shared_url, tmp_path):
    files = [HISTORY, *Q1_FILES]
    # Six processes at once on a new schema (so they also race to migrate it); three load files another loads too.
    groups = [files[:2], files[2:4], files[4:], files[1:3], files[3:5], [files[0], files[-1]]]
    reader = None
    processes = [_cli("load", "--db", shared_url, "--by", f"job {i}", *map(str, group))
                 for i, group in enumerate(groups)]
    seen_half, polls = [], 0
    try:
        while any(p.poll() is None for p in processes):
            try:
                reader = reader or SharedStore(shared_url)
            except StoreError:
                time.sleep(0.2)
                continue
            # A quarter is either absent or whole: every stored submission has all the values it says it has.
            polls += 1
            seen_half += [row for row in rows(reader, "select s.submission_id, s.value_count, count(v.submission_id) "
                                                      "from submissions s left join submission_values v "
                                                      "using (submission_id) group by all") if row[1] != row[2]]
        outputs = [p.communicate()[0] for p in processes]
        assert all(p.returncode == 0 for p in processes), outputs
        reader = reader or SharedStore(shared_url)
        assert seen_half == [] and polls > 0
        stored = rows(reader, "select file_name, count(*) from submissions where status = 'loaded' group by 1")
        assert sorted(stored) == sorted((f.name, 1) for f in files)
        expected = {f.name: int(re.search(r"Submission \d+: ([\d,]+) values?", line).group(1).replace(",", ""))
                    for f in files for out in outputs for line in out.splitlines()
                    if line.startswith(f"{f.name}: loaded.")}
        assert len(expected) == len(files)  # each file was loaded by exactly one process...
        assert sum(out.count(": unchanged.") for out in outputs) == sum(map(len, groups)) - len(files)  # ...the rest
        assert rows(reader, "select count(*) from submission_values") == [(sum(expected.values()),)]
        versions = rows(reader, f'select version, count(*) from pg."{reader.schema}".schema_migrations group by 1')
        assert versions and all(count == 1 for _, count in versions)
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
        if reader is not None:
            reader.close()


def test_the_command_line_takes_a_postgresql_address(shared_url):
    named = subprocess.run([sys.executable, "-m", "safeguarding", "settings", "--db", shared_url, "--name",
                            "Shared partnership", "--by", "admin"], cwd=ROOT, capture_output=True, text=True)
    assert named.returncode == 0 and "Shared partnership" in named.stdout, named.stderr
    demo = subprocess.run([sys.executable, "-m", "safeguarding", "demo", "--db", shared_url], cwd=ROOT,
                          capture_output=True, text=True)
    assert demo.returncode == 1 and "a shared store is never replaced" in demo.stderr
    store = SharedStore(shared_url)
    try:
        assert settings.partnership_name(store) == "Shared partnership"
    finally:
        store.close()


def test_the_demo_partnership_fills_both_stores_alike(shared_url, tmp_path):
    """Settings, loads, business plan, challenges and report text: every shared table holds the same rows."""
    shared = SharedStore(shared_url)
    embedded = Store(tmp_path / "embedded.duckdb")
    try:
        for store in (shared, embedded):
            demo.fill(store, [HISTORY, *Q1_FILES])
        tables = [name for (name,) in rows(shared, "select table_name from duckdb_tables() where database_name = 'pg' "
                                                   "and schema_name = ? order by 1", [shared.schema])]
        assert {"priorities", "plan_actions", "challenges", "report_text", "submission_values"} <= set(tables)
        for table in tables:
            if table in ("store_writes", "schema_migrations", "audit_log"):
                continue  # the shared store's own bookkeeping; its audit log also records the thresholds' seeding
            # The embedded file also records which reference data it holds; each shared process loads its own.
            where = " where key <> 'reference_version'" if table == "settings" else ""
            counted = [rows(s, f"select count(*) from {table}{where}")[0][0] for s in (shared, embedded)]
            assert counted[0] == counted[1], table
        assert rows(shared, "select count(*) from priorities")[0][0] == 4  # the demo plan's four priorities
    finally:
        shared.close()
        embedded.close()


def test_a_hosted_partnership_opens_its_own_schema(postgres):
    from safeguarding.partnership_store import open_partnership
    from safeguarding.partnerships import Partnership, location

    county = Partnership("pan-county", "Pan-county partnership", (884, 885), ("a@example.org",), (), (), ())
    assert location(county.code, postgres) == f"{postgres}#pan-county"
    store = open_partnership(county, postgres)
    try:
        assert store.shared and store.schema == "p_pan_county"
        assert settings.partnership_name(store) == "Pan-county partnership"
        assert settings.la_codes(store) == (884, 885)
    finally:
        store.close()
