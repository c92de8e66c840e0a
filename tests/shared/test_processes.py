"""Two dashboard processes and parallel CLI loads on one shared store, for three rounds: every submission stored
exactly once, no half-written load ever read, and every dashboard shows every round's new quarter."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from browser_support import WAIT_MS, chromium, dashboard_server, settle

from safeguarding.shared_store import SharedStore

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "data" / "sample"
ROUNDS = [  # each round's files, the quarter the dashboards must then show, and the files two jobs both load
    (["2022-23_history_all_agencies.xlsx", *(f"2023-24-Q1_{a}.xlsx" for a in ("CSC", "EDU", "HEA", "POL", "TRN",
                                                                                "YJS"))], "2023-24 Q1"),
    ([f"2023-24-Q2_{a}.xlsx" for a in ("CSC", "EDU", "HEA", "POL", "TRN", "YJS")], "2023-24 Q2"),
    ([f"2023-24-Q3_{a}.xlsx" for a in ("CSC", "EDU", "HEA", "POL", "TRN", "YJS")], "2023-24 Q3"),
]
MAIN_TEXT = "() => document.querySelector('[data-testid=\"stMain\"]').innerText"


def _jobs(url: str, files: list[str]) -> list[subprocess.Popen]:
    """Three loads at once; the first file is loaded by two of them."""
    groups = [files[0::3] + [files[1]], files[1::3], files[2::3] + [files[0]]]
    return [subprocess.Popen([sys.executable, "-m", "safeguarding", "load", "--db", url, "--by", f"job {i}",
                              *(str(SAMPLE / f) for f in group)],
                             cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
            for i, group in enumerate(groups) if group]


class Watcher(threading.Thread):
    """Reads the store over and over while loads run: every stored submission must hold all its values."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.store, self.stop, self.reads, self.half = SharedStore(url), threading.Event(), 0, []

    def run(self) -> None:
        while not self.stop.is_set():
            with self.store.read() as cur:
                found = cur.execute("select s.submission_id, s.value_count, count(v.submission_id) from submissions s "
                                    "left join submission_values v using (submission_id) group by all").fetchall()
            self.half += [row for row in found if row[1] != row[2]]
            self.reads += 1


def _shown_period(browser, address: str, wanted: str) -> float:
    """Seconds until a fresh visit to the dashboard's overview opens on `wanted`, its latest period."""
    started = time.monotonic()
    while time.monotonic() - started < WAIT_MS / 1000:
        page = browser.new_page()
        try:
            page.goto(address, timeout=WAIT_MS)
            settle(page)
            if f"Where do we stand in {wanted}," in page.evaluate(MAIN_TEXT):
                return time.monotonic() - started
        finally:
            page.close()
    raise AssertionError(f"{address} did not show {wanted} within {WAIT_MS // 1000} s")


def test_two_dashboards_and_parallel_loads(postgres):
    url = f"{postgres}#processes"
    watcher = Watcher(url)
    watcher.start()
    loaded_files: list[str] = []
    seen_after: list[float] = []
    try:
        with contextlib.ExitStack() as stack:
            first = stack.enter_context(dashboard_server(url))
            second = stack.enter_context(dashboard_server(url))
            browser = stack.enter_context(chromium())
            for files, quarter in ROUNDS:
                jobs = _jobs(url, files)
                outputs = [job.communicate(timeout=300)[0] for job in jobs]
                assert all(job.returncode == 0 for job in jobs), outputs
                loaded_files += files
                for address in (first, second):
                    seen_after.append(_shown_period(browser, address, quarter))
    finally:
        watcher.stop.set()
        watcher.join(timeout=30)
    with watcher.store.read() as cur:
        stored = cur.execute("select file_name, count(*) from submissions group by 1").fetchall()
        audit = cur.execute("select count(*) from audit_log where action = 'load'").fetchone()[0]
    watcher.store.close()
    assert sorted(stored) == sorted((name, 1) for name in loaded_files)  # each file exactly once
    assert audit == len(loaded_files)
    assert watcher.half == [] and watcher.reads > 0
    print(f"dashboards showed each round's quarter after {', '.join(f'{s:.1f}' for s in seen_after)} s; "
          f"{watcher.reads} consistent reads during the loads")
