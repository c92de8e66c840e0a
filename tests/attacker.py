"""A stranger with the exports and the published documentation tries to recover every hidden count.

What the stranger knows: the catalogue's relations (parts add up to wholes; booked = attended + did not
attend), that a year of flows is the sum of its quarters and a stock's year is its Q4 position, that a
quarter's rate counts the rolling 12 months, and that a percentage is numerator / denominator x 100 (to 1
decimal place). What the stranger reads: the scorecard CSV and XLSX, the text of the PowerPoint and PDF packs,
and the chart specifications (plotly JSON) the images are drawn from. Every figure is a fact with an interval
(exact, or +-2 for a count rounded to the nearest 5); the attacker solves the linear system for each hidden
count and says it is recovered when the interval left holds exactly one whole number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import openpyxl
from pptx import Presentation
from pypdf import PdfReader

from safeguarding import catalogue, definitions
from safeguarding.periods import parse_label

Var = tuple[str, str, dt.date]  # ('Q' quarter | 'R' rolling 12 months | 'Y' year, measure, start)
MARKERS = {"c", "*"}
NUMBER = r"\d[\d,]*"


def _month(day: dt.date, months: int) -> dt.date:
    i = day.year * 12 + day.month - 1 + months
    return dt.date(i // 12, i % 12 + 1, 1)


def var(measure: str, view: str, start: dt.date, rolling: bool) -> Var:
    """The stranger's name for a figure: stocks at quarter end (a year is its Q4); flows by quarter, window or year."""
    stock = catalogue.measures()[measure].basis == "stock"
    if view == "year":
        return ("Q", measure, dt.date(start.year + 1, 1, 1)) if stock else ("Y", measure, start)
    return ("R" if rolling and not stock else "Q", measure, start)


@dataclass
class Knowledge:
    """What the exports showed: intervals for shown counts, and the counts shown only as a marker."""

    rounded: bool  # shown counts are rounded to the nearest 5 (the rounding rule)
    facts: dict[Var, tuple[float, float]] = field(default_factory=dict)
    marked: set[Var] = field(default_factory=set)
    read: list[str] = field(default_factory=list)

    def count(self, v: Var, text: object) -> None:
        text = str(text).strip() if text is not None else ""
        if text in MARKERS:
            self.marked.add(v)
        elif re.fullmatch(NUMBER + r"(\.0)?", text):
            n = float(text.replace(",", ""))
            spread = 2 if self.rounded and n > 0 else 0
            self.facts[v] = (n - spread, n + spread)

    def exact(self, v: Var, value: float) -> None:
        if v not in self.facts or self.facts[v][0] != self.facts[v][1]:
            self.facts[v] = (value, value)


def _cells(ind, view: str, start: dt.date) -> tuple[Var, Var | None]:
    num = var(ind.numerator, view, start, ind.unit == "rate")
    den = var(ind.denominator, view, start, False) if ind.denominator not in (None, "population") else None
    return num, den


def _from_percent(k: Knowledge, ind, num: Var, den: Var | None, value: float, population: float | None) -> None:
    """A shown percentage (or rate) with its shown denominator gives the numerator, if only one whole number fits."""
    if ind.unit == "percent" and den in k.facts and k.facts[den][0] == k.facts[den][1] and num not in k.facts:
        d = k.facts[den][0]
        fits = [n for n in range(int(d) + 1) if d and round(100 * n / d, 1) == round(value, 1)]
        if len(fits) == 1:
            k.exact(num, fits[0])
    if ind.unit == "rate" and population and num not in k.facts:
        guess = value * population / 10000
        fits = [n for n in range(max(0, int(guess) - 3), int(guess) + 4) if round(n / population * 10000, 1) == value]
        if len(fits) == 1:
            k.exact(num, fits[0])


def read_scorecard_rows(k: Knowledge, header: list[str], rows: list[list], name: str) -> None:
    defs = definitions.indicators()
    col = {h: i for i, h in enumerate(header)}
    for row in rows:
        ind = defs.get(str(row[col["Indicator id"]]))
        if ind is None:
            continue
        view, start = parse_label(str(row[col["Period"]]))
        num, den = _cells(ind, view, start)
        k.count(num, row[col["Numerator"]])
        if den:
            k.count(den, row[col["Denominator"]])
        value = row[col["Value"]]
        if value not in (None, "") and not k.rounded:
            population = float(row[col["Denominator"]]) if ind.denominator == "population" and \
                row[col["Denominator"]] not in (None, "") else None
            if ind.unit == "count":
                k.count(num, value)
            else:
                _from_percent(k, ind, num, den, float(value), population)
    k.read.append(name)


def read_csv(k: Knowledge, data: bytes, name: str) -> None:
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    end = next(i for i, line in enumerate(lines) if not line)
    read_scorecard_rows(k, lines[0], lines[1:end], name)


def read_xlsx(k: Knowledge, data: bytes, name: str) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Scorecard"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    read_scorecard_rows(k, [str(h) for h in rows[0]], rows[1:], name)


