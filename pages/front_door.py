"""Front door: contacts, referrals and who makes them."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import glossary, views

chosen = state.filters()
blocks.page_header("Front door", "What happens to contacts about children: how many become referrals, who "
                   "refers, and how quickly are decisions made?", glossary.explain("contact referral", exclude=()))
if chosen.period is None:
    blocks.no_data()
ctx = data.context(chosen.view, chosen.period, chosen.comparator)
left, right = st.columns(2)
with left:
    blocks.chart(views.front_door_flow(ctx), chosen.period)
with right:
    blocks.chart(views.referral_sources(ctx), chosen.period)
left, right = st.columns(2)
with left:
    blocks.chart(views.indicator_chart(ctx, "contacts_decided_1wd"), chosen.period)
with right:
    blocks.chart(views.indicator_chart(ctx, "rereferral_rate"), chosen.period)
st.subheader(f"Every front door figure, {chosen.period}")
tiles = data.tiles(chosen.view, chosen.period, chosen.comparator, views.theme_ids("front_door"))
blocks.tile_grid(tiles, key="front_door")
