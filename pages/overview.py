"""Overview: where we stand and what needs attention this period, the child protection headlines, then the rest."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import agenda, figure, scorecard

chosen = state.filters()
blocks.page_header("Overview", f"Where do we stand in {chosen.period}, and what needs attention? Changes are "
                   f"against the previous {'quarter' if chosen.view == 'quarter' else 'year'}; select Details "
                   "for the trend and what partners said.")
if chosen.period is None:
    blocks.no_data()
figures = data.tiles(chosen.view, chosen.period, chosen.comparator)
blocks.state_summary(figure.state_counts(figures))
items = agenda.items(figures)
st.header(f"What needs attention this period ({len(items)})")
blocks.agenda_list(items, key="agenda")
st.header("Child protection headlines")
st.caption(agenda.HEADLINES_NOTE)
blocks.tile_grid(agenda.headlines(figures), key="overview_0", columns=3)
# The grid of every indicator is drawn only while it is open: closed, it would still cost each visit its
# forty-odd tiles in the browser.
with st.expander(f"Every indicator by theme ({len(figures)})", icon=":material/grid_view:",
                 key=state.EVERY_INDICATOR, on_change="rerun") as grid:
    if grid.open:
        st.toggle("Show only what needs attention (red and amber)", key=state.ATTENTION_ONLY)
        groups = scorecard.overview_groups(figures, st.session_state[state.ATTENTION_ONLY], headlines=False)
        if not groups:
            st.success("Nothing else is rated red or amber for this period.", icon=":material/check_circle:")
        for position, (name, members) in enumerate(groups, start=1):
            st.subheader(name)
            blocks.tile_grid(members, key=f"overview_{position}", columns=4)
