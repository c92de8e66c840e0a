"""Rebuild data/reference/*.csv and tests/data/dfe_published.csv from the published DfE/ONS files.

Usage: python scripts/build_reference.py [--source ../shared/data/dfe]

The project never reads the source folder at run or test time: this script is only for refreshing
the small committed CSVs. Output is deterministic (sorted rows, fixed float formatting).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "dfe"
OUT_DIR = REPO / "data" / "reference"
FIXTURE = REPO / "tests" / "data" / "dfe_published.csv"

LAIT_CODES = (
    "CPP_Total_Rateper10,000", "ReReferral", "CIN_Refferals_NFA", "RefBySource_Police_%",
    "RefBySource_Schl_%", "RefBySource_HealthServ_%", "Section_47", "ISCP_Conf", "CP_conf_15days",
    "CPP_rate", "PrevRegCPR", "CPPlans2yrs", "CPPlans2yrsActive", "CIN", "LAC", "FirstYJS",
)
TEXT_CODES = {"c", "x", "z", "u", "k", "-"}
DEFAULT_DPS = 1
POPULATION_AGE_GROUP = "Children aged 0 to 17 years"
CLA_AT31 = "Children looked after on 31 March each year"

# Region names as the LAIT region rows spell them (`LA and Regions`), keyed by the spelling the
# LAIT `Region` column and the DfE/ONS files use. London LAs carry Inner/Outer London in LAIT.
REGION_TO_LAIT = {
    "North East": "North East",
    "North West": "North West",
    "Yorkshire and The Humber": "Yorkshire and the Humber",
    "East Midlands": "East Midlands",
    "West Midlands": "West Midlands",
    "East of England": "East of England",
    "London": "London",
    "Inner London": "London (Inner)",
    "Outer London": "London (Outer)",
    "South East": "South East",
    "South West": "South West",
}

# Publication credited for each LAIT source link.
PUBLICATIONS = {
    "characteristics-of-children-in-need": "DfE, Children in need statistics, via LAIT",
    "children-looked-after-in-england-including-adoptions":
        "DfE, Children looked after in England including adoptions, via LAIT",
    "youth-justice-statistics": "Youth Justice Board, Youth justice statistics, via LAIT",
}

# The fixture: six LAs of different sizes and regions; per LA the three most recent reporting
# years in which all four measures are published and reproduce from the published counts.
FIXTURE_LAS = (884, 857, 204, 908, 352, 886)
FIXTURE_YEARS = range(2021, 2026)  # the CLA file starts in 2021

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


# ---------------------------------------------------------------------------------------------
# Small helpers


def read_source_csv(path: Path) -> pd.DataFrame:
    """A DfE/ONS csv as text columns, blanks kept as ''."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def is_count(text: str) -> bool:
    """Whether a published cell is a plain non-negative integer."""
    return text.strip().isdigit()


def half_up(value: Decimal, dps: int) -> Decimal:
    """Round half-up to dps decimal places (DfE's convention)."""
    return value.quantize(Decimal(1).scaleb(-dps), rounding=ROUND_HALF_UP)


def reproduces(numerator: str, denominator: str, published: str, scale: int, dps: int) -> bool | None:
    """Whether numerator/denominator*scale rounds to the published figure; None if not computable."""
    if not (is_count(numerator) and is_count(denominator)) or int(denominator) == 0:
        return None
    try:
        target = half_up(Decimal(published.strip()), dps)
    except InvalidOperation:
        return None
    return half_up(Decimal(int(numerator)) * scale / Decimal(int(denominator)), dps) == target


def fmt(value: float, dps: int) -> str:
    """Fixed formatting of a rounded float (no '-0')."""
    text = f"{round(value, dps):.{dps}f}"
    return text[1:] if re.fullmatch(r"-0(\.0*)?", text) else text


