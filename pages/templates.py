"""Templates: the blank return workbook for any agency, for the quarters being collected."""

import streamlit as st

from pages.ui import access, blocks, data, state, workspace

state.filters()
access.require_analyst()
OFFERED = 12  # quarters offered, newest first
MAX_QUARTERS = 8  # the contract allows one to eight quarters in a template

blocks.page_header("Templates", "Which workbook does each partner fill in? The blank return for an agency, with a "
                   "column per quarter being collected, checks on every cell and notes on every measure.")
agencies = workspace.agencies()
quarters = {q.label: q for q in reversed(workspace.template_quarters(OFFERED))}
default = [q.label for q in workspace.template_quarters()]
left, right = st.columns([1, 2])
with left:
    agency = st.selectbox("Agency", list(agencies), format_func=lambda c: f"{agencies[c].name} ({c})",
                          key=state.TEMPLATE_AGENCY)
with right:
    chosen = st.multiselect("Quarters (one column each)", list(quarters), default=default, key=state.TEMPLATE_QUARTERS,
                            max_selections=MAX_QUARTERS,
                            help="The last four ended quarters unless you choose others; at most eight.")
if not chosen:
    st.info("Choose at least one quarter.", icon=":material/info:")
    st.stop()
picked = sorted(quarters[label] for label in chosen)
partnership = data.partnership().name
span = picked[0].label if len(picked) == 1 else f"{picked[0].label} to {picked[-1].label}"
st.download_button(f"Download the {agencies[agency].name} template ({span})",
                   data=lambda: workspace.template(agency, picked, partnership=partnership),
                   file_name=f"{agency}_return_{picked[0].label}_{picked[-1].label}.xlsx".replace(" ", "_"),
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                   type="primary", icon=":material/download:")
st.caption("Send it to the agency; when it comes back, load it on the Upload returns page. Partners may insert "
           "rows above the table and add commentary; they must not change the measure codes.")

st.header("What the agency is asked for")
blocks.table(workspace.requested(agency))
