"""The dashboard's frame: page setup, the shared sidebar, navigation over every page, then the page."""

import streamlit as st

from pages.ui import access, blocks, data, filters, navigation, state

st.set_page_config(page_title="Safeguarding children dashboard", page_icon=":material/shield:", layout="wide")
state.init()
state.frame_ran()
access.gate()  # several partnerships: choose among your own, before anything is read
page = st.navigation(navigation.sections(), expanded=True)  # first, so the sidebar is right even during the build
data.ensure_database()
if not data.store_ready():  # another program holds the database: a plain notice that retries by itself
    st.stop()
partnership = data.partnership()
filters.sidebar(partnership)
filters.bar(partnership)
access.sidebar()
blocks.demo_banner(partnership)
page.run()
