"""Speed of chart snapshots and board packs against the floor: raw, warm Kaleido PNG exports of the same charts.

Run: .venv/bin/python benchmarks/exports.py [--db PATH] [--charts 20]
Without --db the demo database is built first (about a minute). Target: a 20-chart pack within 1.5x the floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 1.5


def _median(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _raw_kaleido_floor(figures: list[dict], width: int, height: int, scale: float, runs: int) -> float:
    """20 PNGs through Kaleido's own warm sync server, one call each: what any exporter must pay."""
    import kaleido

    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    try:
        kaleido.calc_fig_sync(figures[0], opts=opts)  # warm
        return _median(runs, lambda: [kaleido.calc_fig_sync(f, opts=opts) for f in figures])
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def measure_exports(db_path: Path | str, charts: int = 20, runs: int = 3) -> dict:
    """Start-up, floor, warm snapshots and 20-chart packs (PPTX and PDF), in seconds, with ratios to the floor."""
    from safeguarding.export import contents, kaleido_server, layout, packs, snapshots
    from safeguarding.store import Store

    store = Store(db_path)
    try:
        ids = contents.preset_ids("scorecard")[1][:charts]
        width, height = layout.CHART_CSS
        start = time.perf_counter()
        snapshots.figures([{"data": [], "layout": {}}], "png", width, height, layout.CHART_SCALE)
        first = time.perf_counter() - start
        pack = contents.build(store, preset=ids)
        figures = [packs.page_figure(page.figure) for page in pack.pages]
        single = _median(5, lambda: snapshots.figures(figures[:1], "png", width, height, layout.CHART_SCALE))
        ours = _median(runs, lambda: snapshots.figures(figures, "png", width, height, layout.CHART_SCALE))
        content = _median(runs, lambda: contents.build(store, preset=ids))
        pptx = _median(runs, lambda: packs.export_pack(store, "pptx", preset=ids))
        pdf = _median(runs, lambda: packs.export_pack(store, "pdf", preset=ids))
        kaleido_server.shut_down()  # one browser at a time, so the floor is measured on a quiet machine
        floor = _raw_kaleido_floor(figures, width, height, layout.CHART_SCALE, runs)
    finally:
        store.close()
    return {
        "charts": len(figures),
        "first_export_startup_s": round(first, 2),
        "warm_single_png_s": round(single, 3),
        "floor_raw_kaleido_png_s": round(floor, 2),
        "floor_per_chart_s": round(floor / len(figures), 3),
        "warm_png_ours_s": round(ours, 2),
        "pack_content_s": round(content, 2),
        "pack_pptx_s": round(pptx, 2),
        "pack_pdf_s": round(pdf, 2),
        "ratio_pptx_to_floor": round(pptx / floor, 2),
        "ratio_pdf_to_floor": round(pdf / floor, 2),
        "target_ratio": TARGET_RATIO,
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database with figures (default: build the demo in a temporary folder)")
    parser.add_argument("--charts", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.db:
        db = Path(args.db)
    else:
        from safeguarding import demo

        db = Path(tempfile.mkdtemp(prefix="safeguarding-exports-")) / "demo.duckdb"
        print(f"Building the demo database at {db} ...", flush=True)
        demo.build_demo_database(db)
    figures = measure_exports(db, args.charts, args.runs)
    print(json.dumps(figures, indent=2))
    for kind in ("pptx", "pdf"):
        ratio = figures[f"ratio_{kind}_to_floor"]
        verdict = "within" if ratio <= TARGET_RATIO else "OVER"
        print(f"{kind}: {figures[f'pack_{kind}_s']} s for {figures['charts']} charts = {ratio}x the floor "
              f"({figures['floor_raw_kaleido_png_s']} s), {verdict} the {TARGET_RATIO}x target")


if __name__ == "__main__":
    main()
