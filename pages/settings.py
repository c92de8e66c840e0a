"""Settings: the partnership's name, its local authority (population, region, neighbours), overrides, suppression."""

import streamlit as st

from pages.ui import access, blocks, state, workspace
from pages.ui import releases as ui_releases

state.filters()
access.require_analyst()
ACTIONS = ["settings", "population override", "threshold", "threshold reset", "reference update"]

blocks.page_header("Settings", "Who is this dashboard for? The partnership's name and local authority (which sets "
                   "its population, region and statistical neighbours), population overrides, and how small numbers "
                   "are kept back in exports and from viewers.")
message = state.take(state.SETTINGS_MESSAGE)
if message:
    kind, text = message
    (st.error if kind == "error" else st.success)(text)


def save_partnership(la_before: int | None) -> None:
    """Store what changed in the form (a callback: it runs once, before the page draws again)."""
    name = st.session_state[state.NAME_FIELD]
    la_code = st.session_state[state.LA_FIELD]
    suppression = int(st.session_state[state.SUPPRESSION_FIELD])
    rule = st.session_state[state.DISCLOSURE_FIELD]
    try:
        workspace.update_settings(
            la_code=la_code if la_code is not None and la_code != la_before else None,
            name=name if name.strip() != workspace.partnership_name() else None,
            suppression=suppression if suppression != workspace.suppression_threshold() else None,
            disclosure=rule if rule != workspace.disclosure_rule() else None)
    except workspace.SettingsError as exc:
        st.session_state[state.SETTINGS_MESSAGE] = ("error", f"Not saved: {exc}")
    else:
        st.session_state[state.SETTINGS_MESSAGE] = ("success", "Saved. Every page now uses these settings.")


def save_override() -> None:
    year, population = int(st.session_state[state.YEAR_FIELD]), int(st.session_state[state.POPULATION_FIELD])
    try:
        workspace.set_population_override(year, population or None)
    except workspace.SettingsError as exc:
        st.session_state[state.SETTINGS_MESSAGE] = ("error", f"Not saved: {exc}")
    else:
        st.session_state[state.SETTINGS_MESSAGE] = ("success", f"Children aged 0-17 at mid-{year}: {population:,}."
                                                 if population else f"The override for mid-{year} is removed.")


def save_release(new_files: list) -> None:
    st.session_state[state.SETTINGS_MESSAGE] = outcome = ui_releases.save(new_files)
    if outcome[0] == "success":  # a new round empties the uploader
        st.session_state[state.RELEASE_ROUND] += 1


la_code = workspace.la_code()
choices = {code: (name, region) for code, name, region in workspace.la_choices()}
codes = list(choices)
with st.form("partnership"):
    st.header("The partnership")
    st.text_input("Partnership name", value=workspace.partnership_name(), max_chars=120, key=state.NAME_FIELD)
    st.selectbox("Local authority", codes, index=codes.index(la_code) if la_code in choices else None,
                 format_func=lambda c: f"{choices[c][0]} ({choices[c][1]})", key=state.LA_FIELD,
                 placeholder="Type to find your local authority", disabled=workspace.la_from_registry(),
                 help="Sets the child population used for rates, the region, and the ten statistical neighbours the "
                      "benchmarks compare with.")
    if workspace.la_from_registry():
        st.caption(f"Set for this service in its secrets file: {workspace.la_names()}.")
    st.markdown("**Small numbers.** Board packs, chart images, scorecard downloads and everything a viewer sees "
                "keep back counts small enough to identify a child. Analysts see exact figures on screen.")
    rules = list(workspace.DISCLOSURE_RULES)
    st.radio("Disclosure control", rules, index=rules.index(workspace.disclosure_rule()),
             format_func=workspace.DISCLOSURE_RULES.get, key=state.DISCLOSURE_FIELD, horizontal=True)
    st.number_input("Suppress and protect: hide counts from 1 up to and including", min_value=1, max_value=20,
                    step=1, value=workspace.suppression_threshold(), key=state.SUPPRESSION_FIELD,
                    help="DfE hides 1 to 5. Not used by the rounding rule, which always hides 1 to 7.")
    for key in rules:
        st.caption(f"**{workspace.DISCLOSURE_RULES[key]}:** "
                   f"{workspace.explain_disclosure(key, workspace.suppression_threshold())}")
    st.form_submit_button("Save", type="primary", icon=":material/save:", on_click=save_partnership, args=(la_code,))