def lait_year(years: str) -> tuple[int, bool] | None:
    """(reporting year, is_plain) for a LAIT `Years` value, or None for multi-year spans.

    '2025' -> (2025, True); '2024-25' and '2023/24' -> ending year; suffixed single years such
    as '2024-25 (OT)', '2025 (Rev)', '2025 (prov)' -> (year, False); '2014-16', '2013/14-15/16',
    '0' -> None.
    """
    text = years.strip()
    plain = not re.search(r"\(.*\)", text)
    core = re.sub(r"\s*\(.*\)\s*$", "", text)
    if re.fullmatch(r"(19|20)\d{2}", core):
        return int(core), plain
    match = re.fullmatch(r"((?:19|20)\d{2})[-/](\d{2})", core)
    if match:
        start, end = int(match.group(1)), int(match.group(2))
        if (start + 1) % 100 == end:
            return start + 1, plain
    return None


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """Write a csv with '\\n' line ends and minimal quoting."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in rows])


# ---------------------------------------------------------------------------------------------
# Builders


def build_local_authorities(lait: pd.DataFrame, pop: pd.DataFrame, sn: pd.DataFrame,
                            notes: list[str]) -> dict[int, dict[str, str]]:
    """Every current LA: in the SN model, the latest population year and recent LAIT years."""
    recent = lait[lait["Years"].isin(["2024", "2025"]) & (lait["LA Number"] < 970)]
    lait_las = {}
    for code, name, region in zip(recent["LA Number"], recent["LA and Regions"], recent["Region"]):
        lait_las[int(code)] = (name, region)
    latest = pop["time_period"].max()
    pop_la = pop[(pop.geographic_level == "Local authority") & (pop.time_period == latest)]
    pop_las = {int(c): (n, r, new) for c, n, r, new in
               zip(pop_la.old_la_code, pop_la.la_name, pop_la.region_name, pop_la.new_la_code)}
    sn_las = {int(c): (n, r) for c, n, r in zip(sn.old_la_code, sn.la_name, sn.region_name)}
    codes = set(sn_las) & set(pop_las) & set(lait_las)
    for label, found in (("SN model", sn_las), (f"population {latest}", pop_las), ("LAIT 2024-2025", lait_las)):
        extra = sorted(set(found) - codes)
        if extra:
            notes.append(f"{label}: LAs left out (not in all three sources): {extra}")
    lait_regions = set(lait.loc[lait["LA Number"] >= 970, "LA and Regions"])
    out = {}
    for code in sorted(codes):
        name, region = lait_las[code]
        region_name = REGION_TO_LAIT[region]
        if region_name not in lait_regions:
            raise SystemExit(f"region {region_name!r} of LA {code} has no LAIT region row")
        if pop_las[code][1] != region:
            notes.append(f"LA {code}: population file region {pop_las[code][1]!r} vs LAIT {region!r}")
        out[code] = {"la_name": name, "region_name": region_name, "new_la_code": pop_las[code][2]}
    return out


def build_population(pop: pd.DataFrame, las: dict[int, dict[str, str]]) -> list[list[object]]:
    """England, region and LA children aged 0-17 for every ONS mid-year in the file."""
    pop = pop[pop.age_group == POPULATION_AGE_GROUP]
    rows = []
    for level, region, code, la_name, year, value in zip(
            pop.geographic_level, pop.region_name, pop.old_la_code, pop.la_name,
            pop.time_period, pop.population_estimate):
        if not is_count(value):
            continue
        if level == "National":
            rows.append((0, "england", "England", None, int(year), int(value)))
        elif level == "Regional":
            rows.append((1, "region", REGION_TO_LAIT[region], None, int(year), int(value)))
        elif level == "Local authority":
            name = las.get(int(code), {}).get("la_name", la_name)
            rows.append((2, "la", name, int(code), int(year), int(value)))
    rows.sort(key=lambda r: (r[0], r[3] or 0, r[2], r[4]))
    return [list(r[1:]) for r in rows]


def measure_dps(dictionary: pd.DataFrame, lait: pd.DataFrame) -> dict[str, int]:
    """Rounding per code: the dictionary's dps, else 1 (0 when every published value is whole)."""
    out = {}
    for code in LAIT_CODES:
        entry = dictionary[dictionary.Measure_short == code]
        dps_text = entry.dps.iloc[0].strip() if len(entry) else ""
        if dps_text.isdigit():
            out[code] = int(dps_text)
            continue
        values = pd.to_numeric(lait.loc[lait["Short Desc"] == code, "Values"], errors="coerce").dropna()
        whole = len(values) and bool(((values.round(DEFAULT_DPS) % 1) == 0).all())
        out[code] = 0 if whole else DEFAULT_DPS
    return out


