"""Reusable drawing: page header, demo banner, RAG badge, indicator tiles, and the chart block."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pages.ui import data, exports, state
from pages.ui.data import Partnership
from pages.ui.state import Filters
from safeguarding import (agenda, chart_text, charts, comparators, definitions, glossary, palette, rag, scorecard,
                          sparkline, untrusted, views)
from safeguarding.figure import Figure
from safeguarding.views import Chart

TILE_HEIGHT = 380
literal = untrusted.markdown_literal  # text from partners or visitors, placed inside our own Markdown


def plain(text: object) -> None:
    """Text from partners or visitors, shown exactly as written: never Markdown, HTML or a link."""
    st.text(untrusted.clean(text))


def page_header(title: str, question: str, help_text: str = "") -> None:
    """The page's title and the one question it answers."""
    st.title(title)
    st.markdown(f"*{question}*", help=help_text or None)


def demo_banner(partnership: Partnership) -> None:
    """Say plainly, on every page, when the figures are synthetic."""
    if partnership.demo:
        st.warning("**Demo data.** Every figure here is synthetic, made up to show how the dashboard works. "
                   "The benchmarks (England, region, statistical neighbours) are real DfE figures for "
                   f"{partnership.la_name or 'the chosen local authority'}.", icon=":material/science:")


def rag_badge(rating: str) -> str:
    """A rating as a coloured badge with its symbol and word (markdown)."""
    return f":{palette.RAG_BADGE[rating]}-badge[{rag.label(rating)}]"


def state_badge(state: str) -> str:
    """A figure's state as a badge: its rating colour (grey when unrated), symbol and word (markdown)."""
    return f":{palette.RAG_BADGE[rag.colour_key(state)]}-badge[{rag.state_label(state)}]"


def _arrow(change: str) -> str:
    return "up" if change.startswith("up") else "down" if change.startswith("down") else "off"


def _help(item: Figure) -> str:
    ind = definitions.indicators()[item.indicator_id]
    lines = [item.reason, item.quartile_text, ind.definition, glossary.explain(ind.title + " " + ind.definition)]
    return "\n\n".join(line for line in lines if line)


def flag_lines(item: Figure) -> None:
    """The figure's data-quality queries and the partnership's open questions, each on its own line, as plain
    text (a question is a member's own words)."""
    for flag in item.flags:
        st.markdown(f":orange[{literal(flag.label)}]")
    for question in item.questions:
        st.markdown(f":blue[{literal(question)}]")


def tile(item: Figure, key: str) -> None:
    """One indicator: value, state, change in words, sparkline, comparison, verdicts, queries, and its detail."""
    ind = definitions.indicators()[item.indicator_id]
    # The trend is a small server-drawn SVG: a page of tiles then opens without one chart library per tile.
    spark = sparkline.svg(list(item.trend), f"Trend of {item.title}")
    comparison = item.comparison_text if scorecard.comparable(ind) else f":gray[{item.comparison_text}]"
    if item.rated_note:
        comparison += f" ({item.rated_note})"
    with st.container(border=True, height=TILE_HEIGHT, gap="xsmall"):
        st.markdown(f"**{item.title}**", help=_help(item))
        # The change and sparkline stay one neutral colour: the state badge is the tile's only traffic light.
        st.metric(item.title, item.shown_text, delta=item.change_text, delta_color="blue",
                  delta_arrow=_arrow(item.change_text), label_visibility="collapsed")
        if spark:
            trend_words = chart_text.sparkline_text(item.indicator_id, item.trend, item.trend_periods)
            st.image(spark, alt=f"Trend of {item.title}. {trend_words}")
            st.caption(trend_words)
        st.markdown(f"{state_badge(item.state)} &nbsp; {comparison}")
        if item.fallback_text:
            st.caption(f"{item.period} suppressed (a small number): the {item.fallback_period} financial year "
                       "is shown instead.")
        if item.spc_text:
            st.caption(item.spc_text)
        flag_lines(item)
        if st.button("Details", key=f"{key}_{item.indicator_id}", icon=":material/arrow_forward:",
                     type="tertiary", help=f"Open {item.title}: trend, benchmarks and the partners' commentary"):
            state.open_indicator(item.indicator_id)


