"""Submissions: every load with who, when, file and hash; the values of any one; rollback with confirmation."""

import streamlit as st

from pages.ui import access, blocks, state, workspace
from safeguarding.words import counted

state.filters()
access.require_analyst()

blocks.page_header("Submissions", "What has been loaded, by whom and when, and can a load be undone? Every file "
                   "ever loaded, newest first; rolled-back loads stay in the list.")
message = state.take(state.ROLLBACK_MESSAGE)
if message:
    st.success(message, icon=":material/undo:")
table = workspace.submissions()
if table.empty:
    blocks.no_data("Nothing has been loaded yet: load partners' returns on the Upload returns page.")

ids = table["ID"].tolist()
titles = workspace.titles(table)
wanted = st.query_params.get("submission")  # a shared link, or the data-quality page's tracker
if wanted and wanted != st.session_state[state.SUBMISSION_IN_URL]:
    st.session_state[state.SUBMISSION_IN_URL] = wanted
    if wanted.isdigit() and int(wanted) in titles:
        st.session_state[state.SUBMISSION] = int(wanted)
if st.session_state[state.SUBMISSION] not in titles:
    st.session_state[state.SUBMISSION] = ids[0]

st.header("Every load")
blocks.table(table, height=min(420, 38 + 35 * len(table)))

st.header("One submission")
chosen = st.selectbox("Submission", ids, format_func=titles.get, key=state.SUBMISSION)
st.query_params["submission"] = str(chosen)
st.session_state[state.SUBMISSION_IN_URL] = str(chosen)
item = workspace.submission(chosen)
st.markdown(
    f"**{blocks.literal(item.file_name)}**, loaded by **{blocks.literal(item.loaded_by)}** "
    f"on {item.loaded_at:%d %b %Y at %H:%M}: "
    f"{counted(item.value_count, 'value')} for {workspace.agency_names(item.agencies)}, "
    f"{item.quarters.replace(',', ', ')}; {counted(item.warning_count, 'warning')}.  \n"
    f"SHA-256 `{item.sha256}` ({item.layout} layout)")
if item.rolled_back:
    st.info(f"Rolled back by {blocks.literal(item.rolled_back_by)} on {item.rolled_back_at:%d %b %Y at %H:%M}: "
            "none of its values is in force. To restore it, upload the same file again.", icon=":material/undo:")
values = workspace.submission_values(chosen)
in_force = int((values["In force now"] == "yes").sum())
tab_values, tab_warnings = st.tabs([f"Values ({len(values)})", f"Warnings ({item.warning_count})"])
with tab_values:
    if not item.rolled_back:
        others = "" if in_force == len(values) else "; the others were replaced by a later submission, or are blank"
        st.markdown(f"In force now: {in_force:,} of its {counted(len(values), 'value')}{others}.")
    blocks.table(values, height=min(420, 38 + 35 * max(1, len(values))))
with tab_warnings:
    warnings = workspace.submission_warnings(chosen)
    if warnings.empty:
        st.markdown("The checks raised no warning when it was loaded.")
    else:
        blocks.table(warnings)

if item.rolled_back:
    st.stop()
st.header("Roll back")


def ask(submission_id: int | None) -> None:
    st.session_state[state.CONFIRM_ROLLBACK] = submission_id


def roll_back(submission_id: int, file_name: str, withdrawn: int) -> None:
    """Roll the submission back (a callback: it runs once, before the page draws again)."""
    done = workspace.rollback(submission_id)
    st.session_state[state.CONFIRM_ROLLBACK] = None
    st.session_state[state.ROLLBACK_MESSAGE] = (
        f"Submission {submission_id} ({file_name}) is rolled back: {counted(withdrawn, 'value')} "
        "withdrawn." if done
        else f"Submission {submission_id} had already been rolled back (by someone else): nothing changed.")


if st.session_state[state.CONFIRM_ROLLBACK] != chosen:
    st.markdown("Withdraws this submission's values; where an earlier submission gave a figure for the same agency, "
                "quarter and measure, that figure is in force again. The record stays here, marked rolled back.")
    st.button(f"Roll back submission {chosen}...", icon=":material/undo:", on_click=ask, args=(chosen,))
    st.stop()
st.warning(f"Roll back submission {chosen} ({blocks.literal(item.file_name)})? "
           f"{counted(in_force, 'value')} in force now will be withdrawn; every figure and rating that uses them "
           "changes for everyone at once.",
           icon=":material/warning:")
with st.container(horizontal=True):
    st.button("Yes, roll it back", type="primary", on_click=roll_back, args=(chosen, item.file_name, in_force))
    st.button("Cancel", on_click=ask, args=(None,))
