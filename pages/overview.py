"""Overview: every indicator for the chosen period, the child protection headlines first."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import scorecard

chosen = state.filters()
blocks.page_header("Overview", f"How are children being protected? Every figure for {chosen.period}, the "
                   "child protection headlines first. Changes are against the previous "
                   f"{'quarter' if chosen.view == 'quarter' else 'year'}; select Details for the trend and what "
                   "partners said.")
if chosen.period is None:
    blocks.no_data()
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator)
blocks.rag_summary(scorecard.rag_counts(tiles))
st.toggle("Show only what needs attention (red and amber)", key=state.ATTENTION_ONLY)
groups = scorecard.overview_groups(tiles, st.session_state[state.ATTENTION_ONLY])
if not groups:
    st.success("Nothing is rated red or amber for this period.", icon=":material/check_circle:")
for position, (name, members) in enumerate(groups):
    st.header(name)
    blocks.tile_grid(members, key=f"overview_{position}", columns=3 if position == 0 else 4)
