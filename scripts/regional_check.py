"""The regional set-up of docs/deploying.md, done end to end on a throw-away PostgreSQL: a database and its role,
two dashboard processes, a scheduled-style CLI load, a pg_dump backup, the database dropped and restored, and
the restored store checked to give the same indicator values.

Run: .venv-shared/bin/python scripts/regional_check.py   (exit status 0 when every step worked)
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from temp_postgres import binaries, free_port, temp_postgres  # noqa: E402

FILES = ["2022-23_history_all_agencies.xlsx", "2023-24-Q1_CSC.xlsx", "2023-24-Q1_POL.xlsx", "2023-24-Q1_HEA.xlsx"]


def step(text: str) -> None:
    print(f"- {text}", flush=True)


def run(command: list[str], **kwargs) -> str:
    """Run a command; its output, or SystemExit with the output when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, **kwargs)
    if done.returncode != 0:
        raise SystemExit(f"FAILED: {' '.join(command)}\n{done.stdout}{done.stderr}")
    return done.stdout


def psql(admin: str, sql: str) -> str:
    return run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql])


def safeguarding(*args: str) -> str:
    return run([sys.executable, "-m", "safeguarding", *args])


@contextlib.contextmanager
def dashboard(url: str):
    """`streamlit run dashboard.py` on a free port with SAFEGUARDING_DB=url; yields its address once healthy."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                                "--server.address", "127.0.0.1", "--server.port", str(port),
                                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                               cwd=ROOT, env={**os.environ, "SAFEGUARDING_DB": url}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"FAILED: the dashboard on port {port} did not start") from None
                time.sleep(0.3)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> int:
    with temp_postgres() as server, tempfile.TemporaryDirectory() as scratch:
        admin = server  # the superuser's URL, as an administrator would use it
        host = server.split("@", 1)[1].split("/", 1)[0]
        url = f"postgresql://dashboard:change-me@{host}/safeguarding"
        step("PostgreSQL: a role for the dashboard and a database it owns")
        psql(admin, "create role dashboard login password 'change-me'")
        psql(admin, "create database safeguarding owner dashboard")
        with dashboard(url) as first, dashboard(url) as second:
            step(f"two dashboard processes answer: {first}, {second}")
            step("a scheduled load from the command line")
            print(safeguarding("load", "--db", url, "--by", "nightly job", *(str(ROOT / "data" / "sample" / f)
                                                                           for f in FILES)), end="")
            for address in (first, second):
                with urllib.request.urlopen(f"{address}/_stcore/health", timeout=10) as answer:
                    assert answer.status == 200
        before = safeguarding("indicators", "--db", url, "--format", "csv")
        backup = Path(scratch) / "safeguarding.dump"
        step(f"backup: pg_dump --format=custom to {backup.name}")
        run([str(binaries() / "pg_dump"), "--format=custom", f"--file={backup}", url])
        step("the database dropped, created again and restored with pg_restore")
        psql(admin, "drop database safeguarding")
        psql(admin, "create database safeguarding owner dashboard")
        run([str(binaries() / "pg_restore"), "--no-owner", "--role=dashboard", f"--dbname={url}", str(backup)])
        after = safeguarding("indicators", "--db", url, "--format", "csv")
        rows = len(before.splitlines()) - 1
        if rows <= 0 or before != after:
            print(f"FAILED: the restored store's indicator values differ ({rows} rows before).")
            return 1
        loads = psql(admin.rsplit("/", 1)[0] + "/safeguarding",
                     "select count(*) from partnership.submissions where status = 'loaded'").strip()
        step(f"the restored store gives the same {rows} indicator values, from {loads} submissions")
    print("regional check: every step worked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
