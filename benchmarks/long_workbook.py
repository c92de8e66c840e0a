"""Large long-layout workbooks (history backfill) for the load benchmark, written with xlsxwriter.

Quarters are real (2000-01 Q1 onwards, as the loader accepts), so a file holds at most one value per measure per
quarter since 2000: 74 measures x 100 quarters = 7,400 values to 2024-25 Q4. To measure the loader at 200,000 rows,
the rest of the rows are comment rows (a measure code starting with '#'), which the return contract skips: every
row is still zipped, scanned, parsed and sorted out, but only the real values are judged and stored.
"""

from __future__ import annotations

import random
from pathlib import Path

import xlsxwriter

from safeguarding.catalogue import measures
from safeguarding.parsed import EARLIEST_QUARTER
from safeguarding.periods import Quarter

LATEST = Quarter.of(2024, 4)


def history_rows(seed: int = 42) -> list[list]:
    """Every measure for every quarter from 2000-01 Q1 to 2024-25 Q4, latest first, as a case system would export."""
    rng = random.Random(seed)
    codes = list(measures().values())
    level = {m.code: rng.randint(20, 400) for m in codes}  # smooth series: each measure near its own level
    rows = []
    quarter = LATEST
    while quarter >= EARLIEST_QUARTER:
        for measure in codes:
            value = round(level[measure.code] * rng.uniform(0.9, 1.1))
            rows.append([measure.agency, quarter.label, measure.code, value])
        quarter = quarter.shift(-1)
    return rows


def write_long_workbook(path: Path, rows: int = 200_000, seed: int = 42) -> int:
    """Write the full history, then comment rows up to `rows` rows in all; returns the number of values."""
    values = history_rows(seed)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["Agency", "Quarter", "Measure code", "Value", "Commentary"])
    for index, row in enumerate(values, start=1):
        sheet.write_row(index, 0, row)
    for index in range(len(values) + 1, rows + 1):
        agency, quarter, code, value = values[index % len(values)]
        sheet.write_row(index, 0, [agency, quarter, f"# {code}", value, "comment row: skipped by the contract"])
    book.close()
    return len(values)
