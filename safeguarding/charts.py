"""Every dashboard figure, drawn with plotly from the indicator's definition: pure inputs -> go.Figure.

The board-pack export reuses these functions, so nothing here knows about Streamlit. RAG limits arrive
as `Limits` (the partnership's stored thresholds): bands are chart furniture drawn from them, never
numbers written into chart code. Each figure's words (summary, data table) are in chart_text.py.

Figures are assembled as plain dicts and validated once by go.Figure(data, layout): plotly's
incremental add_*/update_* calls validate on every step and were 10-15 times slower.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from safeguarding import comparators, definitions, numbers, palette, rag
from safeguarding.definitions import Limits
from safeguarding.nulls import as_float

FONT = dict(family="Source Sans Pro, Source Sans 3, Arial, sans-serif", size=14, color=palette.INK)
OURS = dict(color=palette.OURS, width=3)
# Benchmark lines differ in dash as well as colour, so they read in greyscale too.
BENCHMARK_STYLES = {
    "england": dict(color=palette.BENCHMARKS["england"], width=2, dash="dash"),
    "region": dict(color=palette.BENCHMARKS["region"], width=2, dash="dot"),
    "neighbours": dict(color=palette.BENCHMARKS["neighbours"], width=2, dash="dashdot"),
}
BAND_LABEL = dict(size=11, color=palette.MUTED)
HEIGHT = 420
RATING = "rating"  # the `meta` of a trace coloured by rating (every other trace takes the category palette)


def period_ticks(labels: list[str]) -> list[str]:
    """Short axis labels: 'Q2', with the financial year under each Q1 and under the first quarter shown."""
    out = []
    for i, label in enumerate(labels):
        match = re.fullmatch(r"(\d{4}-\d{2}) (Q[1-4])", label)
        if not match:
            out.append(label)
        elif i == 0 or match.group(2) == "Q1":
            out.append(f"{match.group(2)}<br>{match.group(1)}")
        else:
            out.append(match.group(2))
    return out


def _fmt(value, unit: str) -> str:
    if value is None:
        return "-"
    text = numbers.text(value, unit)
    return f"{text}%" if unit == "percent" else text


TITLE_CHARACTERS = 40  # a title line that fits a phone's 360 px chart at 17 px


def wrapped(text: str, width: int) -> list[str]:
    """Text in lines of at most `width` characters (a longer word keeps a line of its own): plotly never wraps."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _title(text: str) -> dict:
    """A title broken into lines that fit a phone (plotly never wraps one, and cuts it off at the edge)."""
    return dict(text="<br>".join(wrapped(text, TITLE_CHARACTERS)), x=0, xanchor="left", font=dict(size=17),
                pad=dict(l=4))


def _top(title: dict) -> int:
    """The top margin a title of so many lines needs."""
    return 56 + 21 * title["text"].count("<br>")


def _time_layout(title: str, unit: str, labels: list[str], height: int = HEIGHT) -> dict:
    """The layout every over-time chart shares: periods along x, the unit up y, legend on top."""
    axis_title = {"percent": "Per cent", "rate": "Per 10,000 children", "count": "Number"}.get(unit, "")
    heading = _title(title)
    return dict(
        title=heading, font=FONT, height=height + _top(heading) - 56, plot_bgcolor="white", paper_bgcolor="white",
        # 'closest', not 'x unified': the x values are positions, and each hover names its own period.
        margin=dict(l=64, r=64, t=_top(heading), b=40), hovermode="closest",
        # Under the axis, not over the title: a legend of five series wraps onto several lines.
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0, xanchor="left", font=dict(size=13)),
        xaxis=dict(tickvals=list(range(len(labels))), ticktext=period_ticks(labels), tickangle=0,
                   range=[-0.5, max(len(labels), 1) - 0.5], showgrid=False, zeroline=False, linecolor=palette.AXIS,
                   tickfont=dict(size=12)),
        yaxis=dict(title=dict(text=axis_title, font=dict(size=13)), gridcolor=palette.GRID, zeroline=False,
                   rangemode="tozero",
                   linecolor=palette.AXIS, ticksuffix="%" if unit == "percent" else "", separatethousands=True),
        shapes=[], annotations=[],
    )


