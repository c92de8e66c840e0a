"""Benchmark releases: what DfE's statistics files would change, storing them, and where each figure comes from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from safeguarding import dfe_files, numbers, queries, reference
from safeguarding.periods import fy_label
from safeguarding.store import Store, now
from safeguarding.words import counted

CHANGE_COLUMNS = ["Change", "Year", "Area", "Before", "After", "Benchmark", "File"]
CHANGE_ORDER = {"revised": 0, "new year": 1, "new figure": 2}  # revisions first: they alter figures people saw
SHIPPED = "DfE's Local Authority Interactive Tool (LAIT), as shipped"


class ReleaseError(Exception):
    """A release file that cannot be loaded; nothing was stored."""


@dataclass(frozen=True)
class Preview:
    """The files read, the figures they would add or revise, and a sentence per file."""

    files: tuple[dfe_files.ReleaseFile, ...]
    changes: pd.DataFrame
    summary: tuple[str, ...]

    @property
    def errors(self) -> list[str]:
        return [e for f in self.files for e in f.errors]

    @property
    def ok(self) -> bool:
        return bool(self.files) and all(f.ok for f in self.files)


def years_text(first: int, last: int) -> str:
    """DfE reporting years as financial years: '2024-25' or '2013-14 to 2024-25'."""
    return fy_label(first - 1) if first == last else f"{fy_label(first - 1)} to {fy_label(last - 1)}"


def _populations(cur) -> dict[tuple[str, str, int], int]:
    rows = cur.execute(queries.q("reference", "release_population")).fetchall()
    return {(area_type, key, int(year)): int(population) for area_type, key, year, population in rows}


def read_files(store: Store, named: list[tuple[str, bytes]]) -> list[dfe_files.ReleaseFile]:
    """Read and check each (file name, bytes)."""
    with store.read() as cur:
        populations = _populations(cur)
        names = dict(cur.execute("select la_code, la_name from ref_local_authorities").fetchall())
    files = [dfe_files.read(name, data, populations) for name, data in named]
    for parsed in files:  # LAs named as the benchmark tables name them ('Herefordshire', not '..., County of')
        parsed.rows = [(*row[:3], names.get(row[4], row[3]), *row[4:]) for row in parsed.rows]
    return files


def _shown(value, code, dps: int) -> str:
    if code is not None:
        return code
    return numbers.NONE if value is None else numbers.text(value, "rate", dps=dps)


def _changes(cur, parsed: dfe_files.ReleaseFile) -> tuple[list[list], dict[str, int]]:
    codes = sorted({row[0] for row in parsed.rows})
    measures = {c: (t, d) for c, t, d in cur.execute(queries.q("reference", "measure_titles")).fetchall()}
    current = {}
    years_known = set()
    for code, year, area_type, area_name, la_code, value, value_code, _ in cur.execute(
            queries.q("reference", "in_force_for_codes"), {"codes": codes}).fetchall():
        current[(code, year, area_type, str(la_code) if la_code is not None else area_name)] = (value, value_code)
        years_known.add((code, year))
    out, counts = [], {"new year": 0, "new figure": 0, "revised": 0, "unchanged": 0}
    for code, year, area_type, area_name, la_code, value, value_code in parsed.rows:
        key = (code, year, area_type, str(la_code) if la_code is not None else area_name)
        title, dps = measures.get(code, (code, 1))
        before = current.get(key)
        if before is None:
            kind = "new year" if (code, year) not in years_known else "new figure"
        elif before[1] != value_code or (value is not None and abs(before[0] - value) > 1e-9):
            kind = "revised"
        else:
            counts["unchanged"] += 1
            continue
        counts[kind] += 1
        out.append([kind, fy_label(year - 1), area_name, "" if before is None else _shown(before[0], before[1], dps),
                    _shown(value, value_code, dps), title, parsed.file_name])
    return out, counts


def preview(store: Store, named: list[tuple[str, bytes]]) -> Preview:
    """What loading these files would change (nothing is stored)."""
    files = read_files(store, named)
    rows, summary = [], []
    with store.read() as cur:
        for parsed in files:
            if not parsed.ok:
                summary.append(f"{parsed.file_name}: not read ({counted(len(parsed.errors), 'error')}).")
                continue
            found, counts = _changes(cur, parsed)
            rows += found
            new_years = sorted({r[1] for r in found if r[0] == "new year"})
            summary.append(
                f"{parsed.file_name}: {parsed.kind.name} ({parsed.kind.publication}), "
                f"{years_text(parsed.years[0], parsed.years[-1])}: "
                + (f"new years {', '.join(new_years)} ({counted(counts['new year'], 'figure')}); " if new_years else "")
                + f"{counted(counts['new figure'], 'other new figure')}, {counts['revised']} revised, "
                  f"{counts['unchanged']} unchanged.")
    rows.sort(key=lambda r: CHANGE_ORDER[r[0]])  # stable: each file's rows keep their order within a kind
    return Preview(tuple(files), pd.DataFrame(rows, columns=CHANGE_COLUMNS), tuple(summary))


def save(store: Store, named: list[tuple[str, bytes]], by: str) -> list[str]:
    """Store every file as a release in one transaction, or none of them (ReleaseError names every problem)."""
    files = read_files(store, named)
    problems = [e for f in files for e in f.errors] or (["No files given."] if not files else [])
    if problems:
        raise ReleaseError("Nothing was changed.\n" + "\n".join(problems))
    done = []
    with store.write(by, "reference update", ", ".join(f.file_name for f in files)) as cur:
        for parsed in files:
            known = cur.execute(queries.q("reference", "release_loaded"), {"sha256": parsed.sha256}).fetchone()
            if known:
                done.append(f"{parsed.file_name}: unchanged (the same file was loaded on {known[1]:%-d %B %Y}).")
                continue
            release_id = cur.execute(queries.q("reference", "next_release_id")).fetchone()[0]
            cur.execute(queries.q("reference", "insert_release"), {
                "release_id": release_id, "file_name": parsed.file_name, "sha256": parsed.sha256,
                "publication": parsed.kind.publication, "what": parsed.kind.name, "first_year": parsed.years[0],
                "last_year": parsed.years[-1], "loaded_at": now(), "loaded_by": by})
            values = pd.DataFrame([(release_id, *row) for row in parsed.rows],
                                  columns=["release_id", "lait_code", "year", "area_type", "area_name", "la_code",
                                           "value", "value_code"])
            values["la_code"] = values["la_code"].astype("Int64")
            cur.register("release_rows", values)
            cur.execute(queries.q("reference", "insert_release_values"))
            cur.unregister("release_rows")
            done.append(f"{parsed.file_name}: loaded as release {release_id} ({counted(len(parsed.rows), 'figure')}, "
                        f"{years_text(parsed.years[0], parsed.years[-1])}).")
        if not store.shared:  # the shared store rebuilds its local benchmarks on the next read (Store.fresh)
            reference.rebuild_benchmarks(cur)
    return done


def save_paths(store: Store, paths: list[Path], by: str) -> list[str]:
    """save() for files on disk."""
    return save(store, [(p.name, p.read_bytes()) for p in paths], by)


def releases(store: Store) -> pd.DataFrame:
    """Every loaded release, newest first, as the Settings page lists them."""
    with store.read() as cur:
        rows = cur.execute(queries.q("reference", "releases")).fetchall()
    return pd.DataFrame([[r[0], r[1], r[2], r[3], years_text(r[4], r[5]), f"{r[6]:%Y-%m-%d %H:%M}", r[7]]
                         for r in rows],
                        columns=["Release", "File", "Publication", "What", "Years", "Loaded", "By"])


def _runs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive years as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def origin(cur, lait_code: str) -> str | None:
    """'2024-25: c1.csv, loaded 2 December 2026; 2015-16 to 2023-24: LAIT ...' when a release is in force, else None."""
    rows = cur.execute(queries.q("reference", "benchmark_origin"), {"lait_code": lait_code}).fetchall()
    if not any(r[0] is not None for r in rows):
        return None
    sources: dict[object, tuple[str, list[int]]] = {}
    for release, name, loaded, year in rows:
        label = SHIPPED if release is None else f"{name}, loaded {loaded:%-d %B %Y}"
        sources.setdefault(release, (label, []))[1].append(year)
    return "; ".join(f"{', '.join(years_text(a, b) for a, b in _runs(years))}: {label}"
                     for label, years in sources.values())


def credit(cur, lait_code: str, source: str) -> str:
    """A benchmark's source credit, naming the release files in force (unchanged when only shipped data is)."""
    found = origin(cur, lait_code)
    return source if found is None else f"{source.removesuffix(', via LAIT')} ({found})"
