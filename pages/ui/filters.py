"""The shared filters: who the dashboard is for (sidebar), and the period, view and comparator every page uses, at
the top of the page so that on a phone they are reached without opening the menu or scrolling past it."""

from __future__ import annotations

import streamlit as st

from pages.ui import data, state
from safeguarding import comparators, glossary

VIEWS = {"quarter": "Quarter", "year": "Financial year"}


def sidebar(partnership: data.Partnership) -> None:
    """The partnership's name and local authority at the top of the sidebar."""
    with st.sidebar:
        st.markdown(f"**{partnership.name}**")
        if partnership.la_name:
            st.caption(f"Local authority: {partnership.la_name}, {partnership.region_name}")


def bar(partnership: data.Partnership) -> None:
    """The filters every page reads (state.filters()), in one row above the page (stacked on a phone)."""
    view, period, comparator = st.columns([1.1, 1, 1], vertical_alignment="bottom", gap="small")
    with view:
        st.radio("View", list(VIEWS), format_func=VIEWS.get, key=state.VIEW, horizontal=True,
                 help="Quarter: each quarter's figures (rates over the last 12 months). Financial year: April "
                      "to March, for the annual report and for comparing with DfE's published figures.")
    options, default = data.period_options(st.session_state[state.VIEW])
    state.settle_period(options, default)
    with period:
        st.selectbox("Period", options, key=state.PERIOD,
                     help="Any loaded period; the latest with figures is chosen when you arrive.")
    with comparator:
        st.selectbox("Compare with", comparators.KEYS, key=state.COMPARATOR,
                     format_func=lambda key: comparators.label(key, partnership.region_name),
                     help=glossary.TERMS["statistical neighbours"] + " Region: the partnership's own region.")