def _within(x: float, lo: float | None, hi: float | None) -> bool:
    return (lo is None or x >= lo) and (hi is None or x <= hi)


def _bands(limits: Limits, lo: float, hi: float) -> list[tuple[str, float, float]]:
    """Non-overlapping (rag, y0, y1) bands covering [lo, hi] for limits on the value itself (not 'relative')."""
    # Cut at every limit, each piece rated at its middle by the rule of queries/rating.sql: bands drawn
    # on top of each other would blend their tints into a colour no rating has.
    edges = sorted({lo, hi, *(v for v in (limits.green_lo, limits.green_hi, limits.amber_lo, limits.amber_hi)
                              if v is not None and lo < v < hi)})
    out: list[tuple[str, float, float]] = []
    for y0, y1 in zip(edges, edges[1:]):
        middle = (y0 + y1) / 2
        name = ("green" if _within(middle, limits.green_lo, limits.green_hi)
                else "amber" if _within(middle, limits.amber_lo, limits.amber_hi) else "red")
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1], y1)
        else:
            out.append((name, y0, y1))
    return out


def _y_range(values: list[float], unit: str, limits: Limits | None) -> tuple[float, float]:
    """From zero (a count, share or rate drawn from a higher baseline makes a small change look like a cliff) to
    just above every figure and the nearest limits; percentages stop at 100."""
    points = list(values)
    if limits is not None and limits.method in ("up", "down", "band"):
        points += [v for v in (limits.green_lo, limits.green_hi, limits.amber_lo, limits.amber_hi) if v is not None]
    if not points:
        return (0.0, 100.0 if unit == "percent" else 1.0)
    hi = max(max(points) * 1.1, 2.0 if unit == "percent" else 1.0)
    return (0.0, min(hi, 100.0) if unit == "percent" else hi)


def _absolute_bands(layout: dict, limits: Limits, y: tuple[float, float]) -> None:
    """Shaded bands across the plot, each labelled with its word so colour is never the only cue."""
    for name, y0, y1 in _bands(limits, *y):
        layout["shapes"].append(dict(type="rect", xref="x domain", x0=0, x1=1, yref="y", y0=y0, y1=y1,
                                     fillcolor=palette.RAG_FILLS[name], line=dict(width=0), layer="below"))
        if name != "red" or y1 - y0 > (y[1] - y[0]) * 0.06:
            layout["annotations"].append(_band_label(name, (y0 + y1) / 2))


def _relative_bands(traces: list, layout: dict, comparator: list[float | None], limits: Limits,
                    y: tuple[float, float]) -> None:
    """Bands around the comparator line: green within green_hi %, amber within amber_hi %, else red."""
    xs, centre = [], []
    for i, value in enumerate(comparator):
        if value is not None:
            xs += [i - 0.5, i + 0.5]
            centre += [value, value]
    if not xs:
        return
    lo, hi = y

    def edge(share: float, sign: int) -> list[float]:
        return [min(max(c * (1 + sign * share / 100), lo), hi) for c in centre]

    green, amber = limits.green_hi or 0, limits.amber_hi or 0
    top, bottom = [hi] * len(xs), [lo] * len(xs)
    layers = (("red", top, edge(amber, 1)), ("amber", edge(amber, 1), edge(green, 1)),
              ("green", edge(green, 1), edge(green, -1)), ("amber", edge(green, -1), edge(amber, -1)),
              ("red", edge(amber, -1), bottom))
    for name, upper, lower in layers:
        traces.append(dict(type="scatter", x=xs + xs[::-1], y=upper + lower[::-1], fill="toself", mode="lines",
                           line=dict(width=0), fillcolor=palette.RAG_FILLS[name], hoverinfo="skip", showlegend=False,
                           name=f"{rag.WORDS[name]} range", meta=RATING))
    top_green, top_amber = edge(green, 1)[-1], edge(amber, 1)[-1]
    for name, y_at in (("green", centre[-1]), ("amber", (top_green + top_amber) / 2), ("red", (top_amber + hi) / 2)):
        if lo < y_at < hi and (name != "red" or hi - top_amber > (hi - lo) * 0.06):
            layout["annotations"].append(_band_label(name, y_at))


