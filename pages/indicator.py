"""Indicator detail: one indicator's trend, rating, benchmarks, definition and the partners' commentary."""

import streamlit as st

from pages.ui import blocks, challenge_blocks, data, state
from safeguarding import chart_text, definitions, detail, glossary, views

chosen = state.filters()
ids = data.indicator_ids()
titles = {i: definitions.indicators()[i].title for i in ids}
state.indicator_from_url(ids)
st.selectbox("Indicator", ids, format_func=titles.get, key=state.INDICATOR,
             help="Every indicator: the child protection headlines first, then by theme.")
state.indicator_to_url()
ind = definitions.indicators()[st.session_state[state.INDICATOR]]
blocks.page_header(ind.title, ind.definition, glossary.explain(f"{ind.title} {ind.definition}", exclude=()))
if chosen.period is None:
    blocks.no_data()
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, [ind.id])
if tiles:
    blocks.indicator_headline(tiles[0], data.row(chosen.view, ind.id, chosen.period),
                              data.partnership().region_name)
now, earlier = detail.split_by_period(data.commentary(ind.id), chosen.period)
st.header(f"What partners said about {chosen.period}")
if now.empty:
    st.markdown(f"No commentary was sent with the {chosen.period} figures.")
else:
    blocks.commentary(now)
blocks.view_chart(views.indicator_chart, chosen, ind.id, all_periods=True, detail_button=False)
control = data.xmr(ind.id, chosen.view)
if control is not None:
    st.header("Is the change real? Statistical process control")
    blocks.chart(control, chosen.period, key=f"xmr_{ind.id}", detail_button=False)
st.header("How it is worked out")
st.markdown(f"**Formula:** {chart_text.formula_words(ind.id)}  \n**Benchmark:** {data.benchmark_source(ind.id)}")
if not earlier.empty:
    with st.expander(f"What partners said about other periods ({len(earlier)})"):
        blocks.commentary(earlier)
challenge_blocks.history(ind.id, chosen.period)
