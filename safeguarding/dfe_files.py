"""DfE's statistics-service CSV files (children in need, children looked after) read as benchmark figures."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_BYTES = 50 * 1024 * 1024
MAX_ERRORS = 200
TEXT_CODES = {"c", "x", "z", "u", "k", "low"}
LEVELS = {"National": "england", "Regional": "region", "Local authority": "la"}
COMMON = ("time_period", "geographic_level", "region_name", "old_la_code", "la_name")
CIN_PUBLICATION = "DfE, Children in need statistics"
CLA_PUBLICATION = "DfE, Children looked after in England including adoptions"
CLA_AT_31_MARCH = "Children looked after on 31 March each year"
# Region names as the benchmark tables spell them (LAIT's region rows), keyed by DfE's spelling.
REGIONS = {
    "North East": "North East", "North West": "North West", "Yorkshire and The Humber": "Yorkshire and the Humber",
    "East Midlands": "East Midlands", "West Midlands": "West Midlands", "East of England": "East of England",
    "London": "London", "Inner London": "London (Inner)", "Outer London": "London (Outer)",
    "South East": "South East", "South West": "South West",
}


@dataclass(frozen=True)
class Figure:
    """One benchmark a file supplies: its code and the column it comes from."""

    lait_code: str
    column: str
    per_population: bool = False  # a count per 10,000 children aged 0-17 (ONS mid-year of year - 1), 1 dp


@dataclass(frozen=True)
class Kind:
    """A DfE file this dashboard reads: told apart by its columns."""

    name: str
    publication: str
    figures: tuple[Figure, ...]
    only: tuple[str, str] | None = None  # (column, value) a row must have, e.g. the CLA file's population_type

    @property
    def columns(self) -> tuple[str, ...]:
        extra = (self.only[0],) if self.only else ()
        return COMMON + extra + tuple(f.column for f in self.figures)


KINDS = (
    Kind("referrals and re-referrals (c1)", CIN_PUBLICATION,
         (Figure("ReReferral", "rereferral_percent"), Figure("CIN_Refferals_NFA", "no_further_action_percent"))),
    Kind("second or subsequent child protection plans (d3)", CIN_PUBLICATION,
         (Figure("PrevRegCPR", "CPP_subsequent_percent"),)),
    Kind("child protection plans at 31 March by length (d5)", CIN_PUBLICATION,
         (Figure("CPPlans2yrsActive", "2_years_or_more_percent"),)),
    Kind("children looked after: number and rate per 10,000", CLA_PUBLICATION,
         (Figure("LAC", "rate_per_10000"),), only=("population_type", CLA_AT_31_MARCH)),
    Kind("children in need (b1)", CIN_PUBLICATION, (Figure("CIN", "At31_episodes", per_population=True),)),
)


@dataclass
class ReleaseFile:
    """One file read and checked: its figures (lait_code, year, area_type, area_name, la_code, value, code)."""

    file_name: str
    sha256: str
    kind: Kind | None = None
    rows: list[tuple] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.kind is not None

    @property
    def years(self) -> list[int]:
        return sorted({row[1] for row in self.rows})

    def error(self, text: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{self.file_name}: {text}")
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append(f"{self.file_name}: more errors not listed; fix these first.")


def _kind(header: list[str]) -> Kind | None:
    """The kind sharing the most columns with the header (so a file lacking one is told what it lacks)."""
    present = set(header)
    score = {k.name: len(set(k.columns) & present) for k in KINDS}
    best = max(KINDS, key=lambda k: score[k.name])
    return best if score[best.name] > len(COMMON) else None


def _value(text: str) -> tuple[Decimal | None, str | None] | None:
    """(number, None) or (None, code) for a published cell; None when it is neither."""
    cell = text.strip()
    if not cell or cell == "-":
        return None, "-"
    if cell.lower() in TEXT_CODES:
        return None, cell.lower()
    if not re.fullmatch(r"\d+(\.\d+)?", cell.replace(",", "")):
        return None
    try:
        return Decimal(cell.replace(",", "")), None
    except InvalidOperation:
        return None


def _per_10000(count: Decimal, population: int | None) -> Decimal | None:
    if not population:
        return None
    return (count * 10000 / population).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def read(file_name: str, data: bytes, populations: dict[tuple[str, str, int], int] | None = None) -> ReleaseFile:
    """Read and check one DfE CSV; `populations` maps (area_type, area key, ONS mid-year) to children 0-17."""
    out = ReleaseFile(file_name, hashlib.sha256(data).hexdigest())
    if len(data) > MAX_BYTES:
        out.error(f"the file is {len(data) / 1024 / 1024:.0f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB.")
        return out
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        out.error(f"not a UTF-8 text file (byte {exc.start}): download the CSV from DfE's statistics service again.")
        return out
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    kind = _kind(header)
    if kind is None:
        expected = "; ".join(f"{k.name}: {', '.join(f.column for f in k.figures)}" for k in KINDS)
        out.error(f"row 1: not a DfE file this dashboard reads: it has none of the columns it looks for ({expected}).")
        return out
    absent = [c for c in kind.columns if c not in header]
    if absent:
        out.error(f"row 1: the {kind.name} file lacks the column(s) {', '.join(absent)}.")
        return out
    out.kind = kind
    at = {name: header.index(name) for name in kind.columns}
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            out.error(f"row {number}: {len(cells)} cells where the header has {len(header)}.")
            continue
        cell = {name: cells[i].strip() for name, i in at.items()}
        if kind.only and cell[kind.only[0]] != kind.only[1]:
            continue
        area = _area(out, number, cell)
        if area is None:
            continue
        year_text = cell["time_period"]
        if not re.fullmatch(r"(19|20)\d{2}", year_text):
            out.error(f"row {number}, column time_period: {year_text!r} is not a year such as 2025.")
            continue
        year = int(year_text)
        for figure in kind.figures:
            parsed = _value(cell[figure.column])
            if parsed is None:
                out.error(f"row {number}, column {figure.column}: {cell[figure.column]!r} is not a number or one "
                          "of DfE's codes (c, x, z, u, k, low).")
                continue
            value, code = parsed
            if figure.per_population and value is not None:
                population = (populations or {}).get((area[0], str(area[2] or area[1]), year - 1))
                value = _per_10000(value, population)
                if value is None:
                    out.notes.append(f"{area[1]} {year}: no ONS population for mid-{year - 1}, so no rate.")
                    continue
            key = (figure.lait_code, year, area[0], area[2] or area[1])
            if key in seen:
                out.error(f"row {number}: {area[1]} {year} appears again (first in row {seen[key]}).")
                continue
            seen[key] = number
            out.rows.append((figure.lait_code, year, area[0], area[1], area[2],
                             None if value is None else float(value), code))
    if not out.rows and not out.errors:
        out.error("no figures found: the file has no rows for England, a region or a local authority.")
    return out


def _area(out: ReleaseFile, number: int, cell: dict) -> tuple[str, str, int | None] | None:
    """(area_type, area_name, la_code) of a row; None for other levels (skipped) or a bad row (an error)."""
    level = LEVELS.get(cell["geographic_level"])
    if level is None:
        return None  # other geographies (e.g. local authority districts) are not benchmarks here
    if level == "england":
        return "england", "England", None
    if level == "region":
        name = REGIONS.get(cell["region_name"])
        if name is None:
            out.error(f"row {number}, column region_name: {cell['region_name']!r} is not one of England's regions.")
        return None if name is None else ("region", name, None)
    code = cell["old_la_code"]
    if not re.fullmatch(r"\d{3}", code):
        out.error(f"row {number}, column old_la_code: {code!r} is not a 3-digit DfE local authority code.")
        return None
    return "la", cell["la_name"] or code, int(code)