def build_benchmarks(lait: pd.DataFrame, dps: dict[str, int], notes: list[str]) -> list[list[object]]:
    """Single-year values of the chosen LAIT codes for England, regions and LAs."""
    rows = []
    unknown = Counter()
    for code in LAIT_CODES:
        part = lait[lait["Short Desc"] == code]
        parsed = {y: lait_year(y) for y in part["Years"].unique()}
        has_plain = any(p and p[1] for p in parsed.values())
        keep = {y: p[0] for y, p in parsed.items() if p and (p[1] or not has_plain)}
        skipped = sorted(y for y in parsed if y not in keep)
        if skipped:
            notes.append(f"{code}: skipped LAIT years {skipped}")
        if not keep:
            notes.append(f"{code}: no usable years in LAIT")
        seen = set()
        for years, area, number, value in zip(part["Years"], part["LA and Regions"], part["LA Number"], part["Values"]):
            if years not in keep:
                continue
            number = int(number)
            if number == 970:
                key = ("england", "England", None)
            elif number >= 980:
                key = ("region", area.strip(), None)
            else:
                key = ("la", area.strip(), number)
            ident = (keep[years], key[0], key[1], key[2])
            if ident in seen:
                raise SystemExit(f"duplicate LAIT row {code} {ident}")
            seen.add(ident)
            text = (value or "").strip()
            try:
                number_value = float(text)
                cell, code_text = fmt(number_value, dps[code]), None
            except ValueError:
                cell = None
                code_text = text.lower() if text.lower() in TEXT_CODES else (text or "-")
                if code_text not in TEXT_CODES:
                    unknown[code_text] += 1
            rows.append((code, keep[years], {"england": 0, "region": 1, "la": 2}[key[0]],
                         key[0], key[1], key[2], cell, code_text))
    if unknown:
        notes.append(f"LAIT text values outside the known codes (kept as text): {dict(unknown)}")
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[5] or 0, r[4]))
    return [[r[0], r[1], r[3], r[4], r[5], r[6], r[7]] for r in rows]


def build_measures(dictionary: pd.DataFrame, dps: dict[str, int]) -> list[list[object]]:
    """Title, polarity, unit, dps, credit, year type and link for each chosen code."""
    rows = []
    for code in sorted(LAIT_CODES):
        entry = dictionary[dictionary.Measure_short == code]
        if entry.empty:
            rows.append([code, code, "-", "", dps[code], "DfE, via LAIT", "", ""])
            continue
        e = entry.iloc[0]
        link = e["Hyperlink(s)"].strip().split()[0] if e["Hyperlink(s)"].strip() else ""
        slug = link.rstrip("/").rsplit("/", 1)[-1]
        owner = e["Data Owner (DO) /Supplier and Contact Details"].strip() or "DfE"
        polarity = e.Polarity.strip() if e.Polarity.strip() in ("High", "Low", "-") else "-"
        rows.append([code, " ".join(e.Chart_title.split()), polarity, e.y_axis_name.strip(), dps[code],
                     PUBLICATIONS.get(slug, f"{owner}, via LAIT"), e.Year_Type.strip(), link])
    return rows


