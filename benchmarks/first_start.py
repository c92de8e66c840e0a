"""First start: from `bash scripts/run.sh` on an empty database to the Overview's figures in Chromium.

Usage: .venv/bin/python -m benchmarks.first_start [--runs 3] [--direct]
Each run gives scripts/run.sh a database path that does not exist yet and a free port, opens the dashboard in
Chromium as soon as the server answers (/_stcore/health), and waits until the Overview has finished running
with the partnership's figures on it (the demo banner shown, no run in progress, no loading placeholder).
Printed: the time until the server answered (set-up and, with run.sh, the demo build), and the time from the
server answering to the Overview's content, the figure with a target (at most 5 s). `--direct` starts
`streamlit run dashboard.py` instead, which builds the demo inside the first page view.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.browser_timing import ROOT, spread, wait_idle

TARGET = 5.0


def _answering(url: str, process: subprocess.Popen, seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the dashboard did not answer")


def one_start(browser, direct: bool) -> tuple[float, float]:
    """(seconds until the server answered, seconds from then until the Overview's content)."""
    from browser_support import _free_port

    with tempfile.TemporaryDirectory() as scratch:
        port = _free_port()
        flags = ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
                 "--server.fileWatcherType", "none"]
        if direct:
            command = [sys.executable, "-m", "streamlit", "run", "dashboard.py",
                       "--browser.gatherUsageStats", "false", *flags]
        else:
            command = ["bash", "scripts/run.sh", *flags]
        env = {**os.environ, "SAFEGUARDING_DB": str(Path(scratch) / "first.duckdb")}
        url = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _answering(url, process)
            answered = time.perf_counter()
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(url, wait_until="domcontentloaded")
            page.get_by_text("Demo data.").first.wait_for(timeout=900_000)
            wait_idle(page, 900_000)
            shown = time.perf_counter()
            page.close()
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return answered - start, shown - answered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--direct", action="store_true", help="streamlit run dashboard.py, the demo built in-app")
    args = parser.parse_args(argv)
    from browser_support import chromium

    answers, contents = [], []
    with chromium() as browser:
        for _ in range(args.runs):
            answered, shown = one_start(browser, args.direct)
            answers.append(answered)
            contents.append(shown)
    how = "streamlit run dashboard.py" if args.direct else "bash scripts/run.sh"
    print(f"first start with {how}, empty database, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  until the server answered: {spread(answers)}")
    print(f"  server answering to Overview content: {spread(contents)}; target at most {TARGET:.0f} s: "
          f"{statistics.median(contents) / TARGET:.2f}x the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
