"""What a board pack says, worked out once from the store (suppressed first), before any file is drawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from safeguarding import catalogue, chart_text, charts, definitions, indicators, queries, rag, reference, scorecard, \
    settings
from safeguarding.definitions import Indicator
from safeguarding.export import suppression
from safeguarding.export.errors import ExportError
from safeguarding.periods import Quarter, parse_label, period_label
from safeguarding.store import Store
from safeguarding.words import in_sentence

PRESETS = {
    "headlines": "Child protection headlines",
    "scorecard": "Full scorecard",
    "training": "Training and workforce",
    "partners": "Partner agencies",
}
TREND_PERIODS = {"quarter": 8, "year": 5}
OGL = "OGL v3.0"


@dataclass(frozen=True)
class SummaryRow:
    """One line of the RAG summary table."""

    indicator_id: str
    title: str
    value_text: str
    rag: str
    rag_label: str
    change_text: str
    comparator_text: str
    group: str = ""  # the theme, when a pack spans themes (its summary then goes theme by theme)


@dataclass(frozen=True)
class Comment:
    """A partner's commentary on one of the measures behind an indicator."""

    agency: str
    quarter: str
    measure: str
    text: str


@dataclass(frozen=True)
class ChartPage:
    """One indicator's page: its chart, the figure in words, the narrative, definition and credit."""

    indicator_id: str
    title: str
    summary: str
    value_text: str
    rag: str
    rag_label: str
    rag_reason: str
    change_text: str
    comparator_text: str
    parts_text: str
    suppressed: bool
    comments: tuple[Comment, ...]
    definition: str
    formula: str
    source: str
    figure: go.Figure = field(compare=False, repr=False)


@dataclass(frozen=True)
class Pack:
    """A board pack's whole content, independent of the file format."""

    partnership: str
    title: str
    period: str
    period_dates: str
    view: str
    previous_period: str | None
    generated: dt.date
    final: bool
    demo: bool
    threshold: int
    rule: str
    rows: tuple[SummaryRow, ...]
    pages: tuple[ChartPage, ...]

    @property
    def status(self) -> str:
        return "FINAL" if self.final else "DRAFT"

    @property
    def marker(self) -> str:
        return suppression.MARKERS[self.rule]


def preset_ids(preset: str | list[str] | tuple[str, ...]) -> tuple[str, list[str]]:
    """(pack title, indicator ids) for a preset name or an explicit list of indicator ids."""
    defs = definitions.indicators()
    if isinstance(preset, str):
        if preset == "headlines":
            return PRESETS[preset], [i.id for i in definitions.headlines()]
        if preset == "scorecard":
            return PRESETS[preset], [i.id for members in definitions.by_theme().values() for i in members]
        if preset in ("training", "partners"):
            return PRESETS[preset], [i.id for i in definitions.by_theme()[preset]]
        raise ExportError(f"Unknown preset {preset!r}: use one of {', '.join(PRESETS)}, or a list of indicator ids.")
    ids = list(dict.fromkeys(preset))
    unknown = [i for i in ids if i not in defs]
    if unknown or not ids:
        raise ExportError(f"Unknown indicator id(s) {', '.join(unknown) or '(none given)'}; "
                          f"known ids include {', '.join(list(defs)[:6])} ...")
    return ("Selected indicators" if len(ids) > 1 else defs[ids[0]].title), ids


def choose_period(frame: pd.DataFrame, period: str | None, view: str) -> tuple[str, str]:
    """(period label, view): the latest period with figures by default; a label's own view wins."""
    if period:
        try:
            view, start = parse_label(period)
        except ValueError as exc:
            raise ExportError(f"{period!r} is not a period such as '2024-25 Q4' or '2024-25'.") from exc
        period = period_label(view, start)
    shown = frame[frame["view"] == view]
    labels = scorecard.periods(shown)
    if not labels:
        raise ExportError("There are no figures to export yet: load the partners' returns first.")
    if period is None:
        return scorecard.default_period(shown), view
    if period not in labels:
        raise ExportError(f"No figures for {period}: choose one of {', '.join(labels[:8])}.")
    return period, view