def _band_label(name: str, y_at: float) -> dict:
    """A band's word in the right margin, beside the band: the colour is never the only cue."""
    return dict(xref="paper", x=1.01, y=y_at, yref="y", text=rag.WORDS[name], showarrow=False, xanchor="left",
                font=BAND_LABEL)


def indicator_figure(indicator_id: str, rows: pd.DataFrame, limits: Limits | None = None,
                     comparator: str = "england", selected: str | None = None, region_name: str = "",
                     benchmarks: tuple[str, ...] = comparators.KEYS,
                     height: int = HEIGHT) -> go.Figure:
    """One indicator's trend with its RAG bands, benchmark lines and the selected period marked."""
    ind = definitions.indicators()[indicator_id]
    rows = rows.sort_values("period_start")
    labels = list(rows["period"])
    values = [as_float(v) for v in rows["value"]]
    limits = limits or ind.default_limits
    # A count's published benchmark is a rate (first-time entrants): not drawn on the same axis.
    lines = {key: [as_float(v) for v in rows[key]] for key in benchmarks if key in rows and ind.unit != "count"}
    lines = {key: series for key, series in lines.items() if any(v is not None for v in series)}
    everything = [v for v in values if v is not None] + [v for s in lines.values() for v in s if v is not None]
    y = _y_range(everything, ind.unit, limits)
    layout = _time_layout(ind.title, ind.unit, labels, height)
    layout["yaxis"]["range"] = list(y)
    traces: list[dict] = []
    if limits.method == "relative":
        key = limits.comparator or "england"
        base = lines.get(key) or ([as_float(v) for v in rows[key]] if key in rows else [])
        _relative_bands(traces, layout, base, limits, y)
    elif limits.method in ("up", "down", "band"):
        _absolute_bands(layout, limits, y)
    x = list(range(len(labels)))
    for key, series in lines.items():
        name = comparators.label(key, region_name)
        style = dict(BENCHMARK_STYLES[key], width=3 if key == comparator else 2)
        traces.append(dict(type="scatter", x=x, y=series, name=name, mode="lines", line=dict(style, shape="hvh"),
                           customdata=[[p, _fmt(v, ind.unit)] for p, v in zip(labels, series)],
                           hovertemplate=f"%{{customdata[0]}}<br>{name}: %{{customdata[1]}}<extra></extra>"))
    parts = zip(rows.get("numerator", [None] * len(rows)), rows.get("denominator", [None] * len(rows)))
    shown = [_fmt(None if v is None else numbers.rounded(v, ind.unit, n, d), ind.unit)
             for v, (n, d) in zip(values, parts)]
    traces.append(dict(
        type="scatter", x=x, y=values, name="This partnership", mode="lines+markers", line=OURS,
        marker=dict(size=8, color=OURS["color"]),
        customdata=[[p, rag.label(r), t] for p, r, t in zip(labels, rows["rag"], shown)],
        hovertemplate="%{customdata[0]}<br>This partnership: <b>%{customdata[2]}</b> %{customdata[1]}<extra></extra>",
    ))
    if selected in labels and values[labels.index(selected)] is not None:
        i = labels.index(selected)
        traces.append(dict(type="scatter", x=[i], y=[values[i]], mode="markers", showlegend=False,
                           hoverinfo="skip", name="Selected period",
                           marker=dict(size=15, color="white", line=dict(color=OURS["color"], width=3))))
        layout["annotations"].append(value_label(i, values[i], shown[i], len(labels)))
    return go.Figure(data=traces, layout=layout)


