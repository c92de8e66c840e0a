"""Speed and memory of loading and computing, printed as figures and ratios against their targets.

Run: .venv/bin/python benchmarks/benchmark.py [--quick] [--runs N]
Each step runs in its own process so that its peak memory (max RSS) is its own. The long load and its floor are
measured N times (default 5), alternately, and reported as the median with the range: on a shared machine one run
says little. When .venv-shared and PostgreSQL are installed (scripts/setup.sh --shared), the one-return load, the
demo's indicators and the region are measured again on the shared store (a PostgreSQL started for the run), with
the ratio to the embedded figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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
SHARED_PYTHON = ROOT / ".venv-shared" / "bin" / "python"
SHARED = "SAFEGUARDING_BENCHMARK_POSTGRES"  # the PostgreSQL URL the shared steps run against
LONG = WORK / "long_200k_real_quarters.xlsx"
CORPUS = WORK / "corpus"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fresh_db(name: str) -> Path:
    path = WORK / name
    for stale in (path, path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    return path


def _new_store(name: str):
    """An empty store: a fresh file, or (in a shared step) a fresh schema of the benchmark's PostgreSQL."""
    if SHARED not in os.environ:
        from safeguarding.store import Store

        return Store(_fresh_db(f"{name}.duckdb"))
    from safeguarding.shared_store import SharedStore

    return SharedStore(f"{os.environ[SHARED]}#{name.replace('.', '-')}-{os.getpid()}-{time.monotonic_ns()}")


def step_template() -> dict:
    """Loading one template return (CSC, four quarters) into a store, median of five."""
    from safeguarding import loading
    from safeguarding.catalogue import measures_of
    from safeguarding.periods import Quarter
    from safeguarding.template_writer import write_template

    rng = random.Random(42)
    quarters = [Quarter.of(2024, n) for n in (1, 2, 3, 4)]
    data = write_template("CSC", quarters, {(m.code, q): rng.randint(50, 500)
                                            for m in measures_of("CSC") for q in quarters})
    times = []
    for i in range(5):
        store = _new_store(f"template{i}")
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


RUNS = 7  # each timed figure is the median of this many runs, printed with its spread


def _spread(times: list[float]) -> dict:
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": len(times)}


def step_demo() -> dict:
    """Every indicator for the demo partnership from scratch: after a write, rebuild the values, rate, explain."""
    from safeguarding import demo, indicators

    store = _new_store("demo")
    demo.fill(store, sorted(demo.SAMPLE_DIR.glob("*.xlsx")))
    indicators.compute(store)  # the first run in a process pays for imports and parsing the SQL once
    rebuilds, reads, totals = [], [], []
    for _ in range(RUNS):
        with store.write("benchmark", "refresh"):
            pass  # any write marks the materialised values stale
        start = time.perf_counter()
        store.fresh()
        built = time.perf_counter()
        frame = indicators.compute(store)
        done = time.perf_counter()
        rebuilds.append(built - start)
        reads.append(done - built)
        totals.append(done - start)
    store.close()
    return {"rows": len(frame), "rebuild": _spread(rebuilds), "read": _spread(reads), "total": _spread(totals),
            "peak_mb": _peak_mb()}


def _synthetic_areas(count: int) -> dict:
    """`count` local authorities x 40 quarters of every measure in one store, then rebuild + rate, timed."""
    import numpy as np
    import pandas as pd

    from safeguarding import indicators
    from safeguarding.catalogue import measures

    store = _new_store(f"areas{count}")
    with store.read() as cur:
        areas = [row[0] for row in cur.execute(
            "select la_code from ref_local_authorities order by la_code limit ?", [count]).fetchall()]
    assert len(areas) == count, f"only {len(areas)} local authorities in the reference data"
    rng = np.random.default_rng(42)
    codes = list(measures())
    starts = pd.date_range("2015-04-01", periods=40, freq="QS-JAN").date
    grid = pd.MultiIndex.from_product([[str(a) for a in areas], starts, codes],
                                      names=["area", "quarter_start", "measure"]).to_frame(index=False)
    grid["agency"] = grid["measure"].str.split(".").str[0]
    grid["state"] = "number"
    grid["value"] = rng.integers(20, 400, len(grid))
    # The values live where the store keeps what writes change: the file, or the shared store's PostgreSQL schema.
    table = f'pg."{store.schema}".area_values' if store.shared else "area_values"
    with store.write("benchmark", "areas") as cur:
        cur.register("area_frame", grid)
        cur.execute(f"create table {table} as select area, agency, cast(quarter_start as date) as "
                    "quarter_start, measure, state, value from area_frame")
        cur.unregister("area_frame")
    with store.read() as cur:
        cur.execute(f"create or replace view current_values as select * from {table}")
    values = len(grid)
    del grid
    times, rebuilds = [], []
    for _ in range(5):
        with store.write("benchmark", "refresh"):
            pass
        start = time.perf_counter()
        store.fresh()
        built = time.perf_counter()
        with store.read() as cur:
            frame = indicators.rated(cur)
            limits = indicators.thresholds(cur)
        labelled = indicators.label_frame(frame, limits, reasons=False)
        times.append(time.perf_counter() - start)
        rebuilds.append(built - start)
    store.close()
    return {"values": values, "indicator_rows": len(labelled), "total": _spread(times),
            "rebuild": _spread(rebuilds), "peak_mb": _peak_mb()}


def step_region() -> dict:
    """A synthetic region: 30 partnerships x 40 quarters, every indicator rebuilt and rated in one store."""
    return _synthetic_areas(30)


def step_national() -> dict:
    """National scale: all 153 local authorities x 40 quarters, every indicator rebuilt and rated."""
    return _synthetic_areas(153)