def tile_grid(items: list[Figure], key: str, columns: int = 4) -> None:
    """Tiles in rows of `columns`."""
    for start in range(0, len(items), columns):
        cells = st.columns(columns)
        for cell, item in zip(cells, items[start:start + columns]):
            with cell:
                tile(item, key)


def state_summary(counts: dict[str, int]) -> None:
    """'4 red, 14 amber, 18 green, 1 no data, ...' as badges, states with none left out after the ratings."""
    shown = [key for key in rag.STATES if counts[key] or key in ("red", "amber", "green")]
    st.markdown(" &nbsp; ".join(f"{state_badge(key)} **{counts[key]}**" for key in shown))


def agenda_list(items: list[agenda.Item], key: str, height: int = 400) -> None:
    """The ranked agenda: per line the figure and state, the reason, verdicts, what it was rated against, the
    partners' first line and any query; a way into the detail."""
    if not items:
        st.success("Nothing needs attention this period: no red or amber rating, no special cause, no query on a "
                   "headline figure.", icon=":material/check_circle:")
        return
    with st.container(height=height, border=True):
        for entry in items:
            item = entry.figure
            text, button = st.columns([12, 2], vertical_alignment="center")
            with text:
                why = f" &nbsp; :gray[{entry.why_text}]" if entry.why_text else ""
                st.markdown(f"{state_badge(item.state)} **{item.title}: {item.shown_text}**{why} &nbsp; {item.reason}")
                extra = [item.interval_text, item.spc_text,
                         f"Rated against {item.rated_against}" if item.rated_against else "",
                         f"\u201c{literal(item.commentary)}\u201d" if item.commentary else ""]
                details = " \u00b7 ".join(part for part in extra if part)
                if details:
                    st.caption(details)
                flag_lines(item)
            with button:
                if st.button("Details", key=f"{key}_{item.indicator_id}", icon=":material/arrow_forward:",
                             type="tertiary", help=f"Open {item.title}"):
                    state.open_indicator(item.indicator_id)


def table(frame: pd.DataFrame, height: int | str = "auto") -> None:
    """A scrollable, sortable table without the index (for long lists)."""
    st.dataframe(frame, hide_index=True, height=height)


def text_table(frame: pd.DataFrame) -> None:
    """A table shown in full with its text wrapped: for a short list people read rather than sort.

    st.table reads every cell as Markdown, and these cells hold what partners wrote: each is escaped."""
    shown = frame.rename(columns=lambda c: literal(c) if isinstance(c, str) else c)
    st.table(shown.map(lambda v: literal(v) if isinstance(v, str) else v), hide_index=True)


def fitted_table(frame: pd.DataFrame, short: int = 30) -> None:
    """In full with its text wrapped when it has at most `short` rows, else scrolling."""
    (text_table if len(frame) <= short else table)(frame)


def chart(item: Chart, period: str, key: str | None = None, detail_button: bool = True,
          snapshot: Callable[[], Chart] | None = None) -> None:
    """A chart with its one-line summary above and its data table below (accessibility: never a chart alone);
    with `snapshot` (the same chart drawn from suppressed figures), PNG and SVG downloads for board papers."""
    key = key or item.key
    st.markdown(item.summary, help=item.help or None)
    # The summary is the chart's text alternative too (a screen reader hears it in place of the picture).
    st.plotly_chart(item.figure, theme=None, key=f"chart_{key}", config=charts.download_config(item.key, period),
                    alt=item.summary)
    if snapshot is not None:
        exports.image_buttons(lambda: snapshot().figure, chart_name(item), period, key=key)
    # Drawn only once opened: a page of charts would otherwise build every table in the browser on each visit.
    with st.expander("The figures behind this chart", key=state.FIGURES_OPEN + key, on_change="rerun") as figures:
        if figures.open:
            table(item.table)
    if detail_button and item.indicator_id:
        title = definitions.indicators()[item.indicator_id].title
        if st.button(f"Detail: {title}", key=f"open_{key}", help="Trend, benchmarks and what partners said",
                     icon=":material/arrow_forward:", type="tertiary"):
            state.open_indicator(item.indicator_id)


