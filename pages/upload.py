"""Upload returns: check partners' workbooks before anything is stored, then load the ones that passed."""

import streamlit as st

from pages.ui import access, blocks, state, workspace
from safeguarding.words import counted

state.filters()
access.require_analyst()
LIMIT_MB = workspace.UPLOAD_LIMIT_MB
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

blocks.page_header("Upload returns", "Which partner returns are ready to load, and what would loading them change? "
                   "Each file is checked first; nothing is stored until you press Load.")

for outcome in st.session_state[state.OUTCOMES]:
    shown = {"loaded": st.success, "unchanged": st.info, "busy": st.warning}.get(outcome.status, st.error)
    shown(f"**{blocks.literal(outcome.file_name)}**: {blocks.literal(outcome.message)}")
    if outcome.submission_id:
        access.submission_link(outcome.submission_id, f"See submission {outcome.submission_id}")

uploaded = st.file_uploader(
    "Partner returns: the template or the long layout (.xlsx), or a .csv", type=["xlsx", "csv"],
    accept_multiple_files=True, key=f"uploader_{st.session_state[state.UPLOAD_ROUND]}", max_upload_size=LIMIT_MB,
    help=f"Drop one or many files at once, up to {LIMIT_MB} MB each. Larger history files: split them by year.")
if not uploaded:
    st.caption(f"Up to {LIMIT_MB} MB a file. Each file is one submission: it loads whole or not at all.")
    st.stop()
st.session_state[state.OUTCOMES] = []

cache = st.session_state[state.CHECKED]
files = []
with st.spinner("Checking the files..."):
    for item in uploaded:
        checked = workspace.check(item.name, item.getvalue(), cache.get(item.file_id))
        cache[item.file_id] = checked
        files.append(checked)
for stale in set(cache) - {item.file_id for item in uploaded}:
    del cache[stale]

ready = [f for f in files if f.status == workspace.READY]
rejected = [f for f in files if f.status == workspace.REJECTED]
st.header("What the files hold")
st.markdown(f"{counted(len(files), 'file')}: **{len(ready)} ready to load**, {len(rejected)} rejected, "
            f"{len(files) - len(ready) - len(rejected)} already loaded.")
blocks.table(workspace.summary(files))
for sentence in workspace.overlaps(files):
    st.warning(blocks.literal(sentence), icon=":material/content_copy:")
problems = [p for f in files for p in f.parsed.problems]
if problems:
    st.download_button("Download every problem as a spreadsheet (to send back to partners)",
                       data=lambda: workspace.problems_workbook(problems), file_name="return_problems.xlsx", mime=XLSX,
                       on_click="ignore", icon=":material/download:", key="problems_all")

st.header("File by file")
for index, checked in enumerate(files):
    parsed = checked.parsed
    label = f"{workspace.STATUS_WORDS[checked.status]}: {blocks.literal(checked.name)}"
    if checked.agencies:
        label += f" ({checked.agencies}, {checked.quarters})"
    with st.expander(label, expanded=checked.status == workspace.REJECTED or len(files) == 1):
        if checked.identical_to:
            st.info(f"Byte for byte the same as {blocks.literal(checked.identical_to)}: loading it again would "
                    "change nothing.")
        if parsed.problems:
            st.markdown(f"**{counted(len(parsed.errors), 'error')}, {counted(len(parsed.warnings), 'warning')}.** "
                        + ("Errors stop the file loading; nothing of it will be stored." if parsed.errors
                           else "Warnings do not stop the file loading: check each with the partner."))
            problems_table = workspace.problems_frame(parsed.problems).drop(columns="File")
            blocks.fitted_table(problems_table)
            st.download_button("Download these problems for the partner (.xlsx)",
                               data=lambda p=list(parsed.problems): workspace.problems_workbook(p),
                               file_name=f"problems_{checked.name.rsplit('.', 1)[0]}.xlsx", mime=XLSX,
                               on_click="ignore", icon=":material/download:", key=f"problems_{index}")
        elif checked.status == workspace.READY:
            st.markdown("No errors and no warnings.")
        if checked.status == workspace.READY:
            restated = workspace.restated_values(checked)
            if len(restated):
                st.markdown(f"**{counted(len(restated), 'value')} restated**: the figure stored now and the one "
                            "in this file.")
                blocks.fitted_table(restated)
            fresh = workspace.new_values(checked)
            st.markdown(f"**{counted(len(fresh), 'new value')}**, {checked.count('unchanged'):,} the same as stored.")
            if len(fresh):
                blocks.table(fresh, height=min(400, 38 + 35 * len(fresh)))

st.divider()
if not ready:
    st.info("No file is ready to load: correct the errors above (or send the problems back to the partner) and "
            "upload the corrected files.", icon=":material/info:")
    st.stop()
names = ", ".join(blocks.literal(f.name) for f in ready)
st.markdown(f"Load **{counted(len(ready), 'file')}**: {names}. The others are left out; each file loads whole or "
            "not at all, and every page shows the new figures at once.")


def load(checked_files: list) -> None:
    """Load the files that passed, say why the others were not (a callback: it runs once, before the next draw)."""
    outcomes = workspace.load(checked_files)
    st.session_state[state.OUTCOMES] = outcomes
    if not any(o.status == workspace.BUSY for o in outcomes):  # keep the files only when one has to be loaded again
        st.session_state[state.UPLOAD_ROUND] += 1
        st.session_state[state.CHECKED] = {}


st.button(f"Load {counted(len(ready), 'file')}", type="primary", icon=":material/upload:", on_click=load,
          args=(files,))
