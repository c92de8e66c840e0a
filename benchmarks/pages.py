"""How long each dashboard page takes on the demo data: rendered on the server (AppTest), and switched to in Chromium.

Usage: .venv/bin/python -m benchmarks.pages [--db PATH] [--rounds N] [--skip-apptest] [--skip-browser]
(default: a fresh demo database in a temp dir). The table goes to standard output; Streamlit's warnings about
running without a server go to standard error.

AppTest: cold is a page's first render with the result caches empty, warm the median of three reruns.
Browser (the figure a person waits for): the real dashboard under `streamlit run` on a copy of the database,
in Debian's Chromium at 1440x1000. Every page is opened once through the sidebar (its caches fill), then for
each of N rounds every page in sidebar order is clicked in the sidebar, and the time runs from the click to the
end of the page's script run as the page itself records it (Streamlit's `data-test-script-state` attribute
turning `notRunning`, no loading placeholder left; see benchmarks/browser_timing.py). A page's warm switch is
the median of its N rounds, printed with the spread; the target is at most 0.5 s for every page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

WARM_RUNS = 3
SWITCH_TARGET = 0.5


def _timed(at) -> float:
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].message}")
    return time.perf_counter() - start


def measure_pages(db_path: Path | str) -> list[tuple[str, float, float]]:
    """(page, cold seconds, warm seconds) for every page, each timed on a copy of `db_path`."""
    # Cold: the page's first render with the result caches empty (the database already built and open).
    # Warm: the median of WARM_RUNS reruns of the same page once its results are cached.
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard_support import explicit_navigation_only
    from pages.ui import access, navigation
    from safeguarding import store as store_module

    explicit_navigation_only()
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        # Every page: the viewers' pages, then the analyst pages (local mode on 127.0.0.1 makes this run an analyst).
        for page in navigation.all_pages() + [entry.path for entry in access.ANALYST_PAGES]:
            copy = Path(scratch) / f"{Path(page).stem}.duckdb"
            shutil.copyfile(db_path, copy)
            os.environ["SAFEGUARDING_DB"] = str(copy)
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
            if page == navigation.OVERVIEW:
                cold = _timed(at)
            else:
                at.run()  # the overview opens first; switching is what a person does
                st.cache_data.clear()
                at.switch_page(page)
                cold = _timed(at)
            warm = statistics.median(_timed(at) for _ in range(WARM_RUNS))
            results.append((page, cold, warm))
            opened = store_module._open.get(str(copy.resolve()))
            if opened is not None:
                opened.close()
    return results


def measure_switches(db_path: Path | str, rounds: int = 5) -> list[tuple[str, list[float]]]:
    """(sidebar label, warm switch seconds of each round) for every page the sidebar lists."""
    from benchmarks.browser_timing import sidebar_links, timed_switch, wait_idle
    from browser_support import chromium, dashboard_server

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "switches.duckdb"
        shutil.copyfile(db_path, copy)
        with dashboard_server(copy) as url, chromium() as browser:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(url, wait_until="domcontentloaded")
            wait_idle(page)
            links = sidebar_links(page)
            for _, href in links[1:] + links[:1]:  # every page once, ending on the first: the caches are warm
                timed_switch(page, href)
            times: dict[str, list[float]] = {label: [] for label, _ in links}
            for _ in range(rounds):
                for label, href in links[1:] + links[:1]:
                    times[label].append(timed_switch(page, href))
            return [(label, times[label]) for label, _ in links]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a demo database to time against (copied, never changed)")
    parser.add_argument("--rounds", type=int, default=5, help="browser rounds over every page (default 5)")
    parser.add_argument("--skip-apptest", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(args.db) if args.db else None
        if db is None:
            from safeguarding.demo import build_demo_database

            db = Path(scratch) / "demo.duckdb"
            build_demo_database(db)
        if not args.skip_apptest:
            print("Server render (AppTest)")
            print(f"{'page':<28} {'cold s':>7} {'warm s':>7}")
            for page, cold, warm in measure_pages(db):
                print(f"{page:<28} {cold:>7.2f} {warm:>7.2f}")
        if not args.skip_browser:
            switches = measure_switches(db, args.rounds)
            print(f"\nWarm switch in Chromium (sidebar click to the end of the page's run), median of {args.rounds} "
                  f"rounds; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(f"{'page':<30} {'median s':>8} {'min s':>6} {'max s':>6} {'/ target':>9}")
            for label, seconds in switches:
                median = statistics.median(seconds)
                print(f"{label:<30} {median:>8.2f} {min(seconds):>6.2f} {max(seconds):>6.2f} "
                      f"{median / SWITCH_TARGET:>8.2f}x")
            worst = max(statistics.median(s) for _, s in switches)
            print(f"slowest page {worst:.2f} s; target at most {SWITCH_TARGET} s for every page: "
                  f"{'met' if worst <= SWITCH_TARGET else 'not met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
