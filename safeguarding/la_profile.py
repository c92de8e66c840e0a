"""The local authority a partnership serves, as the settings page shows it: region, neighbours, population."""

from __future__ import annotations

import pandas as pd

from safeguarding import queries, reference, settings
from safeguarding.periods import fy_label
from safeguarding.store import Store

RECENT_YEARS = 4  # population years shown when nothing is loaded yet


def choices(store: Store) -> list[tuple[int, str, str]]:
    """(la_code, la_name, region_name) of every current local authority, by name."""
    with store.read() as cur:
        return reference.list_local_authorities(cur)


def details(store: Store, la_code: int | None) -> reference.LaDetails | None:
    """The LA's name, region, ONS code and statistical neighbours (None when unset or unknown)."""
    if la_code is None:
        return None
    with store.read() as cur:
        return reference.la_details(cur, int(la_code))


def current_code(store: Store) -> int | None:
    """The partnership's local authority code, if set."""
    code = settings.get(store)["la_code"]
    return int(code) if code else None


def authorities(store: Store) -> list[reference.LaDetails]:
    """Every local authority the partnership covers, as the DfE list describes it."""
    with store.read() as cur:
        return [d for d in (reference.la_details(cur, code) for code in settings.la_codes(store)) if d]


def names_and_region(store: Store) -> tuple[str, str]:
    """('Derbyshire and Derby', 'East Midlands'): the authorities' names, and their region when they share one."""
    found = authorities(store)
    regions = {d.region_name for d in found}
    return " and ".join(d.la_name for d in found), regions.pop() if len(regions) == 1 else ""


def neighbours(found: reference.LaDetails) -> pd.DataFrame:
    """The ten statistical neighbours, closest first."""
    return pd.DataFrame({
        "Rank": [n.rank for n in found.neighbours],
        "Local authority": [n.la_name or f"LA {n.la_code} (no longer current)" for n in found.neighbours],
        "Region": [n.region_name or "" for n in found.neighbours],
        "Closeness": [n.closeness or "" for n in found.neighbours],
    })


def _summed(found: list[tuple[int | None, int | None, bool]]) -> tuple[int | None, int | None, bool]:
    """Several authorities' (estimate, mid-year, stand-in): the sum when every one has the same year, else none."""
    if not found or any(number is None for number, _, _ in found) or len({year for _, year, _ in found}) != 1:
        return None, None, False
    return sum(number for number, _, _ in found), found[0][1], found[0][2]


def populations(store: Store, la_code: int | None) -> pd.DataFrame:
    """Children aged 0-17 for each financial year loaded: the ONS estimate, any override, and the figure used."""
    overrides = {year: population for year, population, *_ in settings.population_overrides(store)}
    every = settings.la_codes(store)
    codes = every if la_code is not None and every[:1] == (la_code,) else (la_code,) if la_code is not None else ()
    with store.read() as cur:
        loaded = [row[0] for row in cur.execute(queries.q("workspace", "loaded_financial_years")).fetchall()]
        years = sorted(set(loaded) | set(overrides))
        if not years and la_code is not None:
            latest = reference.population_for(cur, la_code, 9999)[1]
            years = list(range(latest - RECENT_YEARS + 1, latest + 1)) if latest else []
        published = {year: _summed([reference.population_for(cur, code, year) for code in codes]) for year in years}
    rows = []
    for year in years:
        number, used_year, stand_in = published[year]
        override = overrides.get(year)
        if override:
            source = "your override"
        elif number:
            source = f"ONS mid-{used_year}" + (" (the latest published)" if stand_in else "")
        else:
            source = "none: set the local authority, or an override"
        rows.append({"Financial year": fy_label(year), "Mid-year": year,
                     "ONS estimate": f"{number:,}" if number else "",
                     "Override": f"{override:,}" if override else "",
                     "Used": f"{(override or number):,}" if (override or number) else "",
                     "Source": source})
    return pd.DataFrame(rows, columns=["Financial year", "Mid-year", "ONS estimate", "Override", "Used", "Source"])


COMBINED_UNIT = "Rate per 10,000"  # the one unit queries/staging/area_benchmarks.sql combines


def combination(store: Store) -> dict[str, str]:
    """For a partnership of several authorities, a clause per benchmark code saying how its own figure and region
    were made ({} for one authority)."""
    codes = settings.la_codes(store)
    if len(codes) < 2:
        return {}
    with store.read() as cur:
        units = dict(cur.execute(queries.q("dashboard", "benchmark_units")).fetchall())
    regions = sorted({d.region_name for d in authorities(store)})
    notes = {}
    for lait_code, unit in units.items():
        if unit == COMBINED_UNIT:
            clause = ("the partnership's figure is combined from the authorities' published rates, weighted by their "
                      "populations")
        elif unit and unit.startswith("%"):
            clause = (f"no combined figure for the partnership's {len(codes)} authorities: DfE publishes each one's "
                      "percentage, not the counts behind it")
        else:
            clause = (f"no combined figure for the partnership's {len(codes)} authorities: DfE's rate ({unit}) has "
                      "no population base held here")
        if len(regions) > 1:
            clause += f"; no regional comparator, as the authorities span regions ({', '.join(regions)})"
        notes[lait_code] = clause
    return notes