def build_neighbours(sn: pd.DataFrame) -> list[list[object]]:
    """Each LA's ten statistical neighbours in rank order."""
    rows = []
    for _, r in sn.iterrows():
        for rank in range(1, 11):
            rows.append([int(r.old_la_code), rank, int(r[f"SN_{rank}"]), r[f"SN_{rank}P"].strip()])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def build_fixture(source: Path, lait: pd.DataFrame, pop: pd.DataFrame,
                  las: dict[int, dict[str, str]], notes: list[str]) -> tuple[list[list[object]], list[str]]:
    """Published annual counts and figures for the chosen LA-years, plus the reproduction tally."""
    def la_rows(name: str) -> pd.DataFrame:
        frame = read_source_csv(source / name)
        frame = frame[frame.geographic_level == "Local authority"]
        return frame.assign(la=frame.old_la_code.astype(int), year=frame.time_period.astype(int))

    c1 = la_rows("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv").set_index(["la", "year"])
    d3 = la_rows("d3_cpps_subsequent_plan_2013_to_2025.csv").set_index(["la", "year"])
    b1 = la_rows("b1_children_in_need_2013_to_2025.csv").set_index(["la", "year"])
    cla = la_rows("cla_number_and_rate_per_10k_children.csv")
    cla = cla[cla.population_type == CLA_AT31].set_index(["la", "year"])
    pop_la = pop[(pop.geographic_level == "Local authority") & (pop.age_group == POPULATION_AGE_GROUP)]
    ons = {(int(c), int(y)): v for c, y, v in zip(pop_la.old_la_code, pop_la.time_period, pop_la.population_estimate)}
    cin_lait = lait[(lait["Short Desc"] == "CIN") & (lait["LA Number"] < 970) & lait["Years"].str.fullmatch(r"\d{4}")]
    cin_rate = {(int(c), int(y)): v.strip()
                for c, y, v in zip(cin_lait["LA Number"], cin_lait["Years"], cin_lait["Values"])}

    def check(measure: str, key: tuple[int, int]) -> bool | None:
        la, year = key
        population = ons.get((la, year - 1), "")
        if measure == "rereferral" and key in c1.index:
            r = c1.loc[key]
            return reproduces(r.rereferral_count, r.referral_count, r.rereferral_percent, 100, 1)
        if measure == "cpp_subsequent" and key in d3.index:
            r = d3.loc[key]
            return reproduces(r.CPP_subsequent, r.CPP_start, r.CPP_subsequent_percent, 100, 1)
        if measure == "cla_rate" and key in cla.index:
            r = cla.loc[key]
            return reproduces(r.children_count, population, r.rate_per_10000, 10000, 0)
        if measure == "cin_rate" and key in b1.index:
            return reproduces(b1.loc[key].At31_episodes, population, cin_rate.get(key, ""), 10000, 1)
        return None

    measures = ("rereferral", "cpp_subsequent", "cla_rate", "cin_rate")
    sources = {"rereferral": c1, "cpp_subsequent": d3, "cla_rate": cla, "cin_rate": b1}
    tally = []
    results: dict[str, dict[tuple[int, int], bool | None]] = {}
    for m in measures:
        results[m] = {key: check(m, key) for key in sources[m].index}
        values = list(results[m].values())
        tally.append(f"{m}: {len(values)} LA-years in the file, {sum(v is not None for v in values)} computable "
                     f"from published counts, {sum(v is True for v in values)} reproduce, "
                     f"{sum(v is False for v in values)} do not")
    span = [key for key in cla.index if key[1] in FIXTURE_YEARS]
    tally.append(f"all four: {sum(all(results[m].get(k) is True for m in measures) for k in span)} of the "
                 f"{len(span)} LA-years {min(FIXTURE_YEARS)}-{max(FIXTURE_YEARS)} in the CLA file reproduce "
                 "on every measure")
    no_lait = sum(1 for key in b1.index if key not in cin_rate)
    tally.append(f"cin_rate: {no_lait} of the b1 LA-years have no LAIT CIN row (LAIT starts in "
                 f"{min(y for _, y in cin_rate)}); the rest not computable have a code instead of a count or rate")
    mismatch = [(la, y, r.population_estimate, ons.get((la, y - 1), "")) for (la, y), r in cla.iterrows()
                if r.population_estimate != ons.get((la, y - 1), "")]
    tally.append(f"cla population_estimate vs ONS mid-(year-1): {len(cla) - len(mismatch)} equal, "
                 f"{len(mismatch)} differ" + (f" (all where both are unpublished: {sorted({m[0] for m in mismatch})})"
                                               if all(not is_count(m[2]) and not m[3] for m in mismatch) else
                                               f": {mismatch[:10]}"))
    rows = []
    for la in FIXTURE_LAS:
        good = [y for y in FIXTURE_YEARS if all(results[m].get((la, y)) is True for m in measures)]
        chosen = good[-3:]
        if len(chosen) < 3:
            raise SystemExit(f"fixture LA {la}: only {good} reproduce")
        for year in chosen:
            key = (la, year)
            c, d, b, k = c1.loc[key], d3.loc[key], b1.loc[key], cla.loc[key]
            population = int(ons[(la, year - 1)])
            if int(k.population_estimate) != population:
                notes.append(f"fixture {key}: CLA population {k.population_estimate} != ONS {population}")
            rows.append([la, las[la]["la_name"], year, population,
                         int(c.referral_count), int(c.rereferral_count), fmt(float(c.rereferral_percent), 1),
                         int(d.CPP_start), int(d.CPP_subsequent), fmt(float(d.CPP_subsequent_percent), 1),
                         int(k.children_count), fmt(float(k.rate_per_10000), 0), 0,
                         int(b.At31_episodes), fmt(float(cin_rate[key]), 1)])
    return rows, tally


