"""Indicator definitions, read from the headers of queries/indicators/*.sql, and their default RAG limits."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from safeguarding import comparators, queries

REQUIRED_KEYS = ("id", "title", "theme", "unit", "numerator", "denominator", "basis", "polarity",
                 "benchmark", "definition")
UNITS = {"percent": "%", "rate": "per 10,000", "count": ""}
THEMES = {
    "front_door": "Front door",
    "child_protection": "Child protection",
    "children_in_care": "Children in care and missing",
    "partners": "Partner agencies",
    "training": "Training and workforce",
}


@dataclass(frozen=True)
class Limits:
    """RAG limits: green when the tested figure is in [green_lo, green_hi], amber in [amber_lo, amber_hi]."""

    method: str  # up | down | band | relative | none
    green_lo: float | None = None
    green_hi: float | None = None
    amber_lo: float | None = None
    amber_hi: float | None = None
    comparator: str | None = None  # for 'relative'


@dataclass(frozen=True)
class Indicator:
    """One indicator: its identity, formula parts, polarity, default limits and the SQL computing it."""

    id: str
    title: str
    theme: str
    unit: str
    numerator: str
    denominator: str | None
    basis: str
    polarity: str
    default_limits: Limits
    benchmark: str | None
    benchmark_note: str
    definition: str
    headline: int | None
    sql: str

    @property
    def unit_label(self) -> str:
        return UNITS[self.unit]

    @property
    def formula(self) -> str:
        if self.unit == "count":
            return f"{self.numerator} in the period"
        scale = "x 100" if self.unit == "percent" else "x 10,000"
        over = "children aged 0-17 (ONS mid-year estimate)" if self.denominator == "population" else self.denominator
        return f"{self.numerator} / {over} {scale}"


_UP = re.compile(r"^>=\s*(-?[\d.]+)$")
_DOWN = re.compile(r"^<=\s*(-?[\d.]+)$")
_BAND = re.compile(r"^(-?[\d.]+)\s+to\s+(-?[\d.]+)$")
_RELATIVE = re.compile(rf"^within\s+([\d.]+)%\s+of\s+({'|'.join(comparators.KEYS)})$")


def parse_limits(green: str | None, amber: str | None) -> Limits:
    """Limits from header text such as '>= 90', '<= 20', '18 to 35' or 'within 10% of england'."""
    if not green and not amber:
        return Limits("none")
    parsed = []
    for text in (green or "", amber or ""):
        text = text.strip().lower()
        if m := _UP.match(text):
            parsed.append(("up", float(m.group(1)), None, None))
        elif m := _DOWN.match(text):
            parsed.append(("down", None, float(m.group(1)), None))
        elif m := _BAND.match(text):
            parsed.append(("band", float(m.group(1)), float(m.group(2)), None))
        elif m := _RELATIVE.match(text):
            parsed.append(("relative", None, float(m.group(1)), m.group(2)))
        else:
            raise ValueError(f"RAG limit {text!r} is not '>= n', '<= n', 'a to b' or 'within n% of england'")
    (method, g_lo, g_hi, comparator), (method_amber, a_lo, a_hi, comparator_amber) = parsed
    if method != method_amber or comparator != comparator_amber:
        raise ValueError(f"green {green!r} and amber {amber!r} are limits of different kinds")
    return Limits(method, g_lo, g_hi, a_lo, a_hi, comparator)


def _indicator(file: queries.SqlFile) -> Indicator:
    header = file.header
    missing = [key for key in REQUIRED_KEYS if not header.get(key)]
    if missing:
        raise ValueError(f"{file.path}: header lacks {', '.join(missing)}")
    if header["id"] != file.stem:
        raise ValueError(f"{file.path}: id {header['id']!r} differs from the file name")
    if header["unit"] not in UNITS or header["theme"] not in THEMES:
        raise ValueError(f"{file.path}: unknown unit or theme")
    return Indicator(
        id=header["id"],
        title=header["title"],
        theme=header["theme"],
        unit=header["unit"],
        numerator=header["numerator"],
        denominator=None if header["denominator"] == "-" else header["denominator"],
        basis=header["basis"],
        polarity=header["polarity"],
        default_limits=parse_limits(header.get("green"), header.get("amber")),
        benchmark=None if header["benchmark"] == "-" else header["benchmark"],
        benchmark_note=header.get("benchmark_note", ""),
        definition=header["definition"],
        headline=int(header["headline"]) if header.get("headline") else None,
        sql=file.sql,
    )


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    """Every indicator by id, in file-name order."""
    return {file.stem: _indicator(file) for file in queries.folder("indicators")}


def headlines() -> list[Indicator]:
    """The child protection headlines, in their report order."""
    return sorted((i for i in indicators().values() if i.headline), key=lambda i: i.headline or 0)


def by_theme() -> dict[str, list[Indicator]]:
    """Indicators grouped by theme, themes in display order."""
    grouped: dict[str, list[Indicator]] = {theme: [] for theme in THEMES}
    for indicator in indicators().values():
        grouped[indicator.theme].append(indicator)
    return grouped


def seed_thresholds(cur, who: str, at: dt.datetime) -> None:
    """Give every indicator without stored limits its default ones."""
    stored = {row[0] for row in cur.execute("select indicator_id from rag_thresholds").fetchall()}
    for indicator in indicators().values():
        if indicator.id in stored:
            continue
        limits = indicator.default_limits
        cur.execute(queries.q("store", "put_threshold"), {
            "indicator_id": indicator.id, "method": limits.method,
            "green_lo": limits.green_lo, "green_hi": limits.green_hi,
            "amber_lo": limits.amber_lo, "amber_hi": limits.amber_hi,
            "comparator": limits.comparator, "who": who, "at": at,
        })
