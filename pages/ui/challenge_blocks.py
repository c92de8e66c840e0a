"""Drawing for challenges: the form to raise one, the list beside a figure, and the answer form."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pages.ui import access, loop
from safeguarding import catalogue, definitions
from safeguarding.challenges import STATUS_WORDS, Challenge, ChallengeError, day_text
from safeguarding.periods import parse_label


def _default_agency(indicator_id: str) -> str:
    numerator = definitions.indicators()[indicator_id].numerator or "CSC."
    return numerator.split(".")[0]


def raise_form(indicator_id: str, period: str, key: str) -> None:
    """A member's question about this figure, to an agency, for a meeting (nothing for a viewer)."""
    if not access.may("challenge"):
        return
    agencies = catalogue.agencies()
    codes = list(agencies)
    with st.popover("Ask an agency about this figure", icon=":material/help:"):
        with st.form(f"raise_{key}", clear_on_submit=True, border=False):
            agency = st.selectbox("Addressed to", codes, index=codes.index(_default_agency(indicator_id)),
                                  format_func=lambda c: agencies[c].name)
            question = st.text_area("Question", max_chars=2000, placeholder="What happened to the other 76%?")
            meeting = st.date_input("Due at the meeting on", value=dt.date.today() + dt.timedelta(days=91),
                                    format="DD/MM/YYYY")
            if st.form_submit_button("Record the question", icon=":material/send:"):
                view, start = parse_label(period)
                try:
                    number = loop.raise_challenge(indicator_id, view, start, agency, question, meeting)
                except ChallengeError as exc:
                    st.error(str(exc))
                else:
                    st.success(f"Recorded as challenge {number}, due {day_text(meeting)}.")


def line(item: Challenge) -> None:
    """One challenge as plain text (a partner's or member's words are never read as markup)."""
    st.text(f"{item.line()}\nAsked about {item.period} by {item.raised_by} on {day_text(item.raised_at.date())}.")
    if item.status == "answered":
        st.text(f"Answer ({item.answered_by}, {day_text(item.answered_at.date())}): {item.answer}")


def history(indicator_id: str, period: str) -> None:
    """Every question asked about this indicator: open first, then answered and withdrawn."""
    items = loop.challenge_list(indicator_id=indicator_id)
    st.subheader("Questions asked about this indicator")
    if not items:
        st.caption("No questions have been recorded about this indicator yet.")
    for item in sorted(items, key=lambda c: (c.status != "open", c.due_meeting)):
        with st.container(border=True):
            st.caption(f"{STATUS_WORDS[item.status]} · challenge {item.challenge_id}")
            line(item)
    raise_form(indicator_id, period, key=f"detail_{indicator_id}")


def answer_form(items: list[Challenge]) -> None:
    """Record an agency's answer to an open challenge, or withdraw one (members and above)."""
    open_items = [c for c in items if c.status == "open"]
    if not open_items or not access.may("challenge"):
        return
    by_id = {c.challenge_id: c for c in open_items}
    with st.form("answer_challenge", clear_on_submit=True):
        st.markdown("**Record an answer**")
        chosen = st.selectbox("Challenge", list(by_id), format_func=lambda i: f"{i}: {by_id[i].indicator_title}, "
                              f"{by_id[i].agency_name}, due {day_text(by_id[i].due_meeting)}")
        text = st.text_area("The agency's answer", max_chars=4000)
        withdraw = st.checkbox("Withdraw the challenge instead (the text above is the reason)",
                               disabled=not access.may("plan"))
        if st.form_submit_button("Save", icon=":material/save:"):
            try:
                (loop.withdraw if withdraw else loop.answer)(chosen, text)
            except ChallengeError as exc:
                st.error(str(exc))
            else:
                st.success(f"Challenge {chosen} {'withdrawn' if withdraw else 'answered'}.")
