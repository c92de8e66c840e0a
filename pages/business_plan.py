"""Business plan: the partnership's priorities, their actions, and whether the figures they target moved."""

import datetime as dt

import streamlit as st

from pages.ui import access, blocks, loop, state
from safeguarding import rag, views
from safeguarding.plan import STATUS_WORDS

chosen = state.filters()
blocks.page_header("Business plan", "Are the partnership's priorities being delivered, and are the figures they "
                   "aim to move moving? Each priority's actions sit beside the trend of the indicators they target.")
priorities, actions = loop.business_plan()
today = dt.date.today()
if not priorities:
    st.info("No business plan is loaded yet. The business unit can import the plan workbook below.",
            icon=":material/info:")
else:
    refs = [p.ref for p in priorities]
    if st.session_state[state.PRIORITY] not in refs:
        st.session_state[state.PRIORITY] = refs[0]
    by_ref = {p.ref: p for p in priorities}
    ref = st.selectbox("Priority", refs, format_func=lambda r: f"{r}: {by_ref[r].title}", key=state.PRIORITY)
    priority = by_ref[ref]
    st.text(priority.description)
    mine = [a for a in actions if a.priority_ref == ref]
    st.header("Actions")
    blocks.fitted_table(loop.actions_table(mine, today))
    linked = list(dict.fromkeys(i for a in mine for i in a.indicators))
    if linked:
        st.header("The indicators these actions should move")
        for indicator_id in linked:
            blocks.view_chart(views.indicator_chart, chosen, indicator_id, all_periods=True)
    counts = {key: sum(a.rag(today) == key for a in actions) for key in rag.WORDS}
    st.caption("Across the whole plan: " + ", ".join(f"{rag.label(k)} {n}" for k, n in counts.items() if n))
st.header("The plan as a workbook")
st.download_button("Download the business plan (Excel)", loop.plan_workbook_bytes(), file_name="business_plan.xlsx",
                   icon=":material/download:", on_click="ignore",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   help=f"Two sheets, Priorities and Actions. Status is one of: {', '.join(STATUS_WORDS.values())}.")
if access.may("plan"):
    upload = st.file_uploader("Import the edited plan (.xlsx)", type=["xlsx"],
                              key=f"plan_upload_{st.session_state[state.PLAN_ROUND]}")
    if upload is not None:
        found = loop.check_plan(upload.name, upload.getvalue())
        if found.errors:
            st.error(f"{blocks.literal(upload.name)} was not imported: fix the problems below and import it "
                     "again. Nothing was changed.", icon=":material/error:")
            blocks.fitted_table(loop.problems_table(found.problems))
        else:
            st.success(f"{blocks.literal(upload.name)}: {len(found.priorities)} priorities and "
                       f"{len(found.changes)} actions, checked.", icon=":material/check_circle:")
            if st.button("Import the plan", type="primary", icon=":material/upload:"):
                saved, changed = loop.save_plan(found)
                st.session_state[state.PLAN_ROUND] += 1
                st.toast(f"Imported: {saved} priorities, {changed} actions added or changed.")
                st.rerun()
