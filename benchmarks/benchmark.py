"""Speed and memory of loading and computing, printed as figures and ratios against their targets.

Run: .venv/bin/python benchmarks/benchmark.py [--quick] [--runs N]
Each step runs in its own process so that its peak memory (max RSS) is its own. The long load and its floor are
measured N times (default 5), alternately, and reported as the median with the range: on a shared machine one run
says little.
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
LONG = WORK / "long_200k_real_quarters.xlsx"
CORPUS = WORK / "corpus"


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
    """The dashboard's load of the same file: gate, read in the memory-limited process, check, one transaction."""
    from safeguarding import loading
    from safeguarding.store import Store

    store = Store(_fresh_db("long.duckdb"))
    start = time.perf_counter()
    result = loading.load_bytes(store, LONG.name, LONG.read_bytes(), by="benchmark", today=dt.date(2026, 11, 22))
    seconds = time.perf_counter() - start
    assert result.status == "loaded", [str(p) for p in result.parsed.errors[:3]]
    store.close()
    from safeguarding import sandbox

    return {"seconds": seconds, "rows": result.parsed.value_count, "peak_mb": _peak_mb(),
            "reader_peak_mb": sandbox.largest_reader_mb}


def step_corpus_files() -> dict:
    """Write every file of the malformed corpus (tests/test_malformed_corpus.py) to disk, in a process of its own
    so that building them weighs nothing in the measuring process."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_malformed_corpus as corpus

    CORPUS.mkdir(parents=True, exist_ok=True)
    for name, builder, _ in corpus.CASES:
        (CORPUS / name).write_bytes(builder())
    return {"files": len(corpus.CASES)}


def step_corpus() -> dict:
    """Peak memory while reading each corpus file in turn: of this process (which holds the upload and runs the
    gate and the checks) and of the reading processes that finished (one that crashed is held under its memory
    limit). Both are high-water marks, so the worst file is the one that raised them last."""
    from safeguarding import sandbox
    from safeguarding.workbooks import read_return

    today = dt.date(2026, 11, 22)
    read_return("warm.csv", b"Agency,Quarter,Measure code,Value\r\n", today)  # imports, before the baseline
    baseline = _peak_mb()
    worst = {"self": ("", baseline), "reader": ("", 0.0)}
    rejected = 0
    for path in sorted(CORPUS.iterdir()):
        start = time.perf_counter()
        parsed = read_return(path.name, path.read_bytes(), today)
        rejected += bool(parsed.errors)
        seconds = time.perf_counter() - start
        own, reader = _peak_mb(), sandbox.largest_reader_mb
        if own > worst["self"][1]:
            worst["self"] = (path.name, own)
        if reader > worst["reader"][1]:
            worst["reader"] = (path.name, reader)
        worst.setdefault("slowest", (path.name, seconds))
        if seconds > worst["slowest"][1]:
            worst["slowest"] = (path.name, seconds)
    return {"files": len(list(CORPUS.iterdir())), "rejected": rejected, "baseline_mb": baseline, **worst}


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
         "demo": step_demo, "region": step_region, "corpus_files": step_corpus_files, "corpus": step_corpus}


def sandbox_limit_mb() -> int:
    from safeguarding.sandbox import MEMORY_LIMIT

    return MEMORY_LIMIT // 1024 // 1024


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
    parser.add_argument("--runs", type=int, default=5, help="runs of the long load and of its floor")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.step:
        print(json.dumps(STEPS[args.step]()))
        return
    if not LONG.exists():
        write_long_workbook(LONG)
    pairs = [(run_step("calamine"), run_step("long_load")) for _ in range(args.runs)]
    r = {name: run_step(name) for name in STEPS
         if name not in ("calamine", "long_load") and not (args.quick and name == "naive")}
    r["calamine"], r["long_load"] = pairs[-1]
    floors, loads = [p[0]["seconds"] for p in pairs], [p[1]["seconds"] for p in pairs]
    ratios = [load / floor for floor, load in zip(floors, loads)]
    floor, load = statistics.median(floors), statistics.median(loads)
    print(f"{'measure':<58} {'figure':>12} {'peak MB':>9}  target")
    template = r["template"]["seconds"]
    print(f"{'load one template return (CSC, 4 quarters), median of 5':<58} {template:>11.3f}s "
          f"{r['template']['peak_mb']:>9.0f}")
    values = r["long_load"]["rows"]
    print(f"{'200,000-row long workbook: calamine read (the floor)':<58} {floor:>11.2f}s "
          f"{r['calamine']['peak_mb']:>9.0f}  ({min(floors):.2f} to {max(floors):.2f} s over {len(floors)} runs)")
    print(f"{'200,000-row long workbook: dashboard load':<58} {load:>11.2f}s {r['long_load']['peak_mb']:>9.0f}"
          f"  ({min(loads):.2f} to {max(loads):.2f} s; {values:,} values, the rest comment rows)")
    print(f"{'  its reading process (memory-limited)':<58} {'':>12} {r['long_load']['reader_peak_mb']:>9.0f}")
    print(f"{'  load / floor, median of runs (range)':<58} {statistics.median(ratios):>11.2f}x {'':>9}  <= 1.5x "
          f"({min(ratios):.2f} to {max(ratios):.2f})")
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
    run_step("corpus_files")
    c = run_step("corpus")
    worst = max(c["self"][1], c["reader"][1])
    print(f"{'malformed corpus: worst peak memory of any file':<58} {worst:>10.0f}MB {'':>9}  <= 500MB "
          f"({worst / 500:.2f}x)")
    print(f"{'  loading process (holds the upload; imports ' + str(round(c['baseline_mb'])) + ' MB)':<58} "
          f"{c['self'][1]:>10.0f}MB  {c['self'][0]}")
    print(f"{'  reading process (address space limited to ' + str(sandbox_limit_mb()) + ' MB)':<58} "
          f"{c['reader'][1]:>10.0f}MB  "
          f"{c['reader'][0]}")
    print(f"{'  slowest file to refuse':<58} {c['slowest'][1]:>11.2f}s  {c['slowest'][0]} "
          f"({c['rejected']} of {c['files']} refused)")
    for module in ("benchmarks.pages", "benchmarks.exports"):
        if (ROOT / (module.replace(".", "/") + ".py")).exists():
            print(f"\n{module}: run `.venv/bin/python -m {module}` for its figures")


if __name__ == "__main__":
    main()
