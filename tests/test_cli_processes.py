"""Loads from the command line in real processes: they wait for each other, and name whoever holds the database.

A load that holds the database is made deterministic with a named pipe: the command opens the store, then
blocks reading the pipe until the test writes the return into it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import websockets
from dashboard_support import ROOT, explicit_navigation_only, fresh_caches
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

from browser_support import dashboard_server
from safeguarding.periods import Quarter
from safeguarding.store import open_store
from safeguarding.template_writer import write_template

QUARTERS = [Quarter.of(2023, n) for n in (1, 2, 3, 4)]


def police(quarter: Quarter, ppo: int = 5) -> bytes:
    return write_template("POL", [quarter], {("POL.PPO", quarter): ppo, ("POL.ENCOMPASS", quarter): 40,
                                             ("POL.ENCOMPASS_TIMELY", quarter): 38})


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "safeguarding", *args]


def fresh_store(path: Path) -> Path:
    open_store(path).close()
    return path


@contextlib.contextmanager
def holding_load(db: Path, folder: Path):
    """A real `load` that has opened the database and waits on a pipe; the pipe is fed when the block ends."""
    pipe = folder / "held_return.xlsx"
    os.mkfifo(pipe)
    process = subprocess.Popen(cli("load", str(pipe), "--db", str(db), "--by", "first"), cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _locked(db):  # the store is open once another process cannot take the lock
            assert process.poll() is None and time.monotonic() < deadline, process.communicate()
            time.sleep(0.2)
        yield process
    finally:
        feed = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)  # fails at once, not for ever, if the holder died
        try:
            os.write(feed, police(Quarter.of(2024, 1)))  # the holder reads its file and finishes
        finally:
            os.close(feed)


def _locked(db: Path) -> bool:
    probe = subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}).close()"],
                           capture_output=True, text=True)
    return "lock" in probe.stderr.lower()


def submissions(db: Path) -> list[tuple]:
    store = open_store(db)
    try:
        with store.read() as cur:
            return cur.execute("select loaded_by, quarters from submissions order by quarters").fetchall()
    finally:
        store.close()


def test_four_simultaneous_loads_all_succeed_by_waiting(tmp_path):
    db = fresh_store(tmp_path / "store.duckdb")
    files = []
    for quarter in QUARTERS:
        files.append(tmp_path / f"police_{quarter.label.replace(' ', '_')}.xlsx")
        files[-1].write_bytes(police(quarter))
    runs = [subprocess.Popen(cli("load", str(f), "--db", str(db), "--by", f"job{n}"), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n, f in enumerate(files)]
    outcomes = [run.communicate(timeout=300) + (run.returncode,) for run in runs]
    assert [code for _, _, code in outcomes] == [0, 0, 0, 0], outcomes
    assert all(": loaded." in out for out, _, _ in outcomes)
    assert sorted(q for _, q in submissions(db)) == sorted(q.label for q in QUARTERS)


def test_a_load_that_cannot_wait_names_the_other_load_then_one_that_waits_succeeds(tmp_path):
    db = fresh_store(tmp_path / "store.duckdb")
    second = tmp_path / "second.xlsx"
    second.write_bytes(police(Quarter.of(2024, 2)))
    with holding_load(db, tmp_path) as first:
        refused = subprocess.run(cli("load", str(second), "--db", str(db), "--wait", "0"), cwd=ROOT,
                                 capture_output=True, text=True, timeout=120)
        assert refused.returncode == 1
        assert f"is in use by another load (process {first.pid})" in refused.stderr, refused.stderr
        assert "dashboard" not in refused.stderr and "Traceback" not in refused.stderr
        waiting = subprocess.Popen(cli("load", str(second), "--db", str(db), "--by", "second", "--wait", "120"),
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the first load
    assert first.wait(timeout=120) == 0
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and "second.xlsx: loaded." in out, (out, err)
    assert submissions(db) == [("first", "2024-25 Q1"), ("second", "2024-25 Q2")]


def test_a_load_while_the_dashboard_holds_the_database_names_the_dashboard_at_once(tmp_path):
    db = fresh_store(tmp_path / "store.duckdb")
    file = tmp_path / "police.xlsx"
    file.write_bytes(police(Quarter.of(2024, 2)))
    with dashboard_server(db) as url:
        asyncio.run(_open_a_session(url))  # the dashboard opens its store when someone visits
        started = time.monotonic()
        refused = subprocess.run(cli("load", str(file), "--db", str(db), "--wait", "60"), cwd=ROOT,
                                 capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "is in use by the dashboard (process " in refused.stderr, refused.stderr
    assert "Upload page" in refused.stderr
    assert time.monotonic() - started < 55  # the dashboard holds the file for good: no point waiting for it


async def _open_a_session(url: str) -> None:
    """Run the dashboard's script once, as a browser's first visit does."""
    async with websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"]) as ws:
        await ws.send(BackMsg(rerun_script=ClientState(query_string="", page_script_hash="")).SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
            if message.WhichOneof("type") == "script_finished":
                return


def test_the_dashboard_says_a_load_is_in_progress_then_opens(tmp_path, monkeypatch):
    db = fresh_store(tmp_path / "store.duckdb")
    monkeypatch.setenv("SAFEGUARDING_DB", str(db))
    with fresh_caches(db):
        explicit_navigation_only()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        with holding_load(db, tmp_path) as first:
            at.run()
            assert not at.exception, at.exception
            notice = " ".join(i.value for i in at.info)
            assert "A load is in progress" in notice and f"another load (process {first.pid})" in notice
            assert not at.title  # no page drawn behind it
        assert first.wait(timeout=120) == 0
        at.run()
        assert not at.exception, at.exception
        assert [t.value for t in at.title] == ["Overview"]