def value_label(i: int, y: float, text: str, count: int) -> dict:
    """The selected period's figure in a white box on a short leader above its marker: clear of the marker and
    of the lines through it, and kept inside the plot at either end."""
    return dict(x=i, y=y, xref="x", yref="y", text=f"<b>{text}</b>", showarrow=True, arrowhead=0, arrowwidth=1,
                arrowcolor=OURS["color"], ax=0, ay=-34, bgcolor="white", bordercolor=OURS["color"], borderwidth=1,
                borderpad=3, font=dict(size=14, color=palette.NAVY),
                xanchor="right" if count > 1 and i == count - 1 else "left" if count > 1 and i == 0 else "center")


def _labels(rows_by_id: dict[str, pd.DataFrame]) -> list[str]:
    frames = [f[["period_start", "period"]] for f in rows_by_id.values() if not f.empty]
    if not frames:
        return []
    both = pd.concat(frames).drop_duplicates().sort_values("period_start")
    return list(both["period"])


def _lookup(frame: pd.DataFrame, column: str, labels: list[str]) -> list[float | None]:
    by_period = dict(zip(frame["period"], frame[column]))
    return [as_float(by_period.get(label)) for label in labels]


def composition_figure(rows_by_id: dict[str, pd.DataFrame], names: dict[str, str], measure: str = "value",
                       unit: str = "percent", title: str = "", highlight: str | None = None,
                       benchmark: pd.DataFrame | None = None, benchmark_name: str = "",
                       height: int = HEIGHT) -> go.Figure:
    """Parts of a whole over time as stacked bars (shares or counts); `highlight` is drawn first and strongest."""
    order = sorted(rows_by_id, key=lambda key: key != highlight)
    labels = _labels(rows_by_id)
    x = list(range(len(labels)))
    traces = []
    for position, key in enumerate(order):
        frame = rows_by_id[key]
        shares = [_fmt(v, "percent") for v in _lookup(frame, "value", labels)]
        colour, pattern = palette.category(position), palette.PATTERNS[position % len(palette.PATTERNS)]
        counts = [_fmt(v, "count") for v in _lookup(frame, "numerator", labels)]
        hover = (f"%{{customdata[0]}}<br>{names[key]}: %{{customdata[2]}} (%{{customdata[1]}})<extra></extra>"
                 if measure != "value" else f"%{{customdata[0]}}<br>{names[key]}: %{{customdata[1]}}<extra></extra>")
        traces.append(dict(type="bar", x=x, y=_lookup(frame, measure, labels), name=names[key],
                           customdata=[[p, share, count] for p, share, count in zip(labels, shares, counts)],
                           marker=dict(color=colour, line=dict(color="white", width=1),
                                       pattern=dict(shape=pattern, fgcolor="white", bgcolor=colour, fillmode="replace",
                                                    size=8, solidity=0.25)),
                           hovertemplate=hover))
    if benchmark is not None and not benchmark.empty:
        marks = _lookup(benchmark, "value", labels)
        traces.append(dict(type="scatter", x=x, y=marks, name=benchmark_name,
                           mode="lines+markers", line=dict(BENCHMARK_STYLES["england"], shape="hvh"),
                           marker=dict(symbol="diamond", size=8, color=palette.BENCHMARKS["england"]),
                           customdata=[[p, _fmt(v, "percent")] for p, v in zip(labels, marks)],
                           hovertemplate=f"%{{customdata[0]}}<br>{benchmark_name}: %{{customdata[1]}}<extra></extra>"))
    layout = _time_layout(title, unit, labels, height)
    layout.update(barmode="stack", bargap=0.25)
    if unit == "percent":
        layout["yaxis"]["range"] = [0, 100]
    return go.Figure(data=traces, layout=layout)


