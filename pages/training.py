"""Training and workforce: places, attendance and did-not-attend, attendance by agency, evaluations."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import glossary, views

chosen = state.filters()
blocks.page_header("Training and workforce", "Are the places we offer taken up and attended, which agencies "
                   "book places and do not come, and is the training any good?", glossary.explain("DNA level 3"))
if chosen.period is None:
    blocks.no_data()
left, right = st.columns(2)
with left:
    blocks.view_chart(views.training_by_agency, chosen)
with right:
    blocks.view_chart(views.training_places, chosen)
left, right = st.columns(2)
with left:
    blocks.view_chart(views.indicator_chart, chosen, "training_evaluation_good")
with right:
    blocks.view_chart(views.indicator_chart, chosen, "health_l3_compliance")
st.header(f"Every training and workforce figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("training"))
blocks.tile_grid(tiles, key="training")
