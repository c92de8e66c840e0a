"""Speed and memory of loading and computing, printed as figures and ratios against their targets.

Run: .venv/bin/python benchmarks/benchmark.py [--quick]
Each step runs in its own process so that its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.long_workbook import write_long_workbook  # noqa: E402

WORK = Path(tempfile.gettempdir()) / "safeguarding-benchmark"
LONG = WORK / "long_200k.xlsx"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fresh_db(name: str) -> Path:
    path = WORK / name
    for stale in (path, path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    return path


def step_template() -> dict:
    """Loading one template return (CSC, four quarters) into a store, median of five."""
    from safeguarding import loading
    from safeguarding.catalogue import measures_of
    from safeguarding.periods import Quarter
    from safeguarding.store import Store
    from safeguarding.template_writer import write_template

    rng = random.Random(42)
    quarters = [Quarter.of(2024, n) for n in (1, 2, 3, 4)]
    data = write_template("CSC", quarters, {(m.code, q): rng.randint(50, 500)
                                            for m in measures_of("CSC") for q in quarters})
    times = []
    for i in range(5):
        store = Store(_fresh_db(f"template{i}.duckdb"))
        start = time.perf_counter()
        result = loading.load_bytes(store, "csc.xlsx", data, by="benchmark")
        times.append(time.perf_counter() - start)
        assert result.status == "loaded"
        store.close()
    return {"seconds": statistics.median(times), "peak_mb": _peak_mb()}


def step_calamine() -> dict:
    """The floor: python-calamine reading the 200,000-row sheet into Python values."""
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    rows = CalamineWorkbook.from_path(str(LONG)).get_sheet_by_name("Data").to_python()
    return {"seconds": time.perf_counter() - start, "rows": len(rows) - 1, "peak_mb": _peak_mb()}


def step_naive() -> dict:
    """What an analyst's script would do: pandas with openpyxl."""
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_excel(LONG, sheet_name="Data", engine="openpyxl")
    return {"seconds": time.perf_counter() - start, "rows": len(frame), "peak_mb": _peak_mb()}


def step_long_load() -> dict:
    """The dashboard's load of the same file: safety checks, parse, validation, warnings, one transaction."""
    from safeguarding import loading
    from safeguarding.store import Store

    store = Store(_fresh_db("long.duckdb"))
    start = time.perf_counter()
    result = loading.load_bytes(store, LONG.name, LONG.read_bytes(), by="benchmark", today=dt.date(2026, 11, 22))
    seconds = time.perf_counter() - start
    assert result.status == "loaded", [str(p) for p in result.parsed.errors[:3]]
    store.close()
    return {"seconds": seconds, "rows": result.parsed.value_count, "peak_mb": _peak_mb()}


def step_demo() -> dict:
    """Every indicator for the demo partnership: rebuilding the materialised values, then warm reads."""
    from safeguarding import demo, indicators, marts
    from safeguarding.store import Store

    path = _fresh_db("demo.duckdb")
    demo.build_demo_database(path)
    store = Store(path)
    rebuilds = []
    for _ in range(6):
        with store.write("benchmark", "refresh"):
            pass  # any write marks the materialised values stale
        start = time.perf_counter()
        store.fresh()
        rebuilds.append(time.perf_counter() - start)
    rebuild, rebuilds = rebuilds[0], rebuilds[1:]
    indicators.compute(store)
    warm = []
    for _ in range(10):
        start = time.perf_counter()
        frame = indicators.compute(store)
        warm.append(time.perf_counter() - start)
    with store.read() as cur:
        start = time.perf_counter()
        cur.execute(marts.indicator_sql()).fetchall()
        all_sql = time.perf_counter() - start
    store.close()
    return {"rows": len(frame), "first_rebuild": rebuild, "rebuild": statistics.median(rebuilds),
            "read_warm": statistics.median(warm), "union_sql": all_sql,
            "full_warm": statistics.median(rebuilds) + statistics.median(warm), "peak_mb": _peak_mb()}


