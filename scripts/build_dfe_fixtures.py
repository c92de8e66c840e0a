"""Write the test fixtures taken from DfE's published statistics files (Open Government Licence v3.0).

Usage: python scripts/build_dfe_fixtures.py [--source ../shared/data/dfe]

- tests/data/dfe_exact_halves.csv: every LA-year whose re-referral, repeat-plan or NFA percentage is an
  exact half at 1 decimal place (e.g. 182 / 1120 = 16.25), with DfE's printed figure.
- tests/fixtures/dfe/*.csv: DfE's children in need and children looked after files cut down to England,
  the regions, Herefordshire and its ten statistical neighbours for 2015, 2024 and 2025; every kept line
  is byte for byte as DfE published it.

The project never reads the source folder at run or test time.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "dfe"
HALVES = REPO / "tests" / "data" / "dfe_exact_halves.csv"
RELEASES = REPO / "tests" / "fixtures" / "dfe"
FILES = ("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "d3_cpps_subsequent_plan_2013_to_2025.csv",
         "d5_cpps_at31march_by_duration_2013_to_2025.csv", "b1_children_in_need_2013_to_2025.csv",
         "cla_number_and_rate_per_10k_children.csv")
# (indicator, file, numerator column, denominator column, published column)
PERCENTAGES = (
    ("rereferral_rate", FILES[0], "rereferral_count", "referral_count", "rereferral_percent"),
    ("referral_nfa", FILES[0], "no_further_action_count", "referral_count", "no_further_action_percent"),
    ("cp_repeat", FILES[1], "CPP_subsequent", "CPP_start", "CPP_subsequent_percent"),
)
KEEP_YEARS = {"2015", "2024", "2025"}
KEEP_LAS = {"884", "943", "860", "925", "893", "933", "888", "935", "811", "815", "830"}


def rows(path: Path) -> tuple[list[str], list[tuple[str, dict]]]:
    """(header line, [(raw line, parsed row)]) of a DfE csv, lines kept exactly."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0].lstrip("\ufeff")]))
    return lines, [(line, dict(zip(header, next(csv.reader([line]))))) for line in lines[1:]]


def exact_halves(source: Path) -> list[list[str]]:
    """Every LA-year whose percentage is an exact half at 1 dp, with DfE's printed figure."""
    out = []
    for indicator, name, num, den, published in PERCENTAGES:
        for _, row in rows(source / name)[1]:
            if row["geographic_level"] != "Local authority" or not (row[num].isdigit() and row[den].isdigit()):
                continue
            if int(row[den]) == 0:
                continue
            hundredths = Decimal(int(row[num])) * 10000 / Decimal(int(row[den]))
            if hundredths == hundredths.to_integral_value() and hundredths % 10 == 5:
                out.append([row["old_la_code"], row["la_name"], row["time_period"], indicator, row[num], row[den],
                            row[published]])
    return sorted(out, key=lambda r: (r[3], int(r[0]), int(r[2])))


def main(argv: list[str] | None = None) -> int:
    """Write both fixtures; print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    source = parser.parse_args(argv).source.resolve()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["la_code", "la_name", "year", "indicator", "numerator", "denominator", "published"])
    halves = exact_halves(source)
    writer.writerows(halves)
    HALVES.write_text(buffer.getvalue(), encoding="utf-8")
    print(f"{HALVES.relative_to(REPO)}: {len(halves)} LA-years")
    RELEASES.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        lines, parsed = rows(source / name)
        kept = [line for line, row in parsed if row["time_period"] in KEEP_YEARS
                and (row["geographic_level"] in ("National", "Regional") or row["old_la_code"] in KEEP_LAS)]
        (RELEASES / name).write_bytes("".join([lines[0]] + kept).encode("utf-8"))
        print(f"{(RELEASES / name).relative_to(REPO)}: {len(kept)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
