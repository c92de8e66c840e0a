"""A region of small partnerships for the regional view: each a real DuckDB file loaded through the real loader from a
real .xlsx return (children's social care only), with hand-chosen figures in the latest quarter."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from dashboard_support import built_once, empty_database
from disclosure_support import QUARTERS, quarter_values
from safeguarding import catalogue, settings
from safeguarding.loading import load_bytes
from safeguarding.store import Store
from safeguarding.template_writer import write_template

LATEST = "2024-25 Q4"
LA_CODES = {"avn": 800, "brn": 801, "cmb": 802, "dor": 803, "esx": 805, "fyl": 806}
# Every quarter before the latest: large enough that no figure of these four measures is hidden.
STEADY = {"CSC.CP_STARTS": 50, "CSC.CP_STARTS_REPEAT": 10, "CSC.ICPC": 20, "CSC.ICPC_15WD": 18}
# code: (name, disclosure rule, latest quarter's CP_STARTS_REPEAT / CP_STARTS, ICPC_15WD / ICPC)
# Hand-checked in tests/test_regional.py: cp_repeat shown 20.0, 24.0, 24.0, 30.0, 40.0 (esx hidden) and
# icpc_15wd shown 90.0, 80.0, 90.0, 50.0, 100.0 (brn hidden).
REGION = {
    "avn": ("Avon Safeguarding Partnership", "suppress", (10, 50), (18, 20)),   # 20.0%, 90.0%
    "brn": ("Brent Children's Partnership", "suppress", (12, 50), (2, 20)),     # 24.0%, c (2 hidden)
    "cmb": ("Cumbria Partnership", "suppress", (15, 50), (16, 20)),             # 30.0%, 80.0%
    "dor": ("Dorset Safeguarding Partnership", "suppress", (12, 50), (9, 10)),       # 24.0%, 90.0%
    "esx": ("Essex Partnership", "round", (3, 40), (12, 20)),                   # * (3 hidden), 10/20 = 50.0%
    "fyl": ("Fylde Partnership", "suppress", (20, 50), (20, 20)),               # 40.0%, 100.0%
}


def build(path: Path, code: str, seed: int, latest: dict[str, int] | None = None, scale: int = 1,
          empty: Path | None = None) -> Path:
    """Partnership `code` of REGION, its other counts drawn from `seed` and multiplied by `scale` (10: few small
    numbers), `latest`: counts of its latest quarter other than REGION's; a copy of `empty` (a new store file)
    when given."""
    name, rule, (rep, starts), (timely, icpc) = REGION[code]
    rng = random.Random(seed)
    codes = [m.code for m in catalogue.measures_of("CSC")]
    figures = {}
    for quarter in QUARTERS:
        values = {c: v * scale for c, v in quarter_values(rng).items() if c in codes}
        figures[quarter] = {**values, **STEADY}
    figures[QUARTERS[-1]].update({"CSC.CP_STARTS_REPEAT": rep, "CSC.CP_STARTS": starts, "CSC.ICPC_15WD": timely,
                                  "CSC.ICPC": icpc, **(latest or {})})
    for values in figures.values():
        values["CSC.S47_CONCLUDED"] = max(values["CSC.S47_CONCLUDED"], values["CSC.ICPC"])
    if empty is not None:
        shutil.copyfile(empty, path)
    store = Store(path)
    try:
        result = load_bytes(store, "CSC.xlsx", write_template("CSC", QUARTERS, {(c, q): figures[q][c] for q in QUARTERS
                                                                                for c in codes}),
                            by="test", today=dt.date(2025, 6, 1))
        assert result.ok, result.summary()
        settings.update(store, "test", la_code=LA_CODES[code], name=name, disclosure=rule)
    finally:
        store.close()
    return path


def region(folder: Path, codes=tuple(REGION), scale: int = 1, empty: Path | None = None) -> dict[str, Path]:
    """Every partnership of REGION (or `codes`) where safeguarding.partnerships.location puts it beside
    `folder`/dashboard.duckdb: {code: database path}."""
    (folder / "partnerships").mkdir(parents=True, exist_ok=True)
    return {code: build(folder / "partnerships" / f"{code}.duckdb", code, seed, scale=scale, empty=empty)
            for seed, code in enumerate(codes, start=1)}


def shared_region(tmp_path_factory) -> dict[str, Path]:
    """region()'s six partnerships, built once for the whole run: tests copy a file before opening it."""
    base = tmp_path_factory.getbasetemp()
    empty = empty_database(base)
    folder = built_once(base, "region", lambda path: region(path, empty=empty))
    return {code: folder / "partnerships" / f"{code}.duckdb" for code in REGION}


def region_copy(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """(folder, {code: database path}): a copy of shared_region() laid out as region(folder) lays it out."""
    folder = tmp_path_factory.mktemp("region")
    (folder / "partnerships").mkdir()
    return folder, {code: shutil.copyfile(path, folder / "partnerships" / path.name)
                    for code, path in shared_region(tmp_path_factory).items()}


def secrets(codes=tuple(REGION), **people) -> dict:
    """A secrets file's [partnerships] tables for `codes` (`people`: e.g. analysts=[...] for every one)."""
    return {"partnerships": {code: {"name": REGION[code][0], "la_codes": [LA_CODES[code]], **people}
                             for code in codes}}
