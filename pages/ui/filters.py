"""The shared sidebar: who the dashboard is for, and the period, view and comparator every page uses."""

from __future__ import annotations

import streamlit as st

from pages.ui import data, state
from safeguarding import comparators, glossary

VIEWS = {"quarter": "Quarter", "year": "Financial year"}


def sidebar(partnership: data.Partnership) -> None:
    """Draw the sidebar: the partnership's name and the filters every page reads (state.filters())."""
    with st.sidebar:
        st.markdown(f"#### {partnership.name}")
        if partnership.la_name:
            st.caption(f"Local authority: {partnership.la_name}, {partnership.region_name}")
        st.radio("View", list(VIEWS), format_func=VIEWS.get, key=state.VIEW, horizontal=True,
                 help="Quarter: each quarter's figures (rates over the last 12 months). Financial year: April "
                      "to March, for the annual report and for comparing with DfE's published figures.")
        options, default = data.period_options(st.session_state[state.VIEW])
        state.settle_period(options, default)
        st.selectbox("Period", options, key=state.PERIOD,
                     help="Any loaded period; the latest with figures is chosen when you arrive.")
        st.selectbox("Compare with", comparators.KEYS, key=state.COMPARATOR,
                     format_func=lambda key: comparators.label(key, partnership.region_name),
                     help=glossary.TERMS["statistical neighbours"] + " Region: the partnership's own region.")
