"""Front door: contacts, referrals and who makes them."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import glossary, views

chosen = state.filters()
blocks.page_header("Front door", "What happens to contacts about children: how many become referrals, who "
                   "refers, and how quickly are decisions made?", glossary.explain("contact referral", exclude=()))
if chosen.period is None:
    blocks.no_data()
left, right = st.columns(2)
with left:
    blocks.view_chart(views.front_door_flow, chosen)
with right:
    blocks.view_chart(views.referral_sources, chosen)
left, right = st.columns(2)
with left:
    blocks.view_chart(views.indicator_chart, chosen, "contacts_decided_1wd")
with right:
    blocks.view_chart(views.indicator_chart, chosen, "rereferral_rate")
st.header(f"Every front door figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("front_door"))
blocks.tile_grid(tiles, key="front_door")
