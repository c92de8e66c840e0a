"""Secondary suppression: further figures hidden so that no hidden count is the sum or difference of shown ones.

Every count a publication shows is a cell: a measure's quarter ('q'), its rolling 12 months ('r') or its
financial year ('y'). Figures that are always equal share one cell (a stock's year is its Q4 position; a
flow's rolling 12 months to Q4 is its year), so a cell is either hidden everywhere or shown everywhere.
Relations say which cells add up: a year is the sum of its quarters, a rolling year the sum of the last four
quarters, a whole the sum of its parts (the catalogue's `sum_of`), and booked places are attended plus not
attended. A percentage with its denominator gives its numerator: the rows that show one are handled by hiding
the percentage whenever its numerator or denominator is hidden (suppression.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from safeguarding import catalogue

Cell = tuple[str, str, dt.date]  # (measure, 'q' | 'r' | 'y', period start)
Relation = tuple[Cell, tuple[Cell, ...]]  # (total, parts): total = sum of parts
COMPLEMENTS = {"TRN.BOOKED": ("TRN.ATTENDED", "TRN.DNA")}  # places booked = attended + did not attend


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _fy_start(quarter: dt.date) -> dt.date:
    return dt.date(quarter.year if quarter.month >= 4 else quarter.year - 1, 4, 1)


def cell_of(measure: str, view: str, start: dt.date, rolling: bool) -> Cell:
    """The cell a figure shows: `rolling` for a quarter figure over the last 12 months (the rates' numerators)."""
    stock = catalogue.measures()[measure].basis == "stock"
    if view == "year":
        return (measure, "q", dt.date(start.year + 1, 1, 1)) if stock else (measure, "y", start)
    if stock or not rolling:
        return measure, "q", start
    if start.month == 1:  # the rolling 12 months to Q4 is the financial year
        return measure, "y", _fy_start(start)
    return measure, "r", start


def _quarters_of(cell: Cell) -> tuple[Cell, ...]:
    measure, kind, start = cell
    first = start if kind == "y" else _add_months(start, -9)
    return tuple((measure, "q", _add_months(first, 3 * i)) for i in range(4))


def relations(cells: Iterable[Cell]) -> list[Relation]:
    """Every additive relation that touches one of `cells`."""
    cells = set(cells)
    measures = catalogue.measures()
    wholes: dict[str, list[str]] = {}
    for m in measures.values():
        if m.sum_of:
            wholes.setdefault(m.sum_of, []).append(m.code)
    groups = [(whole, tuple(parts)) for whole, parts in wholes.items()] + list(COMPLEMENTS.items())
    found: set[Relation] = set()
    for cell in cells:
        measure, kind, start = cell
        if kind in ("y", "r"):
            found.add((cell, _quarters_of(cell)))
        if kind == "q" and measures[measure].basis == "flow":
            year = (measure, "y", _fy_start(start))
            windows = [cell_of(measure, "quarter", _add_months(start, 3 * back), rolling=True) for back in range(4)]
            for total in {year, *windows} & cells:  # the published year and rolling windows it falls in
                found.add((total, _quarters_of(total)))
        for whole, parts in groups:
            if (measure == whole or measure in parts) and (whole, kind, start) in cells:
                found.add(((whole, kind, start), tuple((p, kind, start) for p in parts)))
    return sorted(found)


def determined(relations_: list[Relation], blind: set[Cell]) -> set[Cell]:
    """The blind cells whose value follows from the relations when every other cell is known (exact algebra)."""
    useful = [(t, p) for t, p in relations_ if t in blind or any(c in blind for c in p)]
    parent: dict[Cell, Cell] = {}

    def root(c: Cell) -> Cell:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for total, parts in useful:
        members = [c for c in (total, *parts) if c in blind]
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups: dict[Cell, list[Relation]] = {}
    for relation in useful:
        first = next(c for c in (relation[0], *relation[1]) if c in blind)
        groups.setdefault(root(first), []).append(relation)
    out: set[Cell] = set()
    for group in groups.values():
        columns = sorted({c for t, p in group for c in (t, *p) if c in blind})
        index = {c: i for i, c in enumerate(columns)}
        matrix = np.zeros((len(group), len(columns)))
        for row, (total, parts) in enumerate(group):
            if total in index:
                matrix[row, index[total]] += 1
            for part in parts:
                if part in index:
                    matrix[row, index[part]] -= 1
        _, sing, vt = np.linalg.svd(matrix)
        rank = int((sing > 1e-9).sum())
        null = vt[rank:]  # the directions the blind values may move together while every relation holds
        for c, i in index.items():
            if not null.size or np.all(np.abs(null[:, i]) < 1e-9):
                out.add(c)
    return out


def _pick(total: Cell, parts: tuple[Cell, ...], shown: dict[Cell, float]) -> Cell | None:
    """The further cell to hide: the smallest non-zero part, else the total, else a zero (a part before a total)."""
    for pool in ([p for p in parts if shown.get(p, 0) > 0], [total] if shown.get(total, 0) > 0 else [],
                 [c for c in (*parts, total) if c in shown]):
        if pool:
            return min(pool, key=lambda c: (shown[c], c))
    return None


def protect(values: dict[Cell, float | None], primary: set[Cell]) -> set[Cell]:
    """Every cell to hide: `primary` (values 1 to the threshold, or sent suppressed) and the fewest further cells,
    chosen greedily, so that no hidden cell can be worked out from the shown ones.

    `values` maps each published cell to its count (None when there is none to show). A relation with exactly
    one hidden member gives it away, so one more of its members is hidden (the smallest non-zero part first);
    repeated to a fixed point, then checked by exact linear algebra over all relations at once, and any cell
    still determined gets a further member of one of its relations hidden.
    """
    hidden = set(primary)
    rels = relations(values)
    while True:
        shown = {c: v for c, v in values.items() if v is not None and c not in hidden}
        changed = False
        for total, parts in rels:
            blind = [c for c in (total, *parts) if c not in shown]
            if len(blind) == 1 and blind[0] in hidden:
                pick = _pick(total, parts, shown)
                if pick is not None:
                    hidden.add(pick)
                    shown.pop(pick)
                    changed = True
        if changed:
            continue
        leaks = sorted(determined(rels, {c for c in {*values, *(c for r in rels for c in (r[0], *r[1]))}
                                         if c not in shown}) & hidden)
        if not leaks:
            return hidden
        leak = leaks[0]
        options = [(t, p) for t, p in rels if leak == t or leak in p]
        options.sort(key=lambda r: sum(c not in shown for c in (r[0], *r[1])))
        for total, parts in options:
            pick = _pick(total, parts, shown)
            if pick is not None:
                hidden.add(pick)
                break
        else:
            return hidden