def period_dates(period: str, view: str) -> str:
    """'1 January to 31 March 2025' for a quarter, '1 April 2024 to 31 March 2025' for a year."""
    _, start = parse_label(period)
    if view == "quarter":
        quarter = Quarter(start)
        return f"{quarter.start.day} {quarter.start:%B} to {quarter.end.day} {quarter.end:%B %Y}"
    end = dt.date(start.year + 1, 3, 31)
    return f"1 April {start.year} to 31 March {end.year}"


def _commentary(store: Store, ind: Indicator, period: str, view: str, hidden: set) -> tuple[Comment, ...]:
    """The partners' words on the indicator's measures in the period, leaving out those on a hidden figure."""
    _, start = parse_label(period)
    last = Quarter(start).shift(0 if view == "quarter" else 3).start
    measures = [m for m in (ind.numerator, ind.denominator) if m and m != "population"]
    with store.read() as cur:
        rows = cur.execute(queries.q("export", "commentary"),
                           {"measures": measures, "first": start, "last": last}).fetchall()
    agencies = catalogue.agencies()
    labels = catalogue.measures()
    return tuple(Comment(agencies[a].name if a in agencies else a, Quarter(q).label,
                         labels[m].label if m in labels else m, text) for a, q, m, text in rows
                 if (ind.id, q) not in hidden)


def _quarters(period: str, view: str) -> list[dt.date]:
    _, start = parse_label(period)
    return [Quarter(start).shift(i).start for i in range(1 if view == "quarter" else 4)]


def _sources(store: Store) -> dict[str, str]:
    with store.read() as cur:
        return {code: source for code, _, source, _ in cur.execute(queries.q("export", "benchmark_sources")).fetchall()}


def source_credit(ind: Indicator, sources: dict[str, str]) -> str:
    """'Source: partner returns (Children's social care); benchmark: DfE, ..., OGL v3.0.'"""
    agencies = catalogue.agencies()
    codes = [m.split(".")[0] for m in (ind.numerator, ind.denominator) if m and m != "population"]
    names = ", ".join(dict.fromkeys(agencies[c].name if c in agencies else c for c in codes))
    parts = [f"Source: partner returns ({names})"]
    if ind.denominator == "population":
        parts.append(f"population: ONS mid-year estimates, {OGL}")
    if ind.benchmark and ind.benchmark in sources:
        parts.append(f"benchmark: {sources[ind.benchmark]}, {OGL}")
    elif ind.benchmark_note:
        note = ind.benchmark_note.rstrip(".")
        parts.append(f"comparison: {in_sentence(note)}")
    return "; ".join(parts) + "."


def _value_text(ind: Indicator, row: dict) -> str:
    """The figure with its unit ('48.2 per 10,000'); 'c' or '*' for a hidden count; 'Suppressed' for one from it."""
    if row.get("suppressed"):
        return row["numerator_text"] if ind.unit == "count" else "Suppressed"
    text = scorecard.value_text(ind, row.get("value"))
    if ind.unit == "rate" and text[:1].isdigit() and not text.endswith("10,000"):
        text += " per 10,000"
    return text


def _parts_text(ind: Indicator, row: dict) -> str:
    """'355 of 431 assessments completed': the counts behind a percentage or rate, suppressed as shown."""
    if ind.unit == "count" or not row.get("numerator_text"):
        return ""
    labels = catalogue.measures()
    if ind.unit == "percent":
        whole = labels[ind.denominator].label if ind.denominator in labels else ind.denominator
        return f"{row['numerator_text']} of {row['denominator_text']} {in_sentence(whole)}"
    part = labels[ind.numerator].label if ind.numerator in labels else ind.numerator
    return f"{row['numerator_text']} {in_sentence(part)}"


def change_text(ind: Indicator, row: dict, previous: dict | None, previous_label: str | None) -> str:
    """The change since the previous period in words, never comparing a suppressed figure."""
    if row.get("suppressed") or (previous and previous.get("suppressed")):
        return "not compared (suppressed)"
    if previous_label and (not previous or scorecard.missing(previous.get("value"))):
        return f"no {previous_label} figure to compare"
    return scorecard.change_text(ind, row.get("value"), (previous or {}).get("value"))


