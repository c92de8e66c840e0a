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
left, right = st.columns(2)
with left:
    blocks.view_chart(views.s47_flow, chosen)
with right:
    blocks.view_chart(views.abuse_categories, chosen)
left, right = st.columns(2)
with left:
    blocks.view_chart(views.indicator_chart, chosen, "cp_repeat")
with right:
    blocks.view_chart(views.indicator_chart, chosen, "cp_2yr")
left, right = st.columns(2)
with left:
    blocks.view_chart(views.indicator_chart, chosen, "cp_visits_timely")
with right:
    blocks.view_chart(views.indicator_chart, chosen, "cp_rate")
st.header(f"Every child protection figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("child_protection"))
blocks.tile_grid(tiles, key="child_protection")
