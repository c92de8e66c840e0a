"""Seeded partnerships with many small counts, loaded through the real loader into a real DuckDB file."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from safeguarding import catalogue, settings
from safeguarding.loading import load_bytes
from safeguarding.periods import Quarter
from safeguarding.store import Store
from safeguarding.template_writer import write_template

QUARTERS = [Quarter.of(2023, 1).shift(i) for i in range(8)]  # 2023-24 Q1 .. 2024-25 Q4: two whole years
TRAINING = ("CSC", "POLICE", "HEALTH", "EDUCATION", "VCS", "OTHER")


def _wholes() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in catalogue.measures().values():
        if m.sum_of:
            out.setdefault(m.sum_of, []).append(m.code)
    return out


def quarter_values(rng: random.Random) -> dict[str, int]:
    """One quarter: most counts small (0 to 9), some larger; parts add up to wholes and never exceed them."""
    v = {code: rng.choice([0, rng.randint(1, 6), rng.randint(1, 9), rng.randint(5, 30), rng.randint(20, 90)])
         for code in catalogue.measures()}
    for agency in TRAINING:
        v[f"TRN.ATTENDED_{agency}"] = min(v[f"TRN.ATTENDED_{agency}"], v[f"TRN.BOOKED_{agency}"])
    wholes = _wholes()
    for whole, parts in wholes.items():
        v[whole] = sum(v[p] for p in parts)
    v["TRN.DNA"] = v["TRN.BOOKED"] - v["TRN.ATTENDED"]
    for m in catalogue.measures().values():
        if m.within and m.code not in ("TRN.ATTENDED", "TRN.DNA") and not m.code.startswith("TRN.ATTENDED_"):
            if m.within in wholes:
                v[m.code] = min(v[m.code], v[m.within])
            else:
                v[m.within] = max(v[m.within], v[m.code])
    return v


def build(path: Path, seed: int, rule: str = "suppress", commentary: dict[tuple[str, str], str] | None = None,
          overrides: dict[tuple[str, int], int] | None = None, empty: Path | None = None) -> dict:
    """A partnership's eight quarters of returns from `seed` (`overrides`: {(measure, quarter index): value}, wholes
    made to add up again), in a new store (a copy of `empty`, a new store file, when given); returns
    {(measure, Quarter): value} as loaded."""
    rng = random.Random(seed)
    figures = {q: quarter_values(rng) for q in QUARTERS}
    for (code, index), value in (overrides or {}).items():
        figures[QUARTERS[index]][code] = value
    for values in figures.values():
        for whole, parts in _wholes().items():
            values[whole] = sum(values[p] for p in parts)
        values["TRN.DNA"] = values["TRN.BOOKED"] - values["TRN.ATTENDED"]
    if empty is not None:
        shutil.copyfile(empty, path)
    store = Store(path)
    try:
        for agency in catalogue.agencies():
            codes = [m.code for m in catalogue.measures_of(agency)]
            values = {(c, q): figures[q][c] for q in QUARTERS for c in codes}
            notes = {c: text for (a, c), text in (commentary or {}).items() if a == agency} or None
            result = load_bytes(store, f"{agency}.xlsx", write_template(agency, QUARTERS, values, commentary=notes),
                                by="test", today=dt.date(2025, 6, 1))
            assert result.ok, result.summary()
        settings.update(store, "test", la_code=884, name=f"Seed {seed} partnership", disclosure=rule)
    finally:
        store.close()
    return {(c, q): figures[q][c] for q in QUARTERS for c in catalogue.measures()}
