"""Board pack: the chosen figures as PowerPoint and PDF that can go straight into board papers."""

import streamlit as st

from pages.ui import blocks, data, state, workspace

CHOOSE = "choose"
UNAVAILABLE = ("**PowerPoint and PDF packs are unavailable on this server**: drawing the charts needs "
               "Chromium. Ask whoever runs the dashboard to install it (`sudo apt-get install chromium` on "
               "Debian/Ubuntu) and restart it. The scorecard data below can still be downloaded.")


@st.fragment
def build_button(fmt: str, label: str, view: str, period: str, preset, final: bool, title: str,
                 cleared: bool) -> None:
    """Build one format when asked, then offer it for download (only this part of the page reruns)."""
    if not st.button(f"Build the {label}", icon=":material/build:", key=f"build_{fmt}",
                     disabled=not workspace.chromium_available()):
        return
    try:
        with st.spinner(f"Drawing the charts and laying out the {label}..."):
            content = workspace.export_pack(fmt, period, view, preset, final, cleared)
    except workspace.ExportError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    name = workspace.pack_file_name(data.partnership().name, period, title, fmt, final)
    st.download_button(f"Download the {label}", content, file_name=name, mime=workspace.MEDIA_TYPES[fmt],
                       on_click="ignore", type="primary", icon=":material/download:", key=f"download_{fmt}",
                       help=name)


chosen = state.filters()
blocks.page_header("Board pack", "Which figures go to the board this time? Choose them, then take the pack as "
                   "PowerPoint or PDF, ready for the board papers.")
if chosen.period is None:
    blocks.no_data()
if not workspace.chromium_available():
    st.warning(UNAVAILABLE, icon=":material/warning:")

view, period = chosen.view, chosen.period
st.markdown(f"For **{period}** ({'a quarter' if view == 'quarter' else 'a financial year'}): change the view "
            "and period at the top of the page.")
choice = st.selectbox("Contents", [*workspace.PRESETS, CHOOSE],
                      format_func=lambda key: workspace.PRESETS.get(key, "Choose the indicators"))
titles = {i: workspace.indicators()[i].title for i in data.indicator_ids()}
if choice == CHOOSE:
    preset = st.multiselect("Indicators, in the order the pack shows them", list(titles), format_func=titles.get,
                            default=[i.id for i in workspace.headlines()])
    if not preset:
        st.info("Choose at least one indicator.", icon=":material/info:")
        st.stop()
else:
    preset = choice
final = st.toggle("Final version (otherwise every page is marked DRAFT)")
cleared = workspace.may_clear_commentary() and st.checkbox(
    "Include partners' commentary beside figures that are not shown", key=state.COMMENTARY_ON_HIDDEN,
    help="Left out by default: commentary can state the number a hidden figure keeps back ('Three sets of "
         "proceedings'). Tick only after reading it for this pack.")
title, ids = workspace.pack_contents(preset)
contents_words = ("the agenda (what needs attention, ranked), a page per agenda item, then the headlines' summary"
                  if choice == "agenda" else f"the ratings summary, then one page per indicator ({len(ids)})")
st.markdown(f"**{title}, {period}:** a cover, {contents_words}, each page with its chart, what partners said, its "
            "definition and source. Small numbers are suppressed throughout."
            + (" Every page is marked as synthetic demo data." if data.partnership().demo else ""))
left, right = st.columns(2)
with left:
    build_button("pptx", "PowerPoint", view, period, preset, final, title, cleared)
with right:
    build_button("pdf", "PDF", view, period, preset, final, title, cleared)

st.header("Scorecard data")
st.markdown(f"Every indicator for {period} with its definitions, small numbers suppressed, safe to open in Excel.")
stem = f"Scorecard_{period.replace(' ', '_')}"
xlsx, csv = workspace.scorecard_files(period, view)
with st.container(horizontal=True):
    st.download_button("Excel (.xlsx)", xlsx,
                       file_name=f"{stem}.xlsx", on_click="ignore", icon=":material/table:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.download_button("CSV", csv, file_name=f"{stem}.csv",
                       mime="text/csv", on_click="ignore", icon=":material/csv:")
