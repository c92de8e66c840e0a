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
ctx = data.context(chosen.view, chosen.period, chosen.comparator)
left, right = st.columns(2)
with left:
    blocks.chart(views.partner_attendance(ctx), chosen.period)
with right:
    blocks.chart(views.partner_attendance_trend(ctx), chosen.period)
left, right = st.columns(2)
with left:
    blocks.chart(views.indicator_chart(ctx, "health_reports_on_time"), chosen.period)
with right:
    blocks.chart(views.indicator_chart(ctx, "encompass_timely"), chosen.period)
st.subheader(f"Every partner agency figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("partners"))
blocks.tile_grid(tiles, key="partners")