def _summary(ind: Indicator, rows: pd.DataFrame, row: dict, comparator: str, period: str, region: str,
             view: str) -> str:
    if row.get("suppressed"):
        also = (" The financial-year figure counts more children and may be shown: export the year view."
                if view == "quarter" else "")
        return (f"{ind.title}: the figure for {period} is not shown because it rests on a small number that could "
                f"identify children, or would let one be worked out from the other figures.{also}")
    return chart_text.indicator_summary(ind.id, rows, comparator, period, region)


def _figure(ind: Indicator, rows: pd.DataFrame, limits, comparator: str, period: str, region: str) -> go.Figure:
    return charts.mark_suppressed(charts.indicator_figure(ind.id, rows, limits=limits, comparator=comparator,
                                                          selected=period, region_name=region), rows)


def build(store: Store, period: str | None = None, view: str = "quarter",
          preset: str | list[str] | tuple[str, ...] = "headlines", final: bool = False,
          today: dt.date | None = None, commentary_on_hidden: bool = False) -> Pack:
    """The pack's content: protected figures, summary rows and one page per indicator.

    Commentary on a hidden figure is left out (it may state the number) unless `commentary_on_hidden`: the
    analyst has read it and cleared it for this pack.
    """
    if view not in ("quarter", "year"):
        raise ExportError(f"Unknown view {view!r}: use 'quarter' or 'year'.")
    title, ids = preset_ids(preset)
    threshold, rule = settings.suppression_threshold(store), settings.disclosure_rule(store)
    frame = suppression.protected(store)
    hidden = set() if commentary_on_hidden else suppression.hidden_quarters(frame)
    period, view = choose_period(frame, period, view)
    frame = frame[frame["view"] == view]
    values = settings.get(store)
    with store.read() as cur:
        limits = indicators.thresholds(cur)
        details = reference.la_details(cur, int(values["la_code"])) if values["la_code"] else None
    region = details.region_name if details else ""
    sources = _sources(store)
    defs = definitions.indicators()
    labels = [p for p in scorecard.periods(frame)[::-1]]
    position = labels.index(period)
    previous_label = labels[position - 1] if position > 0 else None
    shown = labels[max(0, position - TREND_PERIODS[view] + 1):position + 1]
    summary_rows, pages = [], []
    for indicator_id in ids:
        ind = defs[indicator_id]
        series = scorecard.series(frame, indicator_id)
        series = series[series["period"].isin(shown)].reset_index(drop=True)
        current = scorecard.row_for(series, indicator_id, period)
        if not current:
            current = {"value": None, "rag": "grey", "rag_reason": "Not rated: no data.", "suppressed": False,
                       "comparator": "england"}
        before = scorecard.row_for(series, indicator_id, previous_label) if previous_label else {}
        comparator = current.get("comparator") or "england"
        value_text = _value_text(ind, current)
        change = change_text(ind, current, before or None, previous_label)
        compared = scorecard.comparator_text(ind, current, comparator, region)
        summary_rows.append(SummaryRow(ind.id, ind.title, value_text, current["rag"], rag.label(current["rag"]),
                                       change, compared, definitions.THEMES[ind.theme] if preset == "scorecard"
                                       else ""))
        pages.append(ChartPage(
            indicator_id=ind.id, title=ind.title,
            summary=_summary(ind, series, current, comparator, period, region, view) if len(series) else
            f"{ind.title}: no figures yet.",
            value_text=value_text, rag=current["rag"], rag_label=rag.label(current["rag"]),
            rag_reason=current["rag_reason"], change_text=change, comparator_text=compared,
            parts_text=_parts_text(ind, current), suppressed=bool(current.get("suppressed")),
            comments=_commentary(store, ind, period, view, hidden | ({(ind.id, q) for q in _quarters(period, view)}
                                 if current.get("suppressed") and not commentary_on_hidden else set())),
            definition=ind.definition, formula=ind.formula, source=source_credit(ind, sources),
            figure=_figure(ind, series, limits.get(ind.id, ind.default_limits), comparator, period, region),
        ))
    return Pack(
        partnership=settings.partnership_name(store), title=title, period=period,
        period_dates=period_dates(period, view), view=view, previous_period=previous_label,
        generated=today or dt.date.today(), final=final, demo=settings.is_demo(store), threshold=threshold,
        rule=rule, rows=tuple(summary_rows), pages=tuple(pages),
    )
