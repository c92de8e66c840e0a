"""The regional rug as people read it: the accessible table, the one-line summary, the chart and the downloads."""

from __future__ import annotations

import csv
import html
import io

import pandas as pd
import plotly.graph_objects as go
import xlsxwriter

from safeguarding import charts, palette, rag
from safeguarding.export import download
from safeguarding.regional import fifths_min
from safeguarding.sheet_text import safe_text
from safeguarding.views import Chart

# The chart's cells: one colour per rating (every other state grey), pale so the dark symbol reads on each.
COLOURS = ("green", "amber", "red", "grey")
ROW_HEIGHT = 30
LABEL_WIDTH = 380  # pixels, at most, for the indicator titles down the side
NAME_CHARACTERS = 16  # a line of a partnership's name above its column
LEGEND = ("Each cell: the figure as anyone outside the partnership may see it, its rating (symbol and word, against "
          "the partnership's own thresholds) and its fifth of the region, 1 for the lowest figures to 5 for the "
          "highest; top and bottom fifths say whether higher is better. c or *: not shown under the partnership's "
          "disclosure rule; such a figure takes no fifth and is left out when the others are placed. Tied figures "
          "share a fifth. An indicator with fewer than {min} partnerships showing a figure is not placed in fifths.")


def cell_text(row: dict) -> str:
    """One rug cell in words: '21.6% · ✖ Red · fifth 5 (top, worse)', never colour alone."""
    parts = [row["shown"], row["state_text"]] if row["state"] != "no_data" else [row["state_text"]]
    if not pd.isna(row["quintile"]):
        words = row["fifth"].lower().replace(" fifth (", ", ").rstrip(")")
        parts.append(f"fifth {int(row['quintile'])}" + (f" ({words})" if words else ""))
    return " · ".join(parts)


def table(rug: pd.DataFrame) -> pd.DataFrame:
    """The rug as the page shows it: a row per shared indicator, a column per partnership."""
    cells = rug.assign(cell=[cell_text(r) for r in rug.to_dict("records")])
    wide = cells.pivot(index="indicator_id", columns="partnership", values="cell")
    order = list(dict.fromkeys(rug["indicator_id"]))
    titles = dict(zip(rug["indicator_id"], rug["indicator"]))
    wide = wide.reindex(index=order, columns=list(dict.fromkeys(rug["partnership"])))
    wide.insert(0, "Indicator", [titles[i] for i in order])
    return wide.reset_index(drop=True).rename_axis(columns=None)


def figures_table(rug: pd.DataFrame) -> pd.DataFrame:
    """The chart's data table: one row per partnership and indicator, each part in its own column."""
    return pd.DataFrame({
        "Partnership": rug["partnership"], "Indicator": rug["indicator"], "Figure": rug["shown"],
        "Rating": rug["state_text"],
        "Fifth of the region": [str(int(q)) if not pd.isna(q) else "" for q in rug["quintile"]],
        "Top or bottom fifth": rug["fifth"],
        "Partnerships placed": rug["ranked"],
    })


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(rug: pd.DataFrame, period: str) -> str:
    """The rug in one line: how many partnerships sit in a worse or better fifth, and what is not shown."""
    members = rug["partnership"].nunique()
    hidden = int((rug["state"] == "suppressed").sum())
    one = hidden == 1
    not_shown = (f"; {_plural(hidden, 'figure')} {'is' if one else 'are'} not shown (disclosure control) and "
                 f"{'takes' if one else 'take'} no fifth" if hidden else "")
    if rug["quintile"].isna().all():
        return (f"In {period}, no shared indicator has {fifths_min()} or more partnerships with a figure shown, "
                f"so none is placed in fifths of the region{not_shown}.")
    flagged = rug[rug["fifth"] != ""]
    if flagged.empty:
        return f"In {period}, no partnership has a figure in the top or bottom fifth of the region{not_shown}."
    kinds = [f"{n} {how}" for how in ("worse", "better")
             if (n := int(flagged["fifth"].str.endswith(f"({how})").sum()))]
    neither = int(flagged["fifth"].str.contains("highest|lowest").sum())
    kinds += [f"{n} where neither is better" for n in (neither,) if n]
    who = flagged["partnership"].nunique()
    return (f"In {period}, {who} of {_plural(members, 'partnership')} {'has' if who == 1 else 'have'} figures in "
            f"the top or bottom fifth of the region ({_plural(len(flagged), 'figure')}: {', '.join(kinds)})"
            f"{not_shown}.")


def _wrapped(name: str) -> str:
    """A partnership's name for the chart's top axis: shown as written (plotly reads labels as HTML), in lines."""
    return "<br>".join(html.escape(line, quote=False) for line in charts.wrapped(name, NAME_CHARACTERS))


