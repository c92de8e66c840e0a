"""What a board pack says, worked out once from the store (suppressed first), before any file is drawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from safeguarding import agenda, catalogue, chart_text, charts, definitions, figure, figure_inputs, indicators, \
    la_profile, queries, releases, scorecard, settings, untrusted
from safeguarding.definitions import Indicator
from safeguarding.export.errors import ExportError
from safeguarding.figure import Figure
from safeguarding.periods import Quarter, parse_label, period_label
from safeguarding.store import Store
from safeguarding.words import in_sentence

PRESETS = {
    "agenda": "What needs attention",
    "headlines": "Child protection headlines",
    "scorecard": "Full scorecard",
    "training": "Training and workforce",
    "partners": "Partner agencies",
}
TREND_PERIODS = {"quarter": 8, "year": 5}
OGL = "OGL v3.0"


@dataclass(frozen=True)
class Comment:
    """A partner's commentary on one of the measures behind an indicator."""

    agency: str
    quarter: str
    measure: str
    text: str


@dataclass(frozen=True)
class ChartPage:
    """One indicator's page: its figure (as every page shows it), chart, the narrative, definition and credit."""

    item: Figure
    summary: str
    comments: tuple[Comment, ...]
    definition: str
    formula: str
    source: str
    figure: go.Figure | None = field(compare=False, repr=False)  # None: nothing to draw that is not suppressed

    @property
    def indicator_id(self) -> str:
        return self.item.indicator_id

    @property
    def title(self) -> str:
        return self.item.title


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
    rows: tuple[Figure, ...]
    pages: tuple[ChartPage, ...]
    rule: str = "suppress"
    grouped: bool = False                  # the summary goes theme by theme
    preset: str = ""
    agenda: tuple[agenda.Item, ...] = ()   # the agenda preset: what needs attention, ranked
    headlines: tuple[Figure, ...] = ()     # the agenda preset: the headlines after the agenda's pages

    @property
    def status(self) -> str:
        return "FINAL" if self.final else "DRAFT"


def preset_ids(preset: str | list[str] | tuple[str, ...]) -> tuple[str, list[str]]:
    """(pack title, indicator ids) for a preset name or an explicit list of indicator ids."""
    defs = definitions.indicators()
    if isinstance(preset, str):
        if preset == "headlines":
            return PRESETS[preset], [i.id for i in definitions.headlines()]
        if preset == "agenda":
            return PRESETS[preset], agenda.catalogue_order()
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


def _sources(store: Store) -> dict[str, str]:
    combined = la_profile.combination(store)
    with store.read() as cur:
        return {code: releases.credit(cur, code, source) + (f" ({combined[code]})" if code in combined else "")
                for code, _, source, _ in cur.execute(queries.q("export", "benchmark_sources")).fetchall()}


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


def change_text(ind: Indicator, row: dict, previous: dict | None, previous_label: str | None) -> str:
    """The change since the previous period in words, never comparing a suppressed figure."""
    return figure.change_text(ind, row, previous, previous_label)


def _summary(ind: Indicator, rows: pd.DataFrame, item: Figure, comparator: str, region: str) -> str:
    if item.fallback_text:
        return (f"{ind.title}: the {item.period} figure rests on a small number that could identify children and "
                f"is not shown; the {item.fallback_period} financial year, over more children, stands in: "
                f"{item.fallback_text.split(' (')[0]}.")
    if item.state == "suppressed":
        return (f"{ind.title}: the figure for {item.period} is not shown because it rests on a small number that "
                "could identify children, or would let one be worked out from the other figures.")
    if not len(rows) or rows["value"].isna().all():
        return f"{ind.title}: no figures yet."
    return chart_text.indicator_summary(ind.id, rows, comparator, item.period, region)


def _figure(ind: Indicator, rows: pd.DataFrame, limits, comparator: str, period: str, region: str) -> go.Figure:
    return charts.mark_suppressed(charts.indicator_figure(ind.id, rows, limits=limits, comparator=comparator,
                                                          selected=period, region_name=region), rows)


