"""Partner agencies: attendance at conferences and strategy discussions, and partners' own measures."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import glossary, views

chosen = state.filters()
blocks.page_header("Partner agencies", "Do police, health and schools take part when a child may be at risk: "
                   "strategy discussions, conferences and reports on time?",
                   glossary.explain("strategy discussion ICPC Encompass s175"))
if chosen.period is None:
    blocks.no_data()
left, right = st.columns(2)
with left:
    blocks.view_chart(views.partner_attendance, chosen)
with right:
    blocks.view_chart(views.partner_attendance_trend, chosen)
left, right = st.columns(2)
with left:
    blocks.view_chart(views.indicator_chart, chosen, "health_reports_on_time")
with right:
    blocks.view_chart(views.indicator_chart, chosen, "encompass_timely")
st.header(f"Every partner agency figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("partners"))
blocks.tile_grid(tiles, key="partners")
