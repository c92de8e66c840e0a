"""The shared sidebar: who the dashboard is for, and the period, view and comparator every page uses."""

from __future__ import annotations

import streamlit as st

from pages.ui import data, state
from safeguarding import glossary
from safeguarding.untrusted import markdown_literal as literal

VIEWS = {"quarter": "Quarter", "year": "Financial year"}
COMPARATORS = ("england", "region", "neighbours")


def sidebar(partnership: data.Partnership) -> None:
    """Draw the sidebar: the partnership's name and the filters every page reads (state.filters())."""
    with st.sidebar:
        st.markdown(f"#### {literal(partnership.name)}")
        if partnership.la_name:
            st.caption(f"Local authority: {partnership.la_name}, {partnership.region_name}")
        st.radio("View", list(VIEWS), format_func=VIEWS.get, key=state.VIEW, horizontal=True,
                 help="Quarter: each quarter's figures (rates over the last 12 months). Financial year: April "
                      "to March, for the annual report and for comparing with DfE's published figures.")
        options, default = data.period_options(st.session_state[state.VIEW])
        state.settle_period(options, default)
        st.selectbox("Period", options, key=state.PERIOD,
                     help="Any loaded period; the latest with figures is chosen when you arrive.")
        names = {"england": "England", "region": partnership.region_name or "Region",
                 "neighbours": "Statistical neighbours"}
        st.selectbox("Compare with", COMPARATORS, format_func=names.get, key=state.COMPARATOR,
                     help=glossary.TERMS["statistical neighbours"] + " Region: the partnership's own region.")