def step_region() -> dict:
    """A synthetic region: 30 partnerships x 40 quarters, every indicator rebuilt and rated in one store."""
    import numpy as np
    import pandas as pd

    from safeguarding import indicators
    from safeguarding.catalogue import measures
    from safeguarding.store import Store

    store = Store(_fresh_db("region.duckdb"))
    with store.read() as cur:
        areas = [row[0] for row in cur.execute(
            "select la_code from ref_local_authorities order by la_code limit 30").fetchall()]
    rng = np.random.default_rng(42)
    codes = list(measures())
    starts = pd.date_range("2015-04-01", periods=40, freq="QS-JAN").date
    grid = pd.MultiIndex.from_product([[str(a) for a in areas], starts, codes],
                                      names=["area", "quarter_start", "measure"]).to_frame(index=False)
    grid["agency"] = grid["measure"].str.split(".").str[0]
    grid["state"] = "number"
    grid["value"] = rng.integers(20, 400, len(grid))
    with store.write("benchmark", "region") as cur:
        cur.register("region_frame", grid)
        cur.execute("create table region_values as select area, agency, cast(quarter_start as date) as "
                    "quarter_start, measure, state, value from region_frame")
        cur.execute("create or replace view current_values as select * from region_values")
    times = []
    for _ in range(3):
        with store.write("benchmark", "refresh"):
            pass
        start = time.perf_counter()
        store.fresh()
        with store.read() as cur:
            frame = indicators.rated(cur)
            limits = indicators.thresholds(cur)
        labelled = indicators.label_frame(frame, limits, reasons=False)
        times.append(time.perf_counter() - start)
    store.close()
    return {"values": len(grid), "indicator_rows": len(labelled), "seconds": statistics.median(times),
            "peak_mb": _peak_mb()}


STEPS = {"template": step_template, "calamine": step_calamine, "naive": step_naive, "long_load": step_long_load,
         "demo": step_demo, "region": step_region}


def run_step(name: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--step", name], capture_output=True, text=True, cwd=ROOT,
                         timeout=1800)
    if out.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--step", choices=STEPS)
    parser.add_argument("--quick", action="store_true", help="skip the slow naive pandas read")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.step:
        print(json.dumps(STEPS[args.step]()))
        return
    if not LONG.exists():
        write_long_workbook(LONG)
    r = {name: run_step(name) for name in STEPS if not (args.quick and name == "naive")}
    floor, load = r["calamine"]["seconds"], r["long_load"]["seconds"]
    print(f"{'measure':<58} {'figure':>12} {'peak MB':>9}  target")
    template = r["template"]["seconds"]
    print(f"{'load one template return (CSC, 4 quarters), median of 5':<58} {template:>11.3f}s "
          f"{r['template']['peak_mb']:>9.0f}")
    print(f"{'200,000-row long workbook: calamine read (the floor)':<58} {floor:>11.2f}s "
          f"{r['calamine']['peak_mb']:>9.0f}")
    print(f"{'200,000-row long workbook: dashboard load':<58} {load:>11.2f}s {r['long_load']['peak_mb']:>9.0f}")
    print(f"{'  load / floor':<58} {load / floor:>11.2f}x {'':>9}  <= 2x")
    if "naive" in r:
        naive = r["naive"]["seconds"]
        print(f"{'200,000-row long workbook: pandas read_excel (openpyxl)':<58} {naive:>11.2f}s "
              f"{r['naive']['peak_mb']:>9.0f}")
        print(f"{'  naive / load':<58} {naive / load:>11.2f}x {'':>9}  >= 4x")
    d = r["demo"]
    print(f"{'demo: rebuild every indicator (after a write), median':<58} {d['rebuild'] * 1000:>10.0f}ms "
          f"{d['peak_mb']:>9.0f}")
    print(f"{'demo: read every indicator rated and explained, warm':<58} {d['read_warm'] * 1000:>10.0f}ms")
    print(f"{'demo: every indicator from scratch (rebuild + read), warm':<58} {d['full_warm'] * 1000:>10.0f}ms "
          f"{'':>9}  <= 150ms")
    g = r["region"]
    print(f"{'region: 30 partnerships x 40 quarters, rebuild + rate':<58} {g['seconds']:>11.2f}s {g['peak_mb']:>9.0f}"
          f"  <= 1s  ({g['indicator_rows']:,} indicator values)")
    for module in ("benchmarks.pages", "benchmarks.exports"):
        if (ROOT / (module.replace(".", "/") + ".py")).exists():
            print(f"\n{module}: run `.venv/bin/python -m {module}` for its figures")


if __name__ == "__main__":
    main()