def read_pack_text(k: Knowledge, pages: list[str], view: str, name: str) -> int:
    """Each indicator page's 'in PERIOD', its big figure and 'N of M ...' line, as the text of the file gives them;
    returns how many indicator pages were read."""
    read = 0
    by_title = {ind.title: ind for ind in definitions.indicators().values()}
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        ind = next((by_title[t] for t in sorted(by_title, key=len, reverse=True) if lines and lines[0].startswith(t)),
                   None)
        # 'in 2024-25 Q4', or for a suppressed quarter the year standing in: 'in the 2024-25 financial year: ...'
        found = next(((i, m.group(1) or m.group(2)) for i, m in enumerate(
            re.match(r"in (\d{4}-\d{2}(?: Q[1-4])?)$|in the (\d{4}-\d{2}) financial year:", x) for x in lines)
            if m), None)
        if ind is None or found is None:
            continue
        at, period = found
        num, den = _cells(ind, *parse_label(period))
        read += 1
        figure = lines[at - 1] if at else ""
        if ind.unit == "count":
            k.count(num, figure)
        parts = next((m for m in (re.match(rf"({NUMBER}|c|\*) of ({NUMBER}|c|\*) ", x) for x in lines) if m),
                     None)
        if parts is None:
            parts = next((m for m in (re.match(rf"({NUMBER}|c|\*) [a-z]", x) for x in lines[at:at + 2]) if m), None)
        if parts is not None:
            k.count(num, parts.group(1))
            if den and parts.lastindex == 2:
                k.count(den, parts.group(2))
        shown = re.fullmatch(r"([\d.]+)%", figure)
        if shown and not k.rounded:
            _from_percent(k, ind, num, den, float(shown.group(1)), None)
    k.read.append(name)
    return read


def read_pptx(k: Knowledge, data: bytes, view: str, name: str) -> int:
    pages = []
    for slide in Presentation(io.BytesIO(data)).slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
        pages.append("\n".join(texts))
    return read_pack_text(k, pages, view, name)


def read_pdf(k: Knowledge, data: bytes, view: str, name: str) -> int:
    return read_pack_text(k, [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages], view, name)


def read_figure(k: Knowledge, spec: dict, indicator_id: str, view: str, name: str) -> None:
    """The chart's own series: each period's value (a count for count indicators) from its hover data."""
    ind = definitions.indicators()[indicator_id]
    for trace in spec.get("data", []):
        if trace.get("name") != "This partnership":
            continue
        for custom, y in zip(trace.get("customdata") or [], trace.get("y") or []):
            if y is None:
                continue
            num, den = _cells(ind, *parse_label(custom[0] if isinstance(custom, (list, tuple)) else custom))
            if ind.unit == "count":
                k.count(num, f"{y:.0f}")
            elif not k.rounded:
                _from_percent(k, ind, num, den, float(y), None)
    k.read.append(name)


def relations(variables: set[Var]) -> list[dict[Var, int]]:
    """Each published identity as {variable: coefficient}, summing to zero."""
    measures = catalogue.measures()
    groups = defaultdict(list)
    for m in measures.values():
        if m.sum_of:
            groups[m.sum_of].append(m.code)
    groups = [(w, p) for w, p in groups.items()] + [("TRN.BOOKED", ["TRN.ATTENDED", "TRN.DNA"])]
    out: list[dict[Var, int]] = []
    seen = set()
    for kind, measure, start in variables:
        if kind == "Y":
            quarters = [_month(start, 3 * i) for i in range(4)]
        elif kind == "R":
            quarters = [_month(start, -3 * i) for i in range(4)]
        else:
            quarters = []
        if quarters:
            out.append({(kind, measure, start): 1, **{("Q", measure, q): -1 for q in quarters}})
        for whole, parts in groups:
            key = (kind, whole, start)
            if (measure == whole or measure in parts) and key not in seen:
                seen.add(key)
                out.append({key: 1, **{(kind, p, start): -1 for p in parts}})
    return out


def attack(k: Knowledge, truth: dict[Var, float], small: int) -> dict[Var, float]:
    """Every marked count the stranger pins to one whole number that is right: {variable: value}."""
    targets = sorted(k.marked - set(k.facts))
    equations = relations(set(k.facts) | k.marked)
    unknown = sorted({v for eq in equations for v in eq if v not in k.facts})
    if not targets or not equations:
        return {}
    ui = {v: i for i, v in enumerate(unknown)}
    known = sorted(k.facts)
    ki = {v: i for i, v in enumerate(known)}
    a_u, a_k = np.zeros((len(equations), len(unknown))), np.zeros((len(equations), len(known)))
    for r, eq in enumerate(equations):
        for v, c in eq.items():
            if v in ui:
                a_u[r, ui[v]] += c
            else:
                a_k[r, ki[v]] += c
    solve = np.linalg.pinv(a_u.T)  # y with a_u.T y = e_h, when the target is determined
    mids = np.array([(k.facts[v][0] + k.facts[v][1]) / 2 for v in known])
    halves = np.array([(k.facts[v][1] - k.facts[v][0]) / 2 for v in known])
    found = {}
    for target in (t for t in targets if t in ui):  # a count in no identity cannot be worked out
        e = np.zeros(len(unknown))
        e[ui[target]] = 1
        y = solve @ e
        if np.abs(a_u.T @ y - e).max() > 1e-6:
            continue  # not determined by the shown figures
        weights = -(a_k.T @ y)
        centre, spread = float(weights @ mids), float(np.abs(weights) @ halves)
        lo, hi = centre - spread - 1e-6, centre + spread + 1e-6
        if k.rounded:
            lo, hi = max(lo, 1), min(hi, small)
        candidates = [n for n in range(int(np.ceil(lo)), int(np.floor(hi)) + 1) if n >= 0]
        if len(candidates) == 1 and truth.get(target) == candidates[0]:
            found[target] = candidates[0]
    return found
