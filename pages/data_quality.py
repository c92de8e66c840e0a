"""Data quality: which returns arrived, what the checks flagged, and why the scorecard has gaps."""

import streamlit as st

from pages.ui import blocks, data, state
from safeguarding import quality
from safeguarding.words import counted

chosen = state.filters()
blocks.page_header("Data quality", "Can we trust these figures? Which returns have arrived, what the checks "
                   "flagged when they were loaded, and why some figures are missing.")
tracker = data.tracker()
if tracker.empty:
    blocks.no_data()

st.header("Returns received")
st.markdown("Each partner's return for each quarter. *Restated*: a later return changed figures already "
            "loaded (the earlier figures stay in the history).")
blocks.text_table(quality.tracker_grid(tracker))
with st.expander("Who sent each return, and when"):
    blocks.table(quality.tracker_detail(tracker), height=420)

st.header("Checks to follow up")
warnings = data.open_warnings()
counts = quality.warning_counts(warnings)
if not counts:
    st.success("The returns in force raised no warnings.", icon=":material/check_circle:")
else:
    st.markdown("Found by the checks when each return was loaded: parts that do not add up to their total, "
                "sharp rises or drops, and zeros where there has never been a zero. Each needs a word with the "
                "agency: a real change, or a recording error? Warnings about figures a later return has "
                "corrected are not shown.")
    st.pills("Show", list(counts), selection_mode="multi", key=state.WARNING_KIND,
             format_func=lambda kind: f"{kind} ({counts[kind]})")
    blocks.text_table(quality.only_kinds(warnings, st.session_state[state.WARNING_KIND]))

if chosen.period:
    st.header(f"Gaps in the {chosen.period} scorecard")
    gaps = quality.gaps(data.results(chosen.view), chosen.period, tracker)
    if gaps.empty:
        st.success(f"Every indicator has a figure for {chosen.period}.", icon=":material/check_circle:")
    else:
        st.markdown(f"No figure for {chosen.period}: {counted(len(gaps), 'indicator')}, and why.")
        blocks.text_table(gaps)