STEPS = {"template": step_template, "calamine": step_calamine, "naive": step_naive, "long_load": step_long_load,
         "demo": step_demo, "region": step_region, "national": step_national, "corpus_files": step_corpus_files,
         "corpus": step_corpus}


def sandbox_limit_mb() -> int:
    from safeguarding.sandbox import MEMORY_LIMIT

    return MEMORY_LIMIT // 1024 // 1024


def run_step(name: str, postgres: str | None = None) -> dict:
    """One step in a process of its own; with `postgres`, on the shared store (in .venv-shared)."""
    python, env = (SHARED_PYTHON, {**os.environ, SHARED: postgres}) if postgres else (sys.executable, None)
    out = subprocess.run([str(python), __file__, "--step", name], capture_output=True, text=True, cwd=ROOT,
                         timeout=1800, env=env)
    if out.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _timed(name: str, figure: dict, scale: float, unit: str, peak_mb: float | None = None,
           target: float | None = None) -> str:
    """One printed line: the median (min to max, runs), peak memory, and the ratio to the target (seconds)."""
    places = 0 if unit == "ms" else 2
    low, high = figure["min"] * scale, figure["max"] * scale
    text = (f"{name:<58} {figure['median'] * scale:>9.{places}f}{unit:<2} "
            f"({low:.{places}f} to {high:.{places}f}, {figure['runs']})")
    if peak_mb is not None:
        text += f" {peak_mb:>6.0f} MB"
    if target is not None:
        ratio = figure["median"] / target
        text += (f"  target <= {target * scale:g}{unit}: {ratio:.2f}x the target, "
                 f"{'met' if ratio <= 1 else 'not met'}")
    return text


def _figure(result: dict, part: str | None) -> float:
    return result["seconds"] if part is None else result[part]["median"]


def shared_figures(runs: int) -> None:
    """The one-return load, the demo's indicators and the region on the shared store and on the embedded file,
    alternately (`runs` pairs, so both see the same load on a shared machine), with the ratio of each pair."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from temp_postgres import temp_postgres

    if not SHARED_PYTHON.exists():
        print("\nshared store: not measured (run `bash scripts/setup.sh --shared` for .venv-shared and PostgreSQL)")
        return
    measures = (("template", None, "load one template return (CSC, 4 quarters)", 1000, "ms"),
                ("demo", "total", "demo: every indicator from scratch", 1000, "ms"),
                ("region", "rebuild", "region 30 x 40: rebuild", 1, "s"),
                ("region", "total", "region 30 x 40: rebuild + rate", 1, "s"))
    pairs: dict[str, list[tuple[dict, dict]]] = {"template": [], "demo": [], "region": []}
    with temp_postgres(durable=True) as postgres:
        for _ in range(runs):
            for name, found in pairs.items():
                found.append((run_step(name), run_step(name, postgres)))
    print(f"\nshared store against embedded, {runs} alternate runs of each (PostgreSQL 15 on this machine, fsync on; "
          "DuckDB 1.5.5 attaching it): median (min to max) of the runs' figures, and of the pairs' ratios")
    for key, part, name, scale, unit in measures:
        embedded = [_figure(e, part) for e, _ in pairs[key]]
        shared = [_figure(s, part) for _, s in pairs[key]]
        ratios = [s / e for e, s in zip(embedded, shared)]
        p = 0 if unit == "ms" else 2
        print(f"{'shared ' + name:<58} {statistics.median(shared) * scale:>9.{p}f}{unit:<2} "
              f"({min(shared) * scale:.{p}f} to {max(shared) * scale:.{p}f}); embedded "
              f"{statistics.median(embedded) * scale:.{p}f}{unit} ({min(embedded) * scale:.{p}f} to "
              f"{max(embedded) * scale:.{p}f}); ratio {statistics.median(ratios):.2f}x "
              f"({min(ratios):.2f} to {max(ratios):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--step", choices=STEPS)
    parser.add_argument("--quick", action="store_true", help="skip the slow naive pandas read")
    parser.add_argument("--runs", type=int, default=5, help="runs of the long load and of its floor")
    parser.add_argument("--shared-only", action="store_true",
                        help="only the shared store's figures and the embedded ones they are compared with")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.step:
        print(json.dumps(STEPS[args.step]()))
        return
    if args.shared_only:
        shared_figures(args.runs)
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
    print(_timed("demo: rebuild every indicator after a write", d["rebuild"], 1000, "ms", d["peak_mb"]))
    print(_timed("demo: read every indicator rated and explained", d["read"], 1000, "ms"))
    print(_timed("demo: every indicator from scratch (rebuild + read)", d["total"], 1000, "ms", target=0.100))
    for key, name, target in (("region", "region: 30 partnerships x 40 quarters", 0.5),
                              ("national", "national: 153 LAs x 40 quarters", 2.0)):
        g = r[key]
        print(_timed(f"{name}: rebuild", g["rebuild"], 1, "s"))
        print(_timed(f"{name}: rebuild + rate", g["total"], 1, "s", g["peak_mb"], target=target)
              + f"  ({g['indicator_rows']:,} indicator values from {g['values']:,} stored values)")
    print(f"\nMedians of the runs with (min to max, runs); load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores while measuring (others' work on a shared machine lengthens every figure).")
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
    shared_figures(args.runs)
    for module in ("benchmarks.pages", "benchmarks.exports"):
        if (ROOT / (module.replace(".", "/") + ".py")).exists():
            print(f"\n{module}: run `.venv/bin/python -m {module}` for its figures")


if __name__ == "__main__":
    main()