# ---------------------------------------------------------------------------------------------


def sources_md(counts: dict[str, int], dps: dict[str, int], tally: list[str], notes: list[str],
               fixture_rows: list[list[object]]) -> str:
    """The text of data/reference/SOURCES.md."""
    chosen = defaultdict(list)
    for row in fixture_rows:
        chosen[f"{row[0]} {row[1]}"].append(str(row[2]))
    dps_text = ", ".join(f"`{c}` {d}" for c, d in sorted(dps.items()))
    lines = [
        "# Reference data: sources and choices",
        "",
        "Written by `scripts/build_reference.py`; do not edit by hand. The app and the tests read only",
        "these files (never the shared source folder). Regenerate with:",
        "",
        "    .venv/bin/python scripts/build_reference.py --source ../shared/data/dfe",
        "",
        f"{OGL} Source: Department for Education (DfE) and Office for National Statistics (ONS).",
        "",
        "| file | rows | what it holds | where it came from |",
        "|---|---|---|---|",
        f"| `local_authorities.csv` | {counts['local_authorities.csv']} | `la_code` (old 3-digit DfE code), `la_name` "
        "(as LAIT names it), `region_name` (spelt as LAIT's region rows), `new_la_code` (ONS E06/E08/E09/E10) | "
        "LAs present in the DfE statistical neighbour model 2025, the latest ONS year and LAIT 2024-2025 |",
        f"| `population.csv` | {counts['population.csv']} | children aged 0-17: `area_type` (england, region, la), "
        "`area_name`, `la_code` (la only), `year` (ONS mid-year), `population` | ONS mid-year population "
        "estimates 2012-2024 as republished by DfE |",
        f"| `benchmarks.csv` | {counts['benchmarks.csv']} | `lait_code`, `year`, `area_type`, `area_name`, "
        "`la_code` (la only), `value` (number) or `value_code` (text code) | DfE Local Authority Interactive "
        "Tool (LAIT): Children in need statistics, Children looked after in England, Youth justice statistics |",
        f"| `benchmark_measures.csv` | {counts['benchmark_measures.csv']} | `lait_code`, `title`, `polarity` "
        "(High = high is good, Low = low is good, - = neither), `unit`, `dps`, `source` (credit), `year_type`, "
        "`source_url` | LAIT data dictionary |",
        f"| `neighbours.csv` | {counts['neighbours.csv']} | `la_code`, `rank` 1-10, `neighbour_la_code`, "
        "`closeness` | DfE children's services statistical neighbour benchmarking tool, 2025 model |",
        "",
        "`tests/data/dfe_published.csv` (a test fixture, same script) holds published annual counts and figures",
        "for six LAs: c1 referrals and re-referrals, d3 CP plans started and second or subsequent, the CLA",
        "file's children looked after at 31 March and rate, b1 children in need at 31 March and LAIT's CIN rate,",
        "with the ONS population of mid-(year-1). `cla_rate_dps` = 0: DfE publishes the CLA rate as a whole",
        "number (the CIN rate and the percentages to 1 dp).",
        "",
        "## Choices",
        "",
        "- **Years** are DfE reporting years: 2025 = year ending 31 March 2025 (financial year 2024-25).",
        "  LAIT `Years` such as `2025` are kept as is; `2024-25` or `2023/24` would map to the ending year.",
        "  Multi-year spans (`2014-16`) are always skipped; suffixed variants (`(OT)`, `(Rev)`, `(prov)`) are",
        "  used only when a code has no plain single year (none of the chosen codes needs them).",
        "  `FirstYJS` is a calendar-year measure in LAIT (`year_type`): its year is the calendar year.",
        "- **Population year**: `population.csv` keeps the ONS mid-year. DfE (and the app) use the mid-year in",
        "  which the financial year starts: mid-2024 for reporting year 2025. The CLA file's",
        "  `population_estimate` confirms this rule (see the check below).",
        "- **Rounding**: LAIT values carry float noise (`40.299999999999997`); each value is rounded to the",
        "  dictionary's `dps`; the dictionary gives none for these codes, so 1 is used, or 0 where every",
        "  published value is a whole number (the rate per 10,000 of children looked after, first-time",
        f"  entrants). Resulting dps: {dps_text}. Values are written with exactly that many decimals.",
        "- **Text codes** are kept in `value_code` with `value` blank: c suppressed, x not available,",
        "  z not applicable, u low reliability, k below 0.5, `-` missing (a blank cell is stored as `-`).",
        "- **Region names** follow LAIT's region rows: `Yorkshire and the Humber` (lower-case 'the'), and for",
        "  London LAs `London (Inner)` or `London (Outer)` (LAIT's `Region` column puts each London borough in",
        "  Inner or Outer London; the ONS and SN files say `London`). `population.csv` spells its region rows",
        "  the same way and also holds `London`, `London (Inner)` and `London (Outer)`.",
        "- **LA names** are LAIT's (e.g. `Herefordshire`, not `Herefordshire, County of`); LAs that no longer",
        "  exist (Cumbria, Northamptonshire, pre-2019 Dorset, Bournemouth and Poole) stay in `population.csv`",
        "  and `benchmarks.csv` for their years but are not in `local_authorities.csv`.",
        "- **Quartiles** (computed in SQL, not stored): 1 + floor(4 x (number of LAs with a lower value) / (number",
        "  of LAs with a value)), so 1 = lowest quarter of values, ties share a quartile.",
        "",
        "## Checks made when this was built",
        "",
        "Reproducing DfE's published figures from DfE's published LA counts (half-up rounding, at the",
        "published precision; CLA rate and CIN rate over the ONS 0-17 population of mid-(year-1)):",
        "",
    ]
    lines += [f"- {t}" for t in tally]
    lines += ["", "Fixture LA-years: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in chosen.items()) + ".", ""]
    if notes:
        lines += ["Notes from the build:", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build every output file; print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of the published files")
    source = parser.parse_args(argv).source.resolve()

    lait = pd.read_parquet(source / "lait_benchmarks_long.parquet")
    lait = lait[lait["Short Desc"].isin(LAIT_CODES)].copy()
    lait["Values"] = lait["Values"].fillna("")
    dictionary = read_source_csv(source / "lait_data_dictionary.csv")
    pop = read_source_csv(source / "ons_mid-year_population_estimates_2012_to_2024.csv")
    sn = read_source_csv(source / "sn_model_2025_wide.csv")

    notes: list[str] = []
    missing = sorted(set(LAIT_CODES) - set(lait["Short Desc"]))
    if missing:
        notes.append(f"LAIT codes with no rows: {missing}")
    las = build_local_authorities(lait, pop, sn, notes)
    dps = measure_dps(dictionary, lait)
    outputs = {
        "local_authorities.csv": (["la_code", "la_name", "region_name", "new_la_code"],
                                  [[c, v["la_name"], v["region_name"], v["new_la_code"]] for c, v in las.items()]),
        "population.csv": (["area_type", "area_name", "la_code", "year", "population"], build_population(pop, las)),
        "benchmarks.csv": (["lait_code", "year", "area_type", "area_name", "la_code", "value", "value_code"],
                           build_benchmarks(lait, dps, notes)),
        "benchmark_measures.csv": (["lait_code", "title", "polarity", "unit", "dps", "source", "year_type",
                                    "source_url"], build_measures(dictionary, dps)),
        "neighbours.csv": (["la_code", "rank", "neighbour_la_code", "closeness"], build_neighbours(sn)),
    }
    unknown_neighbours = sorted({r[2] for r in outputs["neighbours.csv"][1]} - set(las))
    if unknown_neighbours:
        notes.append(f"neighbour codes not in local_authorities.csv: {unknown_neighbours}")
    fixture_rows, tally = build_fixture(source, lait, pop, las, notes)

    for name, (header, rows) in outputs.items():
        write_csv(OUT_DIR / name, header, rows)
    write_csv(FIXTURE, ["la_code", "la_name", "year", "population", "referrals", "rereferrals", "rereferral_percent",
                        "cpp_starts", "cpp_subsequent", "cpp_subsequent_percent", "cla_at31", "cla_rate_published",
                        "cla_rate_dps", "cin_at31", "cin_rate_published"], fixture_rows)
    counts = {name: len(rows) for name, (_, rows) in outputs.items()}
    (OUT_DIR / "SOURCES.md").write_text(sources_md(counts, dps, tally, notes, fixture_rows), encoding="utf-8")

    for path in sorted(OUT_DIR.iterdir()) + [FIXTURE]:
        print(f"{path.relative_to(REPO)}: {path.stat().st_size:,} bytes")
    for line in tally + notes:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
