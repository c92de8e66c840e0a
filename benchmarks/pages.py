"""How long each dashboard page takes to render on the server (AppTest), cold and warm, on the demo data.

Usage: .venv/bin/python -m benchmarks.pages [--db PATH]   (default: a fresh demo database in a temp dir)
The table goes to standard output; Streamlit's warnings about running without a server go to standard error.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a demo database to time against (copied, never changed)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(args.db) if args.db else None
        if db is None:
            from safeguarding.demo import build_demo_database

            db = Path(scratch) / "demo.duckdb"
            build_demo_database(db)
        print(f"{'page':<28} {'cold s':>7} {'warm s':>7}")
        for page, cold, warm in measure_pages(db):
            print(f"{page:<28} {cold:>7.2f} {warm:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
