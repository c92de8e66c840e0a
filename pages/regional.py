"""Regional view: the region's partnerships side by side on the shared indicators, as a stranger may see them."""

import streamlit as st

from pages.ui import access, blocks, region, state
from safeguarding import regional_view
from safeguarding.untrusted import markdown_literal as literal

access.require_region()
chosen = state.filters()
blocks.page_header(
    "Regional view", "How do the region's partnerships compare on the indicators the region shares?",
    "Each partnership's figures under its own disclosure rule (what anyone outside it may see), rated against its "
    "own thresholds, and its fifth of the region: 1 for the lowest fifth of figures, 5 for the highest.")
if chosen.period is None:
    blocks.no_data()
try:
    rug = region.rug(chosen.view, chosen.period)
except ValueError as exc:
    st.error(f"The regional view cannot be shown: {exc}", icon=":material/error:")
    st.stop()
st.header(f"Shared indicators, {chosen.period}")
st.markdown(literal(regional_view.summary(rug, chosen.period)))
blocks.text_table(regional_view.table(rug))
st.caption(literal(regional_view.legend()))
region.downloads(rug, chosen.period)
st.subheader("As a chart")
item = regional_view.chart(rug, chosen.period)
# Every figure in the rug is already protected: its picture may go into board papers as it is.
blocks.chart(item, chosen.period, detail_button=False, snapshot=lambda: item)