def chart_name(item: Chart) -> str:
    """What a chart's files are called: its title without the period, else its indicator's title."""
    title = (item.figure.layout.title.text or "").replace("<br>", " ")
    if not title and item.indicator_id:
        title = definitions.indicators()[item.indicator_id].title
    return title.split(", ")[0] if title else item.key


def view_chart(build: Callable[..., Chart], chosen: Filters, *args, detail_button: bool = True, **kwargs) -> None:
    """The chart `build(context, *args, **kwargs)` for the sidebar's choices, with image downloads drawn from the
    suppressed figures (small numbers never leave the dashboard in a picture)."""
    choice = (chosen.view, chosen.period, chosen.comparator)
    chart(data.chart(build, *choice, *args, **kwargs), chosen.period, detail_button=detail_button,
          snapshot=lambda: data.chart(build, *choice, *args, exact_figures=False, **kwargs))


def theme_page(chosen: Filters, title: str, question: str, help_text: str, theme: str, figures_name: str,
               questions: dict[str, list[tuple]]) -> None:
    """A theme page: its header, a tab per question with that question's charts two by two (each `(builder,
    *args)` for view_chart), then a tile for every indicator of the theme."""
    page_header(title, question, help_text)
    if chosen.period is None:
        no_data()
    # Only the open tab's charts are drawn: a page of charts otherwise waits for every one of them in the browser.
    for tab, asked in zip(st.tabs(list(questions), key=state.THEME_QUESTION + theme, on_change="rerun"),
                          questions.values()):
        with tab:
            if tab.open:
                for start in range(0, len(asked), 2):
                    for column, (build, *args) in zip(st.columns(2), asked[start:start + 2]):
                        with column:
                            view_chart(build, chosen, *args)
    st.header(f"Every {figures_name} figure, {chosen.period}")
    tile_grid(data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids(theme)), key=theme)


def no_data(message: str = "No figures are loaded yet.") -> None:
    """Stop the page politely when there is nothing to show."""
    st.info(message, icon=":material/info:")
    st.stop()


def indicator_headline(item: Figure, row: dict, region_name: str) -> None:
    """The selected period's figure, its state and reason, verdicts, queries, its parts and its benchmarks."""
    ind = definitions.indicators()[item.indicator_id]
    flag_lines(item)
    left, middle, right = st.columns([1, 2, 2])
    with left:
        st.metric(item.shown_label, item.shown_text, delta=item.change_text, delta_color="blue",
                  delta_arrow=_arrow(item.change_text))
    with middle:
        st.markdown(f"{state_badge(item.state)}  \n{item.reason}")
        lines = [item.interval_text, item.spc_text, f"Rated against {item.rated_against}." if item.rated_against
                 else "", item.quartile_text]
        if any(lines):
            st.caption("  \n".join(line for line in lines if line))
        parts = [f"{chart_text.measure_label(ind.numerator)}: **{scorecard.number(item.numerator, 'count')}**"]
        if ind.denominator:
            denominator = scorecard.number(item.denominator, "count")
            parts.append(f"{chart_text.measure_label(ind.denominator)}: **{denominator}**")
        st.markdown("  \n".join(parts))
    with right:
        if scorecard.comparable(ind):
            lines = [scorecard.comparator_text(ind, row, key, region_name, always_year=True)
                     for key in comparators.KEYS]
            st.markdown("  \n".join(lines))
        else:
            st.markdown(ind.benchmark_note or "No published national comparison for this indicator.")


def commentary(notes: pd.DataFrame) -> None:
    """The partners' own words, one quoted note per quarter and measure."""
    for note in notes.to_dict("records"):
        with st.container(border=True, gap="xsmall"):
            st.markdown(f"**{literal(note['Quarter'])}, {literal(note['Agency'])}** "
                        f"(on: {literal(note['About'].lower())})")
            plain(note["Commentary"])
