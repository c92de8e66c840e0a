"""Child protection: from section 47 enquiry to plan, categories of abuse, and how plans go."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import glossary, views

chosen = state.filters()
blocks.page_header("Child protection", "How many enquiries lead to a conference and a plan, why children are on "
                   "plans, and are plans working: repeat plans, long plans and visits?",
                   glossary.explain("s47 ICPC CP plan"))
if chosen.period is None:
    blocks.no_data()
ctx = data.context(chosen.view, chosen.period, chosen.comparator)
left, right = st.columns(2)
with left:
    blocks.chart(views.s47_flow(ctx), chosen.period)
with right:
    blocks.chart(views.abuse_categories(ctx), chosen.period)
left, right = st.columns(2)
with left:
    blocks.chart(views.indicator_chart(ctx, "cp_repeat"), chosen.period)
with right:
    blocks.chart(views.indicator_chart(ctx, "cp_2yr"), chosen.period)
left, right = st.columns(2)
with left:
    blocks.chart(views.indicator_chart(ctx, "cp_visits_timely"), chosen.period)
with right:
    blocks.chart(views.indicator_chart(ctx, "cp_rate"), chosen.period)
st.subheader(f"Every child protection figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("child_protection"))
blocks.tile_grid(tiles, key="child_protection")
