"""Yearly report: the statutory sections drafted from the figures and the plan, with the business unit's text."""

import pandas as pd
import streamlit as st

from pages.ui import access, blocks, data, loop, state
from safeguarding import report_text
from safeguarding.challenges import day_text
from safeguarding.export import snapshots
from safeguarding.export.errors import ExportError

state.filters()
blocks.page_header("Yearly report", "What did the partners do this year, and did it work? The report Working "
                   "Together to Safeguard Children asks for, drafted from the year's figures, the business plan "
                   "and the questions asked, with the business unit's own words in each section.")
years, default = data.period_options("year")
if not years:
    blocks.no_data()
if st.session_state[state.REPORT_YEAR] not in years:
    st.session_state[state.REPORT_YEAR] = default
year = st.selectbox("Financial year", years, key=state.REPORT_YEAR)
fy_start = int(year[:4])
texts = loop.report_texts(fy_start)
sections = {s.key: s for s in report_text.SECTIONS}
st.header("Sections")
blocks.text_table(pd.DataFrame([{"Section": s.heading, "Text": f"version {texts[s.key].version}, "
                                 f"{texts[s.key].written_by}, {day_text(texts[s.key].written_at.date())}"
                                 if s.key in texts else "not written yet"} for s in report_text.SECTIONS]))
if access.may("report"):
    key = st.selectbox("Write a section", list(sections), format_func=lambda k: sections[k].heading,
                       key=state.REPORT_SECTION)
    st.caption(f"What it should show: {sections[key].asks}")
    current = texts.get(key)
    with st.form(f"text_{fy_start}_{key}"):
        body = st.text_area("Text (a blank line starts a new paragraph)", value=current.body if current else "",
                            height=240, max_chars=report_text.MAX_TEXT)
        if st.form_submit_button("Save this version", icon=":material/save:"):
            try:
                version = loop.save_text(fy_start, key, body)
            except report_text.ReportTextError as exc:
                st.error(str(exc))
            else:
                st.success(f"Saved as version {version}. Earlier versions are kept.")
    earlier = loop.text_history(fy_start, key)[1:]
    if earlier:
        with st.expander(f"Earlier versions ({len(earlier)})"):
            for item in earlier:
                st.caption(f"Version {item.version}, {blocks.literal(item.written_by)}, "
                           f"{day_text(item.written_at.date())}")
                st.text(item.body)
st.header("The draft report")
st.caption("Figures are the year view, with small numbers hidden as in every export. Drawing the charts takes a "
           "few seconds.")
final = st.toggle("Leave out the guidance notes (for publication)", value=False)
for fmt, label, mime in (("docx", "Word document", "application/vnd.openxmlformats-officedocument."
                          "wordprocessingml.document"), ("pdf", "PDF", "application/pdf")):
    if st.button(f"Build the {label}", key=f"build_report_{fmt}", disabled=not snapshots.chromium_available(),
                 icon=":material/build:"):
        try:
            with st.spinner(f"Drawing the charts and writing the {label}..."):
                content = loop.report_file(fmt, year, not final)
        except ExportError as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.download_button(f"Download the {label}", content, file_name=loop.report_file_name(year, fmt, not final),
                               mime=mime, on_click="ignore", type="primary", icon=":material/download:",
                               key=f"download_report_{fmt}")