def figure(rug: pd.DataFrame, period: str) -> go.Figure:
    """A heatmap-style rug: cells tinted by rating, each with its symbol and fifth, indicators down the side."""
    order = list(dict.fromkeys(rug["indicator_id"]))
    names = list(dict.fromkeys(rug["partnership"]))
    titles = dict(zip(rug["indicator_id"], rug["indicator"]))
    cells = {(r["indicator_id"], r["partnership"]): r for r in rug.to_dict("records")}
    z, text, hover = [], [], []
    for indicator_id in order:
        row_z, row_text, row_hover = [], [], []
        for name in names:
            r = cells[(indicator_id, name)]
            colour = rag.colour_key(r["state"])
            fifth = "" if pd.isna(r["quintile"]) else f" {int(r['quintile'])}"
            row_z.append(COLOURS.index(colour))
            row_text.append(f"{rag.STATE_SYMBOLS[r['state']]}{fifth}")
            row_hover.append(html.escape(cell_text(r), quote=False))
        z.append(row_z)
        text.append(row_text)
        hover.append(row_hover)
    steps = len(COLOURS)
    scale = [[edge / steps, palette.RAG_TINT[c]] for i, c in enumerate(COLOURS) for edge in (i, i + 1)]
    x = [_wrapped(n) for n in names]
    trace = go.Heatmap(z=z, x=x, y=[titles[i] for i in order], text=text, customdata=hover,
                       texttemplate="%{text}", textfont=dict(size=15, color=palette.INK),
                       hovertemplate="%{x}<br>%{y}<br>%{customdata}<extra></extra>", colorscale=scale,
                       zmin=-0.5, zmax=steps - 0.5, showscale=False, xgap=2, ygap=2)
    title = charts._title(f"Shared indicators by partnership, {period}")
    layout = dict(title=title, font=charts.FONT, plot_bgcolor=palette.WHITE, paper_bgcolor=palette.WHITE,
                  height=charts._top(title) + 60 + ROW_HEIGHT * len(order),
                  # Room for the longest indicator title: plotly's automargin cuts it off beside a left-aligned title.
                  margin=dict(l=min(LABEL_WIDTH, 8 + 7 * max(len(t) for t in titles.values())), r=8,
                              t=charts._top(title) + 6 + 18 * max(n.count("<br>") + 1 for n in x), b=8),
                  xaxis=dict(side="top", tickangle=0),
                  yaxis=dict(autorange="reversed"))
    return go.Figure(data=[trace], layout=layout)


def legend() -> str:
    """What a rug cell says, for the caption under the table."""
    return LEGEND.format(min=fifths_min())


def chart(rug: pd.DataFrame, period: str) -> Chart:
    """The rug's chart with its one-line summary and data table."""
    line = (f"The same figures as a chart: {_plural(rug['partnership'].nunique(), 'partnership')} by "
            f"{_plural(rug['indicator_id'].nunique(), 'shared indicator')}, each cell tinted by its rating and "
            "showing the rating's symbol and the fifth of the region (1 lowest to 5 highest).")
    return Chart("regional_rug", figure(rug, period), line, figures_table(rug),
                 help="Each cell: the rating's symbol (tint: red, amber, green; grey for no rating) and the "
                      "partnership's fifth of the region (1 = lowest figures, 5 = highest).")


def rug_csv(rug: pd.DataFrame, period: str) -> bytes:
    """The rug table as shown, as CSV (UTF-8 with BOM, for Excel), with the summary beneath."""
    shown = table(rug)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for values in [list(shown.columns), *shown.values.tolist(), [], [summary(rug, period)]]:
        writer.writerow([safe_text(str(v)) for v in values])
    return buffer.getvalue().encode("utf-8-sig")


def rug_xlsx(rug: pd.DataFrame, period: str) -> bytes:
    """The rug table and the chart's data table as shown, as an Excel workbook."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    head = book.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": palette.NAVY, "text_wrap": True,
                            "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    whole = book.add_format({"num_format": "#,##0", "valign": "top"})
    shown, figures = table(rug), figures_table(rug)
    download._sheet(book, "Regional rug", list(shown.columns), shown.values.tolist(), head, wrap, whole, whole,
                    widths=[44] + [34] * (len(shown.columns) - 1))
    download._sheet(book, "Figures", list(figures.columns), figures.values.tolist(), head, wrap, whole, whole,
                    widths=[30, 44, 12, 20, 12, 22, 12])
    download._sheet(book, "About", ["About this file", ""], [["Period", period], ["Summary", summary(rug, period)]],
                    head, wrap, whole, whole, widths=[22, 100])
    book.close()
    return buffer.getvalue()
