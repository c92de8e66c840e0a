"""Children in care and missing: rates, visits and return home interviews."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import glossary, views

chosen = state.filters()
blocks.page_header("Children in care and missing", "How many children are in need or in care compared with "
                   "similar areas, are they visited on time, and are children who go missing seen when they "
                   "come back?", glossary.explain("CIN CLA RHI"))
if chosen.period is None:
    blocks.no_data()
left, right = st.columns(2)
with left:
    blocks.view_chart(views.indicator_chart, chosen, "cla_rate")
with right:
    blocks.view_chart(views.indicator_chart, chosen, "cin_rate")
left, right = st.columns(2)
with left:
    blocks.view_chart(views.indicator_chart, chosen, "cla_visits_timely")
with right:
    blocks.view_chart(views.indicator_chart, chosen, "rhi_72h")
st.header(f"Every children in care and missing figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("children_in_care"))
blocks.tile_grid(tiles, key="children_in_care")
