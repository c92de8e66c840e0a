"""A large long-layout workbook (history backfill) for the load benchmark, written with xlsxwriter."""

from __future__ import annotations

import random
from pathlib import Path

import xlsxwriter

from safeguarding.catalogue import measures
from safeguarding.periods import Quarter


def write_long_workbook(path: Path, rows: int = 200_000, seed: int = 42) -> int:
    """Write `rows` distinct (agency, quarter, measure) values, as many quarters back as needed."""
    rng = random.Random(seed)
    codes = list(measures().values())
    # Smooth series, as a case system's history would be: each measure near its own level.
    level = {m.code: rng.randint(20, 400) for m in codes}
    quarters_needed = -(-rows // len(codes))
    latest = Quarter.of(2024, 4)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["Agency", "Quarter", "Measure code", "Value", "Commentary"])
    written = 0
    for back in range(quarters_needed):
        label = latest.shift(-back).label
        for measure in codes:
            if written == rows:
                break
            written += 1
            value = round(level[measure.code] * rng.uniform(0.9, 1.1))
            sheet.write_row(written, 0, [measure.agency, label, measure.code, value])
    book.close()
    return written
