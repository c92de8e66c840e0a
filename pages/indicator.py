"""Indicator detail: one indicator's trend, rating, benchmarks, definition and the partners' commentary."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import chart_text, definitions, glossary, views

chosen = state.filters()
ids = data.indicator_ids()
titles = {i: definitions.indicators()[i].title for i in ids}
state.indicator_from_url(ids)
st.selectbox("Indicator", ids, format_func=titles.get, key=state.INDICATOR)
state.indicator_to_url()
ind = definitions.indicators()[st.session_state[state.INDICATOR]]
blocks.page_header(ind.title, ind.definition, glossary.explain(f"{ind.title} {ind.definition}", exclude=()))
if chosen.period is None:
    blocks.no_data()
ctx = data.context(chosen.view, chosen.period, chosen.comparator)
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, [ind.id])
if tiles:
    blocks.indicator_headline(tiles[0], data.row(chosen.view, ind.id, chosen.period), ctx.region_name)
blocks.chart(views.indicator_chart(ctx, ind.id), chosen.period, detail_button=False)
st.subheader("How it is worked out")
st.markdown(f"**Formula:** {chart_text.formula_words(ind.id)}  \n**Comparison:** {data.benchmark_source(ind.id)}")
st.subheader("What partners said")
notes = data.commentary(ind.id)
if notes.empty:
    st.markdown("No commentary was sent with these figures.")
else:
    blocks.table(notes)