def _rows(inputs, item: Figure, shown: list[str]) -> tuple[pd.DataFrame, str]:
    """The rows a page's chart draws and the period it marks: the trend, or the years when the quarter's figure
    is suppressed or there is no figure to draw (a headline page is never an empty chart)."""
    series = scorecard.series(inputs.frame, item.indicator_id)
    series = series[series["period"].isin(shown)].reset_index(drop=True)
    if not item.fallback_period and series["value"].notna().any():
        return series, item.period
    years = scorecard.series(inputs.years, item.indicator_id)
    last = item.fallback_period or item.period[:7]
    years = years[years["period"] <= last].tail(TREND_PERIODS["year"]).reset_index(drop=True)
    if years["value"].notna().any():
        return years, item.fallback_period or years["period"].iloc[-1]
    return series.iloc[0:0], item.period


def _comments(inputs, indicator_id: str) -> tuple[Comment, ...]:
    # Cleaned on the way out too: notes stored before loads dropped control characters would reach slides as _x001B_.
    return tuple(Comment(*c[:-1], untrusted.clean(c[-1])) for c in inputs.comments.get(indicator_id, ()))


def build(store: Store, period: str | None = None, view: str = "quarter",
          preset: str | list[str] | tuple[str, ...] = "headlines", final: bool = False,
          today: dt.date | None = None, commentary_on_hidden: bool = False) -> Pack:
    """The pack's content: the figures as the dashboard shows them (suppressed), summary and a page per figure.
    Commentary beside a hidden figure is left out unless `commentary_on_hidden` (the analyst read and cleared it)."""
    if view not in ("quarter", "year"):
        raise ExportError(f"Unknown view {view!r}: use 'quarter' or 'year'.")
    title, ids = preset_ids(preset)
    rated = indicators.compute(store)
    period, view = choose_period(rated, period, view)
    inputs = figure_inputs.load(store, view, period, rated=rated, commentary_on_hidden=commentary_on_hidden)
    with store.read() as cur:
        limits = indicators.thresholds(cur)
    sources = _sources(store)
    defs = definitions.indicators()
    labels = scorecard.periods(inputs.frame)[::-1]
    position = labels.index(period)
    previous_label = labels[position - 1] if position > 0 else None
    shown = labels[max(0, position - TREND_PERIODS[view] + 1):position + 1]
    everything = {item.indicator_id: item for item in figure.build(inputs)}
    ranked = tuple(agenda.items(list(everything.values()))) if preset == "agenda" else ()
    rows = tuple(everything[i] for i in ids if i in everything)
    paged = [entry.figure for entry in ranked] if preset == "agenda" else list(rows)
    pages = []
    for item in paged:
        ind = defs[item.indicator_id]
        series, marked = _rows(inputs, item, shown)
        comparator = scorecard.row_for(inputs.frame, ind.id, period).get("comparator") or "england"
        pages.append(ChartPage(
            item=item, summary=_summary(ind, series, item, comparator, inputs.region_name),
            comments=_comments(inputs, ind.id), definition=ind.definition, formula=ind.formula,
            source=source_credit(ind, sources),
            figure=_figure(ind, series, limits.get(ind.id, ind.default_limits), comparator, marked,
                           inputs.region_name) if len(series) else None,
        ))
    return Pack(
        partnership=settings.partnership_name(store), title=title, period=period,
        period_dates=period_dates(period, view), view=view, previous_period=previous_label,
        generated=today or dt.date.today(), final=final, demo=settings.is_demo(store),
        threshold=settings.suppression_threshold(store), rule=settings.disclosure_rule(store),
        rows=rows if preset != "agenda" else tuple(everything[i] for i in ids if i in everything),
        pages=tuple(pages), grouped=preset == "scorecard", agenda=ranked,
        preset=preset if isinstance(preset, str) else "",
        headlines=tuple(agenda.headlines(list(everything.values()))) if preset == "agenda" else (),
    )
