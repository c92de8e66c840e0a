"""Annual view: the financial-year table for the annual report, beside England, region and neighbours."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import scorecard

chosen = state.filters()
years, latest = data.period_options("year")
year = chosen.period if chosen.view == "year" else latest
blocks.page_header("Annual view", f"How did the partnership do over the last three financial years to {year}, "
                   "and how does that compare with England, the region and statistical neighbours?")
if year is None:
    blocks.no_data()
if chosen.view != "year":
    st.caption("Showing the latest financial year. Choose 'Financial year' at the top of the page to pick another.")
st.markdown("Financial years run April to March. Events (referrals, enquiries) are added up over the year; "
            "children on plans or in care are counted on 31 March. Percentages are the year's totals, not an "
            "average of quarters. A year missing a quarter shows *No data* rather than a partial total. The "
            "rating and benchmarks are for the latest year shown; rates are per 10,000 children aged 0-17.")
for theme, table in scorecard.by_theme(data.annual(year)):
    st.header(theme)
    blocks.text_table(table)