if workspace.is_demo():
    st.caption("This is the demo partnership: its counts are synthetic; the benchmarks are real.")

found = workspace.la_details(la_code)
if found:
    every = workspace.authorities() or [found]
    st.header(" and ".join(d.la_name for d in every))
    for d in every:
        st.markdown(f"**{d.la_name}:** **Region:** {d.region_name} · **DfE code:** {d.la_code} · "
                    f"**ONS code:** {d.new_la_code or '-'}")
    left, right = st.columns(2)
    with left:
        st.markdown("**Statistical neighbours** (DfE model): the authorities most like yours, closest first.")
        for d in every:
            if len(every) > 1:
                st.caption(f"Of {d.la_name} (the benchmarks take every authority's neighbours together, less the "
                           "partnership's own):")
            blocks.table(workspace.neighbours(d))
    with right:
        st.markdown("**Children aged 0-17** (rates per 10,000 use these): the ONS mid-year estimate for the year "
                    "the financial year starts in, unless you override it"
                    + ("; the sum of the authorities' estimates." if len(every) > 1 else "."))
        blocks.table(workspace.populations(la_code))
else:
    st.info("Choose the local authority: without it there is no population for rates and no benchmarks.",
            icon=":material/info:")

st.header("Population overrides")
st.markdown("Use your own figure for a year (for example a newer local estimate): rates for that financial year use "
            "it instead of the ONS estimate.")
with st.form("override"):
    year_cell, population_cell = st.columns(2)
    year_cell.number_input("Mid-year (2024 serves 2024-25)", min_value=2010, max_value=2040, step=1, value=2024,
                           key=state.YEAR_FIELD)
    population_cell.number_input("Children aged 0-17 (0 removes the override)", min_value=0, step=100, value=0,
                                 key=state.POPULATION_FIELD)
    st.form_submit_button("Save the override", icon=":material/save:", on_click=save_override)

st.header("Benchmarks: DfE's statistics files")
st.markdown("The benchmarks ship with DfE's published figures. Each autumn DfE publishes the new year as CSV files on "
            "its statistics service (explore-education-statistics.service.gov.uk): *Children in need* (files b1, c1, "
            "d3, d5) and *Children looked after in England* (number and rate per 10,000). Upload them as downloaded: "
            "each is checked, and what it would change is shown before anything is saved.")
loaded = ui_releases.listing()
if loaded.empty:
    st.caption("No releases loaded: every benchmark is the shipped figure.")
else:
    blocks.table(loaded)
new_files = st.file_uploader("DfE statistics files (.csv)", type=["csv"], accept_multiple_files=True,
                             key=f"release_files_{st.session_state[state.RELEASE_ROUND]}")
if new_files:
    found = ui_releases.preview(new_files)
    for line in found.summary:
        st.text(line)
    if not found.ok:
        st.error("These files cannot be saved; nothing was changed. Fix the cells listed and upload them again.")
        blocks.table(ui_releases.problems(found))
    else:
        if len(found.changes):
            blocks.table(found.changes)
        st.button("Save these benchmarks", type="primary", icon=":material/save:", on_click=save_release,
                  args=(new_files,))

st.header("Recent changes")
changes = workspace.recent_changes(ACTIONS)
if changes.empty:
    st.markdown("No settings or thresholds have been changed yet.")
else:
    blocks.table(changes)
