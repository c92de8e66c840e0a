"""Training and workforce: places, attendance and did-not-attend, attendance by agency, evaluations."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import glossary, views

chosen = state.filters()
blocks.page_header("Training and workforce", "Are the places we offer taken up and attended, which agencies "
                   "book places and do not come, and is the training any good?", glossary.explain("DNA level 3"))
if chosen.period is None:
    blocks.no_data()
ctx = data.context(chosen.view, chosen.period, chosen.comparator)
left, right = st.columns(2)
with left:
    blocks.chart(views.training_by_agency(ctx), chosen.period)
with right:
    blocks.chart(views.training_places(ctx), chosen.period)
left, right = st.columns(2)
with left:
    blocks.chart(views.indicator_chart(ctx, "training_evaluation_good"), chosen.period)
with right:
    blocks.chart(views.indicator_chart(ctx, "health_l3_compliance"), chosen.period)
st.subheader(f"Every training and workforce figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("training"))
blocks.tile_grid(tiles, key="training")