def _labelled_bars(labels: list[str], texts: list[str], top: float, title: str, unit: str, height: int | None,
                   traces: list[dict], shapes: list | None = None) -> go.Figure:
    """Horizontal bars from zero, each named with its figure in a line above it rather than beside it: nothing to
    clip on a phone, and no label over a bar's end or its limit marks."""
    y = list(range(len(labels)))
    notes = [dict(xref="paper", x=0, yref="y", y=i - 0.28, yanchor="bottom", xanchor="left", showarrow=False,
                  align="left", text=f"{label}: <b>{text}</b>", font=dict(size=13, color=palette.INK))
             for i, (label, text) in enumerate(zip(labels, texts))]
    heading, legend = _title(title), any(trace.get("showlegend", True) for trace in traces)
    layout = dict(title=heading, font=FONT, plot_bgcolor="white", paper_bgcolor="white", bargap=0.5,
                  height=height or 110 + 58 * len(labels) + _top(heading) - 56 + 36 * legend,
                  margin=dict(l=16, r=24, t=_top(heading) + 8, b=40 + 36 * legend), shapes=shapes or [],
                  annotations=notes, showlegend=legend,
                  # At the foot of the whole figure, under the axis's numbers rather than over them.
                  legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, x=0, xanchor="left",
                              font=dict(size=12)),
                  xaxis=dict(range=[0, top], ticksuffix="%" if unit == "percent" else "", gridcolor=palette.GRID,
                             separatethousands=True, fixedrange=True),
                  yaxis=dict(showticklabels=False, showgrid=False, range=[len(labels) - 0.6, -0.72], fixedrange=True))
    return go.Figure(data=[dict(trace, y=trace.get("y", y)) for trace in traces], layout=layout)


def funnel_figure(steps: list[tuple[str, float | None]], title: str, height: int | None = None) -> go.Figure:
    """A pathway's counts for one period as bars from zero, each step with its percentage of the step before."""
    shown = [(label, value) for label, value in steps if value is not None]
    text = [_fmt(value, "count") if i == 0 or not shown[i - 1][1]
            else f"{_fmt(value, 'count')} ({numbers.percent_of(value, shown[i - 1][1], dps=0)}%)"
            for i, (_, value) in enumerate(shown)]
    values = [value for _, value in shown]
    trace = dict(type="bar", x=values, orientation="h", name="Number", showlegend=False,
                 customdata=[label for label, _ in shown],
                 marker=dict(color=palette.OURS), hovertemplate="%{customdata}: %{x:,.0f}<extra></extra>")
    return _labelled_bars([label for label, _ in shown], text, max(values or [1]) * 1.05, title, "count", height,
                          [trace])


def _limit_marks(labels: list[str], item_limits: list[Limits | None]) -> list[dict]:
    """Each bar's own green and amber limits as upright marks across it, for bars whose limits differ."""
    marks = []
    for name, width in (("green", 3.5), ("amber", 1.5)):
        xs, ys = [], []
        for i, limits in enumerate(item_limits):
            if limits is None or limits.method not in ("up", "down", "band"):
                continue
            ends = (limits.green_lo, limits.green_hi) if name == "green" else (limits.amber_lo, limits.amber_hi)
            for end in (e for e in ends if e is not None):
                xs.append(end)
                ys.append(i)
        if xs:
            marks.append(dict(type="scatter", x=xs, y=ys, mode="markers", name=f"{rag.WORDS[name]} limit",
                              customdata=[[labels[i], numbers.text(x, "rate")] for i, x in zip(ys, xs)], meta=RATING,
                              marker=dict(symbol="line-ns", size=24, line=dict(width=width, color=palette.INK)),
                              hovertemplate=f"%{{customdata[0]}}: {rag.WORDS[name].lower()} limit %{{customdata[1]}}"
                                            "<extra></extra>"))
    return marks


