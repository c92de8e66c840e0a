"""Challenges: the questions the partnership asked agencies about their figures, and the answers."""

import streamlit as st

from pages.ui import blocks, challenge_blocks, loop, state
from safeguarding import catalogue
from safeguarding.challenges import STATUS_WORDS, day_text

chosen = state.filters()
blocks.page_header("Challenges and answers", "What has the partnership asked the agencies about their figures, "
                   "and what did they answer? Open questions stay beside the figure until answered.")
agencies = catalogue.agencies()
left, middle, right = st.columns(3)
agency = left.selectbox("Agency", [None, *agencies], format_func=lambda c: "All agencies" if c is None
                        else agencies[c].name, key=state.CHALLENGE_AGENCY)
status = middle.selectbox("Status", [None, *STATUS_WORDS], format_func=lambda s: "Any status" if s is None
                          else STATUS_WORDS[s], key=state.CHALLENGE_STATUS)
meeting = right.selectbox("Due at the meeting", [None, *loop.meetings()], key=state.CHALLENGE_MEETING,
                          format_func=lambda d: "Any meeting" if d is None else day_text(d))
items = loop.challenge_list(agency, status, meeting)
st.markdown(f"**{len(items)}** shown; **{sum(c.status == 'open' for c in items)}** open.")
if items:
    blocks.fitted_table(loop.challenge_table(items))
papers = [c for c in items if c.status == "open"]
if papers:
    title = f"Open challenges{' due ' + day_text(meeting) if meeting else ''}"
    st.download_button("Open challenges for the meeting papers (Excel)", loop.meeting_papers(papers, title),
                       file_name="open_challenges.xlsx", icon=":material/download:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
challenge_blocks.answer_form(items)
