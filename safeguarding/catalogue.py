"""The measure and agency catalogue: the codes partners send, read from data/catalogue/."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "data" / "catalogue"


@dataclass(frozen=True)
class Measure:
    """A count a partner sends: its code, agency, flow or stock basis, and how it relates to others."""

    code: str
    agency: str
    basis: str
    label: str
    sum_of: str | None  # this measure is one of the parts that add up to that whole
    within: str | None  # this measure can never exceed that one


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    aliases: tuple[str, ...]


def _rows(name: str) -> list[dict[str, str]]:
    with open(CATALOGUE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """Every measure by code, in catalogue order."""
    return {
        row["code"]: Measure(row["code"], row["agency"], row["basis"], row["label"],
                             row["sum_of"] or None, row["within"] or None)
        for row in _rows("measures.csv")
    }


@lru_cache(maxsize=1)
def agencies() -> dict[str, Agency]:
    """Every agency by code."""
    return {
        row["code"]: Agency(row["code"], row["name"], tuple(a for a in row["aliases"].split("|") if a))
        for row in _rows("agencies.csv")
    }


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


def agency_code(text: object) -> str | None:
    """The agency code a cell names (its code, its name or an accepted alias), or None."""
    if not isinstance(text, str):
        return None
    wanted = _norm(text)
    for agency in agencies().values():
        names = (agency.code, agency.name, *agency.aliases)
        if wanted in {_norm(name) for name in names}:
            return agency.code
    return None


def measures_of(agency: str) -> list[Measure]:
    """The catalogue measures an agency sends, in catalogue order."""
    return [m for m in measures().values() if m.agency == agency]


def nearest_code(code: str) -> str | None:
    """The closest known measure code to a mistyped one, for a 'did you mean' hint."""
    upper = code.strip().upper()
    found = difflib.get_close_matches(upper, list(measures()), n=1, cutoff=0.6)
    return found[0] if found else None


def sum_groups() -> dict[str, list[str]]:
    """Each whole with the parts that must add up to it."""
    groups: dict[str, list[str]] = {}
    for measure in measures().values():
        if measure.sum_of:
            groups.setdefault(measure.sum_of, []).append(measure.code)
    return groups


def load_catalogue(cur) -> None:
    """Refresh the catalogue_measures table from the catalogue file."""
    cur.execute("delete from catalogue_measures")
    cur.executemany(
        "insert into catalogue_measures values (?, ?, ?, ?, ?, ?)",
        [[m.code, m.agency, m.basis, m.label, m.sum_of, m.within] for m in measures().values()],
    )