def rag_bars_figure(items: list[tuple[str, float | None, str]], unit: str, title: str,
                    limits: Limits | None = None, height: int | None = None,
                    item_limits: list[Limits | None] | None = None) -> go.Figure:
    """One bar per (label, value, rag) for a period, coloured and labelled by rating, with its limits: shaded bands
    when every bar shares `limits`, else each bar's `item_limits` marked across it."""
    labels = [label for label, _, _ in items]
    values = [as_float(value) for _, value, _ in items]
    rags = [r for _, _, r in items]
    text = [f"{_fmt(v, unit)}  {rag.label(r)}" if v is not None else "No data" for v, r in zip(values, rags)]
    trace = dict(type="bar", x=[v or 0 for v in values], orientation="h", name="Figure", meta=RATING, showlegend=False,
                 customdata=[[label, _fmt(v, unit)] for label, v in zip(labels, values)],
                 hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
                 marker=dict(color=[palette.rag(r) for r in rags], line=dict(color=palette.MARK_LINE, width=1)))
    top = 100.0 if unit == "percent" else max([v for v in values if v is not None] or [1]) * 1.25
    shapes, traces = [], [trace]
    if limits is not None and limits.method in ("up", "down", "band"):
        shapes = [dict(type="rect", yref="y domain", y0=0, y1=1, xref="x", x0=x0, x1=x1,
                       fillcolor=palette.RAG_FILLS[name], line=dict(width=0), layer="below")
                  for name, x0, x1 in _bands(limits, 0.0, top)]
    elif item_limits:
        traces += _limit_marks(labels, item_limits)
    return _labelled_bars(labels, text, top, title, unit, height, traces, shapes)


def lines_figure(rows_by_id: dict[str, pd.DataFrame], names: dict[str, str], unit: str, title: str,
                 selected: str | None = None, height: int = HEIGHT) -> go.Figure:
    """Several indicators of the same unit over time, each line with its own colour and dash."""
    labels = _labels(rows_by_id)
    x = list(range(len(labels)))
    series = {key: _lookup(frame, "value", labels) for key, frame in rows_by_id.items()}
    traces = [dict(type="scatter", x=x, y=series[key], name=names[key], mode="lines+markers",
                   line=dict(color=palette.category(i), width=2.5, dash=palette.DASHES[i % len(palette.DASHES)]),
                   customdata=[[p, _fmt(v, unit)] for p, v in zip(labels, series[key])],
                   hovertemplate=f"%{{customdata[0]}}<br>{names[key]}: %{{customdata[1]}}<extra></extra>")
              for i, key in enumerate(rows_by_id)]
    layout = _time_layout(title, unit, labels, height)
    layout["yaxis"]["range"] = list(_y_range([v for s in series.values() for v in s if v is not None], unit, None))
    if selected in labels:
        layout["shapes"].append(dict(type="line", xref="x", x0=labels.index(selected), x1=labels.index(selected),
                                     yref="y domain", y0=0, y1=1, line=dict(color=palette.MUTED, width=1, dash="dot")))
    return go.Figure(data=traces, layout=layout)


def mark_suppressed(fig: go.Figure, rows: pd.DataFrame) -> go.Figure:
    """Label each period whose figure was suppressed (rows from export.suppression.suppress), so a gap in a
    chart image says why."""
    if "suppressed" not in rows:
        return fig
    for i, flag in enumerate(rows["suppressed"]):
        if flag:
            fig.add_annotation(x=i, yref="paper", y=0.03, text="suppressed", showarrow=False, yanchor="bottom",
                               font=dict(size=11, color=palette.MUTED), bgcolor="rgba(255,255,255,0.8)")
    return fig


def download_config(name: str, period: str = "") -> dict:
    """Plotly's toolbar settings: a 1600x900 PNG named after the chart and period."""
    stem = re.sub(r"[^A-Za-z0-9]+", "_", f"{name}_{period}").strip("_")
    return {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
            "toImageButtonOptions": {"format": "png", "filename": stem, "width": 1600, "height": 900, "scale": 1}}
